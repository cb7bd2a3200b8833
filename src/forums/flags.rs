//! Members flag posts (pupil data, unkind, spam, other); enough flags from trusted members
//! hide a post until a moderator reviews it.

use actix_web::{web, HttpResponse};
use chrono::Duration;
use diesel::prelude::*;
use serde::Deserialize;
use serde_json::json;

use super::model::*;
use super::queries as q;
use super::thread_page::visible_thread;
use crate::db::schema::{forum_flags as ff, forum_posts as fp};
use crate::db::write_tx;
use crate::error::{AppError, AppResult};
use crate::web::flash::Flash;
use crate::web::templates::redirect_with;
use crate::web::{Ctx, CurrentUser, State};

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
