//! Accounts: sign-up, sign-in, sessions, passwords, roles and scopes, profiles.

pub mod access;
pub mod admin;
pub mod email_tokens;
pub mod model;
pub mod passwords;
pub mod profile;
pub mod queries;
pub mod recovery;
pub mod sessions;
pub mod signin;
pub mod signup;
pub mod sso;
pub mod throttle;

use actix_web::web;

pub fn routes(cfg: &mut web::ServiceConfig) {
    use recovery::*;
    use signin::*;
    use signup::*;
    cfg.route("/signup", web::get().to(new_sign_up_form))
        .route("/signup", web::post().to(sign_up))
        .route("/verify-email", web::get().to(confirm_email_form))
        .route("/verify-email", web::post().to(confirm_email))
        .route("/signin", web::get().to(sign_in_form))
        .route("/signin", web::post().to(sign_in))
        .route("/signout", web::post().to(sign_out))
        .route("/signin/sso/callback", web::get().to(sso::finish_sign_in))
        .route("/signin/sso/{id}", web::get().to(sso::start_sign_in))
        .route(
            "/admin/authorities/{id}/identity-providers",
            web::post().to(sso::add_identity_provider),
        )
        .route(
            "/admin/authorities/{id}/identity-providers/{provider}/remove",
            web::post().to(sso::remove_identity_provider),
        )
        .route("/forgot-password", web::get().to(forgot_password_form))
        .route("/forgot-password", web::post().to(forgot_password))
        .route("/reset-password", web::get().to(reset_password_form))
        .route("/reset-password", web::post().to(reset_password))
        .route("/account/password", web::get().to(change_password_form))
        .route("/account/password", web::post().to(change_password))
        .route(
            "/account/profile",
            web::get().to(profile::edit_profile_form),
        )
        .route("/account/profile", web::post().to(profile::update_profile));
}
