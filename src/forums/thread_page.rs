//! One thread: its posts (one query), replying (with quoting), and editing a post.

use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use super::model::*;
use super::posting::{self, Mailing, Outcome};
use super::threads::{author_label, screen, slow_down, standing, PageQuery, Standing};
use super::{notices, queries as q, render};
use crate::accounts::access::Viewer;
use crate::db::{write_tx, Db};
use crate::error::{AppError, AppResult};
use crate::web::flash::Flash;
use crate::web::forms::FieldErrors;
use crate::web::templates::redirect_with;
use crate::web::{Ctx, CurrentUser, State};

/// Loads a thread the viewer may see: held threads only for their author and moderators,
/// deleted ones only for moderators.
pub fn visible_thread(
    c: &mut Db,
    viewer: &Viewer,
    id: i64,
) -> AppResult<(Thread, Category, Standing)> {
    let (thread, category) = q::thread(c, id)?;
    let home = q::home_of(c, &viewer.user)?;
    let s = standing(viewer, home, &category)?;
    let mine = thread.author_id == viewer.id();
    if (thread.deleted_at.is_some() && !s.moderator)
        || (thread.status == HELD && !mine && !s.moderator)
        || (thread.status == REMOVED && !s.moderator)
    {
        return Err(AppError::NotFound);
    }
    Ok((thread, category, s))
}

fn post_view(p: &q::PostRow, thread: &Thread, me: i64, s: &Standing) -> Option<Value> {
    let post = &p.post;
    let mine = post.author_id == me;
    let hidden = post.status != VISIBLE;
    if hidden && !mine && !s.moderator && post.deleted_at.is_none() {
        return None;
    }
    let gone = post.deleted_at.is_some() || post.status == REMOVED;
    Some(json!({
        "id": post.id,
        "author": author_label(&p.author, post.anonymous, mine, s.moderator),
        "body_html": if gone && !s.moderator { String::new() } else { post.body_html.clone() },
        "when": when(post.created_at),
        "edited": post.edited_at.is_some(),
        "deleted": post.deleted_at.is_some(),
        "removed": post.status == REMOVED,
        "held": post.status == HELD,
        "flagged": post.status == FLAGGED,
        "hold_reason": post.hold_reason,
        "flags": post.flag_count,
        "is_first": post.is_first,
        "is_answer": thread.answer_post_id == Some(post.id),
        "can_edit": !gone && (mine || s.moderator),
        "can_delete": !gone && (mine || s.moderator),
        "can_flag": !gone && !mine && !hidden,
        "can_answer": !gone && !hidden && !post.is_first && (thread.author_id == me || s.moderator),
        "history": s.moderator && post.edited_at.is_some(),
    }))
}

pub async fn show_thread(
    ctx: Ctx,
    state: State,
    me: CurrentUser,
    path: web::Path<i64>,
    query: web::Query<PageQuery>,
) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    let (page, quote) = (query.page.max(0), query.quote);
    let viewer = me.0.clone();
    let (thread, category, s, posts, quoted, level) = state
        .db(move |c| {
            let (thread, category, s) = visible_thread(c, &viewer, id)?;
            let posts = q::posts_of(c, id, page)?;
            let quoted = match quote {
                Some(pid) => {
                    let p = q::post(c, pid)?;
                    let shown = posts
                        .iter()
                        .find(|r| r.post.id == pid && r.post.status == VISIBLE);
                    shown.map(|r| {
                        let name = author_label(&r.author, p.anonymous, false, false);
                        render::quote(&name, &p.body_md)
                    })
                }
                None => None,
            };
            let level = q::thread_level(c, viewer.id(), id)?;
            // Writes only when something changed: a page view by someone already up to
            // date takes no write lock.
            let seen = q::read_state(c, viewer.id(), id)?;
            let now = crate::now();
            let stale_read = seen.last_read_at.is_none_or(|r| r < thread.last_post_at);
            let stale_visit = seen
                .last_seen_at
                .is_none_or(|s| s < now - chrono::Duration::minutes(5));
            if stale_read || seen.unread_notices > 0 || stale_visit {
                write_tx(c, |c| {
                    q::mark_read(c, viewer.id(), id)?;
                    notices::read_thread(c, viewer.id(), id)?;
                    notices::touch_seen(c, viewer.id())
                })?;
            }
            Ok((thread, category, s, posts, quoted, level))
        })
        .await?;
    let more = posts.len() as i64 > POSTS_PER_PAGE;
    let views: Vec<Value> = posts
        .iter()
        .take(POSTS_PER_PAGE as usize)
        .filter_map(|p| post_view(p, &thread, me.id(), &s))
        .collect();
    render_thread(
        &ctx,
        &state,
        &thread,
        &category,
        &s,
        views,
        page,
        more,
        json!({
            "form": { "body": quoted.unwrap_or_default() }, "level": level,
        }),
    )
}

