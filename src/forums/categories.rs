//! Adding forum categories: coordinators to their group (members-only, or readable by
//! everyone in the authority), authority admins to one of their regions.

use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use serde_json::json;

use crate::accounts::access::Permission;
use crate::db::schema::{forum_categories as fc, regions};
use crate::db::{write_tx, Db};
use crate::error::AppResult;
use crate::web::flash::Flash;
use crate::web::forms::FieldErrors;
use crate::web::templates::redirect_with;
use crate::web::{Ctx, CurrentUser, State};

#[derive(Debug, Default, Deserialize, Serialize, Clone)]
#[serde(default)]
pub struct CategoryForm {
    pub name: String,
    pub description: String,
    pub open_to_authority: Option<String>,
    /// The names of the last drafts of the name and description (see
    /// `crate::privacy::DraftMemory`).
    pub name_flagged: String,
    pub description_flagged: String,
}

/// Whose category it will be.
#[derive(Debug, Clone)]
pub enum Owner {
    Group(crate::directory::model::Group),
    Region {
        id: i64,
        authority_id: i64,
        name: String,
    },
}

impl Owner {
    fn page(&self) -> serde_json::Value {
        match self {
            Owner::Group(g) => json!({
                "owner": g.name, "is_group": true,
                "action": format!("/groups/{}/forums/new", g.id),
                "back": format!("/groups/{}/forums", g.id),
            }),
            Owner::Region { id, name, .. } => json!({
                "owner": name, "is_group": false,
                "action": format!("/forums/regions/{id}/new"),
                "back": "/forums",
            }),
        }
    }
}

async fn group_owner(state: &State, me: &CurrentUser, group_id: i64) -> AppResult<Owner> {
    let group = state
        .db(move |c| Ok(crate::directory::queries::group(c, group_id)?))
        .await?;
    me.require(Permission::ManageGroup {
        group_id,
        authority_id: group.authority_id,
    })?;
    Ok(Owner::Group(group))
}

async fn region_owner(state: &State, me: &CurrentUser, region_id: i64) -> AppResult<Owner> {
    let (authority_id, name) = state
        .db(move |c| {
            Ok(regions::table
                .find(region_id)
                .select((regions::authority_id, regions::name))
                .first::<(i64, String)>(c)?)
        })
        .await?;
    me.require(Permission::ManageAuthority { authority_id })?;
    Ok(Owner::Region {
        id: region_id,
        authority_id,
        name,
    })
}

fn form_page(
    ctx: &Ctx,
    state: &State,
    owner: &Owner,
    extra: serde_json::Value,
) -> AppResult<HttpResponse> {
    let mut data = owner.page();
    if let (Some(d), serde_json::Value::Object(e)) = (data.as_object_mut(), extra) {
        d.extend(e);
    }
    let status = if data.get("errors").is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    ctx.render_status(&state.views, status, "forums/new_category", data)
}

pub async fn new_category_form(
    ctx: Ctx,
    state: State,
    me: CurrentUser,
    path: web::Path<i64>,
) -> AppResult<HttpResponse> {
    let owner = group_owner(&state, &me, path.into_inner()).await?;
    form_page(
        &ctx,
        &state,
        &owner,
        json!({ "form": CategoryForm::default() }),
    )
}

pub async fn new_region_category_form(
    ctx: Ctx,
    state: State,
    me: CurrentUser,
    path: web::Path<i64>,
) -> AppResult<HttpResponse> {
    let owner = region_owner(&state, &me, path.into_inner()).await?;
    form_page(
        &ctx,
        &state,
        &owner,
        json!({ "form": CategoryForm::default() }),
    )
}

pub async fn create_category(
    ctx: Ctx,
    state: State,
    me: CurrentUser,
    path: web::Path<i64>,
    form: web::Form<CategoryForm>,
) -> AppResult<HttpResponse> {
    let owner = group_owner(&state, &me, path.into_inner()).await?;
    create(ctx, state, me, owner, form.into_inner()).await
}

