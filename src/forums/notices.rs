//! Keeping up: in-app notifications for mentions, replies and watched threads, emails
//! through the outbox (at once, or in a daily digest, as each member chooses), the
//! unsubscribe link that works without signing in, and the digest job.

use std::collections::BTreeMap;

use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Nullable, Text, Timestamp};
use serde_json::json;

use super::posting::Mailing;
use super::{queries as q, render};
use crate::accounts::access::Permission;
use crate::accounts::model::User;
use crate::db::schema::{
    forum_category_levels as fcl, forum_notifications as fnt, forum_prefs as fpr,
    forum_thread_levels as ftl, users,
};
use crate::db::{write_tx, Db};
use crate::error::AppResult;

diesel::define_sql_function!(fn lower(x: Text) -> Text);
diesel::define_sql_function!(fn replace(x: Text, from: Text, to: Text) -> Text);

/// A member's email choice and the token of their unsubscribe link.
#[derive(Debug, Clone, Queryable)]
pub struct Prefs {
    pub user_id: i64,
    pub email_mode: String,
    pub unsubscribe_token: String,
    pub last_seen_at: Option<NaiveDateTime>,
    pub last_digest_at: Option<NaiveDateTime>,
}

/// The member's forum preferences, created (immediate emails) on first need.
pub fn prefs(conn: &mut Db, user_id: i64) -> QueryResult<Prefs> {
    if let Some(p) = fpr::table.find(user_id).first::<Prefs>(conn).optional()? {
        return Ok(p);
    }
    diesel::insert_into(fpr::table)
        .values((
            fpr::user_id.eq(user_id),
            fpr::email_mode.eq("immediate"),
            fpr::unsubscribe_token.eq(crate::web::tokens::random_token()),
        ))
        .execute(conn)?;
    fpr::table.find(user_id).first(conn)
}

/// Notes that the member has been here (the digest skips people who visited since).
pub fn touch_seen(conn: &mut Db, user_id: i64) -> QueryResult<()> {
    let now = crate::now();
    let token = crate::web::tokens::random_token();
    let tail = "ON CONFLICT (user_id) DO UPDATE SET last_seen_at = excluded.last_seen_at";
    let cols = "INSERT INTO forum_prefs (user_id, email_mode, unsubscribe_token, last_seen_at)";
    match conn {
        Db::Postgres(c) => {
            diesel::sql_query(format!("{cols} VALUES ($1, 'immediate', $2, $3) {tail}"))
                .bind::<BigInt, _>(user_id)
                .bind::<Text, _>(token)
                .bind::<Nullable<Timestamp>, _>(Some(now))
                .execute(c)?
        }
        Db::Sqlite(c) => diesel::sql_query(format!("{cols} VALUES (?, 'immediate', ?, ?) {tail}"))
            .bind::<BigInt, _>(user_id)
            .bind::<Text, _>(token)
            .bind::<Nullable<Timestamp>, _>(Some(now))
            .execute(c)?,
    };
    Ok(())
}

