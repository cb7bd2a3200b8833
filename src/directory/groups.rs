//! Group pages for members and coordinators: browse, join, leave, approve, invite, remove.

use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use serde::Deserialize;
use serde_json::{json, Value};

use super::queries::{self as q, GroupFilter};
use crate::accounts::access::Permission;
use crate::accounts::queries as accounts;
use crate::db::{write_tx, Db};
use crate::error::{AppError, AppResult};
use crate::web::flash::Flash;
use crate::web::forms::{looks_like_email, FieldErrors};
use crate::web::templates::redirect_with;
use crate::web::{Ctx, CurrentUser, State, Viewer};

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct BrowseQuery {
    region: String,
    focus: String,
}

pub async fn list_groups(
    ctx: Ctx,
    state: State,
    query: web::Query<BrowseQuery>,
) -> AppResult<HttpResponse> {
    let region_id = query.region.parse::<i64>().ok();
    let focus = (!query.focus.is_empty()).then(|| query.focus.clone());
    let filter = GroupFilter {
        region_id,
        focus: focus.clone(),
        authority_id: None,
    };
    let (groups, regions) = state
        .db(move |c| {
            let groups = q::list_groups(c, &filter)?;
            let regions = crate::db::schema::regions::table
                .select((
                    crate::db::schema::regions::id,
                    crate::db::schema::regions::name,
                ))
                .order(crate::db::schema::regions::name.asc())
                .load::<(i64, String)>(c)?;
            Ok((groups, regions))
        })
        .await?;
    let member_of = ctx
        .viewer
        .as_ref()
        .map(|v| v.member_of.clone())
        .unwrap_or_default();
    let groups: Vec<_> = groups
        .into_iter()
        .map(|g| {
            json!({
                "id": g.id, "name": g.name, "region": g.region, "authority": g.authority,
                "focus": q::focus_name(&g.focus), "description": g.description,
                "members": g.members, "is_member": member_of.contains(&g.id),
            })
        })
        .collect();
    let regions: Vec<_> = regions
        .into_iter()
        .map(|(id, name)| json!({ "id": id, "name": name, "selected": Some(id) == region_id }))
        .collect();
    ctx.render(
        &state.views,
        "directory/groups",
        json!({ "groups": groups, "regions": regions, "focuses": q::focus_options(focus.as_deref()) }),
    )
}

use diesel::prelude::*;

pub async fn show_group(ctx: Ctx, state: State, path: web::Path<i64>) -> AppResult<HttpResponse> {
    let group_id = path.into_inner();
    let viewer = ctx.viewer.clone();
    let data = state
        .db(move |c| group_page(c, group_id, viewer.as_deref()))
        .await?;
    ctx.render(&state.views, "directory/group", data)
}

