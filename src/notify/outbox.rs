//! The outbox table: queueing, claiming, and recording the outcome of each send.

use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Integer, Text, Timestamp};
use serde::Serialize;

use crate::db::schema::outbox_emails;
use crate::db::Db;
use crate::web::Views;

pub const PENDING: &str = "pending";
pub const SENDING: &str = "sending";
pub const SENT: &str = "sent";
pub const FAILED: &str = "failed";

/// How long a claim lasts: a worker that dies mid-send releases its emails after this.
pub const LEASE_SECONDS: i64 = 60;

#[derive(Debug, Clone, Queryable, QueryableByName, Selectable)]
#[diesel(table_name = outbox_emails)]
pub struct OutboxEmail {
    #[diesel(sql_type = BigInt)]
    pub id: i64,
    #[diesel(sql_type = Text)]
    pub to_address: String,
    #[diesel(sql_type = Text)]
    pub subject: String,
    #[diesel(sql_type = Text)]
    pub body_text: String,
    #[diesel(sql_type = Text)]
    pub body_html: String,
    #[diesel(sql_type = Integer)]
    pub attempts: i32,
    #[diesel(sql_type = diesel::sql_types::Nullable<Text>)]
    pub attachment_name: Option<String>,
    #[diesel(sql_type = diesel::sql_types::Nullable<Text>)]
    pub attachment_type: Option<String>,
    #[diesel(sql_type = diesel::sql_types::Nullable<Text>)]
    pub attachment_body: Option<String>,
}

/// A file sent with an email, e.g. a meeting's `invite.ics`.
#[derive(Debug, Clone)]
pub struct Attachment {
    pub name: String,
    /// A MIME type, e.g. `text/calendar; method=REQUEST`.
    pub content_type: String,
    pub body: String,
}

/// Renders `templates/email/<name>/{subject,body.txt,body.html}.hbs` with `data` and
/// queues the email in the caller's transaction. Nothing is sent until it commits.
pub fn queue(
    conn: &mut Db,
    views: &Views,
    to: &str,
    template: &str,
    data: &impl Serialize,
) -> anyhow::Result<i64> {
    queue_with_attachment(conn, views, to, template, data, None)
}

/// `queue`, with one attachment.
pub fn queue_with_attachment(
    conn: &mut Db,
    views: &Views,
    to: &str,
    template: &str,
    data: &impl Serialize,
    attachment: Option<&Attachment>,
) -> anyhow::Result<i64> {
    let subject = views
        .text
        .render(&format!("email/{template}/subject"), data)?;
    let body_text = views
        .text
        .render(&format!("email/{template}/body.txt"), data)?;
    let body_html = views
        .html
        .render(&format!("email/{template}/body.html"), data)?;
    let now = crate::now();
    let id = diesel::insert_into(outbox_emails::table)
        .values((
            outbox_emails::to_address.eq(to),
            outbox_emails::template.eq(template),
            outbox_emails::subject.eq(subject.trim()),
            outbox_emails::body_text.eq(body_text),
            outbox_emails::body_html.eq(body_html),
            outbox_emails::status.eq(PENDING),
            outbox_emails::attempts.eq(0),
            outbox_emails::next_attempt_at.eq(now),
            outbox_emails::created_at.eq(now),
            outbox_emails::attachment_name.eq(attachment.map(|a| a.name.as_str())),
            outbox_emails::attachment_type.eq(attachment.map(|a| a.content_type.as_str())),
            outbox_emails::attachment_body.eq(attachment.map(|a| a.body.as_str())),
        ))
        .returning(outbox_emails::id)
        .get_result(conn)?;
    Ok(id)
}

