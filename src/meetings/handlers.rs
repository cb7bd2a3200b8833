//! Meeting pages: my meetings (with each group's termly status), one meeting with RSVPs
//! and the attendance list, editing, cancelling and the .ics download.

use actix_web::{web, HttpResponse};
use std::collections::HashMap;

use chrono::NaiveDate;
use diesel::prelude::*;
use serde::Deserialize;
use serde_json::{json, Value};

use super::model::*;
use super::queries as q;
use super::{attendance, notices};
use crate::accounts::access::Permission;
use crate::db::schema::{meetings, polls, regional_groups, release_requests, rsvps, users};
use crate::db::{write_tx, Db};
use crate::error::{AppError, AppResult};
use crate::terms::queries::load_authority_dates;
use crate::web::flash::Flash;
use crate::web::templates::redirect_with;
use crate::web::{Ctx, CurrentUser, State, Viewer};

/// Each group's meeting status this term, in three queries plus one per authority.
fn rhythm(c: &mut Db, groups: &[(i64, String, i64)]) -> AppResult<Vec<Value>> {
    let today = crate::now().date();
    let mut terms: HashMap<i64, Option<(NaiveDate, NaiveDate)>> = HashMap::new();
    for (_, _, authority) in groups {
        if !terms.contains_key(authority) {
            let cal = load_authority_dates(c, *authority)?.authority;
            let term = cal
                .term_of(today)
                .or_else(|| cal.terms.iter().find(|t| t.starts_on > today))
                .map(|t| (t.starts_on, t.ends_on));
            terms.insert(*authority, term);
        }
    }
    let ids: Vec<i64> = groups.iter().map(|g| g.0).collect();
    let held: Vec<(i64, NaiveDate, String)> = meetings::table
        .filter(meetings::group_id.eq_any(&ids))
        .select((meetings::group_id, meetings::meeting_date, meetings::status))
        .load(c)?;
    let open: Vec<i64> = polls::table
        .filter(polls::group_id.eq_any(&ids))
        .filter(polls::status.eq(OPEN))
        .select(polls::group_id)
        .load(c)?;
    Ok(groups
        .iter()
        .map(|(id, name, authority)| {
            let in_term: Vec<String> = match terms.get(authority).copied().flatten() {
                Some((from, to)) => held
                    .iter()
                    .filter(|(g, d, _)| g == id && from <= *d && *d <= to)
                    .map(|(_, _, s)| s.clone())
                    .collect(),
                None => Vec::new(),
            };
            let status = super::rules::termly_status(&in_term, open.contains(id));
            json!({ "id": id, "name": name, "status": status })
        })
        .collect())
}

fn my_meetings(c: &mut Db, v: &Viewer) -> AppResult<Value> {
    let today = crate::now().date();
    let upcoming: Vec<(i64, String, NaiveDate, String, String, String)> = meetings::table
        .filter(meetings::group_id.eq_any(&v.member_of))
        .filter(meetings::meeting_date.ge(today))
        .order(meetings::meeting_date.asc())
        .select((
            meetings::id,
            meetings::title,
            meetings::meeting_date,
            meetings::start_time,
            meetings::end_time,
            meetings::status,
        ))
        .load(c)?;
    let open_polls: Vec<(i64, String)> = polls::table
        .filter(polls::group_id.eq_any(&v.member_of))
        .filter(polls::status.eq(OPEN))
        .select((polls::id, polls::title))
        .load(c)?;
    let mut groups: Vec<(i64, String, i64)> = regional_groups::table
        .filter(
            regional_groups::id
                .eq_any(v.coordinated_groups())
                .or(regional_groups::authority_id.eq_any(v.administered_authorities())),
        )
        .order(regional_groups::name.asc())
        .select((
            regional_groups::id,
            regional_groups::name,
            regional_groups::authority_id,
        ))
        .load(c)?;
    groups.dedup();
    let rhythm = rhythm(c, &groups)?;
    Ok(json!({
        "meetings": upcoming.iter().map(|(id, t, d, s, e, st)| json!({
            "id": id, "title": t, "when": when(*d, s, e), "cancelled": st == CANCELLED })).collect::<Vec<_>>(),
        "polls": open_polls.iter().map(|(id, t)| json!({ "id": id, "title": t })).collect::<Vec<_>>(),
        "rhythm": rhythm,
    }))
}

pub async fn list_meetings(ctx: Ctx, state: State, me: CurrentUser) -> AppResult<HttpResponse> {
    let viewer = me.0.clone();
    let data = state.db(move |c| my_meetings(c, &viewer)).await?;
    ctx.render(&state.views, "meetings/list", data)
}

/// (user id, name, RSVP, release decision, attended) for the coordinator's list.
type AttendanceRow = (i64, String, String, Option<String>, Option<bool>);

