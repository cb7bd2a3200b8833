//! Server-side sessions: the cookie holds a random token, the database its hash. Every
//! request looks the session up, so ending a user's sessions (password change,
//! deactivation) takes effect on every node at once.

use chrono::Duration;
use diesel::prelude::*;

use super::access::{Grant, Viewer};
use super::model::{Role, RoleGrantRow, User};
use crate::db::schema::{group_memberships, role_grants, sessions, users};
use crate::db::Db;
use crate::web::tokens::{hash_token, random_token};

pub const COOKIE: &str = "cr_session";
pub const LIFETIME_DAYS: i64 = 30;

/// Starts a session and returns the token for the cookie.
pub fn start(conn: &mut Db, user_id: i64) -> QueryResult<String> {
    let token = random_token();
    let now = crate::now();
    diesel::insert_into(sessions::table)
        .values((
            sessions::token_hash.eq(hash_token(&token)),
            sessions::user_id.eq(user_id),
            sessions::created_at.eq(now),
            sessions::expires_at.eq(now + Duration::days(LIFETIME_DAYS)),
        ))
        .execute(conn)?;
    Ok(token)
}

pub fn end(conn: &mut Db, token: &str) -> QueryResult<usize> {
    diesel::delete(sessions::table.filter(sessions::token_hash.eq(hash_token(token)))).execute(conn)
}

/// Ends every session of a user (all devices, all nodes).
pub fn end_all(conn: &mut Db, user_id: i64) -> QueryResult<usize> {
    diesel::delete(sessions::table.filter(sessions::user_id.eq(user_id))).execute(conn)
}

/// Ends every session of a user except the one in use.
pub fn end_others(conn: &mut Db, user_id: i64, keep_token: &str) -> QueryResult<usize> {
    diesel::delete(
        sessions::table
            .filter(sessions::user_id.eq(user_id))
            .filter(sessions::token_hash.ne(hash_token(keep_token))),
    )
    .execute(conn)
}

/// The viewer behind a session token, if the session is live and the account active.
pub fn viewer_for(conn: &mut Db, token: &str) -> QueryResult<Option<Viewer>> {
    let now = crate::now();
    let user: Option<User> = sessions::table
        .inner_join(users::table)
        .filter(sessions::token_hash.eq(hash_token(token)))
        .filter(sessions::expires_at.gt(now))
        .filter(users::deactivated_at.is_null())
        .select(User::as_select())
        .first(conn)
        .optional()?;
    match user {
        Some(user) => Ok(Some(viewer_of(conn, user)?)),
        None => Ok(None),
    }
}

/// Loads a user's grants and memberships.
pub fn viewer_of(conn: &mut Db, user: User) -> QueryResult<Viewer> {
    let grants = role_grants::table
        .filter(role_grants::user_id.eq(user.id))
        .select(RoleGrantRow::as_select())
        .load(conn)?
        .into_iter()
        .filter_map(|g| {
            Some(Grant {
                role: Role::parse(&g.role)?,
                authority_id: g.authority_id,
                school_id: g.school_id,
                group_id: g.group_id,
            })
        })
        .collect();
    let member_of = group_memberships::table
        .filter(group_memberships::user_id.eq(user.id))
        .select(group_memberships::group_id)
        .load(conn)?;
    Ok(Viewer {
        user,
        grants,
        member_of,
    })
}

/// Removes expired sessions; run now and then by the worker.
pub fn sweep_expired(conn: &mut Db) -> QueryResult<usize> {
    diesel::delete(sessions::table.filter(sessions::expires_at.le(crate::now()))).execute(conn)
}
