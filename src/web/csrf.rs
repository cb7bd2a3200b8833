//! CSRF protection on every state-changing request: the `csrf` crate's HMAC-signed
//! cookie-and-token pair (double submit). Forms carry the token in a hidden `csrf_token`
//! field, scripts in an `X-CSRF-Token` header, and multipart uploads in the form's query
//! string. Nothing unsafe reaches a handler without a matching pair.

use actix_web::body::{EitherBody, MessageBody};
use actix_web::cookie::{Cookie, SameSite};
use actix_web::dev::{Payload, ServiceRequest, ServiceResponse};
use actix_web::http::{header, Method};
use actix_web::middleware::Next;
use actix_web::web::{Bytes, BytesMut};
use actix_web::HttpMessage;
use csrf::{CsrfProtection, HmacCsrfProtection};
use data_encoding::{BASE64, BASE64URL};
use futures_util::StreamExt;
use sha2::{Digest, Sha256};

use crate::error::AppError;

pub const COOKIE: &str = "cr_csrf";
pub const FIELD: &str = "csrf_token";
const HEADER: &str = "x-csrf-token";
const TTL_SECONDS: i64 = 7 * 24 * 3600;
/// Forms are small; GIAS uploads are multipart and not buffered here.
const MAX_FORM_BYTES: usize = 2 * 1024 * 1024;

pub struct CsrfKeys {
    protect: HmacCsrfProtection,
    secure: bool,
}

impl CsrfKeys {
    pub fn new(secret: &str, secure: bool) -> Self {
        let key: [u8; 32] = Sha256::digest(format!("csrf:{secret}").as_bytes()).into();
        CsrfKeys {
            protect: HmacCsrfProtection::from_key(key),
            secure,
        }
    }

    fn cookie_value(&self, raw: &str) -> Option<[u8; 64]> {
        let bytes = BASE64.decode(raw.as_bytes()).ok()?;
        let cookie = self.protect.parse_cookie(&bytes).ok()?;
        cookie.value().try_into().ok()
    }

    fn verify(&self, cookie_raw: &str, token_raw: &str) -> bool {
        let (Ok(c), Ok(t)) = (
            BASE64.decode(cookie_raw.as_bytes()),
            BASE64URL.decode(token_raw.trim().as_bytes()),
        ) else {
            return false;
        };
        match (self.protect.parse_cookie(&c), self.protect.parse_token(&t)) {
            (Ok(cookie), Ok(token)) => self.protect.verify_token_pair(&token, &cookie).is_ok(),
            _ => false,
        }
    }
}

/// The token for this request's forms, for templates.
#[derive(Clone)]
pub struct CsrfToken(pub String);

fn is_safe(method: &Method) -> bool {
    matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

fn refused() -> actix_web::Error {
    AppError::Forbidden(
        "This form has expired or didn't come from a Commonroom page. Please go back, reload the page and send it again."
            .into(),
    )
    .into()
}

pub async fn protect(
    mut req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<EitherBody<impl MessageBody>>, actix_web::Error> {
    let Some(state) = req.app_data::<super::State>().cloned() else {
        return Err(AppError::internal(anyhow::anyhow!("no app state")).into());
    };
    let keys = &state.csrf;
    let cookie_raw = req.cookie(COOKIE).map(|c| c.value().to_string());

    if !is_safe(req.method()) {
        let submitted = match submitted_token(&mut req).await {
            Ok(t) => t,
            Err(e) => return Ok(req.error_response(e).map_into_right_body()),
        };
        let ok = match (&cookie_raw, submitted) {
            (Some(c), Some(t)) => keys.verify(c, &t),
            _ => false,
        };
        if !ok {
            tracing::info!(path = %req.path(), "refused a request without a valid CSRF token");
            return Ok(req.error_response(refused()).map_into_right_body());
        }
    }

    let previous = cookie_raw.as_deref().and_then(|c| keys.cookie_value(c));
    let (token, cookie) = keys
        .protect
        .generate_token_pair(previous.as_ref(), TTL_SECONDS)
        .map_err(|e| AppError::internal(anyhow::anyhow!("csrf: {e}")))?;
    req.extensions_mut()
        .insert(CsrfToken(token.b64_url_string()));
    let is_new = previous.is_none();

    let mut res = next.call(req).await?;
    if is_new {
        let cookie = Cookie::build(COOKIE, cookie.b64_string())
            .path("/")
            .http_only(true)
            .secure(keys.secure)
            .same_site(SameSite::Lax)
            .max_age(actix_web::cookie::time::Duration::seconds(TTL_SECONDS))
            .finish();
        res.response_mut().add_cookie(&cookie)?;
    }
    Ok(res.map_into_left_body())
}

/// Finds the submitted token: header, then urlencoded body field, then query string.
async fn submitted_token(req: &mut ServiceRequest) -> Result<Option<String>, actix_web::Error> {
    if let Some(v) = req.headers().get(HEADER).and_then(|v| v.to_str().ok()) {
        return Ok(Some(v.to_string()));
    }
    let content_type = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_ascii_lowercase();
    if content_type.starts_with("application/x-www-form-urlencoded") {
        let mut payload = req.take_payload();
        let mut body = BytesMut::new();
        while let Some(chunk) = payload.next().await {
            let chunk = chunk?;
            if body.len() + chunk.len() > MAX_FORM_BYTES {
                return Err(AppError::BadRequest("That form is too large.".into()).into());
            }
            body.extend_from_slice(&chunk);
        }
        let body: Bytes = body.freeze();
        let token = url::form_urlencoded::parse(&body)
            .find(|(k, _)| k == FIELD)
            .map(|(_, v)| v.into_owned());
        req.set_payload(Payload::from(body));
        return Ok(token);
    }
    Ok(url::form_urlencoded::parse(req.query_string().as_bytes())
        .find(|(k, _)| k == FIELD)
        .map(|(_, v)| v.into_owned()))
}
