//! Signing in with an authority's own identity provider (Microsoft Entra ID, Google
//! Workspace…) over OpenID Connect: authorization code with PKCE, state and nonce, the ID
//! token verified against the provider's keys. The email it vouches for is matched to an
//! account, or a member account is made for it.

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use diesel::prelude::*;
use openidconnect::core::{CoreAuthenticationFlow, CoreClient, CoreProviderMetadata};
use openidconnect::{
    AuthorizationCode, ClientId, ClientSecret, CsrfToken, IssuerUrl, Nonce, OAuth2TokenResponse,
    PkceCodeChallenge, PkceCodeVerifier, RedirectUrl, Scope, TokenResponse,
};
use serde::{Deserialize, Serialize};
use serde_json::json;

use super::access::Permission;
use super::model::NewUser;
use super::{queries, sessions};
use crate::db::schema::{authorities, identity_providers, sso_logins, users};
use crate::db::{write_tx, Db};
use crate::error::{AppError, AppResult};
use crate::web::flash::Flash;
use crate::web::templates::redirect_with;
use crate::web::{Ctx, CurrentUser, State};

/// How long a sign-in may take between leaving for the provider and coming back.
const LOGIN_TIMEOUT_MINUTES: i64 = 10;
/// Providers' published metadata is fetched once and kept this long.
const METADATA_TTL: Duration = Duration::from_secs(3600);

#[derive(Debug, Clone, Queryable, Selectable, Serialize)]
#[diesel(table_name = identity_providers)]
pub struct IdentityProvider {
    pub id: i64,
    pub authority_id: i64,
    pub name: String,
    pub issuer_url: String,
    pub client_id: String,
    #[serde(skip)]
    pub client_secret: String,
    pub email_domains: String,
}

impl IdentityProvider {
    /// Whether the provider's word on this email is enough: it says it verified it, or the
    /// address is in one of the domains the authority named for this provider.
    pub fn trusts(&self, email: &str, verified: Option<bool>) -> bool {
        if verified == Some(true) {
            return true;
        }
        let domain = email.rsplit('@').next().unwrap_or("").to_ascii_lowercase();
        self.email_domains
            .split(',')
            .map(|d| d.trim().trim_start_matches('@').to_ascii_lowercase())
            .any(|d| !d.is_empty() && d == domain)
    }
}

/// Providers to offer on the sign-in page: (id, button label).
pub fn for_sign_in(conn: &mut Db) -> QueryResult<Vec<(i64, String)>> {
    identity_providers::table
        .order(identity_providers::name.asc())
        .select((identity_providers::id, identity_providers::name))
        .load(conn)
}

pub fn of_authority(conn: &mut Db, authority_id: i64) -> QueryResult<Vec<IdentityProvider>> {
    identity_providers::table
        .filter(identity_providers::authority_id.eq(authority_id))
        .order(identity_providers::name.asc())
        .select(IdentityProvider::as_select())
        .load(conn)
}

fn http_client() -> Result<openidconnect::reqwest::Client, AppError> {
    openidconnect::reqwest::ClientBuilder::new()
        // Following redirects would open the door to SSRF through a provider's answers.
        .redirect(openidconnect::reqwest::redirect::Policy::none())
        .timeout(Duration::from_secs(15))
        .build()
        .map_err(AppError::internal)
}

fn unavailable(provider: &str, detail: impl std::fmt::Display) -> AppError {
    tracing::warn!(provider, error = %detail, "single sign-on failed");
    AppError::BadRequest(format!(
        "Signing in with {provider} didn't work just now. Please try again, or sign in with your email and password."
    ))
}

async fn metadata(p: &IdentityProvider) -> AppResult<CoreProviderMetadata> {
    static CACHE: OnceLock<Mutex<HashMap<String, (Instant, CoreProviderMetadata)>>> =
        OnceLock::new();
    let cache = CACHE.get_or_init(Default::default);
    if let Some((at, m)) = cache
        .lock()
        .ok()
        .and_then(|c| c.get(&p.issuer_url).cloned())
    {
        if at.elapsed() < METADATA_TTL {
            return Ok(m);
        }
    }
    let issuer = IssuerUrl::new(p.issuer_url.clone()).map_err(|e| unavailable(&p.name, e))?;
    let m = CoreProviderMetadata::discover_async(issuer, &http_client()?)
        .await
        .map_err(|e| unavailable(&p.name, e))?;
    if let Ok(mut c) = cache.lock() {
        c.insert(p.issuer_url.clone(), (Instant::now(), m.clone()));
    }
    Ok(m)
}

