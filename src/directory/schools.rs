//! Schools: the authority's list, GIAS import (with progress for large files), and a
//! school's staff for its head.

use actix_multipart::Multipart;
use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use serde_json::json;

use super::gias;
use super::model::School;
use super::queries as q;
use crate::accounts::access::Permission;
use crate::db::schema::{schools, users};
use crate::db::{write_tx, Db};
use crate::error::{AppError, AppResult};
use crate::web::forms::FieldErrors;
use crate::web::{Ctx, CurrentUser, State};

const MAX_UPLOAD_BYTES: usize = 64 * 1024 * 1024;
/// Larger files (a county's extract is several MB) get a page that shows progress as it
/// happens, streamed in one response so it works without JavaScript.
const STREAM_ABOVE_BYTES: usize = 256 * 1024;
/// Marks where progress lines go in `admin/import_running`.
const PROGRESS_SLOT: &str = "<!--progress-->";

/// Streams the import page: the layout and a progress list first, a line per thousand
/// rows as the import runs, then the result and the end of the page.
fn stream_import(
    ctx: &Ctx,
    state: &State,
    authority: super::model::Authority,
    file: Vec<u8>,
    actor: i64,
) -> AppResult<HttpResponse> {
    let page = ctx.page_html(
        &state.views,
        "admin/import_running",
        json!({ "authority": authority }),
    )?;
    let (head, tail) = page.split_once(PROGRESS_SLOT).unwrap_or((&page, ""));
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel::<web::Bytes>();
    let _ = tx.send(web::Bytes::from(head.to_string()));
    let tail = tail.to_string();
    let (pool, views) = (state.pool.clone(), state.views.clone());
    let authority_id = authority.id;
    tokio::task::spawn_blocking(move || {
        let line = |msg: String| {
            let _ = tx.send(web::Bytes::from(format!(
                "<li>{}</li>\n",
                crate::anonymise::escape_html(&msg)
            )));
        };
        let result = pool
            .get()
            .map_err(AppError::from)
            .and_then(|mut c| import(&mut c, authority_id, &file, Some(actor), line));
        let fragment = match result {
            Ok(result) => views
                .html
                .render(
                    "admin/import_result",
                    &json!({ "authority": authority, "result": result }),
                )
                .unwrap_or_default(),
            Err(e) => {
                tracing::error!(error = ?e, "school import failed");
                "<p class=\"error-message\">The import failed on our side; nothing was imported. Please try again.</p>".into()
            }
        };
        let _ = tx.send(web::Bytes::from(format!("</ol>{fragment}{tail}")));
    });
    let body = futures_util::stream::poll_fn(move |cx| {
        rx.poll_recv(cx)
            .map(|c| c.map(Ok::<_, std::convert::Infallible>))
    });
    Ok(HttpResponse::Ok()
        .content_type("text/html; charset=utf-8")
        // Compression would hold the progress lines back until the end.
        .insert_header(("Content-Encoding", "identity"))
        .insert_header(("Cache-Control", "no-store"))
        .streaming(body))
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct PageQuery {
    page: i64,
}

pub async fn list_schools(
    ctx: Ctx,
    state: State,
    me: CurrentUser,
    path: web::Path<i64>,
    query: web::Query<PageQuery>,
) -> AppResult<HttpResponse> {
    let authority_id = path.into_inner();
    me.require(Permission::ManageAuthority { authority_id })?;
    const PER_PAGE: i64 = 100;
    let page = query.page.max(1);
    let (authority, list, total) = state
        .db(move |c| {
            let authority = q::authority(c, authority_id)?;
            let list: Vec<School> = schools::table
                .filter(schools::authority_id.eq(authority_id))
                .order(schools::name.asc())
                .limit(PER_PAGE)
                .offset((page - 1) * PER_PAGE)
                .select(School::as_select())
                .load(c)?;
            let total: i64 = schools::table
                .filter(schools::authority_id.eq(authority_id))
                .count()
                .get_result(c)?;
            Ok((authority, list, total))
        })
        .await?;
    let pages = (total + PER_PAGE - 1) / PER_PAGE;
    ctx.render(
        &state.views,
        "admin/schools",
        json!({
            "authority": authority, "schools": list, "total": total, "page": page,
            "prev": (page > 1).then_some(page - 1), "next": (page < pages).then_some(page + 1),
        }),
    )
}

pub async fn import_schools_form(
    ctx: Ctx,
    state: State,
    me: CurrentUser,
    path: web::Path<i64>,
) -> AppResult<HttpResponse> {
    let authority_id = path.into_inner();
    me.require(Permission::ManageAuthority { authority_id })?;
    let authority = state
        .db(move |c| Ok(q::authority(c, authority_id)?))
        .await?;
    ctx.render(
        &state.views,
        "admin/import",
        json!({ "authority": authority }),
    )
}

pub async fn import_schools(
    ctx: Ctx,
    state: State,
    me: CurrentUser,
    path: web::Path<i64>,
    mut payload: Multipart,
) -> AppResult<HttpResponse> {
    let authority_id = path.into_inner();
    me.require(Permission::ManageAuthority { authority_id })?;
    let file =
        crate::web::forms::read_upload(&mut payload, "file", MAX_UPLOAD_BYTES, "64 MB").await?;
    let authority = state
        .db(move |c| Ok(q::authority(c, authority_id)?))
        .await?;
    if file.is_empty() {
        let mut errors = FieldErrors::new();
        errors.add("file", "Choose the GIAS CSV file to upload.");
        return ctx.render_status(
            &state.views,
            StatusCode::UNPROCESSABLE_ENTITY,
            "admin/import",
            json!({ "authority": authority, "errors": errors }),
        );
    }
    let actor = me.id();
    if file.len() > STREAM_ABOVE_BYTES {
        return stream_import(&ctx, &state, authority, file, actor);
    }
    let result = state
        .db(move |c| import(c, authority_id, &file, Some(actor), |_| {}))
        .await?;
    let status = if result.problems.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    ctx.render_status(
        &state.views,
        status,
        "admin/import",
        json!({ "authority": authority, "result": result }),
    )
}

#[derive(Debug, Serialize)]
pub struct ImportResult {
    pub rows: usize,
    pub problems: Vec<gias::RowProblem>,
    pub outcome: Option<gias::Outcome>,
}

/// Checks and applies a GIAS file: all of it, or (with any bad row) none of it.
pub fn import(
    conn: &mut Db,
    authority_id: i64,
    bytes: &[u8],
    actor: Option<i64>,
    mut progress: impl FnMut(String),
) -> AppResult<ImportResult> {
    let checked = gias::check(bytes, |n| progress(format!("checked {n} rows")));
    if !checked.problems.is_empty() {
        return Ok(ImportResult {
            rows: checked.rows.len() + checked.problems.len(),
            problems: checked.problems,
            outcome: None,
        });
    }
    let rows = checked.rows;
    let applied = write_tx(conn, |c| {
        let r = gias::apply(c, authority_id, &rows, |n| {
            progress(format!("saved {n} of {} rows", rows.len()))
        })?;
        if let Ok(o) = &r {
            crate::audit::record(
                c,
                actor,
                "schools.import",
                &format!(
                    "authority={authority_id} added={} updated={}",
                    o.added, o.updated
                ),
            )?;
        }
        Ok::<_, AppError>(r)
    })?;
    Ok(match applied {
        Ok(outcome) => ImportResult {
            rows: rows.len(),
            problems: vec![],
            outcome: Some(outcome),
        },
        Err(problems) => ImportResult {
            rows: rows.len(),
            problems,
            outcome: None,
        },
    })
}

#[derive(Serialize, Queryable)]
struct StaffMember {
    id: i64,
    display_name: String,
    job_title: String,
    working_days: String,
    working_hours: String,
}

/// A school's staff on Commonroom (the head, and authority admins).
pub async fn school_staff(
    ctx: Ctx,
    state: State,
    me: CurrentUser,
    path: web::Path<i64>,
) -> AppResult<HttpResponse> {
    let school_id = path.into_inner();
    let school: School = state
        .db(move |c| {
            Ok(schools::table
                .find(school_id)
                .select(School::as_select())
                .first(c)?)
        })
        .await?;
    me.require(Permission::SeeSchoolStaff {
        school_id,
        authority_id: school.authority_id,
    })?;
    let staff: Vec<StaffMember> = state
        .db(move |c| {
            Ok(users::table
                .filter(users::school_id.eq(school_id))
                .filter(users::deactivated_at.is_null())
                .order(users::display_name.asc())
                .select((
                    users::id,
                    users::display_name,
                    users::job_title,
                    users::working_days,
                    users::working_hours,
                ))
                .load(c)?)
        })
        .await?;
    ctx.render(
        &state.views,
        "directory/staff",
        json!({ "school": school, "staff": staff }),
    )
}
