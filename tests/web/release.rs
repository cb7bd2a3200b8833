//! Release requests: declining, delegation to a deputy, late requests and INSET days.

use diesel::prelude::*;

use crate::meetings::fixed_meeting;
use crate::on_both_backends;
use crate::support::app::{Backend, Client, TestApp};
use commonroom::db::schema::{meetings, release_requests, users};

on_both_backends!(
    a_declined_member_is_not_going_and_sees_the_reason,
    a_head_delegates_decisions_to_a_deputy,
    a_late_request_is_marked_and_an_inset_day_needs_no_cover,
    a_note_naming_a_pupil_is_refused_with_the_note_kept,
);

async fn request_id(app: &TestApp, meeting: i64) -> i64 {
    app.db(move |c| {
        release_requests::table
            .filter(release_requests::meeting_id.eq(meeting))
            .select(release_requests::id)
            .first(c)
            .unwrap()
    })
    .await
}

/// Tara says she is going to a fixed meeting, which asks her head for release: the app, the
/// meeting, the request, and Tara and her head signed in.
async fn a_release_request(backend: Backend) -> (TestApp, i64, i64, Client, Client) {
    let app = TestApp::spawn(backend).await;
    app.seed_demo().await;
    let meeting = fixed_meeting(&app).await;
    let ta = app.signed_in("ta@oakfield.example").await;
    ta.post(&format!("/meetings/{meeting}/rsvp"), &[("status", "going")])
        .await;
    let id = request_id(&app, meeting).await;
    let head = app.signed_in("head@oakfield.example").await;
    (app, meeting, id, ta, head)
}

async fn a_declined_member_is_not_going_and_sees_the_reason(backend: Backend) {
    let (app, meeting, id, ta, head) = a_release_request(backend).await;
    let dash = head.get("/release").await;
    assert!(dash.shows("Tara Hughes"));
    assert!(
        dash.shows(&format!("action=\"/release/{id}/decide\"")),
        "decided straight from the dashboard"
    );
    let done = head
        .post(
            &format!("/release/{id}/decide"),
            &[
                ("decision", "decline"),
                ("note", "We have Ofsted that week"),
            ],
        )
        .await;
    assert!(done.shows("The request was declined"));
    app.smtp
        .wait_for_to("ta@oakfield.example", "Release declined")
        .await;
    let page = ta.get(&format!("/meetings/{meeting}")).await;
    assert!(page.shows("Your reply: not going"), "{}", page.body);
    assert!(page.shows("Your head couldn't release you: We have Ofsted that week"));
    assert!(page.shows("Release from your head: <strong>declined</strong>"));
    let coord = app.signed_in("coord@oakfield.example").await;
    let list = coord.get(&format!("/meetings/{meeting}")).await;
    assert!(list.shows("<td>Tara Hughes</td><td>not_going</td><td>declined</td>"));
}

async fn a_head_delegates_decisions_to_a_deputy(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    app.seed_demo().await;
    let oakfield: i64 = app
        .db(|c| {
            users::table
                .filter(users::email.eq("head@oakfield.example"))
                .select(users::school_id)
                .first::<Option<i64>>(c)
                .unwrap()
                .unwrap()
        })
        .await;
    let head = app.signed_in("head@oakfield.example").await;
    // Someone at another school can't be named.
    let refused = head
        .post(
            &format!("/schools/{oakfield}/deputies"),
            &[("email", "admin@northshire.example")],
        )
        .await;
    assert!(refused.shows("Name someone on your school's staff"));
    let named = head
        .post(
            &format!("/schools/{oakfield}/deputies"),
            &[("email", "coord@oakfield.example")],
        )
        .await;
    assert!(named.shows("They can now decide release requests."));
    let meeting = fixed_meeting(&app).await;
    let ta = app.signed_in("ta@oakfield.example").await;
    ta.post(&format!("/meetings/{meeting}/rsvp"), &[("status", "going")])
        .await;
    app.smtp
        .wait_for_to("coord@oakfield.example", "Release request: Tara Hughes")
        .await;
    let id = request_id(&app, meeting).await;
    let deputy = app.signed_in("coord@oakfield.example").await;
    assert!(deputy.get("/release").await.shows("Tara Hughes"));
    let done = deputy
        .post(&format!("/release/{id}/decide"), &[("decision", "approve")])
        .await;
    assert!(done.shows("The request was approved"));
    // The deputy decides requests; setting the school's dates stays with the head.
    assert_eq!(
        deputy
            .get(&format!("/schools/{oakfield}/dates"))
            .await
            .status,
        403
    );
}

