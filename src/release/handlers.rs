//! The head's pages: their school's requests with the term's totals, one request to decide.

use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use chrono::NaiveDate;
use serde::Deserialize;
use serde_json::{json, Value};

use super::queries::{self as q, hours, pounds};
use crate::accounts::access::Permission;
use crate::db::{write_tx, Db};
use crate::error::{AppError, AppResult};
use crate::meetings::{attendance, model, queries as mq};
use crate::terms::queries::load_authority_dates;
use crate::web::flash::Flash;
use crate::web::templates::redirect_with;
use crate::web::{Ctx, CurrentUser, State, Viewer};

fn line_json(l: &q::RequestLine) -> Value {
    json!({ "id": l.id, "member": l.member, "title": l.title,
            "date": l.meeting_date.format("%a %-d %b %Y").to_string(),
            "hours": hours(i64::from(l.minutes_out)), "cover_needed": l.cover_needed,
            "cost": pounds(l.cover_cost_pence), "late": l.is_late, "status": l.status,
            "note": l.note })
}

pub async fn release_dashboard(ctx: Ctx, state: State, me: CurrentUser) -> AppResult<HttpResponse> {
    let schools = me.release_schools();
    if schools.is_empty() {
        return Err(AppError::Forbidden(
            "Only a school's head (or the colleague they name) sees its release requests.".into(),
        ));
    }
    let data = state
        .db(move |c| {
            let mut out = Vec::new();
            for school_id in schools {
                let name = mq::school_name(c, Some(school_id))?.unwrap_or_default();
                let lines = q::requests_of_school(c, school_id)?;
                let authority_id: i64 = {
                    use crate::db::schema::schools;
                    use diesel::prelude::*;
                    schools::table
                        .find(school_id)
                        .select(schools::authority_id)
                        .first(c)?
                };
                let cal = load_authority_dates(c, authority_id)?.for_school(Some(school_id));
                let today = crate::now().date();
                let term = cal
                    .term_of(today)
                    .or_else(|| cal.terms.iter().find(|t| t.starts_on > today))
                    .cloned();
                let in_term = |d: NaiveDate| term.as_ref().is_some_and(|t| t.starts_on <= d && d <= t.ends_on);
                let counted = lines
                    .iter()
                    .filter(|l| l.status != q::DECLINED && in_term(l.meeting_date));
                let (mins, pence) = counted.fold((0i64, 0i64), |(m, p), l| {
                    (m + i64::from(l.minutes_out), p + l.cover_cost_pence)
                });
                out.push(json!({
                    "id": school_id, "name": name,
                    "pending": lines.iter().filter(|l| l.status == q::PENDING).map(line_json).collect::<Vec<_>>(),
                    "decided": lines.iter().filter(|l| l.status != q::PENDING).map(line_json).collect::<Vec<_>>(),
                    "term": term.map(|t| t.name), "term_hours": hours(mins), "term_cost": pounds(pence),
                }));
            }
            Ok(json!({ "schools": out }))
        })
        .await?;
    ctx.render(&state.views, "release/dashboard", data)
}

pub async fn show_request(
    ctx: Ctx,
    state: State,
    me: CurrentUser,
    path: web::Path<i64>,
) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    let viewer = me.0.clone();
    let data = state.db(move |c| request_page(c, id, &viewer)).await?;
    ctx.render(&state.views, "release/request", data)
}

/// What the page of one request shows, to someone who may decide it.
fn request_page(c: &mut Db, id: i64, viewer: &Viewer) -> AppResult<Value> {
    let r = q::request(c, id)?;
    viewer.require(Permission::DecideRelease {
        school_id: r.school_id,
    })?;
    let m = mq::meeting(c, r.meeting_id)?;
    let member = mq::member(c, r.user_id)?;
    let venue = mq::venue_of(c, &m)?;
    Ok(json!({
        "request": { "id": r.id, "status": r.status, "note": r.note, "late": r.is_late,
            "cover_needed": r.cover_needed, "cost": pounds(r.cover_cost_pence),
            "hours": hours(i64::from(r.minutes_out)), "pending": r.status == q::PENDING },
        "member": member.display_name, "title": m.title, "venue": venue,
        "when": model::when(m.meeting_date, &m.start_time, &m.end_time),
    }))
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct DecisionForm {
    decision: String,
    note: String,
    /// The names of the note's last draft (see `crate::privacy::DraftMemory`).
    note_flagged: String,
}

pub async fn decide_request(
    ctx: Ctx,
    state: State,
    me: CurrentUser,
    path: web::Path<i64>,
    form: web::Form<DecisionForm>,
) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    let approve = match form.decision.as_str() {
        "approve" => true,
        "decline" => false,
        _ => return Err(AppError::BadRequest("Choose approve or decline.".into())),
    };
    let note: String = form.note.trim().chars().take(500).collect();
    let checked =
        crate::privacy::check_field(&state, me.id(), "release.note", &note, &form.note_flagged)
            .await?;
    if !checked.allowed() {
        // Re-show the request with the note kept and what to change; nothing is stored.
        let viewer = me.0.clone();
        let mut data = state.db(move |c| request_page(c, id, &viewer)).await?;
        data["note"] = json!(note);
        checked.show_beside(&mut data, "note");
        return ctx.render_status(
            &state.views,
            StatusCode::UNPROCESSABLE_ENTITY,
            "release/request",
            data,
        );
    }
    let viewer = me.0.clone();
    let st = state.clone();
    state
        .db(move |c| {
            write_tx(c, |c| {
                let r = q::request(c, id)?;
                viewer.require(Permission::DecideRelease {
                    school_id: r.school_id,
                })?;
                q::decide(c, id, viewer.id(), approve, &note)?;
                let m = mq::meeting(c, r.meeting_id)?;
                if !approve {
                    let reason = if note.is_empty() {
                        "Your head couldn't release you for this meeting.".to_string()
                    } else {
                        format!("Your head couldn't release you: {note}")
                    };
                    attendance::drop_out(c, &st, &m, r.user_id, &reason)?;
                }
                crate::meetings::notices::tell(
                    c,
                    &st,
                    m.id,
                    "release_decided",
                    Some(&[r.user_id]),
                    json!({ "approved": approve, "note": note }),
                )?;
                Ok::<_, AppError>(())
            })
        })
        .await?;
    let word = if approve { "approved" } else { "declined" };
    Ok(redirect_with(
        "/release",
        Flash::success(format!("The request was {word}; they have been told.")),
    ))
}
