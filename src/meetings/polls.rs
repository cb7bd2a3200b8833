//! Finding a date: a coordinator proposes slots, members answer, the page shows who can
//! come (working patterns and school dates included) and ranks the slots; closing the
//! poll fixes the meeting and tells everyone.

use std::collections::HashMap;

use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use chrono::{NaiveDate, NaiveTime};
use diesel::prelude::*;
use serde_json::{json, Value};

use super::model::*;
use super::queries as q;
use super::rules::{self, Answer};
use crate::accounts::access::Permission;
use crate::db::schema::{meetings, poll_answers, poll_slots, polls};
use crate::db::{write_tx, Db};
use crate::error::{AppError, AppResult};
use crate::terms::queries::load_authority_dates;
use crate::web::flash::Flash;
use crate::web::forms::FieldErrors;
use crate::web::templates::redirect_with;
use crate::web::{Ctx, CurrentUser, State};

/// How many slots the form offers.
pub const SLOT_ROWS: usize = 4;

/// The form's data; `typed` refills the slots after a mistake.
fn form_page(c: &mut Db, group_id: i64, typed: &HashMap<String, String>) -> AppResult<Value> {
    let (name, _) = q::group_of(c, group_id)?;
    let hosts = q::suggested_hosts(c, group_id)?;
    let hosts: Vec<Value> = hosts
        .iter()
        .map(|(id, name)| json!({ "id": id, "name": name }))
        .collect();
    let suggested = hosts
        .first()
        .map(|h| h["id"].to_string())
        .unwrap_or_default();
    let rows: Vec<Value> = (1..=SLOT_ROWS)
        .map(|n| {
            let get = |k: &str| typed.get(&format!("{k}_{n}")).cloned().unwrap_or_default();
            let venue = if typed.is_empty() {
                suggested.clone()
            } else {
                get("venue")
            };
            json!({ "n": n, "date": get("date"), "start": get("start"), "end": get("end"),
                    "venue": venue })
        })
        .collect();
    Ok(
        json!({ "group": { "id": group_id, "name": name }, "hosts": hosts,
               "suggested": hosts.first(), "rows": rows }),
    )
}

pub async fn new_poll_form(
    ctx: Ctx,
    state: State,
    me: CurrentUser,
    path: web::Path<i64>,
) -> AppResult<HttpResponse> {
    let group_id = path.into_inner();
    let authority_id = state.db(move |c| Ok(q::group_of(c, group_id)?.1)).await?;
    me.require(Permission::ManageGroup {
        group_id,
        authority_id,
    })?;
    let data = state
        .db(move |c| form_page(c, group_id, &HashMap::new()))
        .await?;
    ctx.render(&state.views, "meetings/new_poll", data)
}

/// A slot as typed: date, times and venue ("online" or a school id).
#[derive(Debug, Clone)]
struct SlotInput {
    date: NaiveDate,
    start: NaiveTime,
    end: NaiveTime,
    venue: Option<i64>,
}

fn parse_slots(form: &HashMap<String, String>, errors: &mut FieldErrors) -> Vec<SlotInput> {
    const FIELDS: [&str; SLOT_ROWS] = ["slot_1", "slot_2", "slot_3", "slot_4"];
    let mut slots = Vec::new();
    for (i, field) in FIELDS.iter().enumerate() {
        let n = i + 1;
        let get = |k: &str| {
            form.get(&format!("{k}_{n}"))
                .map(|s| s.trim())
                .unwrap_or("")
        };
        if get("date").is_empty() {
            continue;
        }
        let date = NaiveDate::parse_from_str(get("date"), "%Y-%m-%d").ok();
        let start = rules::parse_time(get("start"));
        let end = rules::parse_time(get("end"));
        match (date, start, end) {
            (Some(date), Some(start), Some(end)) if start < end => slots.push(SlotInput {
                date,
                start,
                end,
                venue: get("venue").parse().ok(),
            }),
            _ => errors.add(
                field,
                format!("Slot {n}: give a date and a start time before the end time."),
            ),
        }
    }
    if slots.is_empty() && errors.is_empty() {
        errors.add("slot_1", "Propose at least one slot.");
    }
    slots
}