/// Who is told about a new visible post, and why: mentioned members who may read it, the
/// thread's author, and members watching the thread or its category; muting wins.
pub fn after_post(conn: &mut Db, mail: &Mailing, thread_id: i64, post_id: i64) -> AppResult<()> {
    let (thread, category) = q::thread(conn, thread_id)?;
    let post = q::post(conn, post_id)?;
    let mut kinds: BTreeMap<i64, &'static str> = BTreeMap::new();
    let watching: Vec<(i64, String)> = ftl::table
        .filter(ftl::thread_id.eq(thread_id))
        .select((ftl::user_id, ftl::level))
        .load(conn)?;
    let category_watchers: Vec<(i64, String)> = fcl::table
        .filter(fcl::category_id.eq(category.id))
        .select((fcl::user_id, fcl::level))
        .load(conn)?;
    let muted = |id: i64| {
        watching.iter().any(|(u, l)| *u == id && l == "muted")
            || (category_watchers
                .iter()
                .any(|(u, l)| *u == id && l == "muted")
                && !watching.iter().any(|(u, _)| *u == id))
    };
    for (user, level) in category_watchers.iter().filter(|(_, l)| l == "watching") {
        if post.is_first || !watching.iter().any(|(u, _)| u == user) {
            let _ = level;
            kinds.insert(
                *user,
                if post.is_first {
                    "new_thread"
                } else {
                    "watching"
                },
            );
        }
    }
    for (user, level) in &watching {
        if level == "watching" && !post.is_first {
            kinds.insert(*user, "watching");
        }
    }
    if !post.is_first {
        kinds.insert(thread.author_id, "reply");
    }
    let handles = render::mentions(&post.body_md);
    if !handles.is_empty() {
        let named: Vec<User> = users::table
            .filter(lower(replace(replace(users::display_name, " ", ""), ".", "")).eq_any(&handles))
            .filter(users::deactivated_at.is_null())
            .select(User::as_select())
            .limit(10)
            .load(conn)?;
        for user in named {
            let home = q::home_of(conn, &user)?;
            let id = user.id;
            let viewer = crate::accounts::sessions::viewer_of(conn, user)?;
            if viewer.may(Permission::ReadForum {
                place: category.place(),
                home,
            }) {
                kinds.insert(id, "mention");
            }
        }
    }
    kinds.remove(&post.author_id);
    let author_name: String = if post.anonymous {
        "A member".into()
    } else {
        users::table
            .find(post.author_id)
            .select(users::display_name)
            .first(conn)?
    };
    let now = crate::now();
    for (user_id, kind) in kinds {
        if muted(user_id) && kind != "mention" {
            continue;
        }
        let summary = match kind {
            "mention" => format!("{author_name} mentioned you in “{}”", thread.title),
            "reply" => format!("{author_name} replied to your thread “{}”", thread.title),
            "new_thread" => format!(
                "{author_name} started “{}” in {}",
                thread.title, category.name
            ),
            _ => format!("{author_name} replied in “{}”", thread.title),
        };
        let id: i64 = diesel::insert_into(fnt::table)
            .values((
                fnt::user_id.eq(user_id),
                fnt::kind.eq(kind),
                fnt::thread_id.eq(thread_id),
                fnt::post_id.eq(post_id),
                fnt::summary.eq(&summary),
                fnt::created_at.eq(now),
            ))
            .returning(fnt::id)
            .get_result(conn)?;
        let p = prefs(conn, user_id)?;
        let (email, wants): (String, bool) = users::table
            .find(user_id)
            .select((users::email, users::email_notifications))
            .first(conn)?;
        if wants && p.email_mode == "immediate" && matches!(kind, "mention" | "reply") {
            crate::notify::queue(
                conn,
                mail.views,
                &email,
                "forum_notice",
                &json!({
                    "summary": summary,
                    "excerpt": render::excerpt(&post.body_md, 300),
                    "link": format!("{}/forums/t/{}#post-{}", mail.base_url, thread_id, post_id),
                    "unsubscribe": format!("{}/forums/unsubscribe/{}", mail.base_url, p.unsubscribe_token),
                }),
            )?;
            diesel::update(fnt::table.find(id))
                .set(fnt::emailed_at.eq(Some(now)))
                .execute(conn)?;
        }
    }
    Ok(())
}

/// One line of the notifications page.
#[derive(Debug, serde::Serialize, Queryable)]
pub struct Notice {
    pub id: i64,
    pub kind: String,
    pub thread_id: i64,
    pub post_id: i64,
    pub summary: String,
    pub read_at: Option<NaiveDateTime>,
    pub created_at: NaiveDateTime,
}

pub fn recent(conn: &mut Db, user_id: i64) -> QueryResult<Vec<Notice>> {
    fnt::table
        .filter(fnt::user_id.eq(user_id))
        .order(fnt::created_at.desc())
        .limit(50)
        .select((
            fnt::id,
            fnt::kind,
            fnt::thread_id,
            fnt::post_id,
            fnt::summary,
            fnt::read_at,
            fnt::created_at,
        ))
        .load(conn)
}

/// Marks a member's notifications about a thread as read (they have seen it).
pub fn read_thread(conn: &mut Db, user_id: i64, thread_id: i64) -> QueryResult<usize> {
    diesel::update(
        fnt::table
            .filter(fnt::user_id.eq(user_id))
            .filter(fnt::thread_id.eq(thread_id))
            .filter(fnt::read_at.is_null()),
    )
    .set(fnt::read_at.eq(Some(crate::now())))
    .execute(conn)
}

