//! Reading and writing threads: the forums index, category pages, a thread with its
//! replies, starting a thread, replying and editing. Every title and body goes through the
//! anonymisation filter first: block shows the form again, hold stores it for a moderator.

use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use super::model::*;
use super::posting::{self, Mailing, NewThread, Outcome};
use super::{notices, queries as q};
use crate::accounts::access::{Home, Permission, Viewer};
use crate::db::write_tx;
use crate::error::{AppError, AppResult};
use crate::privacy::Checked;
use crate::web::flash::Flash;
use crate::web::forms::FieldErrors;
use crate::web::templates::redirect_with;
use crate::web::{Ctx, CurrentUser, State};

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct PageQuery {
    pub page: i64,
    pub quote: Option<i64>,
}

/// The forums home: the categories this member may read, by where they live.
pub async fn list_categories(ctx: Ctx, state: State, me: CurrentUser) -> AppResult<HttpResponse> {
    let viewer = me.0.clone();
    let (places, unread, regions) = state
        .db(move |c| {
            use crate::db::schema::regions;
            use diesel::prelude::*;
            let home = q::home_of(c, &viewer.user)?;
            // Authority admins may add categories to their regions.
            let regions: Vec<(i64, String)> = regions::table
                .filter(regions::authority_id.eq_any(viewer.administered_authorities()))
                .order(regions::name.asc())
                .select((regions::id, regions::name))
                .load(c)?;
            Ok((
                q::readable(c, &viewer, home)?,
                notices::unread_count(c, viewer.id())?,
                regions,
            ))
        })
        .await?;
    let regions: Vec<_> = regions
        .into_iter()
        .map(|(id, name)| json!({ "id": id, "name": name }))
        .collect();
    let section = |scope: &str| -> Vec<&q::Place> {
        places
            .iter()
            .filter(|p| p.category.scope == scope)
            .collect()
    };
    ctx.render(
        &state.views,
        "forums/index",
        json!({
            "network": section("network"), "region": section("region"), "group": section("group"),
            "unread_notices": unread, "admin_regions": regions,
        }),
    )
}

/// A group's own categories.
pub async fn group_forums(
    ctx: Ctx,
    state: State,
    me: CurrentUser,
    path: web::Path<i64>,
) -> AppResult<HttpResponse> {
    let group_id = path.into_inner();
    let viewer = me.0.clone();
    let (group, places) = state
        .db(move |c| {
            let group = crate::directory::queries::group(c, group_id)?;
            let home = q::home_of(c, &viewer.user)?;
            let places: Vec<q::Place> = q::readable(c, &viewer, home)?
                .into_iter()
                .filter(|p| p.category.group_id == Some(group_id))
                .collect();
            Ok((group, places))
        })
        .await?;
    let manage = me.may(Permission::ManageGroup {
        group_id,
        authority_id: group.authority_id,
    });
    if places.is_empty() && !manage && !me.is_member_of(group_id) {
        return Err(AppError::forbidden());
    }
    ctx.render(
        &state.views,
        "forums/group",
        json!({ "group": group, "categories": places, "can_manage": manage }),
    )
}

/// The viewer's standing in a category: may they read, post, moderate?
pub struct Standing {
    pub home: Home,
    pub can_post: bool,
    pub moderator: bool,
}

pub fn standing(viewer: &Viewer, home: Home, category: &Category) -> AppResult<Standing> {
    let place = category.place();
    viewer.require(Permission::ReadForum { place, home })?;
    Ok(Standing {
        home,
        can_post: viewer.may(Permission::PostInForum { place, home }),
        moderator: viewer.may(Permission::ModerateForum { place }),
    })
}

fn line_view(t: &q::ThreadLine, me: i64, moderator: bool) -> Value {
    json!({
        "id": t.id, "subject": t.title, "pinned": t.pinned, "locked": t.locked,
        "answered": t.answer_post_id.is_some(), "replies": t.reply_count,
        "author": author_label(&t.author, t.anonymous, t.author_id == me, moderator),
        "held": t.status == HELD,
        "unread": t.last_read_at.is_none_or(|r| r < t.last_post_at),
        "last": when(t.last_post_at),
    })
}

