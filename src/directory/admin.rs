//! Authority administration: authorities, regions, coordinators and heads.

use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use serde_json::json;

use super::model::FOCUSES;
use super::model::{Group, School};
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
    let mut data = state.db(move |c| authority_page(c, authority_id)).await?;
    data["redirect_uri"] = json!(state.link("/signin/sso/callback"));
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
        "authority_id": authority_id,
        "providers": crate::accounts::sso::of_authority(c, authority_id)?,
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
