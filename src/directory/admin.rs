//! Authority administration: regions, groups and coordinators, heads, the school list and
//! GIAS import; site administration: authorities and accounts.

use actix_multipart::Multipart;
use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use diesel::prelude::*;
use futures_util::StreamExt;
use serde::{Deserialize, Serialize};
use serde_json::json;

use super::gias;
use super::model::{Group, School, FOCUSES};
use super::queries as q;
use crate::accounts::access::Permission;
use crate::accounts::model::NewRoleGrant;
use crate::accounts::queries as accounts;
use crate::db::schema::{role_grants, schools, users};
use crate::db::{write_tx, Db};
use crate::error::{AppError, AppResult};
use crate::web::flash::Flash;
use crate::web::forms::FieldErrors;
use crate::web::templates::redirect_with;
use crate::web::{Ctx, CurrentUser, State};

const MAX_UPLOAD_BYTES: usize = 64 * 1024 * 1024;

pub async fn admin_home(ctx: Ctx, state: State, me: CurrentUser) -> AppResult<HttpResponse> {
    let mine = me.administered_authorities();
    let is_site_admin = me.user.is_site_admin;
    if !is_site_admin && mine.is_empty() {
        return Err(AppError::forbidden());
    }
    let authorities = state
        .db(move |c| {
            let all = q::all_authorities(c)?;
            Ok(all
                .into_iter()
                .filter(|a| is_site_admin || mine.contains(&a.id))
                .collect::<Vec<_>>())
        })
        .await?;
    ctx.render(
        &state.views,
        "admin/home",
        json!({ "authorities": authorities, "site_admin": is_site_admin }),
    )
}

#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct AuthorityForm {
    name: String,
    admin_email: String,
}

pub async fn create_authority(
    ctx: Ctx,
    state: State,
    me: CurrentUser,
    form: web::Form<AuthorityForm>,
) -> AppResult<HttpResponse> {
    me.require(Permission::SiteAdmin)?;
    let form = form.into_inner();
    let mut errors = FieldErrors::new();
    let name = form.name.trim().to_string();
    if name.is_empty() {
        errors.add("name", "Enter the authority's name.");
    }
    let email = form.admin_email.clone();
    let admin = state
        .db(move |c| Ok(accounts::find_by_email(c, &email)?))
        .await?;
    if admin.is_none() {
        errors.add("admin_email", "There's no account with that email. Ask them to sign up first, or use `commonroom admin create-authority`.");
    }
    if let (true, Some(admin)) = (errors.is_empty(), admin) {
        let actor = me.id();
        let id = state
            .db(move |c| {
                write_tx(c, |c| {
                    let id = q::create_authority(c, &name)?;
                    diesel::insert_into(role_grants::table)
                        .values(NewRoleGrant::authority_admin(admin.id, id))
                        .execute(c)?;
                    crate::audit::record(
                        c,
                        Some(actor),
                        "authority.create",
                        &format!("authority={id} admin={}", admin.id),
                    )?;
                    Ok::<_, AppError>(id)
                })
            })
            .await?;
        return Ok(redirect_with(
            &format!("/admin/authorities/{id}"),
            Flash::success("The authority was created."),
        ));
    }
    let authorities = state.db(|c| Ok(q::all_authorities(c)?)).await?;
    ctx.render_status(
        &state.views,
        StatusCode::UNPROCESSABLE_ENTITY,
        "admin/home",
        json!({ "authorities": authorities, "site_admin": true, "form": form, "errors": errors }),
    )
}

#[derive(Serialize, Queryable)]
struct StaffGrant {
    user_id: i64,
    display_name: String,
    email: String,
    role: String,
    school: Option<String>,
    group_id: Option<i64>,
}

pub async fn show_authority(
    ctx: Ctx,
    state: State,
    me: CurrentUser,
    path: web::Path<i64>,
) -> AppResult<HttpResponse> {
    let authority_id = path.into_inner();
    me.require(Permission::ManageAuthority { authority_id })?;
    let data = state.db(move |c| authority_page(c, authority_id)).await?;
    ctx.render(&state.views, "admin/authority", data)
}

