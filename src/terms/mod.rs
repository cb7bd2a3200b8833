//! Term dates: an authority's terms, half-terms, INSET days and closures (by form or CSV),
//! schools that keep their own dates, and each school's release settings.

pub mod demo;
pub mod handlers;
pub mod import;
pub mod queries;
pub mod rules;
pub mod school;
pub mod upload;

use actix_web::web;

pub fn routes(cfg: &mut web::ServiceConfig) {
    use handlers::*;
    use school::*;
    use upload::*;
    cfg.route(
        "/admin/authorities/{id}/terms",
        web::get().to(authority_terms),
    )
    .route(
        "/admin/authorities/{id}/terms",
        web::post().to(add_authority_term),
    )
    .route(
        "/admin/authorities/{id}/closures",
        web::post().to(add_authority_closure),
    )
    .route(
        "/admin/authorities/{id}/terms/import",
        web::post().to(import_authority_terms),
    )
    .route("/schools/{id}/dates", web::get().to(school_dates))
    .route("/schools/{id}/terms", web::post().to(add_school_term))
    .route("/schools/{id}/closures", web::post().to(add_school_closure))
    .route(
        "/schools/{id}/settings",
        web::post().to(update_school_settings),
    )
    .route("/schools/{id}/deputies", web::post().to(add_deputy));
}
