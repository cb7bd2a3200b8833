//! The moderation queue (held and flagged posts) with release, edit-and-release and remove,
//! and edit history. Every moderator's action is recorded in the audit log.

use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use diesel::prelude::*;
use serde::Deserialize;
use serde_json::json;

use super::model::*;
use super::posting::{self, Mailing, Outcome};
use super::thread_page::visible_thread;
use super::threads::screen;
use super::{notices, queries as q};
use crate::accounts::access::Viewer;
use crate::audit;
use crate::db::schema::{forum_flags as ff, forum_posts as fp, forum_threads as ft, users};
use crate::db::{write_tx, Db};
use crate::error::{AppError, AppResult};
use crate::web::flash::Flash;
use crate::web::forms::FieldErrors;
use crate::web::templates::redirect_with;
use crate::web::{Ctx, CurrentUser, State};

/// The ids of the categories this viewer moderates.
fn moderated(c: &mut Db, viewer: &Viewer) -> QueryResult<Vec<i64>> {
    Ok(q::all_categories(c)?
        .into_iter()
        .filter(|p| viewer.moderates(p.category.place()))
        .map(|p| p.category.id)
        .collect())
}

#[derive(Debug, serde::Serialize, Queryable)]
struct QueueItem {
    id: i64,
    thread_id: i64,
    status: String,
    hold_reason: String,
    flag_count: i32,
    body_md: String,
    body_html: String,
    is_first: bool,
    #[serde(rename = "subject")]
    title: String,
    author: String,
}

pub async fn show_queue(ctx: Ctx, state: State, me: CurrentUser) -> AppResult<HttpResponse> {
    let viewer = me.0.clone();
    let items = state
        .db(move |c| {
            let ids = moderated(c, &viewer)?;
            if ids.is_empty() {
                return Err(AppError::forbidden());
            }
            let items: Vec<QueueItem> = fp::table
                .inner_join(ft::table)
                .inner_join(users::table.on(users::id.eq(fp::author_id)))
                .filter(ft::category_id.eq_any(ids))
                .filter(fp::deleted_at.is_null())
                .filter(
                    fp::status
                        .eq_any([HELD, FLAGGED])
                        .or(fp::flag_count.gt(0).and(fp::status.eq(VISIBLE))),
                )
                .order(fp::id.asc())
                .limit(100)
                .select((
                    fp::id,
                    fp::thread_id,
                    fp::status,
                    fp::hold_reason,
                    fp::flag_count,
                    fp::body_md,
                    fp::body_html,
                    fp::is_first,
                    ft::title,
                    users::display_name,
                ))
                .load(c)?;
            Ok(items)
        })
        .await?;
    ctx.render(&state.views, "forums/queue", json!({ "items": items }))
}

/// A post the viewer moderates.
fn moderating(c: &mut Db, viewer: &Viewer, post_id: i64) -> AppResult<(Post, Thread)> {
    let post = q::post(c, post_id)?;
    let (thread, _, s) = visible_thread(c, viewer, post.thread_id)?;
    if !s.moderator {
        return Err(AppError::forbidden());
    }
    Ok((post, thread))
}