fn callback_url(state: &State) -> AppResult<RedirectUrl> {
    RedirectUrl::new(state.link("/signin/sso/callback")).map_err(AppError::internal)
}

async fn provider(state: &State, id: i64) -> AppResult<IdentityProvider> {
    state
        .db(move |c| {
            Ok(identity_providers::table
                .find(id)
                .select(IdentityProvider::as_select())
                .first(c)?)
        })
        .await
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct StartQuery {
    next: String,
}

/// Sends the browser to the provider, remembering the state, nonce and PKCE verifier.
pub async fn start_sign_in(
    state: State,
    path: web::Path<i64>,
    q: web::Query<StartQuery>,
) -> AppResult<HttpResponse> {
    let p = provider(&state, path.into_inner()).await?;
    let client = CoreClient::from_provider_metadata(
        metadata(&p).await?,
        ClientId::new(p.client_id.clone()),
        Some(ClientSecret::new(p.client_secret.clone())),
    )
    .set_redirect_uri(callback_url(&state)?);
    let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
    let (url, csrf, nonce) = client
        .authorize_url(
            CoreAuthenticationFlow::AuthorizationCode,
            CsrfToken::new_random,
            Nonce::new_random,
        )
        .add_scope(Scope::new("email".into()))
        .add_scope(Scope::new("profile".into()))
        .set_pkce_challenge(challenge)
        .url();
    let next = super::signin::safe_next(&q.next);
    let provider_id = p.id;
    state
        .db(move |c| {
            write_tx(c, |c| {
                let stale = crate::now() - chrono::Duration::minutes(LOGIN_TIMEOUT_MINUTES);
                diesel::delete(sso_logins::table.filter(sso_logins::created_at.lt(stale)))
                    .execute(c)?;
                diesel::insert_into(sso_logins::table)
                    .values((
                        sso_logins::state.eq(csrf.secret()),
                        sso_logins::provider_id.eq(provider_id),
                        sso_logins::nonce.eq(nonce.secret()),
                        sso_logins::pkce_verifier.eq(verifier.secret()),
                        sso_logins::next_path.eq(next),
                        sso_logins::created_at.eq(crate::now()),
                    ))
                    .execute(c)?;
                Ok::<_, AppError>(())
            })
        })
        .await?;
    Ok(HttpResponse::SeeOther()
        .insert_header(("Location", url.to_string()))
        .finish())
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct CallbackQuery {
    code: String,
    state: String,
    error: String,
    error_description: String,
}

/// The provider sends the browser back here with a code: exchange it, verify the ID
/// token, and sign the person in.
pub async fn finish_sign_in(state: State, q: web::Query<CallbackQuery>) -> AppResult<HttpResponse> {
    let q = q.into_inner();
    let login_state = q.state.clone();
    // The state is used up whatever happens next, so a callback can't be replayed.
    let login = state
        .db(move |c| {
            write_tx(c, |c| {
                let row: Option<(i64, String, String, String, chrono::NaiveDateTime)> =
                    sso_logins::table
                        .find(&login_state)
                        .select((
                            sso_logins::provider_id,
                            sso_logins::nonce,
                            sso_logins::pkce_verifier,
                            sso_logins::next_path,
                            sso_logins::created_at,
                        ))
                        .first(c)
                        .optional()?;
                diesel::delete(sso_logins::table.find(&login_state)).execute(c)?;
                Ok::<_, AppError>(row)
            })
        })
        .await?;
    let expired = |at: chrono::NaiveDateTime| {
        crate::now() - at > chrono::Duration::minutes(LOGIN_TIMEOUT_MINUTES)
    };
    let Some((provider_id, nonce, verifier, next, _)) = login.filter(|l| !expired(l.4)) else {
        return Err(AppError::BadRequest(
            "That sign-in link has expired or was already used. Please start signing in again."
                .into(),
        ));
    };
    let p = provider(&state, provider_id).await?;
    if !q.error.is_empty() {
        return Err(unavailable(
            &p.name,
            format!("{}: {}", q.error, q.error_description),
        ));
    }
    let client = CoreClient::from_provider_metadata(
        metadata(&p).await?,
        ClientId::new(p.client_id.clone()),
        Some(ClientSecret::new(p.client_secret.clone())),
    )
    .set_redirect_uri(callback_url(&state)?);
    let http = http_client()?;
    let tokens = client
        .exchange_code(AuthorizationCode::new(q.code))
        .map_err(|e| unavailable(&p.name, e))?
        .set_pkce_verifier(PkceCodeVerifier::new(verifier))
        .request_async(&http)
        .await
        .map_err(|e| unavailable(&p.name, e))?;
    let id_token = tokens
        .id_token()
        .ok_or_else(|| unavailable(&p.name, "no ID token"))?;
    let claims = id_token
        .claims(&client.id_token_verifier(), &Nonce::new(nonce))
        .map_err(|e| unavailable(&p.name, e))?;
    let mut email = claims.email().map(|e| e.as_str().to_string());
    let mut verified = claims.email_verified();
    let mut name = claims
        .name()
        .and_then(|n| n.get(None))
        .map(|n| n.as_str().to_string());
    if email.is_none() {
        // Some providers put profile claims only in the UserInfo response.
        let info: openidconnect::core::CoreUserInfoClaims = client
            .user_info(
                tokens.access_token().clone(),
                Some(claims.subject().clone()),
            )
            .map_err(|e| unavailable(&p.name, e))?
            .request_async(&http)
            .await
            .map_err(|e| unavailable(&p.name, e))?;
        email = info.email().map(|e| e.as_str().to_string());
        verified = info.email_verified();
        name = name.or_else(|| {
            info.name()
                .and_then(|n| n.get(None))
                .map(|n| n.as_str().to_string())
        });
    }
    let Some(email) = email.map(|e| queries::normalise_email(&e)) else {
        return Err(AppError::BadRequest(format!(
            "{} didn't share your email address, which Commonroom needs. Ask your IT team, or sign in with your email and password.",
            p.name
        )));
    };
    if !p.trusts(&email, verified) {
        return Err(AppError::Forbidden(format!(
            "{} hasn't confirmed the email address {email}, so we can't sign you in with it.",
            p.name
        )));
    }
    let name = name
        .map(|n| n.trim().chars().take(80).collect::<String>())
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| email.split('@').next().unwrap_or("Member").to_string());
    let token = state
        .db(move |c| {
            write_tx(c, |c| {
                let user_id = match queries::find_by_email(c, &email)? {
                    Some(u) if u.deactivated_at.is_some() => {
                        return Err(AppError::Forbidden(
                            "This account has been deactivated.".into(),
                        ))
                    }
                    Some(u) => {
                        queries::mark_verified(c, u.id)?;
                        u.id
                    }
                    None => {
                        let mut new = NewUser::member(&email, &name, None);
                        new.email_verified_at = Some(crate::now());
                        diesel::insert_into(users::table)
                            .values(new)
                            .returning(users::id)
                            .get_result(c)?
                    }
                };
                crate::audit::record(
                    c,
                    Some(user_id),
                    "signin.sso",
                    &format!("provider={provider_id}"),
                )?;
                Ok(sessions::start(c, user_id)?)
            })
        })
        .await?;
    super::signin::signed_in(&state, token, &next)
}

#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct ProviderForm {
    name: String,
    issuer_url: String,
    client_id: String,
    client_secret: String,
    email_domains: String,
}

