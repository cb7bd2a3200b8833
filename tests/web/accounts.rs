//! Sign-up, verification, sign-in, throttling, reset and sessions, as a user meets them.

use crate::on_both_backends;
use crate::support::app::{Backend, TestApp};
use crate::support::smtp::link_in;
use diesel::prelude::*;

on_both_backends!(
    sign_up_errors_keep_what_was_typed,
    sign_up_verify_then_sign_in,
    verification_and_reset_links_work_once_and_expire,
    signing_in_before_verifying_sends_a_new_link,
    sign_in_is_throttled_per_account_and_per_address,
    reset_gives_no_hint_whether_an_account_exists,
    changing_password_ends_other_sessions,
    profile_keeps_working_pattern_and_shows_errors,
    sign_ups_and_reset_requests_are_rate_limited_per_address,
);

async fn sign_up_errors_keep_what_was_typed(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let client = app.client();
    let page = client
        .post(
            "/signup",
            &[
                ("email", "not-an-email"),
                ("display_name", "Priya Shah"),
                ("password", "password1"),
            ],
        )
        .await;
    assert_eq!(page.status, 422);
    assert!(
        page.body.contains("value=\"not-an-email\""),
        "the email typed is kept"
    );
    assert!(
        page.body.contains("value=\"Priya Shah\""),
        "the name typed is kept"
    );
    assert!(page.shows("Enter an email address like name@school.example."));
    assert!(page.shows("Use at least 10 characters."));
    assert!(page.body.contains("aria-invalid=\"true\""));

    let common = client
        .post(
            "/signup",
            &[
                ("email", "priya@school.example"),
                ("display_name", "Priya"),
                ("password", "password123"),
            ],
        )
        .await;
    assert_eq!(common.status, 422);
    assert!(common.shows("too common or easy to guess"));
    let users: i64 = app
        .db(|c| {
            commonroom::db::schema::users::table
                .count()
                .get_result(c)
                .unwrap()
        })
        .await;
    assert_eq!(users, 0, "nothing is stored from a refused form");
}

async fn sign_up_verify_then_sign_in(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let client = app.client();
    let page = client
        .post(
            "/signup",
            &[
                ("email", "Priya@School.example"),
                ("display_name", "Priya Shah"),
                ("password", "violet lantern orchard"),
            ],
        )
        .await;
    assert_eq!(page.status, 200);
    assert!(page.shows("Check your email"));
    let other = app.client();
    let again = other
        .post(
            "/signup",
            &[
                ("email", "priya@school.example"),
                ("display_name", "P"),
                ("password", "violet lantern orchard"),
            ],
        )
        .await;
    assert!(again.shows("An account with this email already exists"));

    let mail = app
        .smtp
        .wait_for_to("priya@school.example", "Confirm your email")
        .await;
    let link = link_in(&mail, "/verify-email");
    let confirm = client.get(&link).await;
    assert!(confirm.shows("Confirm my email address"));
    let token = link.split("token=").nth(1).unwrap().to_string();
    let done = client.post("/verify-email", &[("token", &token)]).await;
    assert_eq!(done.path(), "/signin");
    assert!(done.shows("your email address is confirmed"));

    client
        .sign_in("priya@school.example", "violet lantern orchard")
        .await;
    let home = client.get("/").await;
    assert!(home.shows("Hello, Priya Shah"));
    let signed_out = client.post("/signout", &[]).await;
    assert!(signed_out.shows("You have signed out."));
    assert!(client
        .get("/account/profile")
        .await
        .path()
        .starts_with("/signin"));
}