pub(super) fn meeting_page(c: &mut Db, id: i64, v: &Viewer) -> AppResult<Value> {
    let m = q::meeting(c, id)?;
    let (group, authority_id) = q::group_of(c, m.group_id)?;
    v.require(Permission::SeeGroupMembers {
        group_id: m.group_id,
        authority_id,
    })?;
    let manager = v.may(Permission::ManageGroup {
        group_id: m.group_id,
        authority_id,
    });
    let venue = q::venue_of(c, &m)?;
    let mine = q::rsvp_of(c, id, v.id())?;
    let my_release = crate::release::queries::request_for(c, id, v.id())?;
    let going = q::going_count(c, id)?;
    let attendance: Vec<AttendanceRow> = rsvps::table
        .inner_join(users::table)
        .left_join(
            release_requests::table.on(release_requests::meeting_id
                .eq(rsvps::meeting_id)
                .and(release_requests::user_id.eq(rsvps::user_id))),
        )
        .filter(rsvps::meeting_id.eq(id))
        .order((rsvps::status.asc(), users::display_name.asc()))
        .select((
            users::id,
            users::display_name,
            rsvps::status,
            release_requests::status.nullable(),
            rsvps::attended,
        ))
        .load(c)?;
    let lifts = super::lifts::lifts_of(c, id)?;
    let past = m.meeting_date <= crate::now().date();
    Ok(json!({
        "meeting": m, "group": { "id": m.group_id, "name": group }, "venue": venue,
        "when": when(m.meeting_date, &m.start_time, &m.end_time),
        "cancelled": m.status == CANCELLED, "manager": manager, "going_count": going,
        "is_member": v.is_member_of(m.group_id),
        "my_status": mine.as_ref().map(|r| r.0.clone()), "my_reason": mine.map(|r| r.1),
        "my_release": my_release.map(|r| r.status),
        "attendance": if manager { json!(attendance.iter().map(|(uid, n, s, r, a)| json!({
            "user_id": uid, "name": n, "status": s, "release": r, "attended": a,
            "going": s == GOING })).collect::<Vec<_>>()) } else { json!(null) },
        "held": m.status == HELD, "can_write_minutes": manager && past && m.status != CANCELLED,
        "in_person": m.venue_school_id.is_some(),
        "lifts": lifts.iter().map(|(n, k, a, seats)| json!({
            "name": n, "offer": k == "offer", "area": a, "seats": seats })).collect::<Vec<_>>(),
    }))
}

pub async fn show_meeting(
    ctx: Ctx,
    state: State,
    me: CurrentUser,
    path: web::Path<i64>,
) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    let viewer = me.0.clone();
    let data = state.db(move |c| meeting_page(c, id, &viewer)).await?;
    ctx.render(&state.views, "meetings/show", data)
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct RsvpForm {
    status: String,
}

pub async fn rsvp(
    state: State,
    me: CurrentUser,
    path: web::Path<i64>,
    form: web::Form<RsvpForm>,
) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    let viewer = me.0.clone();
    let going = match form.status.as_str() {
        "going" => true,
        "not_going" => false,
        _ => return Err(AppError::BadRequest("Say whether you're going.".into())),
    };
    let st = state.clone();
    let message = state
        .db(move |c| {
            write_tx(c, |c| {
                let m = q::meeting(c, id)?;
                if !viewer.is_member_of(m.group_id) {
                    return Err(AppError::forbidden());
                }
                if m.status != SCHEDULED {
                    return Err(AppError::Conflict("This meeting is no longer taking replies.".into()));
                }
                if !going {
                    attendance::drop_out(c, &st, &m, viewer.id(), "")?;
                    return Ok("You're not going; thanks for letting us know.");
                }
                Ok(match attendance::go(c, &st, &m, viewer.id())? {
                    WAITING => "The meeting is full: you're on the waiting list and will be emailed if a place frees up.",
                    _ => "You're going. If it's in school hours, your head has been asked to release you.",
                })
            })
        })
        .await?;
    Ok(redirect_with(
        &format!("/meetings/{id}"),
        Flash::success(message),
    ))
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct MeetingForm {
    title: String,
    agenda: String,
    capacity: String,
    online_link: String,
    meeting_date: String,
    start_time: String,
    end_time: String,
    /// The names of the last drafts of the title and agenda (see
    /// `crate::privacy::DraftMemory`).
    title_flagged: String,
    agenda_flagged: String,
}

