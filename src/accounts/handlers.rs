//! Sign-up, email verification, sign-in and out, password reset and change.

use actix_web::cookie::{time::Duration as CookieDuration, Cookie, SameSite};
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use serde::{Deserialize, Serialize};
use serde_json::json;

use super::email_tokens::{self, LinkProblem, Purpose};
use super::{passwords, queries, sessions, throttle};
use crate::db::write_tx;
use crate::error::{AppError, AppResult};
use crate::web::flash::Flash;
use crate::web::forms::{looks_like_email, FieldErrors};
use crate::web::rate_limit;
use crate::web::templates::{redirect, redirect_with};
use crate::web::{Ctx, CurrentUser, State};

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
    token: String,
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
async fn link_form(
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

#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct SignInForm {
    pub email: String,
    #[serde(skip_serializing)]
    pub password: String,
    pub next: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct NextQuery {
    next: String,
}

pub async fn sign_in_form(
    ctx: Ctx,
    state: State,
    q: web::Query<NextQuery>,
) -> AppResult<HttpResponse> {
    if ctx.viewer.is_some() {
        return Ok(redirect("/"));
    }
    ctx.render(
        &state.views,
        "accounts/signin",
        json!({ "form": { "email": "", "next": safe_next(&q.next) } }),
    )
}

/// The address limits are counted against: the connecting peer (a proxy in front must
/// be trusted to pass the real one; until then every client behind it shares a count).
fn client_ip(req: &HttpRequest) -> String {
    req.peer_addr()
        .map(|a| a.ip().to_string())
        .unwrap_or_default()
}

/// Only local paths, so a crafted link can't bounce someone to another site.
fn safe_next(next: &str) -> String {
    if next.starts_with('/') && !next.starts_with("//") && !next.contains('\\') {
        next.to_string()
    } else {
        "/".to_string()
    }
}

enum SignInOutcome {
    Throttled(i64),
    Wrong,
    Unverified,
    SignedIn(String),
}

pub async fn sign_in(
    req: HttpRequest,
    ctx: Ctx,
    state: State,
    form: web::Form<SignInForm>,
) -> AppResult<HttpResponse> {
    let mut form = form.into_inner();
    form.next = safe_next(&form.next);
    let ip = req
        .peer_addr()
        .map(|a| a.ip().to_string())
        .unwrap_or_default();
    let email = queries::normalise_email(&form.email);
    let password = std::mem::take(&mut form.password);
    let st = state.clone();
    let outcome = state
        .db(move |c| {
            if let Some(minutes) = throttle::blocked_for(c, &email, &ip)? {
                return Ok(SignInOutcome::Throttled(minutes));
            }
            let user = queries::find_by_email(c, &email)?;
            let ok = match user.as_ref().and_then(|u| u.password_hash.as_deref()) {
                Some(stored) => passwords::verify(&password, stored),
                None => {
                    passwords::dummy_verify(&password);
                    false
                }
            };
            let user = match user {
                Some(u) if ok && u.deactivated_at.is_none() => u,
                _ => {
                    write_tx(c, |c| throttle::record(c, &email, &ip, false))?;
                    return Ok(SignInOutcome::Wrong);
                }
            };
            if user.email_verified_at.is_none() {
                write_tx(c, |c| {
                    queries::send_verification(
                        c,
                        &st.views,
                        &st.settings.base_url,
                        user.id,
                        &user.email,
                        &user.display_name,
                    )
                    .map_err(AppError::from)
                })?;
                return Ok(SignInOutcome::Unverified);
            }
            let token = write_tx(c, |c| {
                throttle::record(c, &email, &ip, true)?;
                sessions::start(c, user.id)
            })?;
            Ok(SignInOutcome::SignedIn(token))
        })
        .await?;
    let mut errors = FieldErrors::new();
    let status = match outcome {
        SignInOutcome::SignedIn(token) => {
            let cookie = Cookie::build(sessions::COOKIE, token)
                .path("/")
                .http_only(true)
                .secure(state.settings.secure_cookies())
                .same_site(SameSite::Lax)
                .max_age(CookieDuration::days(sessions::LIFETIME_DAYS))
                .finish();
            let mut res = redirect(&form.next);
            res.add_cookie(&cookie).map_err(AppError::internal)?;
            return Ok(res);
        }
        SignInOutcome::Throttled(minutes) => {
            errors.add(
                "email",
                format!("Too many sign-in attempts. For your security, please wait {minutes} minutes and try again, or reset your password."),
            );
            StatusCode::TOO_MANY_REQUESTS
        }
        SignInOutcome::Wrong => {
            errors.add(
                "password",
                "That email and password don't match an account. Check both and try again.",
            );
            StatusCode::UNPROCESSABLE_ENTITY
        }
        SignInOutcome::Unverified => {
            errors.add(
                "email",
                "Please confirm your email address first: we've just sent you a new link.",
            );
            StatusCode::UNPROCESSABLE_ENTITY
        }
    };
    ctx.render_status(
        &state.views,
        status,
        "accounts/signin",
        json!({ "form": form, "errors": errors }),
    )
}

pub async fn sign_out(req: HttpRequest, state: State) -> AppResult<HttpResponse> {
    if let Some(cookie) = req.cookie(sessions::COOKIE) {
        let token = cookie.value().to_string();
        state.db(move |c| Ok(sessions::end(c, &token)?)).await?;
    }
    let mut res = redirect_with("/", Flash::info("You have signed out."));
    let mut removal = Cookie::build(sessions::COOKIE, "").path("/").finish();
    removal.make_removal();
    res.add_cookie(&removal).map_err(AppError::internal)?;
    Ok(res)
}

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