async fn verification_and_reset_links_work_once_and_expire(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let client = app.client();
    client
        .post(
            "/signup",
            &[
                ("email", "sam@school.example"),
                ("display_name", "Sam"),
                ("password", "copper kettle meadow"),
            ],
        )
        .await;
    let mail = app
        .smtp
        .wait_for_to("sam@school.example", "Confirm your email")
        .await;
    let token = link_in(&mail, "/verify-email")
        .split("token=")
        .nth(1)
        .unwrap()
        .to_string();
    assert!(client
        .post("/verify-email", &[("token", &token)])
        .await
        .shows("confirmed"));
    let second = client.post("/verify-email", &[("token", &token)]).await;
    assert_eq!(second.status, 400);
    assert!(second.shows("already been used"));

    // A reset link works once...
    client
        .post("/forgot-password", &[("email", "sam@school.example")])
        .await;
    let mail = app
        .smtp
        .wait_for_to("sam@school.example", "Reset your Commonroom password")
        .await;
    let token = link_in(&mail, "/reset-password")
        .split("token=")
        .nth(1)
        .unwrap()
        .to_string();
    let weak = client
        .post(
            "/reset-password",
            &[("token", &token), ("password", "short")],
        )
        .await;
    assert_eq!(weak.status, 422);
    assert!(weak.shows("Use at least 10 characters."));
    let ok = client
        .post(
            "/reset-password",
            &[("token", &token), ("password", "granite harbour lantern")],
        )
        .await;
    assert!(ok.shows("Your password has been changed"));
    let reused = client
        .post(
            "/reset-password",
            &[("token", &token), ("password", "another long phrase here")],
        )
        .await;
    assert!(reused.shows("already been used"));
    client
        .sign_in("sam@school.example", "granite harbour lantern")
        .await;

    // ...and not after it expires.
    app.smtp.clear();
    client
        .post("/forgot-password", &[("email", "sam@school.example")])
        .await;
    let mail = app
        .smtp
        .wait_for_to("sam@school.example", "Reset your Commonroom password")
        .await;
    let token = link_in(&mail, "/reset-password")
        .split("token=")
        .nth(1)
        .unwrap()
        .to_string();
    app.db(|c| {
        use commonroom::db::schema::email_tokens::dsl::*;
        diesel::update(email_tokens)
            .set(expires_at.eq(commonroom::now() - chrono::Duration::minutes(1)))
            .execute(c)
            .unwrap();
    })
    .await;
    let expired = client.get(&format!("/reset-password?token={token}")).await;
    assert!(expired.shows("That link has expired"));
    let refused = client
        .post(
            "/reset-password",
            &[("token", &token), ("password", "yet another long phrase")],
        )
        .await;
    assert!(refused.shows("That link has expired"));
}

