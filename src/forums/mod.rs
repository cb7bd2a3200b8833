//! The forums: categories per group, per region and network-wide; threads and replies in
//! Markdown (rendered once, when written, to sanitised HTML); every title, body and edit
//! checked by the anonymisation filter; moderation, answers and the FAQ; notifications,
//! emails and digests; full-text search.

pub mod actions;
pub mod categories;
pub mod demo;
pub mod flags;
pub mod keeping;
pub mod model;
pub mod moderation;
pub mod notices;
pub mod post_list;
pub mod posting;
pub mod queries;
pub mod render;
pub mod search;
pub mod thread_page;
pub mod threads;

use actix_web::web;

pub fn routes(cfg: &mut web::ServiceConfig) {
    use web::{get, post};
    cfg.route("/forums", get().to(threads::list_categories))
        .route("/forums/search", get().to(keeping::search_posts))
        .route("/forums/faq", get().to(keeping::network_faq))
        .route("/forums/moderation", get().to(moderation::show_queue))
        .route(
            "/forums/notifications",
            get().to(keeping::list_notifications),
        )
        .route(
            "/forums/notifications/email",
            post().to(keeping::update_email_mode),
        )
        .route(
            "/forums/unsubscribe/{token}",
            get().to(keeping::unsubscribe_form),
        )
        .route(
            "/forums/unsubscribe/{token}",
            post().to(keeping::unsubscribe),
        )
        .route("/forums/c/{id}", get().to(threads::show_category))
        .route("/forums/c/{id}/new", get().to(threads::new_thread_form))
        .route("/forums/c/{id}/new", post().to(threads::create_thread))
        .route(
            "/forums/c/{id}/level",
            post().to(keeping::set_category_level),
        )
        .route("/forums/t/{id}", get().to(thread_page::show_thread))
        .route("/forums/t/{id}/reply", post().to(thread_page::create_reply))
        .route(
            "/forums/c/{id}/openness",
            post().to(categories::toggle_openness),
        )
        .route("/forums/t/{id}/level", post().to(keeping::set_thread_level))
        .route("/forums/t/{id}/{what}", post().to(actions::toggle_thread))
        .route(
            "/forums/posts/{id}/edit",
            get().to(thread_page::edit_post_form),
        )
        .route(
            "/forums/posts/{id}/edit",
            post().to(thread_page::update_post),
        )
        .route("/forums/posts/{id}/delete", post().to(actions::delete_post))
        .route("/forums/posts/{id}/flag", get().to(flags::flag_form))
        .route("/forums/posts/{id}/flag", post().to(flags::flag_post))
        .route("/forums/posts/{id}/answer", post().to(actions::mark_answer))
        .route(
            "/forums/posts/{id}/history",
            get().to(moderation::show_history),
        )
        .route(
            "/forums/posts/{id}/moderate",
            get().to(moderation::moderate_edit_form),
        )
        .route(
            "/forums/posts/{id}/release",
            post().to(moderation::release_post),
        )
        .route(
            "/forums/posts/{id}/remove",
            post().to(moderation::remove_post),
        )
        .route(
            "/forums/regions/{id}/new",
            get().to(categories::new_region_category_form),
        )
        .route(
            "/forums/regions/{id}/new",
            post().to(categories::create_region_category),
        )
        .route("/groups/{id}/forums", get().to(threads::group_forums))
        .route("/groups/{id}/forums/faq", get().to(keeping::group_faq))
        .route(
            "/groups/{id}/forums/new",
            get().to(categories::new_category_form),
        )
        .route(
            "/groups/{id}/forums/new",
            post().to(categories::create_category),
        );
}
