//! Release time: requests to a member's head to be out of class for a meeting, decided from
//! a dashboard or the emailed link (which asks them to sign in and confirm).

pub mod handlers;
pub mod queries;

use actix_web::web;

pub fn routes(cfg: &mut web::ServiceConfig) {
    use handlers::*;
    cfg.route("/release", web::get().to(release_dashboard))
        .route("/release/{id}", web::get().to(show_request))
        .route("/release/{id}/decide", web::post().to(decide_request));
}
