//! Looking after the forums: the moderation queue (held and flagged posts) with release,
//! edit-and-release and remove, members' flags, locking, pinning, deleting, marking the
//! answer, and edit history. Every moderator's action is recorded in the audit log.

use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use chrono::Duration;
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
    let edited = form
        .into_inner()
        .body
        .filter(|b| !b.trim().is_empty() && *b != post.body_md);
    if let Some(body) = &edited {
        // A moderator's rewrite is checked too; a hold is theirs to overrule, a block isn't.
        let mut errors = FieldErrors::new();
        let s = screen(&state, me.id(), "edit", None, body, &mut errors).await?;
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

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct FlagForm {
    pub reason: String,
}

/// The page with the flag form (kept off the thread page, which stays light).
pub async fn flag_form(
    ctx: Ctx,
    state: State,
    me: CurrentUser,
    path: web::Path<i64>,
) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    let viewer = me.0.clone();
    let (post, thread) = state
        .db(move |c| {
            let post = q::post(c, id)?;
            let (thread, _, _) = visible_thread(c, &viewer, post.thread_id)?;
            if post.author_id == viewer.id() || post.status != VISIBLE {
                return Err(AppError::forbidden());
            }
            Ok((post, thread))
        })
        .await?;
    let reasons: Vec<_> = FLAG_REASONS
        .iter()
        .map(|(v, l)| json!({ "value": v, "label": l }))
        .collect();
    ctx.render(
        &state.views,
        "forums/flag",
        json!({ "post": {"id": post.id, "body_html": post.body_html}, "thread": thread, "reasons": reasons }),
    )
}

pub async fn flag_post(
    state: State,
    me: CurrentUser,
    path: web::Path<i64>,
    form: web::Form<FlagForm>,
) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    let reason = form.into_inner().reason;
    if !FLAG_REASONS.iter().any(|(r, _)| *r == reason) {
        return Err(AppError::BadRequest(
            "Choose why you're flagging this post.".into(),
        ));
    }
    let viewer = me.0.clone();
    let thread_id = state
        .db(move |c| {
            let post = q::post(c, id)?;
            let (_, _, s) = visible_thread(c, &viewer, post.thread_id)?;
            if post.author_id == viewer.id() || post.status != VISIBLE {
                return Err(AppError::forbidden());
            }
            let trusted = s.moderator
                || viewer.user.created_at < crate::now() - Duration::days(TRUSTED_AFTER_DAYS);
            write_tx(c, |c| {
                diesel::insert_into(ff::table)
                    .values((
                        ff::post_id.eq(id),
                        ff::user_id.eq(viewer.id()),
                        ff::reason.eq(&reason),
                        ff::trusted.eq(trusted),
                        ff::created_at.eq(crate::now()),
                    ))
                    .execute(c)
                    .map_err(|e| match AppError::from(e) {
                        AppError::Conflict(_) => AppError::Conflict(
                            "You've already flagged this post; a moderator will look at it.".into(),
                        ),
                        other => other,
                    })?;
                let trusted_flags: i64 = ff::table
                    .filter(ff::post_id.eq(id))
                    .filter(ff::trusted.eq(true))
                    .filter(ff::resolved_at.is_null())
                    .count()
                    .get_result(c)?;
                let hide = trusted_flags >= FLAGS_TO_HIDE;
                diesel::update(fp::table.find(id))
                    .set(fp::flag_count.eq(fp::flag_count + 1))
                    .execute(c)?;
                if hide {
                    diesel::update(fp::table.find(id))
                        .set(fp::status.eq(FLAGGED))
                        .execute(c)?;
                }
                Ok::<_, AppError>(())
            })?;
            Ok(post.thread_id)
        })
        .await?;
    Ok(redirect_with(
        &format!("/forums/t/{thread_id}#post-{id}"),
        Flash::success("Thank you. A moderator will look at this post."),
    ))
}

