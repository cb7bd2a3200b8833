//! Creating a group: the authority admin's form, with a region, a focus and a coordinator.

use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use serde_json::json;

use super::model::FOCUSES;
use super::queries as q;
use crate::accounts::access::Permission;
use crate::accounts::queries as accounts;
use crate::db::write_tx;
use crate::error::{AppError, AppResult};
use crate::privacy::Checked;
use crate::web::flash::Flash;
use crate::web::forms::FieldErrors;
use crate::web::templates::redirect_with;
use crate::web::{Ctx, CurrentUser, State};

#[derive(Debug, Default, Deserialize, Serialize, Clone)]
#[serde(default)]
pub struct GroupForm {
    pub name: String,
    pub region_id: String,
    pub focus: String,
    pub description: String,
    pub coordinator_email: String,
    /// The names of the description's last draft (see `crate::privacy::DraftMemory`).
    pub description_flagged: String,
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
        None,
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
    description_check: Option<Checked>,
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
            "description_check": description_check,
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
    let mut description_check = None;
    if form.description.chars().count() > 2000 {
        errors.add(
            "description",
            "Keep the description under 2,000 characters.",
        );
    } else {
        // Written text like any other: checked for pupils before it is kept.
        let checked = crate::privacy::check_field(
            &state,
            me.id(),
            "group.description",
            form.description.trim(),
            &form.description_flagged,
        )
        .await?;
        if !checked.allowed() {
            errors.add("description", checked.message());
            description_check = Some(checked);
        }
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
            description_check,
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
                None,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(e) => Err(e),
    }
}
