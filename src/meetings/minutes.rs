//! After the meeting: the coordinator records who came and publishes the minutes to the
//! group (through the anonymisation filter), which marks the meeting held.

use std::collections::HashMap;

use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use diesel::prelude::*;
use serde_json::json;

use super::handlers::meeting_page;
use super::model::*;
use super::queries as q;
use crate::accounts::access::Permission;
use crate::db::schema::{meetings, rsvps};
use crate::db::write_tx;
use crate::error::{AppError, AppResult};
use crate::web::flash::Flash;
use crate::web::templates::redirect_with;
use crate::web::{Ctx, CurrentUser, State};

/// `minutes` plus one `attended_<user id>` checkbox per person who said they were going.
pub async fn publish_minutes(
    ctx: Ctx,
    state: State,
    me: CurrentUser,
    path: web::Path<i64>,
    form: web::Form<HashMap<String, String>>,
) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    let form = form.into_inner();
    let minutes = form
        .get("minutes")
        .map(|s| s.trim().to_string())
        .unwrap_or_default();
    let viewer = me.0.clone();
    let checked = crate::privacy::check_field(
        &state,
        me.id(),
        "meeting.minutes",
        &minutes,
        form.get("minutes_flagged").map_or("", String::as_str),
    )
    .await?;
    if minutes.is_empty() || !checked.allowed() {
        let message = if minutes.is_empty() {
            "Write the minutes before publishing them."
        } else {
            checked.message()
        };
        let v = viewer.clone();
        let mut data = state.db(move |c| meeting_page(c, id, &v)).await?;
        data["minutes_draft"] = json!(minutes);
        data["minutes_error"] = json!(message);
        if !minutes.is_empty() {
            data["minutes_check"] = json!(checked);
        }
        return ctx.render_status(
            &state.views,
            StatusCode::UNPROCESSABLE_ENTITY,
            "meetings/show",
            data,
        );
    }
    let attended: Vec<i64> = form
        .keys()
        .filter_map(|k| k.strip_prefix("attended_")?.parse().ok())
        .collect();
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
                if m.status == CANCELLED {
                    return Err(AppError::Conflict("This meeting was cancelled.".into()));
                }
                if m.meeting_date > crate::now().date() {
                    return Err(AppError::Conflict(
                        "Minutes can be published once the meeting has happened.".into(),
                    ));
                }
                diesel::update(meetings::table.find(id))
                    .set((
                        meetings::minutes.eq(&minutes),
                        meetings::status.eq(HELD),
                        meetings::updated_at.eq(crate::now()),
                    ))
                    .execute(c)?;
                diesel::update(rsvps::table.filter(rsvps::meeting_id.eq(id)))
                    .set(rsvps::attended.eq(Some(false)))
                    .execute(c)?;
                diesel::update(
                    rsvps::table
                        .filter(rsvps::meeting_id.eq(id))
                        .filter(rsvps::user_id.eq_any(&attended)),
                )
                .set(rsvps::attended.eq(Some(true)))
                .execute(c)?;
                let (group, _) = q::group_of(c, m.group_id)?;
                for member in q::members(c, m.group_id)? {
                    crate::notify::queue(
                        c,
                        &st.views,
                        &member.email,
                        "minutes_published",
                        &json!({ "name": member.display_name, "title": m.title, "group": group,
                                 "link": st.link(&format!("/meetings/{id}")) }),
                    )?;
                }
                Ok(())
            })
        })
        .await?;
    Ok(redirect_with(
        &format!("/meetings/{id}"),
        Flash::success("The minutes are published to the group."),
    ))
}
