//! Forgotten passwords (reset by an emailed link) and changing a password.

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use serde::{Deserialize, Serialize};
use serde_json::json;

use super::email_tokens::{self, LinkProblem, Purpose};
use super::signin::client_ip;
use super::signup::{link_form, TokenQuery};
use super::{passwords, queries, sessions};
use crate::db::write_tx;
use crate::error::{AppError, AppResult};
use crate::web::flash::Flash;
use crate::web::forms::{looks_like_email, FieldErrors};
use crate::web::rate_limit;
use crate::web::templates::redirect_with;
use crate::web::{Ctx, CurrentUser, State};
#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct ForgotForm {
    pub email: String,
}

pub async fn forgot_password_form(ctx: Ctx, state: State) -> AppResult<HttpResponse> {
    ctx.render(
        &state.views,
        "accounts/forgot",
        json!({ "form": ForgotForm::default() }),
    )
}

pub async fn forgot_password(
    req: HttpRequest,
    ctx: Ctx,
    state: State,
    form: web::Form<ForgotForm>,
) -> AppResult<HttpResponse> {
    let form = form.into_inner();
    if !looks_like_email(form.email.trim()) {
        let mut errors = FieldErrors::new();
        errors.add("email", "Enter the email address you signed up with.");
        return ctx.render_status(
            &state.views,
            StatusCode::UNPROCESSABLE_ENTITY,
            "accounts/forgot",
            json!({ "form": form, "errors": errors }),
        );
    }
    let email = form.email.clone();
    let st = state.clone();
    let ip = client_ip(&req);
    state
        .db(move |c| {
            write_tx(c, |c| {
                rate_limit::hit(c, &format!("reset:ip:{ip}"), rate_limit::RESETS_PER_ADDRESS)?;
                let Some(user) = queries::find_by_email(c, &email)? else {
                    return Ok(());
                };
                if user.deactivated_at.is_some() {
                    return Ok(());
                }
                let token = email_tokens::issue(c, user.id, Purpose::Reset)?;
                crate::notify::queue(
                    c,
                    &st.views,
                    &user.email,
                    "reset_password",
                    &json!({
                        "name": user.display_name,
                        "link": st.link(&format!("/reset-password?token={token}")),
                        "minutes": Purpose::Reset.lifetime().num_minutes(),
                    }),
                )?;
                Ok::<_, AppError>(())
            })
        })
        .await?;
    // The same answer whether or not the account exists.
    ctx.render(
        &state.views,
        "accounts/check_email",
        json!({ "email": form.email.trim(), "reset": true }),
    )
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ResetForm {
    token: String,
    password: String,
}

pub async fn reset_password_form(
    ctx: Ctx,
    state: State,
    q: web::Query<TokenQuery>,
) -> AppResult<HttpResponse> {
    link_form(&ctx, &state, &q.token, Purpose::Reset, "accounts/reset").await
}

pub async fn reset_password(
    ctx: Ctx,
    state: State,
    form: web::Form<ResetForm>,
) -> AppResult<HttpResponse> {
    let form = form.into_inner();
    let token = form.token.clone();
    let user = state
        .db(move |c| {
            Ok(match email_tokens::check(c, &token, Purpose::Reset)? {
                Ok(id) => Ok(queries::find(c, id)?),
                Err(p) => Err(p),
            })
        })
        .await?;
    let user = match user {
        Ok(u) => u,
        Err(p) => return link_problem(&ctx, &state, p),
    };
    if let Some(problem) = passwords::problem_with(&form.password, &user.email, &user.display_name)
    {
        let mut errors = FieldErrors::new();
        errors.add("password", problem);
        return ctx.render_status(
            &state.views,
            StatusCode::UNPROCESSABLE_ENTITY,
            "accounts/reset",
            json!({ "token": form.token, "errors": errors }),
        );
    }
    let token = form.token.clone();
    let password = form.password.clone();
    let outcome = state
        .db(move |c| {
            write_tx(c, |c| {
                let r = email_tokens::redeem(c, &token, Purpose::Reset)?;
                if let Ok(user_id) = r {
                    queries::set_password(c, user_id, &password, None)?;
                    queries::mark_verified(c, user_id)?;
                }
                Ok::<_, AppError>(r)
            })
        })
        .await?;
    match outcome {
        Ok(_) => Ok(redirect_with(
            "/signin",
            Flash::success("Your password has been changed. Sign in with your new password."),
        )),
        Err(p) => link_problem(&ctx, &state, p),
    }
}

fn link_problem(ctx: &Ctx, state: &State, p: LinkProblem) -> AppResult<HttpResponse> {
    ctx.render_status(
        &state.views,
        StatusCode::BAD_REQUEST,
        "accounts/reset",
        json!({ "problem": p.message() }),
    )
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ChangePasswordForm {
    current_password: String,
    new_password: String,
}

pub async fn change_password_form(
    ctx: Ctx,
    state: State,
    _me: CurrentUser,
) -> AppResult<HttpResponse> {
    ctx.render(&state.views, "accounts/password", json!({}))
}

pub async fn change_password(
    req: HttpRequest,
    ctx: Ctx,
    state: State,
    me: CurrentUser,
    form: web::Form<ChangePasswordForm>,
) -> AppResult<HttpResponse> {
    let form = form.into_inner();
    let mut errors = FieldErrors::new();
    // argon2 is deliberately slow: verify off the async threads.
    let (stored, given) = (me.user.password_hash.clone(), form.current_password.clone());
    let current_ok =
        web::block(move || stored.is_some_and(|h| passwords::verify(&given, &h))).await?;
    if !current_ok {
        errors.add("current_password", "That isn't your current password.");
    }
    if let Some(p) =
        passwords::problem_with(&form.new_password, &me.user.email, &me.user.display_name)
    {
        errors.add("new_password", p);
    }
    if !errors.is_empty() {
        return ctx.render_status(
            &state.views,
            StatusCode::UNPROCESSABLE_ENTITY,
            "accounts/password",
            json!({ "errors": errors }),
        );
    }
    let keep = req.cookie(sessions::COOKIE).map(|c| c.value().to_string());
    let user_id = me.id();
    state
        .db(move |c| {
            write_tx(c, |c| {
                queries::set_password(c, user_id, &form.new_password, keep.as_deref())?;
                crate::audit::record(c, Some(user_id), "password.change", "")?;
                Ok::<_, AppError>(())
            })
        })
        .await?;
    Ok(redirect_with(
        "/account/profile",
        Flash::success(
            "Your password has been changed, and you've been signed out on your other devices.",
        ),
    ))
}