/// An authority admin adds their identity provider.
pub async fn add_identity_provider(
    ctx: Ctx,
    state: State,
    me: CurrentUser,
    path: web::Path<i64>,
    form: web::Form<ProviderForm>,
) -> AppResult<HttpResponse> {
    let authority_id = path.into_inner();
    me.require(Permission::ManageAuthority { authority_id })?;
    let form = form.into_inner();
    let mut errors = crate::web::forms::FieldErrors::new();
    if form.name.trim().is_empty() {
        errors.add(
            "name",
            "Name the sign-in button, e.g. \"Northshire staff account\".",
        );
    }
    match url::Url::parse(form.issuer_url.trim()) {
        Ok(u)
            if u.scheme() == "https" || matches!(u.host_str(), Some("127.0.0.1" | "localhost")) => {
        }
        _ => errors.add(
            "issuer_url",
            "Enter the provider's issuer URL, starting https://",
        ),
    }
    if form.client_id.trim().is_empty() {
        errors.add(
            "client_id",
            "Enter the client (application) ID the provider gave you.",
        );
    }
    if form.client_secret.trim().is_empty() {
        errors.add(
            "client_secret",
            "Enter the client secret the provider gave you.",
        );
    }
    if !errors.is_empty() {
        let authority: String = state
            .db(move |c| {
                Ok(authorities::table
                    .find(authority_id)
                    .select(authorities::name)
                    .first(c)?)
            })
            .await?;
        return ctx.render_status(
            &state.views,
            StatusCode::UNPROCESSABLE_ENTITY,
            "accounts/identity_provider",
            json!({ "authority_id": authority_id, "authority": authority, "form": form, "errors": errors,
                    "redirect_uri": state.link("/signin/sso/callback") }),
        );
    }
    let actor = me.id();
    state
        .db(move |c| {
            write_tx(c, |c| {
                let id: i64 = diesel::insert_into(identity_providers::table)
                    .values((
                        identity_providers::authority_id.eq(authority_id),
                        identity_providers::name.eq(form.name.trim()),
                        identity_providers::issuer_url
                            .eq(form.issuer_url.trim().trim_end_matches('/')),
                        identity_providers::client_id.eq(form.client_id.trim()),
                        identity_providers::client_secret.eq(form.client_secret.trim()),
                        identity_providers::email_domains.eq(form.email_domains.trim()),
                        identity_providers::created_at.eq(crate::now()),
                    ))
                    .returning(identity_providers::id)
                    .get_result(c)?;
                crate::audit::record(
                    c,
                    Some(actor),
                    "sso.provider.add",
                    &format!("authority={authority_id} provider={id}"),
                )?;
                Ok::<_, AppError>(())
            })
        })
        .await?;
    Ok(redirect_with(
        &format!("/admin/authorities/{authority_id}"),
        Flash::success("The sign-in option was added. It now appears on the sign-in page."),
    ))
}

