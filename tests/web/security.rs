//! CSRF, headers, cookies, escaping, error pages and odd input.

use crate::on_both_backends;
use crate::support::app::{Backend, TestApp};

on_both_backends!(
    posts_without_a_csrf_token_are_refused,
    responses_carry_security_headers_and_safe_cookies,
    errors_are_pages_for_browsers_and_json_for_the_api,
    user_text_is_escaped_and_odd_input_gets_an_answer,
);

async fn posts_without_a_csrf_token_are_refused(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    app.seed_demo().await;
    let client = app.client();
    let forged = client
        .post_without_csrf(
            "/signin",
            &[
                ("email", "ta@oakfield.example"),
                ("password", commonroom::demo::PASSWORD),
            ],
        )
        .await;
    assert_eq!(forged.status, 403);
    assert!(forged.shows("This form has expired or didn't come from a Commonroom page"));

    // A token from another visitor's cookie doesn't match this one.
    let other = app.client();
    other.get("/signin").await;
    let stolen = crate::support::app::csrf_in(&other.get("/signin").await.body).unwrap();
    client.get("/signin").await;
    let mixed = client
        .post_without_csrf(
            "/signin",
            &[
                ("email", "ta@oakfield.example"),
                ("password", commonroom::demo::PASSWORD),
                ("csrf_token", &stolen),
            ],
        )
        .await;
    assert_eq!(mixed.status, 403);

    let ta = app.signed_in("ta@oakfield.example").await;
    let forged_change = ta
        .post_without_csrf(
            "/account/password",
            &[
                ("current_password", commonroom::demo::PASSWORD),
                ("new_password", "forged but long enough"),
            ],
        )
        .await;
    assert_eq!(forged_change.status, 403);
    let signed_out = ta.post_without_csrf("/signout", &[]).await;
    assert_eq!(signed_out.status, 403);
    assert!(
        ta.get("/").await.shows("Hello, Tara Hughes"),
        "still signed in: the forged sign-out did nothing"
    );
}

async fn responses_carry_security_headers_and_safe_cookies(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    app.seed_demo().await;
    let res = reqwest::get(format!("{}/signin", app.url)).await.unwrap();
    let h = res.headers();
    let csp = h.get("content-security-policy").unwrap().to_str().unwrap();
    assert!(
        csp.contains("default-src 'self'")
            && csp.contains("script-src 'self'")
            && !csp.contains("unsafe-inline")
    );
    assert!(csp.contains("frame-ancestors 'none'"));
    assert_eq!(h.get("x-content-type-options").unwrap(), "nosniff");
    assert_eq!(h.get("x-frame-options").unwrap(), "DENY");
    assert!(h.get("referrer-policy").is_some());
    let csrf_cookie = h
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_string())
        .find(|c| c.starts_with("cr_csrf="))
        .unwrap();
    assert!(csrf_cookie.contains("HttpOnly") && csrf_cookie.contains("SameSite=Lax"));

    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .cookie_store(true)
        .build()
        .unwrap();
    let page = client
        .get(format!("{}/signin", app.url))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let token = crate::support::app::csrf_in(&page).unwrap();
    let res = client
        .post(format!("{}/signin", app.url))
        .form(&[
            ("email", "ta@oakfield.example"),
            ("password", commonroom::demo::PASSWORD),
            ("next", "//evil.example/"),
            ("csrf_token", &token),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 303);
    assert_eq!(
        res.headers().get("location").unwrap(),
        "/",
        "no redirect to another site after sign-in"
    );
    let session = res
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_string())
        .find(|c| c.starts_with("cr_session="))
        .unwrap();
    assert!(
        session.contains("HttpOnly")
            && session.contains("SameSite=Lax")
            && session.contains("Path=/")
    );
    let stored: Vec<String> = app
        .db(|c| {
            use diesel::prelude::*;
            commonroom::db::schema::sessions::table
                .select(commonroom::db::schema::sessions::token_hash)
                .load(c)
                .unwrap()
        })
        .await;
    let value = session
        .split(';')
        .next()
        .unwrap()
        .trim_start_matches("cr_session=");
    assert!(
        !stored.iter().any(|s| s == value),
        "the database keeps a hash, not the cookie"
    );
}

async fn errors_are_pages_for_browsers_and_json_for_the_api(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let client = app.client();
    let missing = client.get("/no/such/page").await;
    assert_eq!(missing.status, 404);
    assert!(
        missing.shows("Page not found") && missing.body.contains("<nav aria-label=\"Main\">"),
        "a 404 in the layout"
    );
    let group = client.get("/groups/999999").await;
    assert_eq!(group.status, 404);
    let bad_id = client.get("/groups/not-a-number").await;
    assert_eq!(bad_id.status, 404);
    let api = reqwest::get(format!("{}/api/v1/nope", app.url))
        .await
        .unwrap();
    assert_eq!(api.status().as_u16(), 404);
    let body: serde_json::Value = api.json().await.unwrap();
    assert!(body["error"].as_str().unwrap().contains("couldn't find"));
    let health: serde_json::Value = reqwest::get(format!("{}/healthz", app.url))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(health["status"], "alive");
    let ready = reqwest::get(format!("{}/readyz", app.url)).await.unwrap();
    assert_eq!(ready.status().as_u16(), 200);
}

async fn user_text_is_escaped_and_odd_input_gets_an_answer(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    app.seed_demo().await;
    let ta = app.signed_in("ta@oakfield.example").await;
    let page = ta
        .post(
            "/account/profile",
            &[
                ("display_name", "<script>alert(1)</script>"),
                ("mon", "on"),
                ("job_title", "\"><img src=x onerror=alert(1)>"),
            ],
        )
        .await;
    assert!(page.shows("Your profile has been saved."));
    let home = ta.get("/").await;
    assert!(!home.body.contains("<script>alert(1)</script>"));
    assert!(home.body.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    let profile = ta.get("/account/profile").await;
    assert!(!profile.body.contains("<img src=x"));

    // Odd bytes and sizes get a clear answer, never a dropped connection.
    let token = crate::support::app::csrf_in(&profile.body).unwrap();
    let res = ta
        .http
        .post(format!("{}/account/profile", app.url))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(format!("csrf_token={token}&display_name=%FF%FE&mon=on"))
        .send()
        .await
        .unwrap();
    assert!(
        res.status().as_u16() < 500,
        "invalid UTF-8 is not a server error"
    );
    let huge = "x".repeat(3 * 1024 * 1024);
    let res = ta
        .http
        .post(format!("{}/account/profile", app.url))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(format!("csrf_token={token}&bio={huge}"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 400);
    assert!(res
        .text()
        .await
        .unwrap()
        .contains("That form is too large."));
    let long_name = "y".repeat(200);
    let page = ta
        .post(
            "/account/profile",
            &[("display_name", &long_name), ("mon", "on")],
        )
        .await;
    assert_eq!(page.status, 422);
    assert!(page.shows("Keep your name under 80 characters."));
}
