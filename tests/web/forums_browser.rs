//! The forums' "done when" journey in headless Chromium: a member's question naming a
//! pupil is stopped with the name highlighted and the reason beside it; she rewrites one
//! name and leaves the other, and the live preview and the server both still flag it; she
//! rewrites it and posts; a colleague watching the category is notified and replies with an
//! @mention; she marks the answer; the thread is in the FAQ and in search.

use crate::forums::category;
use crate::support::app::{Backend, TestApp};
use crate::support::browser::Browser;

async fn sign_in(browser: &Browser, app: &TestApp, email: &str, next: &str) {
    browser
        .sign_in(&app.url, email, commonroom::demo::PASSWORD, next)
        .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_question_is_made_safe_answered_and_found() {
    let app = TestApp::spawn(Backend::Sqlite).await;
    app.seed_demo().await;
    let behaviour = category(&app, "Behaviour", None).await;
    // Claire watches the Behaviour category.
    let claire = app.signed_in("coord@oakfield.example").await;
    claire
        .post(
            &format!("/forums/c/{behaviour}/level"),
            &[("level", "watching")],
        )
        .await;
    let browser = Browser::start().await;

    sign_in(&browser, &app, "ta@oakfield.example", "/forums").await;
    browser
        .click(&format!("a[href='/forums/c/{behaviour}']"))
        .await;
    browser
        .click(&format!("a[href='/forums/c/{behaviour}/new']"))
        .await;
    browser
        .fill("#title", "Ideas for a pupil who runs at lunchtime")
        .await;
    let draft =
        "Bartek in my Year 3 group keeps running off at lunch, Maya on Fridays. What has worked for you?";
    browser.fill("#body", draft).await;
    browser
        .click("form[action$='/new'] button[type=submit]")
        .await;
    let findings = browser.text_of("#body-findings").await;
    assert!(findings.contains("Bartek"), "{findings}");
    assert!(
        findings.contains("pupil's name"),
        "the reason is beside it: {findings}"
    );
    assert!(
        browser
            .exists("#body-findings mark[data-type='CHILD_NAME']")
            .await
    );
    let kept = browser
        .execute("return document.querySelector('#body').value")
        .await;
    assert_eq!(kept, draft, "the draft is kept");
    // She puts "Pupil A" for Bartek and leaves Maya. Beside "Pupil A" the filter alone would
    // let Maya through; the form remembers her, in the preview as she types and on saving.
    let half = "Pupil A in my Year 3 group keeps running off at lunch, Maya on Fridays. What has worked for you?";
    browser.fill("#body", half).await;
    let preview = browser.wait_for_text("#body-preview", "Maya").await;
    assert!(preview.contains("last draft"), "{preview}");
    browser
        .click("form[action$='/new'] button[type=submit]")
        .await;
    let findings = browser.text_of("#body-findings").await;
    assert!(
        findings.contains("Maya") && findings.contains("Pupil B"),
        "{findings}"
    );
    browser
        .fill(
            "#body",
            "A pupil in my class keeps running off at lunch. What has worked for you?",
        )
        .await;
    browser
        .click("form[action$='/new'] button[type=submit]")
        .await;
    assert!(browser
        .text_of(".flash")
        .await
        .contains("Your thread has been posted."));
    let thread_url = browser.current_url().await;
    browser.sign_out().await;

    // Claire is notified in the app, opens the thread and replies mentioning Tara.
    sign_in(
        &browser,
        &app,
        "coord@oakfield.example",
        "/forums/notifications",
    )
    .await;
    let notices = browser.text_of(".notices").await;
    assert!(
        notices.contains("Tara Hughes started “Ideas for a pupil who runs at lunchtime”"),
        "{notices}"
    );
    browser.click(".notices a").await;
    browser
        .fill(
            "#body",
            "@TaraHughes a lunchtime job worked for us: taking the register to the office.",
        )
        .await;
    browser
        .click("form[action$='/reply'] button[type=submit]")
        .await;
    assert!(browser
        .text_of(".flash")
        .await
        .contains("Your reply has been posted."));
    browser.sign_out().await;

    // Tara gets the mention by email, marks the answer.
    let mail = app
        .smtp
        .wait_for_to("ta@oakfield.example", "mentioned you")
        .await;
    assert!(mail.text.contains("taking the register"));
    sign_in(
        &browser,
        &app,
        "ta@oakfield.example",
        "/forums/notifications",
    )
    .await;
    browser.goto(&thread_url).await;
    let buttons = browser.find_all(".post-actions button.link-button").await;
    let mut marked = false;
    for b in buttons {
        if b.text()
            .await
            .unwrap_or_default()
            .contains("Mark as the answer")
        {
            b.click().await.unwrap();
            marked = true;
            break;
        }
    }
    assert!(marked, "a 'Mark as the answer' button on Claire's reply");
    assert!(browser
        .text_of(".flash")
        .await
        .contains("Marked as the answer."));
    assert!(browser.exists(".post.answer").await);

    browser.goto(&format!("{}/forums/faq", app.url)).await;
    assert!(browser
        .page_source()
        .await
        .contains("Ideas for a pupil who runs at lunchtime"));
    browser.goto(&format!("{}/forums", app.url)).await;
    browser.fill("#q", "lunchtime register").await;
    browser.click(".search-form button").await;
    let hits = browser.text_of(".hits").await;
    assert!(
        hits.contains("Ideas for a pupil who runs at lunchtime"),
        "{hits}"
    );
    assert!(
        browser.exists(".hits mark").await,
        "the words are highlighted"
    );
    browser
        .screenshot(app.dir.path().join("forum-answered.png"))
        .await;
    browser.close().await;
}
