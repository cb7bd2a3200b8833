//! RSVPs: going or not, the waiting list and its automatic promotion, and the release
//! request that going to a meeting in school hours sends to the member's head.

use serde_json::json;

use super::model::*;
use super::queries as q;
use crate::db::Db;
use crate::error::AppResult;
use crate::web::AppState;

/// Says someone is going: a place if there is one, otherwise the waiting list. Returns
/// the RSVP status they got.
pub fn go(c: &mut Db, st: &AppState, m: &Meeting, user_id: i64) -> AppResult<&'static str> {
    q::lock_meeting(c, m.id)?;
    let current = q::rsvp_of(c, m.id, user_id)?.map(|r| r.0);
    if matches!(current.as_deref(), Some(GOING) | Some(WAITING)) {
        return Ok(if current.as_deref() == Some(GOING) {
            GOING
        } else {
            WAITING
        });
    }
    let full = m.capacity > 0 && q::going_count(c, m.id)? >= i64::from(m.capacity);
    if full {
        q::set_rsvp(c, m.id, user_id, WAITING, "")?;
        return Ok(WAITING);
    }
    q::set_rsvp(c, m.id, user_id, GOING, "")?;
    crate::release::queries::request_release(c, st, m, user_id)?;
    Ok(GOING)
}

/// Someone can't come (their choice, or their head declined): their place goes to the
/// first on the waiting list, who is told by email.
pub fn drop_out(
    c: &mut Db,
    st: &AppState,
    m: &Meeting,
    user_id: i64,
    reason: &str,
) -> AppResult<()> {
    q::lock_meeting(c, m.id)?;
    q::set_rsvp(c, m.id, user_id, NOT_GOING, reason)?;
    crate::release::queries::withdraw(c, m.id, user_id)?;
    promote(c, st, m)
}

/// Fills free places from the waiting list, in the order people joined it.
pub fn promote(c: &mut Db, st: &AppState, m: &Meeting) -> AppResult<()> {
    while let Some(next) = q::next_waiting(c, m)? {
        q::set_rsvp(c, m.id, next, GOING, "")?;
        super::notices::tell(c, st, m.id, "waitlist_promoted", Some(&[next]), json!({}))?;
        crate::release::queries::request_release(c, st, m, next)?;
    }
    Ok(())
}