/// Edits a meeting; a new date or time is a reschedule, and everyone is told.
pub async fn update_meeting(
    ctx: Ctx,
    state: State,
    me: CurrentUser,
    path: web::Path<i64>,
    form: web::Form<MeetingForm>,
) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    let form = form.into_inner();
    for (field, name, text, last_draft) in [
        ("meeting.title", "title", &form.title, &form.title_flagged),
        (
            "meeting.agenda",
            "agenda",
            &form.agenda,
            &form.agenda_flagged,
        ),
        (
            "meeting.online_link",
            "online_link",
            &form.online_link,
            &String::new(),
        ),
    ] {
        let checked = crate::privacy::check_field(&state, me.id(), field, text, last_draft).await?;
        if !checked.allowed() {
            // Re-show the form with the draft kept and what to change; nothing is stored.
            let v = me.0.clone();
            let mut data = state.db(move |c| meeting_page(c, id, &v)).await?;
            data["meeting"]["title"] = json!(form.title);
            data["meeting"]["agenda"] = json!(form.agenda);
            data["edit_errors"] = json!({ name: checked.message() });
            data["edit_check"] = json!(checked);
            data["edit_field"] = json!(name);
            return ctx.render_status(
                &state.views,
                actix_web::http::StatusCode::UNPROCESSABLE_ENTITY,
                "meetings/show",
                data,
            );
        }
    }
    let capacity: i32 = form.capacity.trim().parse().unwrap_or(0).clamp(0, 10_000);
    let date = NaiveDate::parse_from_str(form.meeting_date.trim(), "%Y-%m-%d")
        .map_err(|_| AppError::BadRequest("Give the date like 2026-11-18.".into()))?;
    let (Some(start), Some(end)) = (
        super::rules::parse_time(&form.start_time),
        super::rules::parse_time(&form.end_time),
    ) else {
        return Err(AppError::BadRequest(
            "Give start and end times like 13:30.".into(),
        ));
    };
    if end <= start {
        return Err(AppError::BadRequest(
            "The meeting must end after it starts.".into(),
        ));
    }
    let viewer = me.0.clone();
    let st = state.clone();
    state
        .db(move |c| {
            write_tx(c, |c| {
                let m = q::meeting(c, id)?;
                let (_, authority_id) = q::group_of(c, m.group_id)?;
                viewer.require(Permission::ManageGroup {
                    group_id: m.group_id,
                    authority_id,
                })?;
                if let Some(why) = load_authority_dates(c, authority_id)?
                    .authority
                    .holiday_reason(date)
                {
                    return Err(AppError::BadRequest(format!(
                        "That date can't be used: {why}."
                    )));
                }
                let (s, e) = (
                    start.format("%H:%M").to_string(),
                    end.format("%H:%M").to_string(),
                );
                let moved = date != m.meeting_date || s != m.start_time || e != m.end_time;
                diesel::update(meetings::table.find(id))
                    .set((
                        meetings::title.eq(form.title.trim()),
                        meetings::agenda.eq(form.agenda.trim()),
                        meetings::capacity.eq(capacity),
                        meetings::online_link.eq(form.online_link.trim()),
                        meetings::meeting_date.eq(date),
                        meetings::start_time.eq(&s),
                        meetings::end_time.eq(&e),
                        meetings::sequence.eq(m.sequence + 1),
                        meetings::updated_at.eq(crate::now()),
                    ))
                    .execute(c)?;
                if moved {
                    notices::tell_members(c, &st, id, "meeting_changed")?;
                    // A new date needs new release: heads decide again.
                    let m = q::meeting(c, id)?;
                    crate::release::queries::renew_for_meeting(c, &st, &m)?;
                }
                Ok::<_, AppError>(())
            })
        })
        .await?;
    Ok(redirect_with(
        &format!("/meetings/{id}"),
        Flash::success("The meeting was updated."),
    ))
}

pub async fn cancel_meeting(
    state: State,
    me: CurrentUser,
    path: web::Path<i64>,
) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    let viewer = me.0.clone();
    let st = state.clone();
    state
        .db(move |c| {
            write_tx(c, |c| {
                let m = q::meeting(c, id)?;
                let (_, authority_id) = q::group_of(c, m.group_id)?;
                viewer.require(Permission::ManageGroup {
                    group_id: m.group_id,
                    authority_id,
                })?;
                let changed = diesel::update(
                    meetings::table
                        .find(id)
                        .filter(meetings::status.eq(SCHEDULED)),
                )
                .set((
                    meetings::status.eq(CANCELLED),
                    meetings::sequence.eq(m.sequence + 1),
                    meetings::updated_at.eq(crate::now()),
                ))
                .execute(c)?;
                if changed == 0 {
                    return Err(AppError::Conflict("This meeting isn't scheduled.".into()));
                }
                notices::tell_members(c, &st, id, "meeting_cancelled")?;
                crate::release::queries::withdraw_all_pending(c, id)?;
                Ok(())
            })
        })
        .await?;
    Ok(redirect_with(
        &format!("/meetings/{id}"),
        Flash::success("The meeting was cancelled and everyone has been told."),
    ))
}

pub async fn meeting_ics(
    state: State,
    me: CurrentUser,
    path: web::Path<i64>,
) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    let viewer = me.0.clone();
    let st = state.clone();
    let text = state
        .db(move |c| {
            let m = q::meeting(c, id)?;
            let (_, authority_id) = q::group_of(c, m.group_id)?;
            viewer.require(Permission::SeeGroupMembers {
                group_id: m.group_id,
                authority_id,
            })?;
            Ok(notices::invitation(c, &st, id)?.1)
        })
        .await?;
    Ok(HttpResponse::Ok()
        .content_type("text/calendar; charset=utf-8")
        .insert_header((
            "Content-Disposition",
            "attachment; filename=\"meeting.ics\"",
        ))
        .body(text))
}
