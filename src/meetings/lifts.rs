//! Lift sharing for in-person meetings: members offer seats from their area or ask for
//! one; people on the other side from the same area are told by email.

use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use diesel::prelude::*;
use serde::Deserialize;
use serde_json::json;

use super::handlers::meeting_page;
use super::model::SCHEDULED;
use super::queries as q;
use crate::db::schema::{lifts, users};
use crate::db::{write_tx, Db};
use crate::error::{AppError, AppResult};
use crate::web::flash::Flash;
use crate::web::templates::redirect_with;
use crate::web::{Ctx, CurrentUser, State};

pub const OFFER: &str = "offer";
pub const ASK: &str = "ask";

/// Areas match when they are the same words, ignoring case and spacing.
pub fn same_area(a: &str, b: &str) -> bool {
    let norm = |s: &str| {
        s.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    };
    !a.trim().is_empty() && norm(a) == norm(b)
}

/// (name, kind, area, seats) of everyone offering or asking, for the meeting page.
pub fn lifts_of(c: &mut Db, meeting_id: i64) -> QueryResult<Vec<(String, String, String, i32)>> {
    lifts::table
        .inner_join(users::table.on(users::id.eq(lifts::user_id)))
        .filter(lifts::meeting_id.eq(meeting_id))
        .order((lifts::area.asc(), lifts::kind.asc()))
        .select((users::display_name, lifts::kind, lifts::area, lifts::seats))
        .load(c)
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct LiftForm {
    kind: String,
    area: String,
    seats: String,
    /// The names of the area's last draft (see `crate::privacy::DraftMemory`).
    area_flagged: String,
}

pub async fn offer_or_ask(
    ctx: Ctx,
    state: State,
    me: CurrentUser,
    path: web::Path<i64>,
    form: web::Form<LiftForm>,
) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    let kind = match form.kind.as_str() {
        OFFER => OFFER,
        ASK => ASK,
        _ => return Err(AppError::BadRequest("Offer a lift or ask for one.".into())),
    };
    let area: String = form.area.trim().chars().take(80).collect();
    let checked = if area.is_empty() {
        None
    } else {
        Some(
            crate::privacy::check_field(&state, me.id(), "lift.area", &area, &form.area_flagged)
                .await?,
        )
    };
    if !checked.as_ref().is_some_and(|c| c.allowed()) {
        // Re-show the meeting with what was typed kept and the problem beside the area.
        let v = me.0.clone();
        let mut data = state.db(move |c| meeting_page(c, id, &v)).await?;
        data["lift_form"] = json!({ "area": form.area, "seats": form.seats });
        match &checked {
            None => {
                data["errors"]["area"] =
                    json!("Say which area you're travelling from, e.g. a town or village.")
            }
            Some(c) => c.show_beside(&mut data, "area"),
        }
        return ctx.render_status(
            &state.views,
            StatusCode::UNPROCESSABLE_ENTITY,
            "meetings/show",
            data,
        );
    }
    let seats: i32 = if kind == OFFER {
        form.seats.trim().parse().unwrap_or(1).clamp(1, 8)
    } else {
        1
    };
    let viewer = me.0.clone();
    let st = state.clone();
    let told = state
        .db(move |c| {
            write_tx(c, |c| {
                let m = q::meeting(c, id)?;
                if !viewer.is_member_of(m.group_id) {
                    return Err(AppError::forbidden());
                }
                if m.venue_school_id.is_none() || m.status != SCHEDULED {
                    return Err(AppError::Conflict(
                        "Lifts are for in-person meetings that are going ahead.".into(),
                    ));
                }
                diesel::delete(
                    lifts::table
                        .filter(lifts::meeting_id.eq(id))
                        .filter(lifts::user_id.eq(viewer.id())),
                )
                .execute(c)?;
                diesel::insert_into(lifts::table)
                    .values((
                        lifts::meeting_id.eq(id),
                        lifts::user_id.eq(viewer.id()),
                        lifts::kind.eq(kind),
                        lifts::area.eq(&area),
                        lifts::seats.eq(seats),
                        lifts::created_at.eq(crate::now()),
                    ))
                    .execute(c)?;
                let other = if kind == OFFER { ASK } else { OFFER };
                let matches: Vec<(String, String, String)> = lifts::table
                    .inner_join(users::table.on(users::id.eq(lifts::user_id)))
                    .filter(lifts::meeting_id.eq(id))
                    .filter(lifts::kind.eq(other))
                    .select((users::email, users::display_name, lifts::area))
                    .load(c)?;
                let me_name = viewer.user.display_name.clone();
                let mut told = 0;
                for (email, name, their_area) in matches {
                    if !same_area(&area, &their_area) {
                        continue;
                    }
                    for (to, to_name, who) in [
                        (email.as_str(), name.as_str(), me_name.as_str()),
                        (viewer.user.email.as_str(), me_name.as_str(), name.as_str()),
                    ] {
                        crate::notify::queue(
                            c,
                            &st.views,
                            to,
                            "lift_match",
                            &json!({ "name": to_name, "other": who, "area": area, "title": m.title,
                                     "link": st.link(&format!("/meetings/{id}")) }),
                        )?;
                    }
                    told += 1;
                }
                Ok(told)
            })
        })
        .await?;
    let message = match told {
        0 => "Saved. We'll email you if someone from your area joins in.".to_string(),
        n => format!(
            "Saved. {n} {} from your area: we've emailed you both.",
            if n == 1 { "match" } else { "matches" }
        ),
    };
    Ok(redirect_with(
        &format!("/meetings/{id}"),
        Flash::success(message),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn areas_match_ignoring_case_and_spacing() {
        assert!(same_area("Kettleby ", "kettleby"));
        assert!(same_area("North  Bay", "north bay"));
        assert!(!same_area("Kettleby", "Millbrook"));
        assert!(!same_area("", ""));
    }
}
