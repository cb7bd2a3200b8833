//! A personal calendar feed: a secret URL (only its hash is stored) that Outlook or Google
//! Calendar subscribes to, listing the meetings someone is going to; revocable.

use actix_web::{web, HttpResponse};
use diesel::prelude::*;
use serde_json::json;

use super::ics::{self, EventInfo};
use super::model::{GOING, WAITING};
use super::queries as q;
use crate::db::schema::{calendar_feeds, meetings, rsvps};
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
            let ids: Vec<i64> = rsvps::table
                .inner_join(meetings::table)
                .filter(rsvps::user_id.eq(user_id))
                .filter(rsvps::status.eq_any([GOING, WAITING]))
                .order(meetings::meeting_date.asc())
                .select(meetings::id)
                .load(c)?;
            let mut rows = Vec::new();
            for id in ids {
                let m = q::meeting(c, id)?;
                let (group, _) = q::group_of(c, m.group_id)?;
                let venue = q::venue_of(c, &m)?;
                rows.push((m, group, venue, st.link(&format!("/meetings/{id}"))));
            }
            let infos: Vec<EventInfo> = rows
                .iter()
                .map(|(m, g, v, l)| EventInfo {
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
