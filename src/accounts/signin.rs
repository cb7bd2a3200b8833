//! Signing in (with throttling) and out.

use actix_web::cookie::{time::Duration as CookieDuration, Cookie, SameSite};
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use serde::{Deserialize, Serialize};
use serde_json::json;

use super::{passwords, queries, sessions, throttle};
use crate::db::write_tx;
use crate::error::{AppError, AppResult};
use crate::web::flash::Flash;
use crate::web::forms::FieldErrors;
use crate::web::templates::{redirect, redirect_with};
use crate::web::{Ctx, State};
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
    let providers = providers(&state).await?;
    ctx.render(
        &state.views,
        "accounts/signin",
        json!({ "form": { "email": "", "next": safe_next(&q.next) }, "providers": providers }),
    )
}

/// The single sign-on buttons for the sign-in page.
async fn providers(state: &State) -> AppResult<Vec<serde_json::Value>> {
    let list = state.db(|c| Ok(super::sso::for_sign_in(c)?)).await?;
    Ok(list
        .into_iter()
        .map(|(id, name)| json!({ "id": id, "name": name }))
        .collect())
}

/// Sets the session cookie for a new session and sends the browser on to `next`.
pub(super) fn signed_in(state: &State, token: String, next: &str) -> AppResult<HttpResponse> {
    let cookie = Cookie::build(sessions::COOKIE, token)
        .path("/")
        .http_only(true)
        .secure(state.settings.secure_cookies())
        .same_site(SameSite::Lax)
        .max_age(CookieDuration::days(sessions::LIFETIME_DAYS))
        .finish();
    let mut res = redirect(&safe_next(next));
    res.add_cookie(&cookie).map_err(AppError::internal)?;
    Ok(res)
}

/// The address limits are counted against: the connecting peer (a proxy in front must
/// be trusted to pass the real one; until then every client behind it shares a count).
pub(super) fn client_ip(req: &HttpRequest) -> String {
    req.peer_addr()
        .map(|a| a.ip().to_string())
        .unwrap_or_default()
}

/// Only local paths, so a crafted link can't bounce someone to another site.
pub(super) fn safe_next(next: &str) -> String {
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
        SignInOutcome::SignedIn(token) => return signed_in(&state, token, &form.next),
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
    let providers = providers(&state).await?;
    ctx.render_status(
        &state.views,
        status,
        "accounts/signin",
        json!({ "form": form, "errors": errors, "providers": providers }),
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