pub async fn create_poll(
    ctx: Ctx,
    state: State,
    me: CurrentUser,
    path: web::Path<i64>,
    form: web::Form<HashMap<String, String>>,
) -> AppResult<HttpResponse> {
    let group_id = path.into_inner();
    let (group_name, authority_id) = state.db(move |c| Ok(q::group_of(c, group_id)?)).await?;
    me.require(Permission::ManageGroup {
        group_id,
        authority_id,
    })?;
    let form = form.into_inner();
    let mut errors = FieldErrors::new();
    let title = form
        .get("title")
        .map(|s| s.trim().to_string())
        .unwrap_or_default();
    if title.is_empty() {
        errors.add("title", "Give the meeting a title.");
    }
    let checked = crate::privacy::check_field(
        &state,
        me.id(),
        "poll.title",
        &title,
        form.get("title_flagged").map_or("", String::as_str),
    )
    .await?;
    if !checked.allowed() {
        errors.add("title", checked.message());
    }
    let deadline = form
        .get("deadline")
        .and_then(|d| NaiveDate::parse_from_str(d.trim(), "%Y-%m-%d").ok());
    if deadline.is_none() {
        errors.add(
            "deadline",
            "Give the date answers are due, like 2026-11-06.",
        );
    }
    let slots = parse_slots(&form, &mut errors);
    let hide_names = form.contains_key("hide_names");
    let (me_id, coordinator) = (me.id(), me.user.display_name.clone());
    let st = state.clone();
    let outcome = state
        .db(move |c| {
            let dates = load_authority_dates(c, authority_id)?;
            for (i, s) in slots.iter().enumerate() {
                if let Some(why) = dates.authority.holiday_reason(s.date) {
                    errors.add(
                        ["slot_1", "slot_2", "slot_3", "slot_4"][i.min(SLOT_ROWS - 1)],
                        format!(
                            "{} can't be used: {why}. Choose a day in term time.",
                            s.date.format("%A %-d %B %Y")
                        ),
                    );
                }
            }
            if !errors.is_empty() {
                return Ok(Err(errors));
            }
            let Some(deadline) = deadline else {
                return Ok(Err(errors));
            };
            write_tx(c, |c| {
                let now = crate::now();
                let poll_id: i64 = diesel::insert_into(polls::table)
                    .values((
                        polls::group_id.eq(group_id),
                        polls::title.eq(&title),
                        polls::deadline.eq(deadline.and_hms_opt(23, 59, 0).unwrap_or_default()),
                        polls::hide_names.eq(hide_names),
                        polls::status.eq(OPEN),
                        polls::created_by.eq(me_id),
                        polls::created_at.eq(now),
                    ))
                    .returning(polls::id)
                    .get_result(c)?;
                for s in &slots {
                    diesel::insert_into(poll_slots::table)
                        .values((
                            poll_slots::poll_id.eq(poll_id),
                            poll_slots::slot_date.eq(s.date),
                            poll_slots::start_time.eq(s.start.format("%H:%M").to_string()),
                            poll_slots::end_time.eq(s.end.format("%H:%M").to_string()),
                            poll_slots::venue_school_id.eq(s.venue),
                            poll_slots::online.eq(s.venue.is_none()),
                        ))
                        .execute(c)?;
                }
                for m in q::members(c, group_id)? {
                    crate::notify::queue(
                        c,
                        &st.views,
                        &m.email,
                        "poll_opened",
                        &json!({ "name": m.display_name, "group": group_name, "title": title,
                                 "coordinator": coordinator,
                                 "deadline": deadline.format("%A %-d %B").to_string(),
                                 "link": st.link(&format!("/polls/{poll_id}")) }),
                    )?;
                }
                Ok::<_, AppError>(Ok(poll_id))
            })
        })
        .await?;
    match outcome {
        Ok(poll_id) => Ok(redirect_with(
            &format!("/polls/{poll_id}"),
            Flash::success("The poll is open; members have been asked to answer."),
        )),
        Err(errors) => {
            let typed = form.clone();
            let mut data = state.db(move |c| form_page(c, group_id, &typed)).await?;
            data["errors"] = json!(errors);
            data["form"] = json!(form);
            if !checked.allowed() {
                data["title_check"] = json!(checked);
            }
            ctx.render_status(
                &state.views,
                StatusCode::UNPROCESSABLE_ENTITY,
                "meetings/new_poll",
                data,
            )
        }
    }
}

pub fn poll(c: &mut Db, id: i64) -> QueryResult<Poll> {
    polls::table.find(id).select(Poll::as_select()).first(c)
}

pub fn slots(c: &mut Db, poll_id: i64) -> QueryResult<Vec<Slot>> {
    poll_slots::table
        .filter(poll_slots::poll_id.eq(poll_id))
        .order((poll_slots::slot_date.asc(), poll_slots::start_time.asc()))
        .select(Slot::as_select())
        .load(c)
}