pub async fn create_region_category(
    ctx: Ctx,
    state: State,
    me: CurrentUser,
    path: web::Path<i64>,
    form: web::Form<CategoryForm>,
) -> AppResult<HttpResponse> {
    let owner = region_owner(&state, &me, path.into_inner()).await?;
    create(ctx, state, me, owner, form.into_inner()).await
}

/// Adds a category; a group's may be opened to the authority, a region's is for the region.
pub fn add_category(
    c: &mut Db,
    owner: &Owner,
    name: &str,
    description: &str,
    open: bool,
) -> QueryResult<i64> {
    let (scope, authority, region, group) = match owner {
        Owner::Group(g) => ("group", g.authority_id, g.region_id, Some(g.id)),
        Owner::Region {
            id, authority_id, ..
        } => ("region", *authority_id, *id, None),
    };
    diesel::insert_into(fc::table)
        .values((
            fc::scope.eq(scope),
            fc::authority_id.eq(Some(authority)),
            fc::region_id.eq(Some(region)),
            fc::group_id.eq(group),
            fc::name.eq(name),
            fc::description.eq(description),
            fc::open_to_authority.eq(open && group.is_some()),
            fc::position.eq(0),
            fc::created_at.eq(crate::now()),
        ))
        .returning(fc::id)
        .get_result(c)
}

async fn create(
    ctx: Ctx,
    state: State,
    me: CurrentUser,
    owner: Owner,
    form: CategoryForm,
) -> AppResult<HttpResponse> {
    let mut errors = FieldErrors::new();
    let name = form.name.trim().to_string();
    if name.is_empty() || name.chars().count() > 80 {
        errors.add("name", "Give the category a name under 80 characters.");
    }
    let mut checks = serde_json::Map::new();
    for (field, key, text, last_draft) in [
        ("name", "forum.category.name", &name, &form.name_flagged),
        (
            "description",
            "forum.category.description",
            &form.description,
            &form.description_flagged,
        ),
    ] {
        let checked = crate::privacy::check_field(&state, me.id(), key, text, last_draft).await?;
        if !checked.allowed() {
            errors.add(field, checked.message());
            checks.insert(format!("{field}_check"), json!(checked));
        }
    }
    if !errors.is_empty() {
        let mut data = json!({ "form": form, "errors": errors });
        data.as_object_mut().expect("an object").extend(checks);
        return form_page(&ctx, &state, &owner, data);
    }
    let open = form.open_to_authority.is_some();
    let description = form.description.trim().to_string();
    let actor = me.id();
    let id = state
        .db(move |c| {
            Ok(write_tx(c, |c| {
                let id = add_category(c, &owner, &name, &description, open)?;
                crate::audit::record(
                    c,
                    Some(actor),
                    "forum.category.create",
                    &format!("category {id}"),
                )?;
                Ok::<_, diesel::result::Error>(id)
            })?)
        })
        .await?;
    Ok(redirect_with(
        &format!("/forums/c/{id}"),
        Flash::success("The category has been added."),
    ))
}

/// Opens a group's category to everyone in the authority, or closes it to members again
/// (the group's coordinators and the authority's admins).
pub async fn toggle_openness(
    state: State,
    me: CurrentUser,
    path: web::Path<i64>,
) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    let viewer = me.0.clone();
    let open = state
        .db(move |c| {
            let category = super::queries::category(c, id)?;
            if category.scope != "group" {
                return Err(crate::error::AppError::NotFound);
            }
            if !viewer.moderates(category.place()) {
                return Err(crate::error::AppError::forbidden());
            }
            let open = !category.open_to_authority;
            write_tx(c, |c| {
                diesel::update(fc::table.find(id))
                    .set(fc::open_to_authority.eq(open))
                    .execute(c)?;
                let action = if open {
                    "forum.category.open"
                } else {
                    "forum.category.close"
                };
                crate::audit::record(c, Some(viewer.id()), action, &format!("category {id}"))
            })?;
            Ok(open)
        })
        .await?;
    let message = if open {
        "Everyone in the authority can read this category now; only members can post."
    } else {
        "Only the group's members can read this category now."
    };
    Ok(redirect_with(
        &format!("/forums/c/{id}"),
        Flash::success(message),
    ))
}
