//! Queries for polls and meetings shared by the handlers, the release flow and the jobs.

use diesel::prelude::*;
use serde::Serialize;

use super::model::*;
use crate::db::schema::{group_memberships, meetings, regional_groups, rsvps, schools, users};
use crate::db::Db;

/// A group member with what the meeting rules need.
#[derive(Debug, Clone, Queryable, Serialize)]
pub struct Member {
    pub id: i64,
    pub display_name: String,
    pub email: String,
    pub school_id: Option<i64>,
    pub working_days: String,
    pub working_hours: String,
}

pub fn members(c: &mut Db, group_id: i64) -> QueryResult<Vec<Member>> {
    group_memberships::table
        .inner_join(users::table)
        .filter(group_memberships::group_id.eq(group_id))
        .filter(users::deactivated_at.is_null())
        .order(users::display_name.asc())
        .select((
            users::id,
            users::display_name,
            users::email,
            users::school_id,
            users::working_days,
            users::working_hours,
        ))
        .load(c)
}

pub fn member(c: &mut Db, user_id: i64) -> QueryResult<Member> {
    users::table
        .find(user_id)
        .select((
            users::id,
            users::display_name,
            users::email,
            users::school_id,
            users::working_days,
            users::working_hours,
        ))
        .first(c)
}

/// (name, authority) of a group.
pub fn group_of(c: &mut Db, group_id: i64) -> QueryResult<(String, i64)> {
    regional_groups::table
        .find(group_id)
        .select((regional_groups::name, regional_groups::authority_id))
        .first(c)
}

pub fn meeting(c: &mut Db, id: i64) -> QueryResult<Meeting> {
    meetings::table
        .find(id)
        .select(Meeting::as_select())
        .first(c)
}

pub fn school_name(c: &mut Db, id: Option<i64>) -> QueryResult<Option<String>> {
    match id {
        Some(id) => schools::table
            .find(id)
            .select(schools::name)
            .first(c)
            .optional(),
        None => Ok(None),
    }
}

/// Where a meeting is, in words.
pub fn venue_of(c: &mut Db, m: &Meeting) -> QueryResult<String> {
    Ok(match school_name(c, m.venue_school_id)? {
        Some(s) => s,
        None if !m.online_link.is_empty() => format!("Online: {}", m.online_link),
        None => "Online".into(),
    })
}

pub fn rsvp_of(c: &mut Db, meeting_id: i64, user_id: i64) -> QueryResult<Option<(String, String)>> {
    rsvps::table
        .filter(rsvps::meeting_id.eq(meeting_id))
        .filter(rsvps::user_id.eq(user_id))
        .select((rsvps::status, rsvps::reason))
        .first(c)
        .optional()
}

pub fn going_count(c: &mut Db, meeting_id: i64) -> QueryResult<i64> {
    rsvps::table
        .filter(rsvps::meeting_id.eq(meeting_id))
        .filter(rsvps::status.eq(GOING))
        .count()
        .get_result(c)
}

/// Sets someone's RSVP, creating it if needed.
pub fn set_rsvp(
    c: &mut Db,
    meeting_id: i64,
    user_id: i64,
    status: &str,
    reason: &str,
) -> QueryResult<()> {
    let now = crate::now();
    let changed = diesel::update(
        rsvps::table
            .filter(rsvps::meeting_id.eq(meeting_id))
            .filter(rsvps::user_id.eq(user_id)),
    )
    .set((
        rsvps::status.eq(status),
        rsvps::reason.eq(reason),
        rsvps::updated_at.eq(now),
    ))
    .execute(c)?;
    if changed == 0 {
        diesel::insert_into(rsvps::table)
            .values((
                rsvps::meeting_id.eq(meeting_id),
                rsvps::user_id.eq(user_id),
                rsvps::status.eq(status),
                rsvps::reason.eq(reason),
                rsvps::created_at.eq(now),
                rsvps::updated_at.eq(now),
            ))
            .execute(c)?;
    }
    Ok(())
}

/// The first person on the waiting list, if a place is free.
pub fn next_waiting(c: &mut Db, m: &Meeting) -> QueryResult<Option<i64>> {
    if m.capacity > 0 && going_count(c, m.id)? >= i64::from(m.capacity) {
        return Ok(None);
    }
    rsvps::table
        .filter(rsvps::meeting_id.eq(m.id))
        .filter(rsvps::status.eq(WAITING))
        .order((rsvps::updated_at.asc(), rsvps::id.asc()))
        .select(rsvps::user_id)
        .first(c)
        .optional()
}

/// Takes the meeting's row lock on PostgreSQL (SQLite's write transaction already holds
/// the database), so two RSVPs for the last place can't both get it.
pub fn lock_meeting(c: &mut Db, meeting_id: i64) -> QueryResult<()> {
    diesel::update(meetings::table.find(meeting_id))
        .set(meetings::updated_at.eq(meetings::updated_at))
        .execute(c)
        .map(|_| ())
}

/// People's emails and names by id, in one query.
pub fn people(c: &mut Db, ids: &[i64]) -> QueryResult<Vec<(i64, String, String)>> {
    users::table
        .filter(users::id.eq_any(ids))
        .filter(users::deactivated_at.is_null())
        .select((users::id, users::email, users::display_name))
        .load(c)
}

/// The group's member schools, least recently hosting first (never-hosted first), to
/// suggest where the next meeting goes.
pub fn suggested_hosts(c: &mut Db, group_id: i64) -> QueryResult<Vec<(i64, String)>> {
    let member_schools: Vec<(i64, String)> = group_memberships::table
        .inner_join(users::table.inner_join(schools::table))
        .filter(group_memberships::group_id.eq(group_id))
        .select((schools::id, schools::name))
        .distinct()
        .load(c)?;
    let hosted: Vec<(Option<i64>, chrono::NaiveDate)> = meetings::table
        .filter(meetings::group_id.eq(group_id))
        .filter(meetings::venue_school_id.is_not_null())
        .select((meetings::venue_school_id, meetings::meeting_date))
        .load(c)?;
    let last = |id: i64| hosted.iter().filter(|h| h.0 == Some(id)).map(|h| h.1).max();
    let mut list = member_schools;
    list.sort_by(|a, b| last(a.0).cmp(&last(b.0)).then(a.1.cmp(&b.1)));
    Ok(list)
}