pub fn unread_count(conn: &mut Db, user_id: i64) -> QueryResult<i64> {
    fnt::table
        .filter(fnt::user_id.eq(user_id))
        .filter(fnt::read_at.is_null())
        .count()
        .get_result(conn)
}

/// The daily digest: for members who chose it, once a day, the notifications not yet
/// emailed; skipped (and the notifications counted as seen) for anyone who has visited
/// since the last digest. Safe on several nodes: each member's digest is claimed by an
/// UPDATE of `last_digest_at` in the transaction that queues the email.
pub struct DigestJob {
    pub views: std::sync::Arc<crate::web::Views>,
    pub base_url: String,
}

impl crate::notify::worker::PeriodicJob for DigestJob {
    fn name(&self) -> &'static str {
        "forum digest"
    }

    fn run(&self, conn: &mut Db, now: NaiveDateTime) -> anyhow::Result<usize> {
        let cutoff = now - Duration::hours(24);
        let due: Vec<Prefs> = fpr::table
            .filter(fpr::email_mode.eq("daily"))
            .filter(
                fpr::last_digest_at
                    .is_null()
                    .or(fpr::last_digest_at.lt(cutoff)),
            )
            // Only members with something to tell them about.
            .filter(
                fpr::user_id.eq_any(
                    fnt::table
                        .filter(fnt::emailed_at.is_null())
                        .filter(fnt::read_at.is_null())
                        .select(fnt::user_id),
                ),
            )
            .limit(100)
            .load(conn)?;
        let mut sent = 0;
        for p in due {
            sent += write_tx(conn, |c| self.one(c, &p, now, cutoff))?;
        }
        Ok(sent)
    }
}

impl DigestJob {
    fn one(
        &self,
        c: &mut Db,
        p: &Prefs,
        now: NaiveDateTime,
        cutoff: NaiveDateTime,
    ) -> anyhow::Result<usize> {
        let claimed = diesel::update(
            fpr::table.filter(fpr::user_id.eq(p.user_id)).filter(
                fpr::last_digest_at
                    .is_null()
                    .or(fpr::last_digest_at.lt(cutoff)),
            ),
        )
        .set(fpr::last_digest_at.eq(Some(now)))
        .execute(c)?;
        if claimed == 0 {
            return Ok(0);
        }
        let pending = fnt::table
            .filter(fnt::user_id.eq(p.user_id))
            .filter(fnt::emailed_at.is_null())
            .filter(fnt::read_at.is_null());
        let notices: Vec<(String, i64, i64)> = pending
            .order(fnt::id.asc())
            .select((fnt::summary, fnt::thread_id, fnt::post_id))
            .load(c)?;
        diesel::update(pending)
            .set(fnt::emailed_at.eq(Some(now)))
            .execute(c)?;
        let visited_since = match (p.last_seen_at, p.last_digest_at) {
            (Some(seen), Some(last)) => seen > last,
            _ => false,
        };
        if notices.is_empty() || visited_since {
            return Ok(0);
        }
        let (email, wants): (String, bool) = users::table
            .find(p.user_id)
            .select((users::email, users::email_notifications))
            .first(c)?;
        if !wants {
            return Ok(0);
        }
        let items: Vec<_> = notices
            .iter()
            .map(|(summary, t, post)| {
                json!({ "summary": summary, "link": format!("{}/forums/t/{t}#post-{post}", self.base_url) })
            })
            .collect();
        crate::notify::queue(
            c,
            &self.views,
            &email,
            "forum_digest",
            &json!({
                "count": items.len(),
                "items": items,
                "unsubscribe": format!("{}/forums/unsubscribe/{}", self.base_url, p.unsubscribe_token),
            }),
        )?;
        Ok(1)
    }
}

/// Whose unsubscribe link this is.
pub fn by_token(conn: &mut Db, token: &str) -> QueryResult<Option<i64>> {
    fpr::table
        .filter(fpr::unsubscribe_token.eq(token))
        .select(fpr::user_id)
        .first(conn)
        .optional()
}

pub fn set_email_mode(conn: &mut Db, user_id: i64, mode: &str) -> QueryResult<()> {
    prefs(conn, user_id)?;
    diesel::update(fpr::table.find(user_id))
        .set(fpr::email_mode.eq(mode))
        .execute(conn)?;
    Ok(())
}
