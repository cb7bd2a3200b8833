//! The newcomer's journey in a real headless Chromium: sign up, confirm the email, sign in,
//! ask to join a group, the coordinator approves, the member sees the group.

use diesel::prelude::*;

use crate::support::app::{Backend, TestApp};
use crate::support::browser::Browser;
use crate::support::smtp::link_in;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_newcomer_signs_up_and_joins_a_group_in_the_browser() {
    let app = TestApp::spawn(Backend::Sqlite).await;
    app.seed_demo().await;
    let north: i64 = app
        .db(|c| {
            use commonroom::db::schema::regional_groups::dsl::*;
            regional_groups
                .filter(name.eq("North Northshire TA Network"))
                .select(id)
                .first(c)
                .unwrap()
        })
        .await;
    let browser = Browser::start().await;

    // Sign up; the first try has a mistake, and what was typed is still there.
    browser.goto(&format!("{}/signup", app.url)).await;
    browser.fill("#email", "jo.evans@school.example").await;
    browser.fill("#display_name", "Jo Evans").await;
    browser.fill("#password", "short").await;
    browser.click("button[type=submit]").await;
    browser
        .wait_for_text(".error-summary", "Use at least 10 characters.")
        .await;
    let kept = browser
        .execute("return document.querySelector('#display_name').value")
        .await;
    assert_eq!(kept, "Jo Evans");
    browser.fill("#password", "marigold ferry window").await;
    browser.click("button[type=submit]").await;
    browser.wait_for_text("h1", "Check your email").await;

    // Open the verification email and confirm.
    let mail = app
        .smtp
        .wait_for_to("jo.evans@school.example", "Confirm your email")
        .await;
    browser.goto(&link_in(&mail, "/verify-email")).await;
    browser.click("#confirm-email").await;
    browser
        .wait_for_text(".flash", "your email address is confirmed")
        .await;

    // Sign in and ask to join.
    browser.fill("#email", "jo.evans@school.example").await;
    browser.fill("#password", "marigold ferry window").await;
    browser.click("button[type=submit]").await;
    browser.wait_for_text("h1", "Hello, Jo Evans").await;
    browser.goto(&format!("{}/groups", app.url)).await;
    browser.click(&format!("a[href='/groups/{north}']")).await;
    browser
        .fill("#message", "I'm a new TA at Brackenhill Infants.")
        .await;
    browser.click("#ask-to-join").await;
    browser
        .wait_for_text("#request-pending", "You've asked to join")
        .await;
    browser.sign_out().await;

    // The coordinator is emailed, signs in and approves.
    let note = app
        .smtp
        .wait_for_to("coord@oakfield.example", "Jo Evans would like to join")
        .await;
    browser
        .goto(&link_in(&note, &format!("/groups/{north}")))
        .await;
    browser
        .sign_in(
            &app.url,
            "coord@oakfield.example",
            commonroom::demo::PASSWORD,
            &format!("/groups/{north}"),
        )
        .await;
    browser
        .wait_for_text("blockquote", "I'm a new TA at Brackenhill Infants.")
        .await;
    let buttons = browser.find_all("button.approve").await;
    let mut clicked = false;
    for b in buttons {
        if b.text().await.unwrap_or_default().contains("Jo Evans") {
            b.click().await.unwrap();
            clicked = true;
            break;
        }
    }
    assert!(clicked, "an Approve button for Jo");
    browser.wait_for_text(".flash", "approved").await;
    browser.sign_out().await;

    // Jo is told, signs in, and sees the group.
    app.smtp
        .wait_for_to(
            "jo.evans@school.example",
            "Welcome to North Northshire TA Network",
        )
        .await;
    browser
        .sign_in(
            &app.url,
            "jo.evans@school.example",
            "marigold ferry window",
            "/",
        )
        .await;
    browser
        .wait_for_text(".cards", "North Northshire TA Network")
        .await;
    browser
        .screenshot(app.dir.path().join("member-dashboard.png"))
        .await;
    browser.close().await;
}