fn authority_page(c: &mut Db, authority_id: i64) -> AppResult<serde_json::Value> {
    let authority = q::authority(c, authority_id)?;
    let regions = q::regions_of(c, authority_id)?;
    let groups = q::list_groups(
        c,
        &q::GroupFilter {
            authority_id: Some(authority_id),
            ..Default::default()
        },
    )?;
    let school_count: i64 = schools::table
        .filter(schools::authority_id.eq(authority_id))
        .count()
        .get_result(c)?;
    let schools_list: Vec<(i64, String)> = schools::table
        .filter(schools::authority_id.eq(authority_id))
        .filter(schools::is_open.eq(true))
        .order(schools::name.asc())
        .select((schools::id, schools::name))
        .load(c)?;
    let grants: Vec<StaffGrant> = role_grants::table
        .inner_join(users::table)
        .left_join(schools::table.on(role_grants::school_id.eq(schools::id.nullable())))
        .filter(role_grants::authority_id.eq(authority_id))
        .order((role_grants::role.asc(), users::display_name.asc()))
        .select((
            users::id,
            users::display_name,
            users::email,
            role_grants::role,
            schools::name.nullable(),
            role_grants::group_id,
        ))
        .load(c)?;
    Ok(json!({
        "authority": authority,
        "regions": regions,
        "groups": groups,
        "school_count": school_count,
        "schools": schools_list.into_iter().map(|(id, name)| json!({"id": id, "name": name})).collect::<Vec<_>>(),
        "admins": grants.iter().filter(|g| g.role == "authority_admin").collect::<Vec<_>>(),
        "heads": grants.iter().filter(|g| g.role == "head").collect::<Vec<_>>(),
        "focuses": FOCUSES.iter().map(|(c, l)| json!({"code": c, "label": l})).collect::<Vec<_>>(),
    }))
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct NameForm {
    name: String,
}

pub async fn create_region(
    state: State,
    me: CurrentUser,
    path: web::Path<i64>,
    form: web::Form<NameForm>,
) -> AppResult<HttpResponse> {
    let authority_id = path.into_inner();
    me.require(Permission::ManageAuthority { authority_id })?;
    let name = form.name.trim().to_string();
    let back = format!("/admin/authorities/{authority_id}");
    if name.is_empty() || name.chars().count() > 100 {
        return Ok(redirect_with(
            &back,
            Flash::error("Enter a region name of up to 100 characters."),
        ));
    }
    let result = state
        .db(move |c| Ok(q::create_region(c, authority_id, &name)?))
        .await;
    match result {
        Ok(_) => Ok(redirect_with(
            &back,
            Flash::success("The region was added."),
        )),
        Err(AppError::Conflict(_)) => Ok(redirect_with(
            &back,
            Flash::error("There is already a region with that name."),
        )),
        Err(e) => Err(e),
    }
}

#[derive(Debug, Default, Deserialize, Serialize, Clone)]
#[serde(default)]
pub struct GroupForm {
    pub name: String,
    pub region_id: String,
    pub focus: String,
    pub description: String,
    pub coordinator_email: String,
}

pub async fn new_group_form(
    ctx: Ctx,
    state: State,
    me: CurrentUser,
    path: web::Path<i64>,
) -> AppResult<HttpResponse> {
    let authority_id = path.into_inner();
    me.require(Permission::ManageAuthority { authority_id })?;
    render_group_form(
        &ctx,
        &state,
        authority_id,
        GroupForm::default(),
        FieldErrors::new(),
        StatusCode::OK,
    )
    .await
}

async fn render_group_form(
    ctx: &Ctx,
    state: &State,
    authority_id: i64,
    form: GroupForm,
    errors: FieldErrors,
    status: StatusCode,
) -> AppResult<HttpResponse> {
    let regions = state
        .db(move |c| Ok(q::regions_of(c, authority_id)?))
        .await?;
    let selected_region = form.region_id.parse::<i64>().ok();
    let regions: Vec<_> = regions
        .into_iter()
        .map(|r| json!({ "id": r.id, "name": r.name, "selected": Some(r.id) == selected_region }))
        .collect();
    ctx.render_status(
        &state.views,
        status,
        "admin/group_form",
        json!({
            "authority_id": authority_id, "form": form, "errors": errors, "regions": regions,
            "focuses": q::focus_options(Some(form.focus.as_str())),
        }),
    )
}

pub async fn create_group(
    ctx: Ctx,
    state: State,
    me: CurrentUser,
    path: web::Path<i64>,
    form: web::Form<GroupForm>,
) -> AppResult<HttpResponse> {
    let authority_id = path.into_inner();
    me.require(Permission::ManageAuthority { authority_id })?;
    let form = form.into_inner();
    let mut errors = FieldErrors::new();
    let name = form.name.trim().to_string();
    if name.is_empty() {
        errors.add("name", "Give the group a name.");
    } else if name.chars().count() > 120 {
        errors.add("name", "Keep the name under 120 characters.");
    }
    let regions = state
        .db(move |c| Ok(q::regions_of(c, authority_id)?))
        .await?;
    let region_id = form
        .region_id
        .parse::<i64>()
        .ok()
        .filter(|id| regions.iter().any(|r| r.id == *id));
    if region_id.is_none() {
        errors.add("region_id", "Choose the region the group belongs to.");
    }
    if !FOCUSES.iter().any(|(c, _)| *c == form.focus) {
        errors.add("focus", "Choose what the group is about.");
    }
    if form.description.chars().count() > 2000 {
        errors.add(
            "description",
            "Keep the description under 2,000 characters.",
        );
    }
    let coordinator = if form.coordinator_email.trim().is_empty() {
        None
    } else {
        let email = form.coordinator_email.clone();
        let user = state
            .db(move |c| Ok(accounts::find_by_email(c, &email)?))
            .await?;
        if user.is_none() {
            errors.add(
                "coordinator_email",
                "There's no account with that email yet: they need to sign up first.",
            );
        }
        user
    };
    let (Some(region_id), true) = (region_id, errors.is_empty()) else {
        return render_group_form(
            &ctx,
            &state,
            authority_id,
            form,
            errors,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    };
    let actor = me.id();
    let description = form.description.trim().to_string();
    let focus = form.focus.clone();
    let created = state
        .db(move |c| {
            write_tx(c, |c| {
                let id: i64 = diesel::insert_into(crate::db::schema::regional_groups::table)
                    .values((
                        crate::db::schema::regional_groups::authority_id.eq(authority_id),
                        crate::db::schema::regional_groups::region_id.eq(region_id),
                        crate::db::schema::regional_groups::name.eq(&name),
                        crate::db::schema::regional_groups::focus.eq(&focus),
                        crate::db::schema::regional_groups::description.eq(&description),
                        crate::db::schema::regional_groups::created_at.eq(crate::now()),
                    ))
                    .returning(crate::db::schema::regional_groups::id)
                    .get_result(c)?;
                if let Some(user) = &coordinator {
                    let group = q::group(c, id)?;
                    q::grant_coordinator(c, user.id, &group)?;
                }
                crate::audit::record(c, Some(actor), "group.create", &format!("group={id}"))?;
                Ok::<_, AppError>(id)
            })
        })
        .await;
    match created {
        Ok(id) => Ok(redirect_with(
            &format!("/groups/{id}"),
            Flash::success("The group was created."),
        )),
        Err(AppError::Conflict(_)) => {
            let mut errors = FieldErrors::new();
            errors.add(
                "name",
                "There is already a group with this name in the authority.",
            );
            render_group_form(
                &ctx,
                &state,
                authority_id,
                form,
                errors,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(e) => Err(e),
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct EmailForm {
    email: String,
    school_id: String,
}

/// Names a coordinator for a group (authority admins).
pub async fn add_coordinator(
    state: State,
    me: CurrentUser,
    path: web::Path<i64>,
    form: web::Form<EmailForm>,
) -> AppResult<HttpResponse> {
    let group_id = path.into_inner();
    let group: Group = state.db(move |c| Ok(q::group(c, group_id)?)).await?;
    me.require(Permission::ManageAuthority {
        authority_id: group.authority_id,
    })?;
    let email = form.email.clone();
    let actor = me.id();
    let done = state
        .db(move |c| {
            write_tx(c, |c| {
                let Some(user) = accounts::find_by_email(c, &email)? else {
                    return Ok(false);
                };
                q::grant_coordinator(c, user.id, &group)?;
                crate::audit::record(
                    c,
                    Some(actor),
                    "group.coordinator.add",
                    &format!("group={} user={}", group.id, user.id),
                )?;
                Ok::<_, AppError>(true)
            })
        })
        .await?;
    let flash = if done {
        Flash::success("The coordinator was added.")
    } else {
        Flash::error("There's no account with that email yet: they need to sign up first.")
    };
    Ok(redirect_with(&format!("/groups/{group_id}"), flash))
}

/// Names the head of a school (authority admins).
pub async fn add_head(
    state: State,
    me: CurrentUser,
    path: web::Path<i64>,
    form: web::Form<EmailForm>,
) -> AppResult<HttpResponse> {
    let authority_id = path.into_inner();
    me.require(Permission::ManageAuthority { authority_id })?;
    let back = format!("/admin/authorities/{authority_id}");
    let Ok(school_id) = form.school_id.parse::<i64>() else {
        return Ok(redirect_with(&back, Flash::error("Choose the school.")));
    };
    let email = form.email.clone();
    let actor = me.id();
    let done = state
        .db(move |c| {
            write_tx(c, |c| {
                let school: School = schools::table
                    .find(school_id)
                    .select(School::as_select())
                    .first(c)?;
                if school.authority_id != authority_id {
                    return Err(AppError::forbidden());
                }
                let Some(user) = accounts::find_by_email(c, &email)? else {
                    return Ok(false);
                };
                diesel::insert_into(role_grants::table)
                    .values(NewRoleGrant::head(user.id, authority_id, school_id))
                    .execute(c)?;
                diesel::update(users::table.find(user.id))
                    .set(users::school_id.eq(Some(school_id)))
                    .execute(c)?;
                crate::audit::record(
                    c,
                    Some(actor),
                    "school.head.add",
                    &format!("school={school_id} user={}", user.id),
                )?;
                Ok(true)
            })
        })
        .await?;
    let flash = if done {
        Flash::success("The head was added.")
    } else {
        Flash::error("There's no account with that email yet.")
    };
    Ok(redirect_with(&back, flash))
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
    let mut file = Vec::new();
    while let Some(field) = payload.next().await {
        let mut field =
            field.map_err(|e| AppError::BadRequest(format!("The upload couldn't be read: {e}")))?;
        if field.name() != Some("file") {
            continue;
        }
        while let Some(chunk) = field.next().await {
            let chunk = chunk
                .map_err(|e| AppError::BadRequest(format!("The upload couldn't be read: {e}")))?;
            if file.len() + chunk.len() > MAX_UPLOAD_BYTES {
                return Err(AppError::BadRequest(
                    "That file is larger than 64 MB.".into(),
                ));
            }
            file.extend_from_slice(&chunk);
        }
    }
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

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct SearchQuery {
    q: String,
}

pub async fn list_accounts(
    ctx: Ctx,
    state: State,
    me: CurrentUser,
    query: web::Query<SearchQuery>,
) -> AppResult<HttpResponse> {
    me.require(Permission::SiteAdmin)?;
    let term = query.q.trim().to_lowercase();
    let pattern = format!("%{}%", term.replace(['%', '_'], ""));
    let accounts: Vec<(i64, String, String, Option<chrono::NaiveDateTime>)> = state
        .db(move |c| {
            Ok(users::table
                .filter(
                    users::email
                        .like(&pattern)
                        .or(users::display_name.like(&pattern)),
                )
                .order(users::email.asc())
                .limit(100)
                .select((
                    users::id,
                    users::email,
                    users::display_name,
                    users::deactivated_at,
                ))
                .load(c)?)
        })
        .await?;
    let accounts: Vec<_> = accounts
        .into_iter()
        .map(|(id, email, name, off)| json!({ "id": id, "email": email, "display_name": name, "deactivated": off.is_some() }))
        .collect();
    ctx.render(
        &state.views,
        "admin/accounts",
        json!({ "accounts": accounts, "q": query.q }),
    )
}

pub async fn deactivate_account(
    state: State,
    me: CurrentUser,
    path: web::Path<i64>,
) -> AppResult<HttpResponse> {
    me.require(Permission::SiteAdmin)?;
    let user_id = path.into_inner();
    if user_id == me.id() {
        return Err(AppError::BadRequest(
            "You can't deactivate your own account here.".into(),
        ));
    }
    let actor = me.id();
    state
        .db(move |c| {
            write_tx(c, |c| {
                accounts::find(c, user_id)?;
                accounts::deactivate(c, user_id)?;
                crate::audit::record(
                    c,
                    Some(actor),
                    "account.deactivate",
                    &format!("user={user_id}"),
                )?;
                Ok::<_, AppError>(())
            })
        })
        .await?;
    Ok(redirect_with(
        "/admin/accounts",
        Flash::success("The account was deactivated and signed out everywhere."),
    ))
}
