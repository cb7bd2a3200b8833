//! Group coordinators add categories to their group's forum, members-only or readable by
//! everyone in the authority.

use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use serde_json::json;

use crate::accounts::access::Permission;
use crate::db::schema::forum_categories as fc;
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
}

async fn managed_group(
    state: &State,
    me: &CurrentUser,
    group_id: i64,
) -> AppResult<crate::directory::model::Group> {
    let group = state
        .db(move |c| Ok(crate::directory::queries::group(c, group_id)?))
        .await?;
    me.require(Permission::ManageGroup {
        group_id,
        authority_id: group.authority_id,
    })?;
    Ok(group)
}

pub async fn new_category_form(
    ctx: Ctx,
    state: State,
    me: CurrentUser,
    path: web::Path<i64>,
) -> AppResult<HttpResponse> {
    let group = managed_group(&state, &me, path.into_inner()).await?;
    ctx.render(
        &state.views,
        "forums/new_category",
        json!({ "group": group, "form": CategoryForm::default() }),
    )
}

/// Adds a category to a group.
pub fn add_group_category(
    c: &mut Db,
    group: &crate::directory::model::Group,
    name: &str,
    description: &str,
    open: bool,
) -> QueryResult<i64> {
    diesel::insert_into(fc::table)
        .values((
            fc::scope.eq("group"),
            fc::authority_id.eq(Some(group.authority_id)),
            fc::region_id.eq(Some(group.region_id)),
            fc::group_id.eq(Some(group.id)),
            fc::name.eq(name),
            fc::description.eq(description),
            fc::open_to_authority.eq(open),
            fc::position.eq(0),
            fc::created_at.eq(crate::now()),
        ))
        .returning(fc::id)
        .get_result(c)
}

pub async fn create_category(
    ctx: Ctx,
    state: State,
    me: CurrentUser,
    path: web::Path<i64>,
    form: web::Form<CategoryForm>,
) -> AppResult<HttpResponse> {
    let group = managed_group(&state, &me, path.into_inner()).await?;
    let form = form.into_inner();
    let mut errors = FieldErrors::new();
    let name = form.name.trim().to_string();
    if name.is_empty() || name.chars().count() > 80 {
        errors.add("name", "Give the category a name under 80 characters.");
    }
    for (field, key, text) in [
        ("name", "forum.category.name", &name),
        (
            "description",
            "forum.category.description",
            &form.description,
        ),
    ] {
        let checked = crate::privacy::check_field(&state, me.id(), key, text).await?;
        if !checked.allowed() {
            errors.add(field, checked.message());
        }
    }
    if !errors.is_empty() {
        return ctx.render_status(
            &state.views,
            StatusCode::UNPROCESSABLE_ENTITY,
            "forums/new_category",
            json!({ "group": group, "form": form, "errors": errors }),
        );
    }
    let open = form.open_to_authority.is_some();
    let description = form.description.trim().to_string();
    let g = group.clone();
    let actor = me.id();
    let id = state
        .db(move |c| {
            Ok(write_tx(c, |c| {
                let id = add_group_category(c, &g, &name, &description, open)?;
                crate::audit::record(
                    c,
                    Some(actor),
                    "forum.category.create",
                    &format!("category {id} in group {}", g.id),
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