/// What a group's page shows to `viewer` (signed out: `None`).
fn group_page(c: &mut Db, group_id: i64, viewer: Option<&Viewer>) -> AppResult<Value> {
    let group = q::group(c, group_id)?;
    let region = crate::db::schema::regions::table
        .find(group.region_id)
        .select(crate::db::schema::regions::name)
        .first::<String>(c)?;
    let coordinators = q::coordinators(c, group_id)?;
    let count = q::member_count(c, group_id)?;
    let scope = (group.id, group.authority_id);
    let (can_see_members, can_manage, pending_mine) = match &viewer {
        Some(v) => (
            v.may(Permission::SeeGroupMembers {
                group_id: scope.0,
                authority_id: scope.1,
            }),
            v.may(Permission::ManageGroup {
                group_id: scope.0,
                authority_id: scope.1,
            }),
            q::pending_request_of(c, group_id, v.id())?.is_some(),
        ),
        None => (false, false, false),
    };
    let members = if can_see_members {
        Some(q::members(c, group_id)?)
    } else {
        None
    };
    let requests = if can_manage {
        Some(q::pending_requests(c, group_id)?)
    } else {
        None
    };
    let is_member = viewer.as_ref().is_some_and(|v| v.is_member_of(group_id));
    Ok(json!({
        "group": group,
        "focus": q::focus_name(&group.focus),
        "region": region,
        "coordinators": coordinators,
        "member_count": count,
        "members": members,
        "requests": requests,
        "can_manage": can_manage,
        "is_member": is_member,
        "request_pending": pending_mine,
    }))
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct JoinForm {
    message: String,
    /// The names of the message's last draft (see `crate::privacy::DraftMemory`).
    message_flagged: String,
}

pub async fn ask_to_join(
    ctx: Ctx,
    state: State,
    me: CurrentUser,
    path: web::Path<i64>,
    form: web::Form<JoinForm>,
) -> AppResult<HttpResponse> {
    let group_id = path.into_inner();
    let message: String = form.message.trim().chars().take(500).collect();
    // A note to the coordinator is written text like any other: checked before it is kept.
    let checked = crate::privacy::check_field(
        &state,
        me.id(),
        "group.join_message",
        &message,
        &form.message_flagged,
    )
    .await?;
    if !checked.allowed() {
        let viewer = me.0.clone();
        let mut data = state
            .db(move |c| group_page(c, group_id, Some(&viewer)))
            .await?;
        data["join_form"] = json!({ "message": form.message });
        checked.show_beside(&mut data, "message");
        return ctx.render_status(
            &state.views,
            StatusCode::UNPROCESSABLE_ENTITY,
            "directory/group",
            data,
        );
    }
    let (user_id, name) = (me.id(), me.user.display_name.clone());
    let st = state.clone();
    let outcome = state
        .db(move |c| {
            write_tx(c, |c| {
                let group = q::group(c, group_id)?;
                if q::is_member(c, group_id, user_id)? {
                    return Ok("You're already a member of this group.");
                }
                if q::pending_request_of(c, group_id, user_id)?.is_some() {
                    return Ok("You've already asked to join; the coordinator will reply soon.");
                }
                q::create_join_request(c, group_id, user_id, &message)?;
                for (email, coordinator) in q::coordinator_emails(c, group_id)? {
                    crate::notify::queue(
                        c,
                        &st.views,
                        &email,
                        "join_request",
                        &json!({
                            "coordinator": coordinator, "member": name, "group": group.name,
                            "link": st.link(&format!("/groups/{group_id}")),
                        }),
                    )?;
                }
                Ok::<_, AppError>("Your request has been sent to the group's coordinator.")
            })
        })
        .await?;
    Ok(redirect_with(
        &format!("/groups/{group_id}"),
        Flash::success(outcome),
    ))
}

pub async fn leave_group(
    state: State,
    me: CurrentUser,
    path: web::Path<i64>,
) -> AppResult<HttpResponse> {
    let group_id = path.into_inner();
    let user_id = me.id();
    state
        .db(move |c| {
            q::group(c, group_id)?;
            Ok(q::remove_member(c, group_id, user_id)?)
        })
        .await?;
    Ok(redirect_with(
        &format!("/groups/{group_id}"),
        Flash::info("You have left the group."),
    ))
}

/// Loads a group and checks the viewer may manage it.
async fn managed_group(
    state: &State,
    me: &CurrentUser,
    group_id: i64,
) -> AppResult<super::model::Group> {
    let group = state.db(move |c| Ok(q::group(c, group_id)?)).await?;
    me.require(Permission::ManageGroup {
        group_id,
        authority_id: group.authority_id,
    })?;
    Ok(group)
}

pub async fn decide_join_request(
    state: State,
    me: CurrentUser,
    path: web::Path<(i64, i64, String)>,
) -> AppResult<HttpResponse> {
    let (group_id, request_id, decision) = path.into_inner();
    let approve = match decision.as_str() {
        "approve" => true,
        "decline" => false,
        _ => return Err(AppError::NotFound),
    };
    let group = managed_group(&state, &me, group_id).await?;
    let decided_by = me.id();
    let st = state.clone();
    let decided = state
        .db(move |c| {
            write_tx(c, |c| {
                let Some(user_id) =
                    q::decide_request(c, group_id, request_id, approve, decided_by)?
                else {
                    return Ok(false);
                };
                let member = accounts::find(c, user_id)?;
                crate::notify::queue(
                    c,
                    &st.views,
                    &member.email,
                    if approve {
                        "join_approved"
                    } else {
                        "join_declined"
                    },
                    &json!({ "name": member.display_name, "group": group.name,
                             "link": st.link(&format!("/groups/{group_id}")) }),
                )?;
                crate::audit::record(
                    c,
                    Some(decided_by),
                    if approve {
                        "group.join.approve"
                    } else {
                        "group.join.decline"
                    },
                    &format!("group={group_id} user={user_id}"),
                )?;
                Ok::<_, AppError>(true)
            })
        })
        .await?;
    if !decided {
        return Err(AppError::Conflict(
            "That request has already been decided.".into(),
        ));
    }
    let msg = if approve {
        "The request was approved and the member told."
    } else {
        "The request was declined and the member told."
    };
    Ok(redirect_with(
        &format!("/groups/{group_id}"),
        Flash::success(msg),
    ))
}

pub async fn remove_member(
    state: State,
    me: CurrentUser,
    path: web::Path<(i64, i64)>,
) -> AppResult<HttpResponse> {
    let (group_id, user_id) = path.into_inner();
    managed_group(&state, &me, group_id).await?;
    let actor = me.id();
    state
        .db(move |c| {
            write_tx(c, |c| {
                q::remove_member(c, group_id, user_id)?;
                crate::audit::record(
                    c,
                    Some(actor),
                    "group.member.remove",
                    &format!("group={group_id} user={user_id}"),
                )?;
                Ok::<_, AppError>(())
            })
        })
        .await?;
    Ok(redirect_with(
        &format!("/groups/{group_id}"),
        Flash::success("The member was removed from the group."),
    ))
}

#[derive(Debug, Default, Deserialize, serde::Serialize)]
#[serde(default)]
pub struct InviteForm {
    email: String,
}

pub async fn invite(
    ctx: Ctx,
    state: State,
    me: CurrentUser,
    path: web::Path<i64>,
    form: web::Form<InviteForm>,
) -> AppResult<HttpResponse> {
    let group_id = path.into_inner();
    let group = managed_group(&state, &me, group_id).await?;
    let email = accounts::normalise_email(&form.email);
    if !looks_like_email(&email) {
        let mut errors = FieldErrors::new();
        errors.add("email", "Enter the email address of the person to invite.");
        return ctx.render_status(
            &state.views,
            StatusCode::UNPROCESSABLE_ENTITY,
            "directory/invite",
            json!({ "group": group, "form": form.into_inner(), "errors": errors }),
        );
    }
    let (inviter, inviter_id) = (me.user.display_name.clone(), me.id());
    let st = state.clone();
    let to = email.clone();
    state
        .db(move |c| {
            write_tx(c, |c| {
                crate::web::rate_limit::hit(
                    c,
                    &format!("invite:user:{inviter_id}"),
                    crate::web::rate_limit::INVITATIONS_PER_USER,
                )?;
                let token = q::create_invitation(c, group_id, &to, inviter_id)?;
                crate::notify::queue(
                    c,
                    &st.views,
                    &to,
                    "group_invitation",
                    &json!({ "inviter": inviter, "group": group.name,
                             "link": st.link(&format!("/invitations/{token}")) }),
                )?;
                Ok::<_, AppError>(())
            })
        })
        .await?;
    Ok(redirect_with(
        &format!("/groups/{group_id}"),
        Flash::success(format!("An invitation has been sent to {email}.")),
    ))
}

pub async fn show_invitation(
    ctx: Ctx,
    state: State,
    path: web::Path<String>,
) -> AppResult<HttpResponse> {
    let token = path.into_inner();
    let t = token.clone();
    let group = state
        .db(move |c| match q::invitation_group(c, &t)? {
            Some(id) => Ok(Some(q::group(c, id)?)),
            None => Ok(None),
        })
        .await?;
    ctx.render(
        &state.views,
        "directory/invitation",
        json!({ "group": group, "token": token }),
    )
}

pub async fn accept_invitation(
    state: State,
    me: CurrentUser,
    path: web::Path<String>,
) -> AppResult<HttpResponse> {
    let token = path.into_inner();
    let user_id = me.id();
    let joined = state
        .db(move |c| {
            write_tx(c, |c| {
                Ok::<_, AppError>(q::accept_invitation(c, &token, user_id)?)
            })
        })
        .await?;
    match joined {
        Some(group_id) => Ok(redirect_with(
            &format!("/groups/{group_id}"),
            Flash::success("Welcome! You've joined the group."),
        )),
        None => Err(AppError::BadRequest(
            "That invitation has expired or has already been used.".into(),
        )),
    }
}
