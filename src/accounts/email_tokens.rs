//! Single-use links sent by email: verifying an address and resetting a password.

use chrono::Duration;
use diesel::prelude::*;

use crate::db::schema::email_tokens;
use crate::db::Db;
use crate::web::tokens::{hash_token, random_token};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    Verify,
    Reset,
}

impl Purpose {
    fn as_str(self) -> &'static str {
        match self {
            Purpose::Verify => "verify",
            Purpose::Reset => "reset",
        }
    }
    /// Verification links last two days; reset links one hour.
    pub fn lifetime(self) -> Duration {
        match self {
            Purpose::Verify => Duration::hours(48),
            Purpose::Reset => Duration::hours(1),
        }
    }
}

#[derive(Debug, PartialEq, Eq)]
pub enum LinkProblem {
    Unknown,
    Used,
    Expired,
}

impl LinkProblem {
    pub fn message(&self) -> &'static str {
        match self {
            LinkProblem::Unknown => {
                "That link isn't valid. Check you copied the whole link from the email."
            }
            LinkProblem::Used => "That link has already been used. Each link works once.",
            LinkProblem::Expired => "That link has expired. Ask for a new one below.",
        }
    }
}

pub fn issue(conn: &mut Db, user_id: i64, purpose: Purpose) -> QueryResult<String> {
    let token = random_token();
    let now = crate::now();
    diesel::insert_into(email_tokens::table)
        .values((
            email_tokens::token_hash.eq(hash_token(&token)),
            email_tokens::user_id.eq(user_id),
            email_tokens::purpose.eq(purpose.as_str()),
            email_tokens::expires_at.eq(now + purpose.lifetime()),
            email_tokens::created_at.eq(now),
        ))
        .execute(conn)?;
    Ok(token)
}

/// Checks a link without using it up (for showing the form behind it).
pub fn check(
    conn: &mut Db,
    token: &str,
    purpose: Purpose,
) -> QueryResult<Result<i64, LinkProblem>> {
    let row: Option<(i64, Option<chrono::NaiveDateTime>, chrono::NaiveDateTime)> =
        email_tokens::table
            .filter(email_tokens::token_hash.eq(hash_token(token)))
            .filter(email_tokens::purpose.eq(purpose.as_str()))
            .select((
                email_tokens::user_id,
                email_tokens::used_at,
                email_tokens::expires_at,
            ))
            .first(conn)
            .optional()?;
    Ok(match row {
        None => Err(LinkProblem::Unknown),
        Some((_, Some(_), _)) => Err(LinkProblem::Used),
        Some((_, None, expires)) if expires <= crate::now() => Err(LinkProblem::Expired),
        Some((user_id, None, _)) => Ok(user_id),
    })
}

/// Uses a link up; only one caller can succeed, even if two arrive at once.
pub fn redeem(
    conn: &mut Db,
    token: &str,
    purpose: Purpose,
) -> QueryResult<Result<i64, LinkProblem>> {
    let user_id = match check(conn, token, purpose)? {
        Ok(id) => id,
        Err(p) => return Ok(Err(p)),
    };
    let updated = diesel::update(
        email_tokens::table
            .filter(email_tokens::token_hash.eq(hash_token(token)))
            .filter(email_tokens::used_at.is_null()),
    )
    .set(email_tokens::used_at.eq(Some(crate::now())))
    .execute(conn)?;
    Ok(if updated == 1 {
        Ok(user_id)
    } else {
        Err(LinkProblem::Used)
    })
}