async fn signing_in_before_verifying_sends_a_new_link(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let client = app.client();
    client
        .post(
            "/signup",
            &[
                ("email", "new@school.example"),
                ("display_name", "New"),
                ("password", "purple otter canal"),
            ],
        )
        .await;
    app.smtp
        .wait_for_to("new@school.example", "Confirm your email")
        .await;
    let page = client
        .post(
            "/signin",
            &[
                ("email", "new@school.example"),
                ("password", "purple otter canal"),
                ("next", "/"),
            ],
        )
        .await;
    assert_eq!(page.status, 422);
    assert!(page.shows("Please confirm your email address first"));
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while app
        .smtp
        .messages()
        .iter()
        .filter(|m| m.is_to("new@school.example"))
        .count()
        < 2
    {
        assert!(
            std::time::Instant::now() < deadline,
            "a second verification email was sent"
        );
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
}

async fn sign_in_is_throttled_per_account_and_per_address(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    app.seed_demo().await;
    let client = app.client();
    for _ in 0..5 {
        let page = client
            .post(
                "/signin",
                &[
                    ("email", "ta@oakfield.example"),
                    ("password", "wrong password!"),
                    ("next", "/"),
                ],
            )
            .await;
        assert_eq!(page.status, 422);
        assert!(page.shows("don't match an account"));
        assert!(
            page.body.contains("value=\"ta@oakfield.example\""),
            "the email typed is kept"
        );
    }
    let blocked = client
        .post(
            "/signin",
            &[
                ("email", "ta@oakfield.example"),
                ("password", commonroom::demo::PASSWORD),
                ("next", "/"),
            ],
        )
        .await;
    assert_eq!(blocked.status, 429, "even the right password waits");
    assert!(blocked.shows("Too many sign-in attempts"));

    // An unknown email is throttled the same way, so the message gives nothing away.
    for _ in 0..5 {
        client
            .post(
                "/signin",
                &[
                    ("email", "nobody@x.example"),
                    ("password", "whatever it is"),
                    ("next", "/"),
                ],
            )
            .await;
    }
    let unknown = client
        .post(
            "/signin",
            &[
                ("email", "nobody@x.example"),
                ("password", "whatever"),
                ("next", "/"),
            ],
        )
        .await;
    assert_eq!(unknown.status, 429);

    // Per address: many accounts from one address.
    for i in 0..12 {
        let email = format!("guess{i}@x.example");
        client
            .post(
                "/signin",
                &[
                    ("email", &email),
                    ("password", "nope nope nope"),
                    ("next", "/"),
                ],
            )
            .await;
    }
    let other = client
        .post(
            "/signin",
            &[
                ("email", "coord@oakfield.example"),
                ("password", commonroom::demo::PASSWORD),
                ("next", "/"),
            ],
        )
        .await;
    assert_eq!(other.status, 429, "the address is paused after 20 failures");
}

async fn reset_gives_no_hint_whether_an_account_exists(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    app.seed_demo().await;
    let client = app.client();
    let known = client
        .post("/forgot-password", &[("email", "ta@oakfield.example")])
        .await;
    let unknown = client
        .post("/forgot-password", &[("email", "nobody@oakfield.example")])
        .await;
    assert_eq!(known.status, unknown.status);
    assert!(known.shows("If there is an account for"));
    assert!(unknown.shows("If there is an account for"));
    app.smtp.wait_for_to("ta@oakfield.example", "Reset").await;
    app.smtp
        .assert_none_for(
            |m| m.is_to("nobody@oakfield.example"),
            std::time::Duration::from_millis(500),
        )
        .await;
}

async fn changing_password_ends_other_sessions(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    app.seed_demo().await;
    let laptop = app.signed_in("ta@oakfield.example").await;
    let phone = app.signed_in("ta@oakfield.example").await;
    assert!(phone.get("/").await.shows("Hello, Tara Hughes"));

    let wrong = laptop
        .post(
            "/account/password",
            &[
                ("current_password", "not it at all"),
                ("new_password", "amber willow station"),
            ],
        )
        .await;
    assert_eq!(wrong.status, 422);
    assert!(wrong.shows("That isn't your current password."));

    let changed = laptop
        .post(
            "/account/password",
            &[
                ("current_password", commonroom::demo::PASSWORD),
                ("new_password", "amber willow station"),
            ],
        )
        .await;
    assert!(changed.shows("Your password has been changed"));
    assert!(
        laptop.get("/").await.shows("Hello, Tara Hughes"),
        "the device that changed it stays in"
    );
    assert!(
        !phone.get("/").await.shows("Hello, Tara Hughes"),
        "the other device is signed out"
    );
    assert!(phone
        .get("/account/profile")
        .await
        .path()
        .starts_with("/signin"));
}

async fn profile_keeps_working_pattern_and_shows_errors(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    app.seed_demo().await;
    let ta = app.signed_in("ta@oakfield.example").await;
    let page = ta.get("/account/profile").await;
    assert!(page.body.contains("name=\"mon\" checked"));
    assert!(
        !page.body.contains("name=\"thu\" checked"),
        "Tara doesn't work Thursdays"
    );

    let bad = ta
        .post(
            "/account/profile",
            &[
                ("display_name", "Tara Hughes"),
                ("job_title", "TA"),
                ("working_hours", "mornings"),
                ("bio", "Makaton and phonics"),
            ],
        )
        .await;
    assert_eq!(bad.status, 422);
    assert!(bad.shows("Tick at least one day you work."));
    assert!(bad.shows("Write your hours like 08:30-15:15."));
    assert!(
        bad.body.contains("Makaton and phonics"),
        "the bio typed is kept"
    );

    let ok = ta
        .post(
            "/account/profile",
            &[
                ("display_name", "Tara Hughes"),
                ("job_title", "Teaching Assistant"),
                ("tue", "on"),
                ("thu", "on"),
                ("working_hours", "09:00-15:00"),
                ("bio", "Makaton and phonics"),
                ("email_notifications", "on"),
            ],
        )
        .await;
    assert!(ok.shows("Your profile has been saved."));
    let days: String = app
        .db(|c| {
            use commonroom::db::schema::users::dsl::*;
            users
                .filter(email.eq("ta@oakfield.example"))
                .select(working_days)
                .first(c)
                .unwrap()
        })
        .await;
    assert_eq!(days, "tue,thu");
}

async fn sign_ups_and_reset_requests_are_rate_limited_per_address(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let client = app.client();
    for i in 0..10 {
        let email = format!("person{i}@school.example");
        let page = client
            .post(
                "/signup",
                &[
                    ("email", &email),
                    ("display_name", "Person"),
                    ("password", "velvet thunder orchard"),
                ],
            )
            .await;
        assert_eq!(page.status, 200, "sign-up {i} is fine");
    }
    let refused = client
        .post(
            "/signup",
            &[
                ("email", "eleventh@school.example"),
                ("display_name", "Eleventh"),
                ("password", "velvet thunder orchard"),
            ],
        )
        .await;
    assert_eq!(refused.status, 429);
    assert!(refused.shows("There have been too many sign-ups from this network recently."));
    assert!(
        refused.body.contains("value=\"eleventh@school.example\""),
        "the form keeps what was typed"
    );
    let users: i64 = app
        .db(|c| {
            commonroom::db::schema::users::table
                .count()
                .get_result(c)
                .unwrap()
        })
        .await;
    assert_eq!(users, 10);

    for _ in 0..10 {
        client
            .post("/forgot-password", &[("email", "person1@school.example")])
            .await;
    }
    let limited = client
        .post("/forgot-password", &[("email", "person1@school.example")])
        .await;
    assert_eq!(limited.status, 429);
    assert!(limited.shows("too many password reset requests"));
}