#[allow(clippy::too_many_arguments)]
fn render_thread(
    ctx: &Ctx,
    state: &State,
    thread: &Thread,
    category: &Category,
    s: &Standing,
    posts: Vec<Value>,
    page: i64,
    more: bool,
    extra: Value,
) -> AppResult<HttpResponse> {
    let can_reply = s.can_post && (!thread.locked || s.moderator);
    let posts_html = super::post_list::posts_html(&posts, &ctx.csrf_token, can_reply, s.moderator);
    let mut data = json!({
        "thread": thread, "category": category, "posts_html": posts_html, "moderator": s.moderator,
        "can_reply": can_reply,
        "held": thread.status == HELD,
        "page": page, "next": more.then_some(page + 1), "prev": (page > 0).then(|| page - 1),
        "levels": LEVELS.iter().map(|(v, l)| json!({"value": v, "label": l})).collect::<Vec<_>>(),
    });
    if let (Some(d), Value::Object(e)) = (data.as_object_mut(), extra) {
        d.extend(e);
    }
    let status = if data.get("errors").is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    ctx.render_status(&state.views, status, "forums/thread", data)
}

#[derive(Debug, Default, Deserialize, Serialize, Clone)]
#[serde(default)]
pub struct ReplyForm {
    pub body: String,
    /// The names of the last draft of `body` (see `crate::privacy::DraftMemory`).
    pub body_flagged: String,
}

pub async fn create_reply(
    ctx: Ctx,
    state: State,
    me: CurrentUser,
    path: web::Path<i64>,
    form: web::Form<ReplyForm>,
) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    let form = form.into_inner();
    let viewer = me.0.clone();
    let (thread, category, s) = state
        .db(move |c| {
            let found = visible_thread(c, &viewer, id)?;
            if !found.2.can_post || (found.0.locked && !found.2.moderator) {
                return Err(AppError::forbidden());
            }
            if q::rate_limited(c, viewer.id(), crate::now())? {
                return Err(slow_down());
            }
            Ok(found)
        })
        .await?;
    let mut errors = FieldErrors::new();
    if form.body.trim().is_empty() {
        errors.add("body", "Write your reply.");
    } else if form.body.chars().count() > 20_000 {
        errors.add("body", "Keep your reply under 20,000 characters.");
    }
    let screened = if errors.is_empty() {
        Some(
            screen(
                &state,
                me.id(),
                "new",
                None,
                &form.body,
                ["", &form.body_flagged],
                &mut errors,
            )
            .await?,
        )
    } else {
        None
    };
    if !errors.is_empty() {
        let viewer = me.0.clone();
        let posts = state.db(move |c| Ok(q::posts_of(c, id, 0)?)).await?;
        let views = posts
            .iter()
            .take(POSTS_PER_PAGE as usize)
            .filter_map(|p| post_view(p, &thread, viewer.id(), &s))
            .collect();
        return render_thread(
            &ctx,
            &state,
            &thread,
            &category,
            &s,
            views,
            0,
            false,
            json!({
                "form": form, "errors": errors,
                "body_check": screened.and_then(|s| s.body),
            }),
        );
    }
    let outcome = screened.map(|s| s.outcome).unwrap_or_else(Outcome::visible);
    let (held, reason) = (outcome.is_held(), outcome.hold_reason.clone());
    let (views, base) = (state.views.clone(), state.settings.base_url.clone());
    let author = me.id();
    let body = form.body.trim_end().to_string();
    let post_id = state
        .db(move |c| {
            write_tx(c, |c| {
                let mail = Mailing {
                    views: &views,
                    base_url: &base,
                };
                posting::create_reply(c, &mail, &thread, author, &body, &outcome)
            })
        })
        .await?;
    let flash = if held {
        Flash::info(format!(
            "Your reply is waiting for a moderator before others can see it. {reason}"
        ))
    } else {
        Flash::success("Your reply has been posted.")
    };
    Ok(redirect_with(
        &format!("/forums/t/{id}#post-{post_id}"),
        flash,
    ))
}