async fn a_late_request_is_marked_and_an_inset_day_needs_no_cover(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    app.seed_demo().await;
    let meeting = fixed_meeting(&app).await;
    // Move the meeting to Oakfield's INSET day (a Friday in the demo data): Tara doesn't
    // work Fridays, so use the coordinator, who works full time.
    let (date, group) = app
        .db(move |c| {
            meetings::table
                .find(meeting)
                .select((meetings::meeting_date, meetings::group_id))
                .first::<(chrono::NaiveDate, i64)>(c)
                .unwrap()
        })
        .await;
    let inset = chrono::NaiveDate::from_ymd_opt(2026, 12, 4).unwrap();
    if commonroom::now().date() >= inset {
        return; // the demo INSET day has passed
    }
    let _ = date;
    app.db(move |c| {
        diesel::update(meetings::table.find(meeting))
            .set(meetings::meeting_date.eq(inset))
            .execute(c)
            .unwrap();
        let coord: i64 = users::table
            .filter(users::email.eq("coord@oakfield.example"))
            .select(users::id)
            .first(c)
            .unwrap();
        commonroom::directory::queries::add_member(c, group, coord).unwrap();
    })
    .await;
    let coord = app.signed_in("coord@oakfield.example").await;
    coord
        .post(&format!("/meetings/{meeting}/rsvp"), &[("status", "going")])
        .await;
    let mail = app
        .smtp
        .wait_for_to("head@oakfield.example", "Release request: Claire Bennett")
        .await;
    assert!(
        mail.text.contains("Cover needed: no (INSET day)"),
        "{}",
        mail.text
    );
    assert!(
        mail.text.contains("later than your school's notice period"),
        "{}",
        mail.text
    );
    let (cover, cost, late): (bool, i64, bool) = app
        .db(move |c| {
            release_requests::table
                .filter(release_requests::meeting_id.eq(meeting))
                .select((
                    release_requests::cover_needed,
                    release_requests::cover_cost_pence,
                    release_requests::is_late,
                ))
                .first(c)
                .unwrap()
        })
        .await;
    assert!(!cover);
    assert_eq!(cost, 0);
    assert!(late);
}

async fn request_status(app: &TestApp, id: i64) -> String {
    app.db(move |c| {
        release_requests::table
            .find(id)
            .select(release_requests::status)
            .first(c)
            .unwrap()
    })
    .await
}

async fn a_note_naming_a_pupil_is_refused_with_the_note_kept(backend: Backend) {
    let (app, _, id, ta, head) = a_release_request(backend).await;
    let decide = format!("/release/{id}/decide");
    let note = "Sorry, I need you with Bartek in Year 3 that afternoon";
    let page = head
        .post(&decide, &[("decision", "decline"), ("note", note)])
        .await;
    assert_eq!(page.status, 422);
    assert!(page.shows(note), "the note is kept in the form");
    assert!(page.shows("This could identify a pupil."));
    assert!(page
        .body
        .contains("<mark class=\"finding\" data-type=\"CHILD_NAME\""));
    assert_eq!(
        request_status(&app, id).await,
        "pending",
        "nothing is decided or stored"
    );
    // the member can't decide it, nor see it through a refused note
    let forbidden = ta
        .post(&decide, &[("decision", "approve"), ("note", note)])
        .await;
    assert_eq!(forbidden.status, 403);
    assert!(!forbidden.shows("Release request from"));

    let done = head
        .post(
            &decide,
            &[
                ("decision", "decline"),
                (
                    "note",
                    "Sorry, I need you with a pupil in Year 3 that afternoon",
                ),
            ],
        )
        .await;
    assert!(done.shows("The request was declined"));
    assert_eq!(request_status(&app, id).await, "declined");
}
