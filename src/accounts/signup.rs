//! Sign-up and confirming an email address.

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use serde::{Deserialize, Serialize};
use serde_json::json;

use super::email_tokens::{self, Purpose};
use super::signin::client_ip;
use super::{passwords, queries};
use crate::db::write_tx;
use crate::error::{AppError, AppResult};
use crate::web::flash::Flash;
use crate::web::forms::{looks_like_email, FieldErrors};
use crate::web::rate_limit;
use crate::web::templates::{redirect, redirect_with};
use crate::web::{Ctx, State};
#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct SignUpForm {
    pub email: String,
    pub display_name: String,
    #[serde(skip_serializing)]
    pub password: String,
}

impl SignUpForm {
    fn problems(&self) -> FieldErrors {
        let mut e = FieldErrors::new();
        let email = self.email.trim();
        if email.is_empty() {
            e.add("email", "Enter your email address.");
        } else if !looks_like_email(email) {
            e.add("email", "Enter an email address like name@school.example.");
        }
        let name = self.display_name.trim();
        if name.is_empty() {
            e.add("display_name", "Enter the name colleagues will see.");
        } else if name.chars().count() > 80 {
            e.add("display_name", "Keep your name under 80 characters.");
        }
        if let Some(p) = passwords::problem_with(&self.password, email, name) {
            e.add("password", p);
        }
        e
    }
}

pub async fn new_sign_up_form(ctx: Ctx, state: State) -> AppResult<HttpResponse> {
    if ctx.viewer.is_some() {
        return Ok(redirect("/"));
    }
    ctx.render(
        &state.views,
        "accounts/signup",
        json!({ "form": SignUpForm::default() }),
    )
}

pub async fn sign_up(
    req: HttpRequest,
    ctx: Ctx,
    state: State,
    form: web::Form<SignUpForm>,
) -> AppResult<HttpResponse> {
    let form = form.into_inner();
    let mut errors = form.problems();
    if errors.is_empty() {
        let email = form.email.clone();
        if state
            .db(move |c| Ok(queries::email_taken(c, &email)?))
            .await?
        {
            // Saying so here is unavoidable for sign-up; sign-in and reset never hint.
            errors.add(
                "email",
                "An account with this email already exists. Sign in, or reset your password.",
            );
        }
    }
    if !errors.is_empty() {
        return ctx.render_status(
            &state.views,
            StatusCode::UNPROCESSABLE_ENTITY,
            "accounts/signup",
            json!({ "form": form, "errors": errors }),
        );
    }
    let hash = web::block({
        let p = form.password.clone();
        move || passwords::hash(&p)
    })
    .await??;
    let st = state.clone();
    let (email, name) = (
        form.email.trim().to_string(),
        form.display_name.trim().to_string(),
    );
    let shown_email = email.clone();
    let ip = client_ip(&req);
    let created = state
        .db(move |c| {
            write_tx(c, |c| {
                rate_limit::hit(
                    c,
                    &format!("signup:ip:{ip}"),
                    rate_limit::SIGN_UPS_PER_ADDRESS,
                )?;
                queries::sign_up(c, &st.views, &st.settings.base_url, &email, &name, &hash)
                    .map_err(AppError::from)
            })
        })
        .await;
    if let Err(AppError::TooManyRequests(message)) = created {
        let mut errors = FieldErrors::new();
        errors.add("email", message);
        return ctx.render_status(
            &state.views,
            StatusCode::TOO_MANY_REQUESTS,
            "accounts/signup",
            json!({ "form": form, "errors": errors }),
        );
    }
    created?;
    ctx.render(
        &state.views,
        "accounts/check_email",
        json!({ "email": shown_email }),
    )
}

#[derive(Debug, Deserialize)]
pub struct TokenQuery {
    #[serde(default)]
    pub(super) token: String,
}

/// The link in the email shows a button; the POST does the work (no change on a GET,
/// so mail scanners that follow links can't use it up).
pub async fn confirm_email_form(
    ctx: Ctx,
    state: State,
    q: web::Query<TokenQuery>,
) -> AppResult<HttpResponse> {
    link_form(&ctx, &state, &q.token, Purpose::Verify, "accounts/verify").await
}

/// Shows the form behind an emailed link, or why the link no longer works.
pub(super) async fn link_form(
    ctx: &Ctx,
    state: &State,
    token: &str,
    purpose: Purpose,
    template: &str,
) -> AppResult<HttpResponse> {
    let t = token.to_string();
    let check = state
        .db(move |c| Ok(email_tokens::check(c, &t, purpose)?))
        .await?;
    ctx.render(
        &state.views,
        template,
        json!({ "token": token, "problem": check.err().map(|p| p.message()) }),
    )
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct TokenForm {
    token: String,
}

pub async fn confirm_email(
    ctx: Ctx,
    state: State,
    form: web::Form<TokenForm>,
) -> AppResult<HttpResponse> {
    let token = form.token.clone();
    let outcome = state
        .db(move |c| {
            write_tx(c, |c| {
                let r = email_tokens::redeem(c, &token, Purpose::Verify)?;
                if let Ok(user_id) = r {
                    queries::mark_verified(c, user_id)?;
                }
                Ok::<_, AppError>(r)
            })
        })
        .await?;
    match outcome {
        Ok(_) => Ok(redirect_with(
            "/signin",
            Flash::success("Thank you, your email address is confirmed. You can sign in now."),
        )),
        Err(p) => ctx.render_status(
            &state.views,
            StatusCode::BAD_REQUEST,
            "accounts/verify",
            json!({ "problem": p.message() }),
        ),
    }
}