/// How an author is named: anonymous posts hide the name from members, not moderators.
pub fn author_label(name: &str, anonymous: bool, mine: bool, moderator: bool) -> String {
    match (anonymous, mine, moderator) {
        (false, ..) => name.to_string(),
        (true, true, _) => format!("{name} (posted anonymously)"),
        (true, false, true) => format!("Anonymous ({name}, known to moderators)"),
        (true, false, false) => "Anonymous member".to_string(),
    }
}

pub async fn show_category(
    ctx: Ctx,
    state: State,
    me: CurrentUser,
    path: web::Path<i64>,
    query: web::Query<PageQuery>,
) -> AppResult<HttpResponse> {
    let (id, page) = (path.into_inner(), query.page.max(0));
    let viewer = me.0.clone();
    let (category, standing, lines) = state
        .db(move |c| {
            let category = q::category(c, id)?;
            let home = q::home_of(c, &viewer.user)?;
            let s = standing(&viewer, home, &category)?;
            let lines = q::thread_lines(c, id, viewer.id(), s.moderator, page)?;
            Ok((category, s, lines))
        })
        .await?;
    let threads: Vec<Value> = lines
        .iter()
        .map(|t| line_view(t, me.id(), standing.moderator))
        .collect();
    let more = threads.len() as i64 == THREADS_PER_PAGE;
    ctx.render(
        &state.views,
        "forums/category",
        json!({
            "category": category, "threads": threads, "can_post": standing.can_post,
            "moderator": standing.moderator, "page": page, "next": more.then_some(page + 1),
            "prev": (page > 0).then(|| page - 1),
            "levels": LEVELS.iter().map(|(v, l)| json!({"value": v, "label": l})).collect::<Vec<_>>(),
        }),
    )
}

#[derive(Debug, Default, Deserialize, Serialize, Clone)]
#[serde(default)]
pub struct ThreadForm {
    pub title: String,
    pub body: String,
    pub anonymous: Option<String>,
    /// The names of the last draft of `title` (see `crate::privacy::DraftMemory`).
    pub title_flagged: String,
    /// The names of the last draft of `body` (see `crate::privacy::DraftMemory`).
    pub body_flagged: String,
}

fn parse_thread(form: &ThreadForm) -> FieldErrors {
    let mut e = FieldErrors::new();
    let title = form.title.trim();
    if title.chars().count() < 5 {
        e.add(
            "title",
            "Write a title of at least a few words, saying what you're asking or sharing.",
        );
    } else if title.chars().count() > 150 {
        e.add("title", "Keep the title under 150 characters.");
    }
    check_body(&mut e, &form.body);
    e
}

fn check_body(e: &mut FieldErrors, body: &str) {
    if body.trim().is_empty() {
        e.add("body", "Write your message.");
    } else if body.chars().count() > 20_000 {
        e.add("body", "Keep your message under 20,000 characters.");
    }
}

/// The filter's verdict on a title and body: blocked fields become form errors (with the
/// check kept for highlighting); a hold on either holds the post, with the reason.
pub struct Screened {
    pub title: Option<Checked>,
    pub body: Option<Checked>,
    pub outcome: Outcome,
}

pub async fn screen(
    state: &State,
    user_id: i64,
    what: &'static str,
    title: Option<&str>,
    body: &str,
    last_drafts: [&str; 2],
    errors: &mut FieldErrors,
) -> AppResult<Screened> {
    let mut held = Vec::new();
    let title_check = match title {
        Some(t) => {
            let field = if what == "edit" {
                "forum.edit.title"
            } else {
                "forum.title"
            };
            let c = crate::privacy::check_field(state, user_id, field, t, last_drafts[0]).await?;
            judge(&c, "title", errors, &mut held);
            Some(c)
        }
        None => None,
    };
    let field = if what == "edit" {
        "forum.edit.body"
    } else {
        "forum.body"
    };
    let c = crate::privacy::check_field(state, user_id, field, body, last_drafts[1]).await?;
    judge(&c, "body", errors, &mut held);
    let outcome = if held.is_empty() {
        Outcome::visible()
    } else {
        Outcome {
            status: HELD,
            hold_reason: held.join(" "),
        }
    };
    Ok(Screened {
        title: title_check.filter(|c| !c.allowed()),
        body: Some(c).filter(|c| !c.allowed()),
        outcome,
    })
}

