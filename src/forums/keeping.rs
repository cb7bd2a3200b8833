//! Pages for keeping up and finding things: notifications, notification levels, email
//! settings, the unsubscribe link (no sign-in needed), search and the FAQ.

use actix_web::{web, HttpResponse};
use diesel::prelude::*;
use serde::Deserialize;
use serde_json::json;

use super::model::*;
use super::thread_page::visible_thread;
use super::{notices, posting, queries as q, search};
use crate::accounts::access::Permission;
use crate::db::schema::{forum_category_levels as fcl, forum_posts as fp, forum_threads as ft};
use crate::db::write_tx;
use crate::error::{AppError, AppResult};
use crate::web::flash::Flash;
use crate::web::templates::redirect_with;
use crate::web::{Ctx, CurrentUser, State};

pub async fn list_notifications(
    ctx: Ctx,
    state: State,
    me: CurrentUser,
) -> AppResult<HttpResponse> {
    let id = me.id();
    let (notices, prefs) = state
        .db(move |c| {
            Ok((
                notices::recent(c, id)?,
                write_tx(c, |c| notices::prefs(c, id))?,
            ))
        })
        .await?;
    let notices: Vec<_> = notices
        .into_iter()
        .map(|n| json!({ "summary": n.summary, "thread_id": n.thread_id, "post_id": n.post_id,
                         "unread": n.read_at.is_none(), "when": when(n.created_at), "kind": n.kind }))
        .collect();
    let modes: Vec<_> = EMAIL_MODES
        .iter()
        .map(|(v, l)| json!({ "value": v, "label": l, "selected": *v == prefs.email_mode }))
        .collect();
    ctx.render(
        &state.views,
        "forums/notifications",
        json!({ "notices": notices, "modes": modes }),
    )
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ModeForm {
    pub email_mode: String,
}

pub async fn update_email_mode(
    state: State,
    me: CurrentUser,
    form: web::Form<ModeForm>,
) -> AppResult<HttpResponse> {
    let mode = form.into_inner().email_mode;
    if !EMAIL_MODES.iter().any(|(m, _)| *m == mode) {
        return Err(AppError::BadRequest(
            "Choose how you'd like forum emails.".into(),
        ));
    }
    let id = me.id();
    state
        .db(move |c| Ok(write_tx(c, |c| notices::set_email_mode(c, id, &mode))?))
        .await?;
    Ok(redirect_with(
        "/forums/notifications",
        Flash::success("Your email choice has been saved."),
    ))
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct LevelForm {
    pub level: String,
}

pub async fn set_thread_level(
    state: State,
    me: CurrentUser,
    path: web::Path<i64>,
    form: web::Form<LevelForm>,
) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    let level = form.into_inner().level;
    if !is_level(&level) {
        return Err(AppError::BadRequest("Choose a notification level.".into()));
    }
    let viewer = me.0.clone();
    state
        .db(move |c| {
            visible_thread(c, &viewer, id)?;
            Ok(write_tx(c, |c| {
                posting::set_level(c, viewer.id(), id, &level)
            })?)
        })
        .await?;
    Ok(redirect_with(
        &format!("/forums/t/{id}"),
        Flash::success("Your notification level has been saved."),
    ))
}

pub async fn set_category_level(
    state: State,
    me: CurrentUser,
    path: web::Path<i64>,
    form: web::Form<LevelForm>,
) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    let level = form.into_inner().level;
    if !is_level(&level) {
        return Err(AppError::BadRequest("Choose a notification level.".into()));
    }
    let viewer = me.0.clone();
    state
        .db(move |c| {
            let category = q::category(c, id)?;
            let home = q::home_of(c, &viewer.user)?;
            viewer.require(Permission::ReadForum {
                place: category.place(),
                home,
            })?;
            write_tx(c, |c| {
                diesel::delete(
                    fcl::table
                        .filter(fcl::user_id.eq(viewer.id()))
                        .filter(fcl::category_id.eq(id)),
                )
                .execute(c)?;
                diesel::insert_into(fcl::table)
                    .values((
                        fcl::user_id.eq(viewer.id()),
                        fcl::category_id.eq(id),
                        fcl::level.eq(&level),
                    ))
                    .execute(c)?;
                Ok::<_, AppError>(())
            })
        })
        .await?;
    Ok(redirect_with(
        &format!("/forums/c/{id}"),
        Flash::success("Your notification level has been saved."),
    ))
}

