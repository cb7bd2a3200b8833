//! Release requests as stored: raised when a member is going to a meeting in school hours,
//! decided once by their head (or a deputy), totalled per term.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use serde::Serialize;
use serde_json::json;

use crate::db::schema::{meetings, release_requests, role_grants, users};
use crate::db::Db;
use crate::error::{AppError, AppResult};
use crate::meetings::model::Meeting;
use crate::meetings::queries as mq;
use crate::meetings::rules;
use crate::terms::queries::{load_authority_dates, settings_of};
use crate::web::AppState;

pub const PENDING: &str = "pending";
pub const APPROVED: &str = "approved";
pub const DECLINED: &str = "declined";

#[derive(Debug, Clone, Queryable, Selectable, Serialize)]
#[diesel(table_name = release_requests)]
pub struct ReleaseRequest {
    pub id: i64,
    pub meeting_id: i64,
    pub user_id: i64,
    pub school_id: i64,
    pub minutes_out: i32,
    pub cover_needed: bool,
    pub cover_cost_pence: i64,
    pub is_late: bool,
    pub status: String,
    pub note: String,
    pub decided_at: Option<NaiveDateTime>,
    pub created_at: NaiveDateTime,
}

pub fn request(c: &mut Db, id: i64) -> QueryResult<ReleaseRequest> {
    release_requests::table
        .find(id)
        .select(ReleaseRequest::as_select())
        .first(c)
}

pub fn request_for(
    c: &mut Db,
    meeting_id: i64,
    user_id: i64,
) -> QueryResult<Option<ReleaseRequest>> {
    release_requests::table
        .filter(release_requests::meeting_id.eq(meeting_id))
        .filter(release_requests::user_id.eq(user_id))
        .select(ReleaseRequest::as_select())
        .first(c)
        .optional()
}

/// Raises a request when the meeting takes the member out of their working hours; emails
/// their head and any deputies. Does nothing when no time is lost or one exists already.
pub fn request_release(
    c: &mut Db,
    st: &AppState,
    m: &Meeting,
    user_id: i64,
) -> AppResult<Option<i64>> {
    let member = mq::member(c, user_id)?;
    let Some(school_id) = member.school_id else {
        return Ok(None);
    };
    let (Some(start), Some(end)) = (
        rules::parse_time(&m.start_time),
        rules::parse_time(&m.end_time),
    ) else {
        return Ok(None);
    };
    let works = member
        .working_days
        .split(',')
        .any(|d| d.trim() == rules::weekday_code(m.meeting_date));
    let minutes = if works {
        rules::minutes_in_school_hours(&member.working_hours, start, end)
    } else {
        0
    };
    if minutes == 0 {
        return Ok(None);
    }
    if let Some(existing) = request_for(c, m.id, user_id)? {
        if existing.status != DECLINED {
            return Ok(Some(existing.id));
        }
        diesel::delete(release_requests::table.find(existing.id)).execute(c)?;
    }
    let (_, authority_id) = mq::group_of(c, m.group_id)?;
    let cal = load_authority_dates(c, authority_id)?.for_school(Some(school_id));
    let settings = settings_of(c, school_id)?;
    let cover_needed = !cal.is_inset(m.meeting_date);
    let cost = if cover_needed {
        rules::cover_cost_pence(minutes, settings.cover_rate_pence)
    } else {
        0
    };
    let today = crate::now().date();
    let late = rules::is_late(today, m.meeting_date, settings.notice_days);
    let id: i64 = diesel::insert_into(release_requests::table)
        .values((
            release_requests::meeting_id.eq(m.id),
            release_requests::user_id.eq(user_id),
            release_requests::school_id.eq(school_id),
            release_requests::minutes_out.eq(i32::try_from(minutes).unwrap_or(i32::MAX)),
            release_requests::cover_needed.eq(cover_needed),
            release_requests::cover_cost_pence.eq(cost),
            release_requests::is_late.eq(late),
            release_requests::status.eq(PENDING),
            release_requests::note.eq(""),
            release_requests::created_at.eq(crate::now()),
        ))
        .returning(release_requests::id)
        .get_result(c)?;
    let deciders: Vec<(String, String)> = role_grants::table
        .inner_join(users::table)
        .filter(role_grants::school_id.eq(school_id))
        .filter(role_grants::role.eq_any(["head", "release_deputy"]))
        .filter(users::deactivated_at.is_null())
        .select((users::email, users::display_name))
        .load(c)?;
    let venue = mq::venue_of(c, m)?;
    for (email, name) in deciders {
        crate::notify::queue(
            c,
            &st.views,
            &email,
            "release_request",
            &json!({
                "head": name, "member": member.display_name, "title": m.title, "venue": venue,
                "when": crate::meetings::model::when(m.meeting_date, &m.start_time, &m.end_time),
                "hours": hours(i64::from(i32::try_from(minutes).unwrap_or(0))),
                "cover_needed": cover_needed, "cost": pounds(cost), "late": late,
                "link": st.link(&format!("/release/{id}")),
            }),
        )?;
    }
    Ok(Some(id))
}