/// Atomically claims up to `limit` due emails for `worker`. On PostgreSQL rows locked by
/// another worker are skipped (`FOR UPDATE SKIP LOCKED`); SQLite has one writer at a time,
/// so its single UPDATE is atomic. Claims whose lease ran out (a worker died) are due again.
pub fn claim(conn: &mut Db, worker: &str, limit: i64) -> QueryResult<Vec<OutboxEmail>> {
    let now = crate::now();
    let until = now + Duration::seconds(LEASE_SECONDS);
    const COLUMNS: &str = "id, to_address, subject, body_text, body_html, attempts, \
                           attachment_name, attachment_type, attachment_body";
    match conn {
        Db::Postgres(c) => diesel::sql_query(format!(
            "UPDATE outbox_emails SET status = 'sending', claimed_by = $1, claimed_until = $2, \
             attempts = attempts + 1 \
             WHERE id IN (SELECT id FROM outbox_emails \
                 WHERE (status = 'pending' AND next_attempt_at <= $3) \
                    OR (status = 'sending' AND claimed_until < $3) \
                 ORDER BY id LIMIT $4 FOR UPDATE SKIP LOCKED) \
             RETURNING {COLUMNS}"
        ))
        .bind::<Text, _>(worker)
        .bind::<Timestamp, _>(until)
        .bind::<Timestamp, _>(now)
        .bind::<BigInt, _>(limit)
        .load(c),
        Db::Sqlite(c) => diesel::sql_query(format!(
            "UPDATE outbox_emails SET status = 'sending', claimed_by = ?, claimed_until = ?, \
             attempts = attempts + 1 \
             WHERE id IN (SELECT id FROM outbox_emails \
                 WHERE (status = 'pending' AND next_attempt_at <= ?) \
                    OR (status = 'sending' AND claimed_until < ?) \
                 ORDER BY id LIMIT ?) \
             RETURNING {COLUMNS}"
        ))
        .bind::<Text, _>(worker)
        .bind::<Timestamp, _>(until)
        .bind::<Timestamp, _>(now)
        .bind::<Timestamp, _>(now)
        .bind::<BigInt, _>(limit)
        .load(c),
    }
}

pub fn mark_sent(conn: &mut Db, id: i64, worker: &str) -> QueryResult<usize> {
    diesel::update(
        outbox_emails::table
            .filter(outbox_emails::id.eq(id))
            .filter(outbox_emails::claimed_by.eq(worker)),
    )
    .set((
        outbox_emails::status.eq(SENT),
        outbox_emails::sent_at.eq(Some(crate::now())),
        outbox_emails::claimed_until.eq(None::<NaiveDateTime>),
        outbox_emails::last_error.eq(None::<String>),
    ))
    .execute(conn)
}

/// Exponential backoff: 30 s, 1 min, 2 min … capped at 1 hour.
pub fn backoff(attempts: i32) -> Duration {
    let secs = 30i64.saturating_mul(1i64 << attempts.clamp(0, 10).saturating_sub(1));
    Duration::seconds(secs.min(3600))
}

/// Records a failed attempt: due again after a backoff, or failed for good after
/// `max_attempts`.
pub fn mark_failed(
    conn: &mut Db,
    email: &OutboxEmail,
    worker: &str,
    error: &str,
    max_attempts: i32,
    retry_scale: f64,
) -> QueryResult<usize> {
    let permanent = email.attempts >= max_attempts;
    let delay = backoff(email.attempts);
    let delay = Duration::milliseconds((delay.num_milliseconds() as f64 * retry_scale) as i64);
    diesel::update(
        outbox_emails::table
            .filter(outbox_emails::id.eq(email.id))
            .filter(outbox_emails::claimed_by.eq(worker)),
    )
    .set((
        outbox_emails::status.eq(if permanent { FAILED } else { PENDING }),
        outbox_emails::next_attempt_at.eq(crate::now() + delay),
        outbox_emails::claimed_until.eq(None::<NaiveDateTime>),
        outbox_emails::last_error.eq(Some(error.chars().take(500).collect::<String>())),
    ))
    .execute(conn)
}

/// Counts by status, for the admin page and tests.
pub fn counts(conn: &mut Db) -> QueryResult<Vec<(String, i64)>> {
    outbox_emails::table
        .group_by(outbox_emails::status)
        .select((outbox_emails::status, diesel::dsl::count_star()))
        .load(conn)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_grows_and_is_capped() {
        assert_eq!(backoff(1), Duration::seconds(30));
        assert_eq!(backoff(2), Duration::seconds(60));
        assert_eq!(backoff(3), Duration::seconds(120));
        assert_eq!(backoff(20), Duration::seconds(3600));
    }
}