/// The unsubscribe link from an email: a page with one button (link checkers that follow
/// links in emails must not unsubscribe anyone), no sign-in needed.
pub async fn unsubscribe_form(
    ctx: Ctx,
    state: State,
    path: web::Path<String>,
) -> AppResult<HttpResponse> {
    let token = path.into_inner();
    let t = token.clone();
    state
        .db(move |c| notices::by_token(c, &t)?.ok_or(AppError::NotFound))
        .await?;
    ctx.render(
        &state.views,
        "forums/unsubscribe",
        json!({ "token": token }),
    )
}

pub async fn unsubscribe(
    ctx: Ctx,
    state: State,
    path: web::Path<String>,
) -> AppResult<HttpResponse> {
    let token = path.into_inner();
    state
        .db(move |c| {
            let user = notices::by_token(c, &token)?.ok_or(AppError::NotFound)?;
            Ok(write_tx(c, |c| notices::set_email_mode(c, user, "off"))?)
        })
        .await?;
    ctx.render(&state.views, "forums/unsubscribe", json!({ "done": true }))
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct SearchQuery {
    pub q: String,
    pub page: i64,
}

pub async fn search_posts(
    ctx: Ctx,
    state: State,
    me: CurrentUser,
    query: web::Query<SearchQuery>,
) -> AppResult<HttpResponse> {
    let SearchQuery { q: text, page } = query.into_inner();
    let page = page.max(0);
    let viewer = me.0.clone();
    let t = text.clone();
    let hits = state
        .db(move |c| {
            let home = q::home_of(c, &viewer.user)?;
            let ids: Vec<i64> = q::readable(c, &viewer, home)?
                .iter()
                .map(|p| p.category.id)
                .collect();
            Ok(search::search(c, &t, &ids, page)?)
        })
        .await?;
    let more = hits.len() as i64 > search::PER_PAGE;
    let hits: Vec<_> = hits
        .iter()
        .take(search::PER_PAGE as usize)
        .map(|h| {
            json!({ "post_id": h.post_id, "thread_id": h.thread_id, "subject": h.title,
                         "excerpt": search::highlight(&h.excerpt) })
        })
        .collect();
    ctx.render(
        &state.views,
        "forums/search",
        json!({ "q": text, "hits": hits, "searched": !text.trim().is_empty(),
                "next": more.then_some(page + 1), "prev": (page > 0).then(|| page - 1) }),
    )
}

/// Answered threads, newest answers first: network-wide, or one group's.
async fn faq(
    ctx: Ctx,
    state: State,
    me: CurrentUser,
    group: Option<i64>,
) -> AppResult<HttpResponse> {
    let viewer = me.0.clone();
    let (entries, group_name) = state
        .db(move |c| {
            let home = q::home_of(c, &viewer.user)?;
            let ids: Vec<i64> = q::readable(c, &viewer, home)?
                .iter()
                .filter(|p| match group {
                    Some(g) => p.category.group_id == Some(g),
                    None => p.category.scope == "network",
                })
                .map(|p| p.category.id)
                .collect();
            let group_name = match group {
                Some(g) => {
                    if ids.is_empty() && !viewer.is_member_of(g) {
                        return Err(AppError::forbidden());
                    }
                    Some(crate::directory::queries::group(c, g)?.name)
                }
                None => None,
            };
            let entries: Vec<(i64, String, String)> = ft::table
                .inner_join(fp::table.on(fp::id.nullable().eq(ft::answer_post_id)))
                .filter(ft::category_id.eq_any(ids))
                .filter(ft::answered_at.is_not_null())
                .filter(ft::status.eq(VISIBLE))
                .filter(ft::deleted_at.is_null())
                .filter(fp::status.eq(VISIBLE))
                .filter(fp::deleted_at.is_null())
                .order(ft::answered_at.desc())
                .limit(100)
                .select((ft::id, ft::title, fp::body_html))
                .load(c)?;
            Ok((entries, group_name))
        })
        .await?;
    let entries: Vec<_> = entries
        .into_iter()
        .map(|(id, title, answer)| json!({ "id": id, "subject": title, "answer_html": answer }))
        .collect();
    ctx.render(
        &state.views,
        "forums/faq",
        json!({ "entries": entries, "group": group_name }),
    )
}

pub async fn network_faq(ctx: Ctx, state: State, me: CurrentUser) -> AppResult<HttpResponse> {
    faq(ctx, state, me, None).await
}

pub async fn group_faq(
    ctx: Ctx,
    state: State,
    me: CurrentUser,
    path: web::Path<i64>,
) -> AppResult<HttpResponse> {
    faq(ctx, state, me, Some(path.into_inner())).await
}
