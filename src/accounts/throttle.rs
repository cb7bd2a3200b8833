//! Sign-in throttling per account and per address, kept in the database so every node
//! counts the same attempts.

use chrono::Duration;
use diesel::prelude::*;

use crate::db::schema::signin_attempts;
use crate::db::Db;

/// Failed attempts allowed in the window before sign-in is paused.
pub const PER_ACCOUNT: i64 = 5;
pub const PER_ADDRESS: i64 = 20;
pub const WINDOW_MINUTES: i64 = 15;

/// `Some(minutes to wait)` when this email or address has failed too often recently.
pub fn blocked_for(conn: &mut Db, email: &str, ip: &str) -> QueryResult<Option<i64>> {
    let since = crate::now() - Duration::minutes(WINDOW_MINUTES);
    let by_account: i64 = signin_attempts::table
        .filter(signin_attempts::email.eq(email))
        .filter(signin_attempts::succeeded.eq(false))
        .filter(signin_attempts::attempted_at.gt(since))
        .count()
        .get_result(conn)?;
    let by_address: i64 = signin_attempts::table
        .filter(signin_attempts::ip.eq(ip))
        .filter(signin_attempts::succeeded.eq(false))
        .filter(signin_attempts::attempted_at.gt(since))
        .count()
        .get_result(conn)?;
    if by_account >= PER_ACCOUNT || by_address >= PER_ADDRESS {
        Ok(Some(WINDOW_MINUTES))
    } else {
        Ok(None)
    }
}

pub fn record(conn: &mut Db, email: &str, ip: &str, succeeded: bool) -> QueryResult<()> {
    diesel::insert_into(signin_attempts::table)
        .values((
            signin_attempts::email.eq(email),
            signin_attempts::ip.eq(ip),
            signin_attempts::succeeded.eq(succeeded),
            signin_attempts::attempted_at.eq(crate::now()),
        ))
        .execute(conn)?;
    if succeeded {
        // A successful sign-in clears the account's failures.
        diesel::delete(
            signin_attempts::table
                .filter(signin_attempts::email.eq(email))
                .filter(signin_attempts::succeeded.eq(false)),
        )
        .execute(conn)?;
    }
    Ok(())
}