/// A member's answers, one field per slot: `slot_<id>` = yes | if_need_be | no.
pub async fn answer_poll(
    state: State,
    me: CurrentUser,
    path: web::Path<i64>,
    form: web::Form<HashMap<String, String>>,
) -> AppResult<HttpResponse> {
    let poll_id = path.into_inner();
    let user_id = me.id();
    let viewer = me.0.clone();
    let form = form.into_inner();
    state
        .db(move |c| {
            write_tx(c, |c| {
                let p = poll(c, poll_id)?;
                if !viewer.is_member_of(p.group_id) {
                    return Err(AppError::forbidden());
                }
                if p.status != OPEN || crate::now() > p.deadline {
                    return Err(AppError::Conflict(
                        "This poll has closed, so answers can no longer change.".into(),
                    ));
                }
                let now = crate::now();
                for s in slots(c, poll_id)? {
                    let Some(a) = form
                        .get(&format!("slot_{}", s.id))
                        .and_then(|a| Answer::parse(a))
                    else {
                        continue;
                    };
                    let changed = diesel::update(
                        poll_answers::table
                            .filter(poll_answers::slot_id.eq(s.id))
                            .filter(poll_answers::user_id.eq(user_id)),
                    )
                    .set((
                        poll_answers::answer.eq(a.as_str()),
                        poll_answers::updated_at.eq(now),
                    ))
                    .execute(c)?;
                    if changed == 0 {
                        diesel::insert_into(poll_answers::table)
                            .values((
                                poll_answers::slot_id.eq(s.id),
                                poll_answers::user_id.eq(user_id),
                                poll_answers::answer.eq(a.as_str()),
                                poll_answers::updated_at.eq(now),
                            ))
                            .execute(c)?;
                    }
                }
                Ok(())
            })
        })
        .await?;
    Ok(redirect_with(
        &format!("/polls/{poll_id}"),
        Flash::success("Thanks: your answers are saved. You can change them until the deadline."),
    ))
}

#[derive(Debug, serde::Deserialize)]
pub struct CloseForm {
    slot_id: i64,
}

/// Closing the poll on a slot fixes the meeting and tells every member, with the
/// invitation attached.
pub async fn close_poll(
    state: State,
    me: CurrentUser,
    path: web::Path<i64>,
    form: web::Form<CloseForm>,
) -> AppResult<HttpResponse> {
    let poll_id = path.into_inner();
    let slot_id = form.slot_id;
    let viewer = me.0.clone();
    let st = state.clone();
    let meeting_id = state
        .db(move |c| {
            write_tx(c, |c| {
                let p = poll(c, poll_id)?;
                let (_, authority_id) = q::group_of(c, p.group_id)?;
                viewer.require(Permission::ManageGroup {
                    group_id: p.group_id,
                    authority_id,
                })?;
                let slot = slots(c, poll_id)?
                    .into_iter()
                    .find(|s| s.id == slot_id)
                    .ok_or(AppError::NotFound)?;
                let closed =
                    diesel::update(polls::table.find(poll_id).filter(polls::status.eq(OPEN)))
                        .set(polls::status.eq(CLOSED))
                        .execute(c)?;
                if closed == 0 {
                    return Err(AppError::Conflict(
                        "This poll has already been closed.".into(),
                    ));
                }
                let now = crate::now();
                let id: i64 = diesel::insert_into(meetings::table)
                    .values((
                        meetings::group_id.eq(p.group_id),
                        meetings::poll_id.eq(Some(poll_id)),
                        meetings::uid.eq(format!(
                            "{}@commonroom",
                            &crate::web::tokens::random_token()[..24]
                        )),
                        meetings::title.eq(&p.title),
                        meetings::agenda.eq(""),
                        meetings::meeting_date.eq(slot.slot_date),
                        meetings::start_time.eq(&slot.start_time),
                        meetings::end_time.eq(&slot.end_time),
                        meetings::venue_school_id.eq(slot.venue_school_id),
                        meetings::online_link.eq(""),
                        meetings::capacity.eq(0),
                        meetings::status.eq(SCHEDULED),
                        meetings::sequence.eq(0),
                        meetings::minutes.eq(""),
                        meetings::created_by.eq(viewer.id()),
                        meetings::created_at.eq(now),
                        meetings::updated_at.eq(now),
                    ))
                    .returning(meetings::id)
                    .get_result(c)?;
                super::notices::tell_members(c, &st, id, "meeting_fixed")?;
                Ok::<_, AppError>(id)
            })
        })
        .await?;
    Ok(redirect_with(
        &format!("/meetings/{meeting_id}"),
        Flash::success("The meeting is fixed and everyone has been told."),
    ))
}
