//! Loads the signed-in viewer for each request from the session cookie, and the
//! `CurrentUser` extractor for handlers that need someone signed in.

use std::sync::Arc;

use actix_web::body::{EitherBody, MessageBody};
use actix_web::dev::{Payload, ServiceRequest, ServiceResponse};
use actix_web::middleware::Next;
use actix_web::{FromRequest, HttpMessage, HttpRequest};

pub use crate::accounts::access::Viewer;
use crate::accounts::sessions;
use crate::error::AppError;

pub async fn load(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<EitherBody<impl MessageBody>>, actix_web::Error> {
    let token = req.cookie(sessions::COOKIE).map(|c| c.value().to_string());
    if let (Some(token), Some(state)) = (token, req.app_data::<super::State>().cloned()) {
        match state
            .db(move |conn| Ok(sessions::viewer_for(conn, &token)?))
            .await
        {
            Ok(Some(v)) => {
                req.extensions_mut().insert(Arc::new(v));
            }
            Ok(None) => {}
            Err(e) => return Ok(req.error_response(e).map_into_right_body()),
        }
    }
    Ok(next.call(req).await?.map_into_left_body())
}

/// The signed-in viewer; handlers that take it refuse anonymous requests
/// (browsers are sent to sign in, API clients get 401 JSON).
pub struct CurrentUser(pub Arc<Viewer>);

impl std::ops::Deref for CurrentUser {
    type Target = Viewer;
    fn deref(&self) -> &Viewer {
        &self.0
    }
}

impl FromRequest for CurrentUser {
    type Error = AppError;
    type Future = std::future::Ready<Result<CurrentUser, AppError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        std::future::ready(
            req.extensions()
                .get::<Arc<Viewer>>()
                .cloned()
                .map(CurrentUser)
                .ok_or(AppError::SignInRequired),
        )
    }
}
