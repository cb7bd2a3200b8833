//! A personal calendar feed: a secret URL (only its hash is stored) that Outlook or Google
//! Calendar subscribes to, listing the meetings someone is going to; revocable.

use std::collections::HashMap;

use actix_web::{web, HttpResponse};
use diesel::prelude::*;
use serde_json::json;

use super::ics::{self, EventInfo};
use super::model::{Meeting, GOING, WAITING};
use crate::db::schema::{calendar_feeds, meetings, regional_groups, rsvps, schools};
use crate::db::write_tx;
use crate::error::{AppError, AppResult};
use crate::web::tokens::{hash_token, random_token};
use crate::web::{Ctx, CurrentUser, State};

fn has_feed(c: &mut crate::db::Db, user_id: i64) -> AppResult<bool> {
    let n: i64 = calendar_feeds::table
        .filter(calendar_feeds::user_id.eq(user_id))
        .filter(calendar_feeds::revoked_at.is_null())
        .count()
        .get_result(c)?;
    Ok(n > 0)
}

pub async fn calendar_page(ctx: Ctx, state: State, me: CurrentUser) -> AppResult<HttpResponse> {
    let user_id = me.id();
    let active = state.db(move |c| has_feed(c, user_id)).await?;
    ctx.render(
        &state.views,
        "meetings/calendar",
        json!({ "active": active }),
    )
}

/// Makes a new feed URL (revoking any old one) and shows it once.
pub async fn create_feed(ctx: Ctx, state: State, me: CurrentUser) -> AppResult<HttpResponse> {
    let user_id = me.id();
    let token = random_token();
    let hash = hash_token(&token);
    state
        .db(move |c| {
            write_tx(c, |c| {
                let now = crate::now();
                diesel::update(
                    calendar_feeds::table
                        .filter(calendar_feeds::user_id.eq(user_id))
                        .filter(calendar_feeds::revoked_at.is_null()),
                )
                .set(calendar_feeds::revoked_at.eq(Some(now)))
                .execute(c)?;
                diesel::insert_into(calendar_feeds::table)
                    .values((
                        calendar_feeds::token_hash.eq(&hash),
                        calendar_feeds::user_id.eq(user_id),
                        calendar_feeds::created_at.eq(now),
                    ))
                    .execute(c)?;
                Ok::<_, AppError>(())
            })
        })
        .await?;
    let url = state.link(&format!("/calendar/{token}/meetings.ics"));
    ctx.render(
        &state.views,
        "meetings/calendar",
        json!({ "active": true, "url": url }),
    )
}

pub async fn revoke_feed(ctx: Ctx, state: State, me: CurrentUser) -> AppResult<HttpResponse> {
    let user_id = me.id();
    state
        .db(move |c| {
            diesel::update(
                calendar_feeds::table
                    .filter(calendar_feeds::user_id.eq(user_id))
                    .filter(calendar_feeds::revoked_at.is_null()),
            )
            .set(calendar_feeds::revoked_at.eq(Some(crate::now())))
            .execute(c)?;
            Ok(())
        })
        .await?;
    ctx.render(
        &state.views,
        "meetings/calendar",
        json!({ "active": false, "revoked": true }),
    )
}

/// The feed itself: no session, the token is the key. Cancelled meetings stay in it with
/// STATUS:CANCELLED so subscribed calendars remove them.
pub async fn feed(state: State, path: web::Path<String>) -> AppResult<HttpResponse> {
    let hash = hash_token(&path.into_inner());
    let st = state.clone();
    let text = state
        .db(move |c| {
            let user_id: i64 = calendar_feeds::table
                .filter(calendar_feeds::token_hash.eq(&hash))
                .filter(calendar_feeds::revoked_at.is_null())
                .select(calendar_feeds::user_id)
                .first(c)
                .optional()?
                .ok_or(AppError::NotFound)?;
            // Three queries however many meetings: the meetings, their groups, their venues.
            let list: Vec<Meeting> = rsvps::table
                .inner_join(meetings::table)
                .filter(rsvps::user_id.eq(user_id))
                .filter(rsvps::status.eq_any([GOING, WAITING]))
                .order(meetings::meeting_date.asc())
                .select(Meeting::as_select())
                .load(c)?;
            let group_ids: Vec<i64> = list.iter().map(|m| m.group_id).collect();
            let groups: HashMap<i64, String> = regional_groups::table
                .filter(regional_groups::id.eq_any(&group_ids))
                .select((regional_groups::id, regional_groups::name))
                .load::<(i64, String)>(c)?
                .into_iter()
                .collect();
            let school_ids: Vec<i64> = list.iter().filter_map(|m| m.venue_school_id).collect();
            let venues: HashMap<i64, String> = schools::table
                .filter(schools::id.eq_any(&school_ids))
                .select((schools::id, schools::name))
                .load::<(i64, String)>(c)?
                .into_iter()
                .collect();
            let rows: Vec<(String, String, String)> = list
                .iter()
                .map(|m| {
                    let venue = match m.venue_school_id.and_then(|id| venues.get(&id)) {
                        Some(name) => name.clone(),
                        None if !m.online_link.is_empty() => format!("Online: {}", m.online_link),
                        None => "Online".into(),
                    };
                    (
                        groups.get(&m.group_id).cloned().unwrap_or_default(),
                        venue,
                        st.link(&format!("/meetings/{}", m.id)),
                    )
                })
                .collect();
            let infos: Vec<EventInfo> = list
                .iter()
                .zip(rows.iter())
                .map(|(m, (g, v, l))| EventInfo {
                    meeting: m,
                    group: g,
                    venue: v,
                    link: l,
                })
                .collect();
            Ok(ics::calendar("PUBLISH", &infos))
        })
        .await?;
    Ok(HttpResponse::Ok()
        .content_type("text/calendar; charset=utf-8")
        .body(text))
}