/// A member who no longer goes withdraws a pending request (a decided one stays on record).
pub fn withdraw(c: &mut Db, meeting_id: i64, user_id: i64) -> QueryResult<usize> {
    diesel::delete(
        release_requests::table
            .filter(release_requests::meeting_id.eq(meeting_id))
            .filter(release_requests::user_id.eq(user_id))
            .filter(release_requests::status.eq(PENDING)),
    )
    .execute(c)
}

/// A cancelled meeting needs no release: pending requests go (decided ones stay on record).
pub fn withdraw_all_pending(c: &mut Db, meeting_id: i64) -> QueryResult<usize> {
    diesel::delete(
        release_requests::table
            .filter(release_requests::meeting_id.eq(meeting_id))
            .filter(release_requests::status.eq(PENDING)),
    )
    .execute(c)
}

/// After a reschedule, everyone going asks again for the new date and time.
pub fn renew_for_meeting(c: &mut Db, st: &AppState, m: &Meeting) -> AppResult<()> {
    let going: Vec<i64> = crate::db::schema::rsvps::table
        .filter(crate::db::schema::rsvps::meeting_id.eq(m.id))
        .filter(crate::db::schema::rsvps::status.eq(crate::meetings::model::GOING))
        .select(crate::db::schema::rsvps::user_id)
        .load(c)?;
    diesel::delete(release_requests::table.filter(release_requests::meeting_id.eq(m.id)))
        .execute(c)?;
    for user_id in going {
        request_release(c, st, m, user_id)?;
    }
    Ok(())
}

/// Records a decision once: a second attempt is a conflict.
pub fn decide(c: &mut Db, id: i64, decided_by: i64, approve: bool, note: &str) -> AppResult<()> {
    let changed = diesel::update(
        release_requests::table
            .find(id)
            .filter(release_requests::status.eq(PENDING)),
    )
    .set((
        release_requests::status.eq(if approve { APPROVED } else { DECLINED }),
        release_requests::note.eq(note),
        release_requests::decided_by.eq(Some(decided_by)),
        release_requests::decided_at.eq(Some(crate::now())),
    ))
    .execute(c)?;
    if changed == 0 {
        return Err(AppError::Conflict(
            "This request has already been decided.".into(),
        ));
    }
    Ok(())
}

/// A school's requests with the member and meeting, newest meeting first.
#[derive(Debug, Queryable, Serialize)]
pub struct RequestLine {
    pub id: i64,
    pub member: String,
    pub title: String,
    pub meeting_date: NaiveDate,
    pub minutes_out: i32,
    pub cover_needed: bool,
    pub cover_cost_pence: i64,
    pub is_late: bool,
    pub status: String,
    pub note: String,
}

pub fn requests_of_school(c: &mut Db, school_id: i64) -> QueryResult<Vec<RequestLine>> {
    release_requests::table
        .inner_join(users::table.on(users::id.eq(release_requests::user_id)))
        .inner_join(meetings::table)
        .filter(release_requests::school_id.eq(school_id))
        .order((meetings::meeting_date.desc(), release_requests::id.asc()))
        .select((
            release_requests::id,
            users::display_name,
            meetings::title,
            meetings::meeting_date,
            release_requests::minutes_out,
            release_requests::cover_needed,
            release_requests::cover_cost_pence,
            release_requests::is_late,
            release_requests::status,
            release_requests::note,
        ))
        .load(c)
}

pub fn hours(minutes: i64) -> String {
    format!("{}h {:02}m", minutes / 60, minutes % 60)
}

pub fn pounds(pence: i64) -> String {
    format!("£{}.{:02}", pence / 100, pence % 100)
}
