//! The "done when" journey in a real headless Chromium: a poll with three slots,
//! three members vote (a part-timer shown unavailable), the coordinator fixes the best
//! slot, a member RSVPs, the head approves from the email's link, the member sees it
//! approved and in their calendar feed, and a cancellation reaches the feed and email.

use chrono::Duration;

use crate::meetings::{group_id, parse_ics, poll_days, wednesday_members, ymd};
use crate::support::app::{Backend, TestApp};
use crate::support::browser::Browser;
use crate::support::smtp::link_in;

async fn sign_in(browser: &Browser, app: &TestApp, email: &str) {
    browser
        .sign_in(&app.url, email, commonroom::demo::PASSWORD, "/")
        .await;
}

/// Date and time inputs take keystrokes in the browser's locale; set them directly.
async fn set(browser: &Browser, css: &str, value: &str) {
    browser
        .execute(&format!(
            "document.querySelector('{css}').value = '{value}'; return true;"
        ))
        .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_termly_meeting_from_poll_to_cancellation_in_the_browser() {
    let app = TestApp::spawn(Backend::Sqlite).await;
    app.seed_demo().await;
    let group = group_id(&app).await;
    let days = poll_days(&app).await;
    let browser = Browser::start().await;

    // The coordinator proposes three slots.
    sign_in(&browser, &app, "coord@oakfield.example").await;
    browser.goto(&format!("{}/meetings", app.url)).await;
    browser
        .click(&format!("a[href='/groups/{group}/polls/new']"))
        .await;
    browser.fill("#title", "Spring planning meeting").await;
    set(
        &browser,
        "#deadline",
        &ymd(commonroom::now().date() + Duration::days(5)),
    )
    .await;
    for (i, d) in days.iter().enumerate() {
        let n = i + 1;
        set(&browser, &format!("#date_{n}"), &ymd(*d)).await;
        set(&browser, &format!("#start_{n}"), "13:30").await;
        set(&browser, &format!("#end_{n}"), "15:30").await;
    }
    browser.click("#open-poll").await;
    assert!(browser.text_of(".flash").await.contains("The poll is open"));
    let poll_url = browser.current_url().await;
    browser.sign_out().await;

    // Tara (Monday to Wednesday) is unavailable on Thursday without voting; she and two
    // colleagues vote for Wednesday.
    let mut voters = vec!["ta@oakfield.example".to_string()];
    voters.extend(wednesday_members(&app, group).await);
    for (i, voter) in voters.iter().enumerate() {
        sign_in(&browser, &app, voter).await;
        browser.goto(&poll_url).await;
        if i == 0 {
            let source = browser.page_source().await;
            assert!(source.contains("Unavailable: Tara Hughes (doesn't work Thursdays)"));
            assert!(source.contains("You can't make this: doesn't work Thursdays."));
        }
        let radios = browser.find_all("input[type=radio][value=yes]").await;
        // Slots are listed best first; before any votes, that is the earliest. Vote yes
        // for the Wednesday slot, found by its heading.
        let items = browser.find_all("li.slot").await;
        for (item, radio) in items.iter().zip(radios.iter()) {
            let heading = item.text().await.unwrap_or_default();
            if heading.contains("Wednesday") {
                radio.click().await.unwrap();
            }
        }
        browser.click("#save-answers").await;
        assert!(browser
            .text_of(".flash")
            .await
            .contains("answers are saved"));
        browser.sign_out().await;
    }

    // The coordinator fixes the best slot: Wednesday, with three yeses.
    sign_in(&browser, &app, "coord@oakfield.example").await;
    browser.goto(&poll_url).await;
    let best = browser.text_of("li.slot[data-rank='1'] h2").await;
    assert!(best.contains("Wednesday"), "{best}");
    assert!(best.contains("Best so far"));
    browser.click("#fix-date").await;
    assert!(browser
        .text_of(".flash")
        .await
        .contains("The meeting is fixed"));
    let meeting_url = browser.current_url().await;
    browser.sign_out().await;

    // Tara says she's going.
    sign_in(&browser, &app, "ta@oakfield.example").await;
    browser.goto(&meeting_url).await;
    browser.click("#rsvp-going").await;
    assert!(browser.text_of("#my-release").await.contains("pending"));
    browser.sign_out().await;

    // Her head follows the email's link, signs in, and approves.
    let ask = app
        .smtp
        .wait_for_to("head@oakfield.example", "Release request: Tara Hughes")
        .await;
    browser.goto(&link_in(&ask, "/release/")).await;
    assert!(browser.current_url().await.contains("/signin"));
    browser.fill("#email", "head@oakfield.example").await;
    browser.fill("#password", commonroom::demo::PASSWORD).await;
    browser.click("button[type=submit]").await;
    browser.find("#approve").await;
    assert!(browser
        .text_of("h1")
        .await
        .contains("Release request from Tara Hughes"));
    browser.click("#approve").await;
    assert!(browser.text_of(".flash").await.contains("approved"));
    browser.sign_out().await;

    // Tara sees "approved" and subscribes to her calendar feed.
    sign_in(&browser, &app, "ta@oakfield.example").await;
    browser.goto(&meeting_url).await;
    assert!(browser.text_of("#my-release").await.contains("approved"));
    browser.goto(&format!("{}/calendar", app.url)).await;
    browser.click("#new-feed").await;
    let feed_url = browser.text_of("#feed-url").await;
    let feed = app.client().get(&feed_url).await;
    let parsed = parse_ics(&feed.body);
    let event = &parsed["events"][0];
    assert!(event["summary"]
        .as_str()
        .unwrap()
        .contains("Spring planning meeting"));
    assert_eq!(event["status"], "CONFIRMED");
    assert_eq!(event["start"], format!("{}T13:30", ymd(days[1])));
    browser.sign_out().await;

    // The coordinator cancels: the feed and an email show it.
    sign_in(&browser, &app, "coord@oakfield.example").await;
    browser.goto(&meeting_url).await;
    browser.click("#cancel-meeting").await;
    assert!(browser.text_of("#cancelled").await.contains("cancelled"));
    let parsed = parse_ics(&app.client().get(&feed_url).await.body);
    assert_eq!(parsed["events"][0]["status"], "CANCELLED");
    assert_eq!(parsed["events"][0]["uid"], event["uid"]);
    let mail = app
        .smtp
        .wait_for_to("ta@oakfield.example", "Cancelled: Spring planning meeting")
        .await;
    let ics = mail
        .parts
        .iter()
        .find(|p| p.filename.as_deref() == Some("invite.ics"))
        .expect("the cancellation is attached");
    assert_eq!(
        parse_ics(&String::from_utf8_lossy(&ics.body))["method"],
        "CANCEL"
    );
    browser.close().await;
}
