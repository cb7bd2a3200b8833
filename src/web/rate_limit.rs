//! Rate limits on actions that send email or create things (sign-ups, reset links,
//! invitations), counted in the database so every node shares the count.

use chrono::Duration;
use diesel::prelude::*;

use crate::db::schema::rate_events;
use crate::db::Db;
use crate::error::AppError;

#[derive(Debug, Clone, Copy)]
pub struct Limit {
    pub max: i64,
    pub window: Duration,
    /// What is limited, for the message: "sign-ups", "reset emails".
    pub what: &'static str,
}

pub const SIGN_UPS_PER_ADDRESS: Limit = Limit {
    max: 10,
    window: Duration::hours(1),
    what: "sign-ups from this network",
};
pub const RESETS_PER_ADDRESS: Limit = Limit {
    max: 10,
    window: Duration::hours(1),
    what: "password reset requests from this network",
};
pub const INVITATIONS_PER_USER: Limit = Limit {
    max: 50,
    window: Duration::days(1),
    what: "invitations",
};

/// Counts one event in `bucket`, or refuses with a clear message once `limit` is reached.
/// Call inside the write transaction of the action it limits.
pub fn hit(conn: &mut Db, bucket: &str, limit: Limit) -> Result<(), AppError> {
    let now = crate::now();
    let since = now - limit.window;
    let recent: i64 = rate_events::table
        .filter(rate_events::bucket.eq(bucket))
        .filter(rate_events::happened_at.gt(since))
        .count()
        .get_result(conn)?;
    if recent >= limit.max {
        let minutes = limit.window.num_minutes();
        let wait = if minutes >= 120 {
            format!("{} hours", minutes / 60)
        } else {
            format!("{minutes} minutes")
        };
        return Err(AppError::TooManyRequests(format!(
            "There have been too many {} recently. Please try again within {wait}.",
            limit.what
        )));
    }
    diesel::insert_into(rate_events::table)
        .values((
            rate_events::bucket.eq(bucket),
            rate_events::happened_at.eq(now),
        ))
        .execute(conn)?;
    Ok(())
}

/// Forgets events older than any window (run by the housekeeping job).
pub fn sweep(conn: &mut Db) -> QueryResult<usize> {
    diesel::delete(
        rate_events::table.filter(rate_events::happened_at.lt(crate::now() - Duration::days(2))),
    )
    .execute(conn)
}