/// Makes a held or flagged post visible: a held post counts and notifies now.
fn release(c: &mut Db, mail: &Mailing, post: &Post, moderator: i64) -> AppResult<()> {
    diesel::update(fp::table.find(post.id))
        .set((
            fp::status.eq(VISIBLE),
            fp::flag_count.eq(0),
            fp::hold_reason.eq(""),
        ))
        .execute(c)?;
    diesel::update(
        ff::table
            .filter(ff::post_id.eq(post.id))
            .filter(ff::resolved_at.is_null()),
    )
    .set(ff::resolved_at.eq(Some(crate::now())))
    .execute(c)?;
    if post.is_first {
        diesel::update(ft::table.find(post.thread_id))
            .set(ft::status.eq(VISIBLE))
            .execute(c)?;
    }
    if post.status == HELD {
        if !post.is_first {
            posting::count_reply(c, post.thread_id)?;
        }
        notices::after_post(c, mail, post.thread_id, post.id)?;
    }
    audit::record(
        c,
        Some(moderator),
        "forum.release",
        &format!("post {}", post.id),
    )?;
    Ok(())
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ReleaseForm {
    /// When given, the moderator's edited text replaces the post's before release.
    pub body: Option<String>,
    /// The names of the last draft of `body` (see `crate::privacy::DraftMemory`).
    pub body_flagged: String,
}

pub async fn release_post(
    ctx: Ctx,
    state: State,
    me: CurrentUser,
    path: web::Path<i64>,
    form: web::Form<ReleaseForm>,
) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    let viewer = me.0.clone();
    let (post, thread) = state.db(move |c| moderating(c, &viewer, id)).await?;
    let form = form.into_inner();
    let edited = form
        .body
        .filter(|b| !b.trim().is_empty() && *b != post.body_md);
    if let Some(body) = &edited {
        // A moderator's rewrite is checked too; a hold is theirs to overrule, a block isn't.
        let mut errors = FieldErrors::new();
        let s = screen(
            &state,
            me.id(),
            "edit",
            None,
            body,
            ["", &form.body_flagged],
            &mut errors,
        )
        .await?;
        if !errors.is_empty() {
            return ctx.render_status(
                &state.views,
                StatusCode::UNPROCESSABLE_ENTITY,
                "forums/moderate_edit",
                json!({ "post": post, "thread": thread, "form": {"body": body}, "errors": errors, "body_check": s.body }),
            );
        }
    }
    let (views, base, me_id) = (
        state.views.clone(),
        state.settings.base_url.clone(),
        me.id(),
    );
    let thread_id = thread.id;
    state
        .db(move |c| {
            write_tx(c, |c| {
                let mut post = post;
                if let Some(body) = edited {
                    posting::edit_post(c, &post, &thread, me_id, None, &body, &Outcome::visible())?;
                    audit::record(c, Some(me_id), "forum.edit", &format!("post {}", post.id))?;
                    post.body_md = body;
                }
                release(
                    c,
                    &Mailing {
                        views: &views,
                        base_url: &base,
                    },
                    &post,
                    me_id,
                )
            })
        })
        .await?;
    Ok(redirect_with(
        &format!("/forums/moderation#t{thread_id}"),
        Flash::success("The post is visible to members now."),
    ))
}

pub async fn moderate_edit_form(
    ctx: Ctx,
    state: State,
    me: CurrentUser,
    path: web::Path<i64>,
) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    let viewer = me.0.clone();
    let (post, thread) = state.db(move |c| moderating(c, &viewer, id)).await?;
    let body = post.body_md.clone();
    ctx.render(
        &state.views,
        "forums/moderate_edit",
        json!({ "post": post, "thread": thread, "form": {"body": body} }),
    )
}

pub async fn remove_post(
    state: State,
    me: CurrentUser,
    path: web::Path<i64>,
) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    let viewer = me.0.clone();
    state
        .db(move |c| {
            let (post, _) = moderating(c, &viewer, id)?;
            write_tx(c, |c| {
                diesel::update(fp::table.find(post.id))
                    .set((fp::status.eq(REMOVED), fp::flag_count.eq(0)))
                    .execute(c)?;
                diesel::update(
                    ff::table
                        .filter(ff::post_id.eq(post.id))
                        .filter(ff::resolved_at.is_null()),
                )
                .set(ff::resolved_at.eq(Some(crate::now())))
                .execute(c)?;
                if post.is_first {
                    diesel::update(ft::table.find(post.thread_id))
                        .set(ft::status.eq(REMOVED))
                        .execute(c)?;
                }
                audit::record(
                    c,
                    Some(viewer.id()),
                    "forum.remove",
                    &format!("post {}", post.id),
                )?;
                Ok::<_, AppError>(())
            })
        })
        .await?;
    Ok(redirect_with(
        "/forums/moderation",
        Flash::success("The post has been removed."),
    ))
}

pub async fn show_history(
    ctx: Ctx,
    state: State,
    me: CurrentUser,
    path: web::Path<i64>,
) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    let viewer = me.0.clone();
    let (post, thread, revisions) = state
        .db(move |c| {
            let (post, thread) = moderating(c, &viewer, id)?;
            Ok((post, thread, q::revisions(c, id)?))
        })
        .await?;
    let revisions: Vec<_> = revisions
        .into_iter()
        .map(|r| json!({ "subject": r.title, "body_md": r.body_md, "editor": r.editor, "when": when(r.created_at) }))
        .collect();
    ctx.render(
        &state.views,
        "forums/history",
        json!({ "post": post, "thread": thread, "revisions": revisions }),
    )
}
