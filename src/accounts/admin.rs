//! Site administration of accounts: search, and deactivation (which ends every session).

use actix_web::{web, HttpResponse};
use diesel::prelude::*;
use serde::Deserialize;
use serde_json::json;

use super::access::Permission;
use super::queries as accounts;
use crate::db::schema::users;
use crate::db::write_tx;
use crate::error::{AppError, AppResult};
use crate::web::flash::Flash;
use crate::web::templates::redirect_with;
use crate::web::{Ctx, CurrentUser, State};

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
