//! Keeping pupils out of what is stored: every piece of user-written text is checked by the
//! anonymisation filter (`crate::anonymise`, pure and built once) under its authority's
//! rules before it is saved. Blocked text is never stored or logged; only counts by type,
//! field and authority are kept. Also: the live-preview API, `commonroom scan`, and the
//! authority admin's filter settings page.

pub mod check;
pub mod handlers;
pub mod rules;

use std::sync::{Arc, OnceLock};

use actix_web::web;

use crate::anonymise::Filter;

pub use check::{check_field, Checked, DraftMemory};

/// The one filter of this process, built on first use (start-up calls it early).
pub fn filter() -> Arc<Filter> {
    static FILTER: OnceLock<Arc<Filter>> = OnceLock::new();
    FILTER.get_or_init(|| Arc::new(Filter::standard())).clone()
}

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/api/v1/scan", web::post().to(handlers::scan))
        .route(
            "/admin/authorities/{id}/filter",
            web::get().to(handlers::edit_filter_form),
        )
        .route(
            "/admin/authorities/{id}/filter",
            web::post().to(handlers::update_filter),
        )
        .route(
            "/admin/authorities/{id}/filter/try",
            web::post().to(handlers::try_filter),
        );
}
