//! The directory: authorities, regions, schools (with GIAS import), regional groups and
//! their members, join requests and invitations.

pub mod admin;
pub mod gias;
pub mod group_admin;
pub mod groups;
pub mod model;
pub mod queries;
pub mod schools;

use actix_web::web;

pub fn routes(cfg: &mut web::ServiceConfig) {
    use crate::accounts::admin::{deactivate_account, list_accounts};
    use admin::*;
    use group_admin::*;
    use groups::*;
    use schools::*;
    cfg.route("/groups", web::get().to(list_groups))
        .route("/groups/{id}", web::get().to(show_group))
        .route("/groups/{id}/join", web::post().to(ask_to_join))
        .route("/groups/{id}/leave", web::post().to(leave_group))
        .route(
            "/groups/{id}/requests/{request}/{decision}",
            web::post().to(decide_join_request),
        )
        .route(
            "/groups/{id}/members/{user}/remove",
            web::post().to(remove_member),
        )
        .route("/groups/{id}/invitations", web::post().to(invite))
        .route("/groups/{id}/coordinators", web::post().to(add_coordinator))
        .route("/invitations/{token}", web::get().to(show_invitation))
        .route(
            "/invitations/{token}/accept",
            web::post().to(accept_invitation),
        )
        .route("/schools/{id}/staff", web::get().to(school_staff))
        .route("/admin", web::get().to(admin_home))
        .route("/admin/authorities", web::post().to(create_authority))
        .route("/admin/authorities/{id}", web::get().to(show_authority))
        .route(
            "/admin/authorities/{id}/regions",
            web::post().to(create_region),
        )
        .route(
            "/admin/authorities/{id}/groups/new",
            web::get().to(new_group_form),
        )
        .route(
            "/admin/authorities/{id}/groups",
            web::post().to(create_group),
        )
        .route("/admin/authorities/{id}/heads", web::post().to(add_head))
        .route(
            "/admin/authorities/{id}/schools",
            web::get().to(list_schools),
        )
        .route(
            "/admin/authorities/{id}/schools/import",
            web::get().to(import_schools_form),
        )
        .route(
            "/admin/authorities/{id}/schools/import",
            web::post().to(import_schools),
        )
        .route("/admin/accounts", web::get().to(list_accounts))
        .route(
            "/admin/accounts/{id}/deactivate",
            web::post().to(deactivate_account),
        );
}