pub async fn remove_identity_provider(
    state: State,
    me: CurrentUser,
    path: web::Path<(i64, i64)>,
) -> AppResult<HttpResponse> {
    let (authority_id, provider_id) = path.into_inner();
    me.require(Permission::ManageAuthority { authority_id })?;
    let actor = me.id();
    state
        .db(move |c| {
            write_tx(c, |c| {
                let n = diesel::delete(
                    identity_providers::table
                        .filter(identity_providers::id.eq(provider_id))
                        .filter(identity_providers::authority_id.eq(authority_id)),
                )
                .execute(c)?;
                if n == 0 {
                    return Err(AppError::NotFound);
                }
                crate::audit::record(
                    c,
                    Some(actor),
                    "sso.provider.remove",
                    &format!("provider={provider_id}"),
                )?;
                Ok(())
            })
        })
        .await?;
    Ok(redirect_with(
        &format!("/admin/authorities/{authority_id}"),
        Flash::success("The sign-in option was removed."),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn provider(domains: &str) -> IdentityProvider {
        IdentityProvider {
            id: 1,
            authority_id: 1,
            name: "Northshire".into(),
            issuer_url: "https://login.example".into(),
            client_id: "x".into(),
            client_secret: "y".into(),
            email_domains: domains.into(),
        }
    }

    #[test]
    fn an_unverified_email_is_trusted_only_in_named_domains() {
        let p = provider("northshire.example, @schools.northshire.example");
        assert!(p.trusts("a@anywhere.example", Some(true)));
        assert!(p.trusts("a@northshire.example", None));
        assert!(p.trusts("a@SCHOOLS.northshire.example", Some(false)));
        assert!(!p.trusts("a@evil.example", None));
        assert!(!provider("").trusts("a@northshire.example", None));
    }
}