#[derive(Debug, Default, Deserialize, Serialize, Clone)]
#[serde(default)]
pub struct EditForm {
    pub title: String,
    pub body: String,
    /// The names of the last draft of `title` (see `crate::privacy::DraftMemory`).
    pub title_flagged: String,
    /// The names of the last draft of `body` (see `crate::privacy::DraftMemory`).
    pub body_flagged: String,
}

/// Loads a post the viewer may edit (its author or a moderator), with its thread.
fn editable(
    c: &mut Db,
    viewer: &Viewer,
    post_id: i64,
) -> AppResult<(Post, Thread, Category, Standing)> {
    let post = q::post(c, post_id)?;
    let (thread, category, s) = visible_thread(c, viewer, post.thread_id)?;
    if post.deleted_at.is_some() || post.status == REMOVED {
        return Err(AppError::NotFound);
    }
    if post.author_id != viewer.id() && !s.moderator {
        return Err(AppError::forbidden());
    }
    Ok((post, thread, category, s))
}

pub async fn edit_post_form(
    ctx: Ctx,
    state: State,
    me: CurrentUser,
    path: web::Path<i64>,
) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    let viewer = me.0.clone();
    let (post, thread, _, _) = state.db(move |c| editable(c, &viewer, id)).await?;
    ctx.render(
        &state.views,
        "forums/edit",
        json!({ "post": {"id": post.id, "is_first": post.is_first}, "thread": thread,
                "form": { "title": thread.title, "body": post.body_md } }),
    )
}

pub async fn update_post(
    ctx: Ctx,
    state: State,
    me: CurrentUser,
    path: web::Path<i64>,
    form: web::Form<EditForm>,
) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    let form = form.into_inner();
    let viewer = me.0.clone();
    let (post, thread, _, _) = state.db(move |c| editable(c, &viewer, id)).await?;
    let mut errors = FieldErrors::new();
    let title = post.is_first.then(|| form.title.trim().to_string());
    if let Some(t) = &title {
        if t.chars().count() < 5 || t.chars().count() > 150 {
            errors.add("title", "Write a title between 5 and 150 characters.");
        }
    }
    if form.body.trim().is_empty() {
        errors.add("body", "Write your message.");
    }
    let screened = if errors.is_empty() {
        Some(
            screen(
                &state,
                me.id(),
                "edit",
                title.as_deref(),
                &form.body,
                [&form.title_flagged, &form.body_flagged],
                &mut errors,
            )
            .await?,
        )
    } else {
        None
    };
    if !errors.is_empty() {
        return ctx.render_status(
            &state.views,
            StatusCode::UNPROCESSABLE_ENTITY,
            "forums/edit",
            json!({
                "post": {"id": post.id, "is_first": post.is_first}, "thread": thread,
                "form": form, "errors": errors,
                "title_check": screened.as_ref().and_then(|s| s.title.clone()),
                "body_check": screened.as_ref().and_then(|s| s.body.clone()),
            }),
        );
    }
    let outcome = screened.map(|s| s.outcome).unwrap_or_else(Outcome::visible);
    let (held, reason) = (outcome.is_held(), outcome.hold_reason.clone());
    let editor = me.id();
    let body = form.body.trim_end().to_string();
    let thread_id = thread.id;
    state
        .db(move |c| {
            write_tx(c, |c| {
                posting::edit_post(c, &post, &thread, editor, title.as_deref(), &body, &outcome)
            })?;
            Ok(())
        })
        .await?;
    let flash = if held {
        Flash::info(format!(
            "Your edit is waiting for a moderator before others can see it. {reason}"
        ))
    } else {
        Flash::success("Your changes have been saved.")
    };
    Ok(redirect_with(
        &format!("/forums/t/{thread_id}#post-{id}"),
        flash,
    ))
}
