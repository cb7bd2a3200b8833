//! What an author or moderator does to a thread: lock, pin, soft-delete, mark the answer.

use actix_web::{web, HttpResponse};
use diesel::prelude::*;

use super::model::*;
use super::queries as q;
use super::thread_page::visible_thread;
use crate::audit;
use crate::db::schema::{forum_posts as fp, forum_threads as ft};
use crate::db::write_tx;
use crate::error::{AppError, AppResult};
use crate::web::flash::Flash;
use crate::web::templates::redirect_with;
use crate::web::{CurrentUser, State};

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