/// Locks/unlocks or pins/unpins a thread (moderators).
pub async fn toggle_thread(
    state: State,
    me: CurrentUser,
    path: web::Path<(i64, String)>,
) -> AppResult<HttpResponse> {
    let (id, what) = path.into_inner();
    let viewer = me.0.clone();
    let message = state
        .db(move |c| {
            let (thread, _, s) = visible_thread(c, &viewer, id)?;
            if !s.moderator {
                return Err(AppError::forbidden());
            }
            write_tx(c, |c| {
                let t = ft::table.find(id);
                let message = match what.as_str() {
                    "lock" => {
                        diesel::update(t)
                            .set(ft::locked.eq(!thread.locked))
                            .execute(c)?;
                        if thread.locked {
                            "The thread is open for replies again."
                        } else {
                            "The thread is locked: no more replies."
                        }
                    }
                    "pin" => {
                        diesel::update(t)
                            .set(ft::pinned.eq(!thread.pinned))
                            .execute(c)?;
                        if thread.pinned {
                            "The thread is no longer pinned."
                        } else {
                            "The thread is pinned to the top of its category."
                        }
                    }
                    _ => return Err(AppError::NotFound),
                };
                audit::record(
                    c,
                    Some(viewer.id()),
                    &format!("forum.{what}"),
                    &format!("thread {id}"),
                )?;
                Ok(message)
            })
        })
        .await?;
    Ok(redirect_with(
        &format!("/forums/t/{id}"),
        Flash::success(message),
    ))
}

/// Soft-deletes a post (its author or a moderator); deleting the first post deletes the thread.
pub async fn delete_post(
    state: State,
    me: CurrentUser,
    path: web::Path<i64>,
) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    let viewer = me.0.clone();
    let (thread_id, whole) = state
        .db(move |c| {
            let post = q::post(c, id)?;
            let (_, category, s) = visible_thread(c, &viewer, post.thread_id)?;
            if post.author_id != viewer.id() && !s.moderator {
                return Err(AppError::forbidden());
            }
            write_tx(c, |c| {
                let now = crate::now();
                diesel::update(fp::table.find(id))
                    .set((
                        fp::deleted_at.eq(Some(now)),
                        fp::deleted_by.eq(Some(viewer.id())),
                    ))
                    .execute(c)?;
                if post.is_first {
                    diesel::update(ft::table.find(post.thread_id))
                        .set(ft::deleted_at.eq(Some(now)))
                        .execute(c)?;
                }
                if post.author_id != viewer.id() {
                    audit::record(c, Some(viewer.id()), "forum.delete", &format!("post {id}"))?;
                }
                Ok::<_, AppError>(())
            })?;
            Ok((
                if post.is_first {
                    category.id
                } else {
                    post.thread_id
                },
                post.is_first,
            ))
        })
        .await?;
    Ok(if whole {
        redirect_with(
            &format!("/forums/c/{thread_id}"),
            Flash::success("The thread has been deleted."),
        )
    } else {
        redirect_with(
            &format!("/forums/t/{thread_id}"),
            Flash::success("The post has been deleted."),
        )
    })
}

/// Marks a reply as the thread's answer (its author or a moderator); marking it again unmarks.
pub async fn mark_answer(
    state: State,
    me: CurrentUser,
    path: web::Path<i64>,
) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    let viewer = me.0.clone();
    let (thread_id, marked) = state
        .db(move |c| {
            let post = q::post(c, id)?;
            let (thread, _, s) = visible_thread(c, &viewer, post.thread_id)?;
            if thread.author_id != viewer.id() && !s.moderator {
                return Err(AppError::forbidden());
            }
            if post.is_first || post.status != VISIBLE || post.deleted_at.is_some() {
                return Err(AppError::BadRequest(
                    "Only a visible reply can be the answer.".into(),
                ));
            }
            let unmark = thread.answer_post_id == Some(id);
            write_tx(c, |c| {
                diesel::update(ft::table.find(thread.id))
                    .set((
                        ft::answer_post_id.eq((!unmark).then_some(id)),
                        ft::answered_at.eq((!unmark).then(crate::now)),
                    ))
                    .execute(c)
            })?;
            Ok((thread.id, !unmark))
        })
        .await?;
    let message = if marked {
        "Marked as the answer. The thread is now in the FAQ."
    } else {
        "No longer marked as the answer."
    };
    Ok(redirect_with(
        &format!("/forums/t/{thread_id}#post-{id}"),
        Flash::success(message),
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