fn judge(c: &Checked, field: &'static str, errors: &mut FieldErrors, held: &mut Vec<String>) {
    match c.verdict {
        crate::anonymise::Verdict::Allow => {}
        crate::anonymise::Verdict::Block => errors.add(field, c.message()),
        crate::anonymise::Verdict::Hold => held.push(c.message().to_string()),
    }
}

fn mailing(state: &State) -> (std::sync::Arc<crate::web::Views>, String) {
    (state.views.clone(), state.settings.base_url.clone())
}

pub async fn new_thread_form(
    ctx: Ctx,
    state: State,
    me: CurrentUser,
    path: web::Path<i64>,
) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    let viewer = me.0.clone();
    let category = state
        .db(move |c| {
            let category = q::category(c, id)?;
            let home = q::home_of(c, &viewer.user)?;
            viewer.require(Permission::PostInForum {
                place: category.place(),
                home,
            })?;
            Ok(category)
        })
        .await?;
    ctx.render(
        &state.views,
        "forums/new_thread",
        json!({ "category": category, "form": ThreadForm::default(), "can_be_anonymous": category.scope == "group" }),
    )
}

pub async fn create_thread(
    ctx: Ctx,
    state: State,
    me: CurrentUser,
    path: web::Path<i64>,
    form: web::Form<ThreadForm>,
) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    let form = form.into_inner();
    let viewer = me.0.clone();
    let category = state
        .db(move |c| {
            let category = q::category(c, id)?;
            let home = q::home_of(c, &viewer.user)?;
            viewer.require(Permission::PostInForum {
                place: category.place(),
                home,
            })?;
            if q::rate_limited(c, viewer.id(), crate::now())? {
                return Err(slow_down());
            }
            Ok(category)
        })
        .await?;
    let mut errors = parse_thread(&form);
    let screened = if errors.is_empty() {
        Some(
            screen(
                &state,
                me.id(),
                "new",
                Some(form.title.trim()),
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
            "forums/new_thread",
            json!({
                "category": category, "form": form, "errors": errors,
                "can_be_anonymous": category.scope == "group",
                "title_check": screened.as_ref().and_then(|s| s.title.clone()),
                "body_check": screened.as_ref().and_then(|s| s.body.clone()),
            }),
        );
    }
    let outcome = screened.map(|s| s.outcome).unwrap_or_else(Outcome::visible);
    let held = outcome.is_held();
    let reason = outcome.hold_reason.clone();
    let new = NewThread {
        category_id: category.id,
        author_id: me.id(),
        title: form.title.trim().to_string(),
        body_md: form.body.trim_end().to_string(),
        anonymous: form.anonymous.is_some() && category.scope == "group",
        outcome,
    };
    let (views, base) = mailing(&state);
    let thread_id = state
        .db(move |c| {
            write_tx(c, |c| {
                let mail = Mailing {
                    views: &views,
                    base_url: &base,
                };
                posting::create_thread(c, &mail, &new)
            })
        })
        .await?;
    let flash = if held {
        Flash::info(format!(
            "Your thread is waiting for a moderator before others can see it. {reason}"
        ))
    } else {
        Flash::success("Your thread has been posted.")
    };
    Ok(redirect_with(&format!("/forums/t/{thread_id}"), flash))
}

pub fn slow_down() -> AppError {
    AppError::TooManyRequests(format!(
        "You've posted {} times in the last minute. Please wait a minute, then post again.",
        posts_per_minute()
    ))
}
