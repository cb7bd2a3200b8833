//! Account reads and writes used by the handlers and the admin commands.

use diesel::prelude::*;

use super::email_tokens::{self, Purpose};
use super::model::{NewUser, User};
use super::{passwords, sessions};
use crate::db::schema::users;
use crate::db::Db;
use crate::web::Views;

pub fn normalise_email(email: &str) -> String {
    email.trim().to_lowercase()
}

pub fn find_by_email(conn: &mut Db, email: &str) -> QueryResult<Option<User>> {
    users::table
        .filter(users::email.eq(normalise_email(email)))
        .select(User::as_select())
        .first(conn)
        .optional()
}

pub fn find(conn: &mut Db, id: i64) -> QueryResult<User> {
    users::table.find(id).select(User::as_select()).first(conn)
}

pub fn email_taken(conn: &mut Db, email: &str) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(
        users::table.filter(users::email.eq(normalise_email(email))),
    ))
    .get_result(conn)
}

/// Creates a member and queues their verification email, in the caller's transaction.
pub fn sign_up(
    conn: &mut Db,
    views: &Views,
    base_url: &str,
    email: &str,
    display_name: &str,
    password_hash: &str,
) -> anyhow::Result<i64> {
    let email = normalise_email(email);
    let id: i64 = diesel::insert_into(users::table)
        .values(NewUser::member(&email, display_name, Some(password_hash)))
        .returning(users::id)
        .get_result(conn)?;
    send_verification(conn, views, base_url, id, &email, display_name)?;
    Ok(id)
}

pub fn send_verification(
    conn: &mut Db,
    views: &Views,
    base_url: &str,
    user_id: i64,
    email: &str,
    display_name: &str,
) -> anyhow::Result<()> {
    let token = email_tokens::issue(conn, user_id, Purpose::Verify)?;
    crate::notify::queue(
        conn,
        views,
        email,
        "verify_email",
        &serde_json::json!({
            "name": display_name,
            "link": format!("{base_url}/verify-email?token={token}"),
            "hours": Purpose::Verify.lifetime().num_hours(),
        }),
    )?;
    Ok(())
}

pub fn mark_verified(conn: &mut Db, user_id: i64) -> QueryResult<usize> {
    diesel::update(
        users::table
            .find(user_id)
            .filter(users::email_verified_at.is_null()),
    )
    .set(users::email_verified_at.eq(Some(crate::now())))
    .execute(conn)
}

/// Sets a new password and ends the user's sessions everywhere (except `keep`, the
/// session in use when they changed it themselves).
pub fn set_password(
    conn: &mut Db,
    user_id: i64,
    password: &str,
    keep: Option<&str>,
) -> anyhow::Result<()> {
    let hash = passwords::hash(password)?;
    diesel::update(users::table.find(user_id))
        .set((
            users::password_hash.eq(Some(hash)),
            users::updated_at.eq(crate::now()),
        ))
        .execute(conn)?;
    match keep {
        Some(token) => sessions::end_others(conn, user_id, token)?,
        None => sessions::end_all(conn, user_id)?,
    };
    Ok(())
}

/// Deactivates an account: it can no longer sign in and its sessions end at once.
pub fn deactivate(conn: &mut Db, user_id: i64) -> QueryResult<()> {
    diesel::update(users::table.find(user_id))
        .set(users::deactivated_at.eq(Some(crate::now())))
        .execute(conn)?;
    sessions::end_all(conn, user_id)?;
    Ok(())
}
