//! Turns every error response into what the client can use: an HTML page in the layout
//! for browsers, JSON `{"error": …}` for `/api/…`, and a sign-in redirect for pages that
//! need an account. Covers our `AppError`s, actix's own errors and unknown paths alike.

use actix_web::body::{BoxBody, EitherBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::StatusCode;
use actix_web::middleware::Next;
use actix_web::HttpResponse;
use serde_json::json;

use super::templates::Ctx;
use crate::error::ErrorMessage;

pub async fn render(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<EitherBody<BoxBody>>, actix_web::Error> {
    // Inner middleware reports refusals as error responses (not `Err`), so every error
    // arrives here as a response whose request we can still read.
    let res = next.call(req).await?.map_into_boxed_body();
    let http_req = res.request().clone();
    let Some(error) = res.response().error() else {
        return Ok(res.map_into_left_body());
    };
    let status = res.status();
    let message = res
        .response()
        .extensions()
        .get::<ErrorMessage>()
        .map(|m| m.0.clone())
        .unwrap_or_else(|| default_message(status, &error.to_string()));
    let is_api = http_req.path().starts_with("/api/");

    let new = if is_api {
        HttpResponse::build(status).json(json!({ "error": message }))
    } else if status == StatusCode::UNAUTHORIZED {
        let next_path = http_req
            .uri()
            .path_and_query()
            .map(|p| p.as_str())
            .unwrap_or("/");
        let encoded: String = url::form_urlencoded::byte_serialize(next_path.as_bytes()).collect();
        HttpResponse::SeeOther()
            .insert_header(("Location", format!("/signin?next={encoded}")))
            .finish()
    } else {
        let ctx = Ctx::of(&http_req);
        let page = http_req.app_data::<super::State>().and_then(|state| {
            ctx.render_status(
                &state.views,
                status,
                "errors/page",
                json!({ "status": status.as_u16(), "title": title(status), "message": message }),
            )
            .ok()
        });
        page.unwrap_or_else(|| HttpResponse::build(status).body(message))
    };
    Ok(ServiceResponse::new(http_req, new).map_into_right_body())
}

fn title(status: StatusCode) -> &'static str {
    match status.as_u16() {
        400 => "That didn't work",
        403 => "Not allowed",
        404 => "Page not found",
        409 => "Already done",
        413 => "Too large",
        429 => "Please wait",
        _ if status.is_server_error() => "Something went wrong",
        _ => "That didn't work",
    }
}

/// For errors raised by actix itself (bad form encoding, unknown method…), which carry no
/// message written for people.
fn default_message(status: StatusCode, detail: &str) -> String {
    match status.as_u16() {
        404 => "We couldn't find that page.".into(),
        405 => "That page doesn't accept this kind of request.".into(),
        413 => "What you sent is too large.".into(),
        400 => format!("We couldn't read what was sent: {detail}"),
        _ if status.is_server_error() => {
            "Something went wrong on our side. Please try again in a moment.".into()
        }
        _ => "That request couldn't be completed.".into(),
    }
}
