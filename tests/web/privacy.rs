//! The anonymisation filter in the product: profile text is checked before it is stored,
//! the live-preview API, and the authority admin's settings changing what is caught.

use diesel::prelude::*;

use crate::forums::{NORTH, SEND};
use crate::meetings::{poll_days, ymd};
use crate::on_both_backends;
use crate::support::app::{csrf_in, Backend, Page, TestApp};
use commonroom::db::schema::{
    authorities, filter_counts, forum_categories, join_requests, polls, regional_groups, users,
};

on_both_backends!(
    a_bio_naming_a_pupil_is_refused_kept_and_highlighted,
    the_scan_api_answers_signed_in_users_with_spans,
    the_authority_admin_tunes_the_filter_and_it_applies_at_once,
    every_written_field_refuses_a_pupil_and_keeps_the_draft,
);

async fn a_bio_naming_a_pupil_is_refused_kept_and_highlighted(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    app.seed_demo().await;
    let ta = app.signed_in("ta@oakfield.example").await;
    let draft = "I do precision teaching. Bartek in my Year 3 group has come on so much!";
    let page = ta
        .post(
            "/account/profile",
            &[
                ("display_name", "Tara Hughes"),
                ("mon", "on"),
                ("bio", draft),
            ],
        )
        .await;
    assert_eq!(page.status, 422);
    assert!(page.shows(draft), "the draft is kept in the form");
    assert!(page.shows("This could identify a pupil."));
    assert!(
        page.body
            .contains("<mark class=\"finding\" data-type=\"CHILD_NAME\""),
        "the name is highlighted"
    );
    assert!(page.shows("Pupil A"), "a rewrite is suggested");
    let stored: String = app
        .db(|c| {
            users::table
                .filter(users::email.eq("ta@oakfield.example"))
                .select(users::bio)
                .first(c)
                .unwrap()
        })
        .await;
    assert!(!stored.contains("Bartek"), "blocked text is never stored");
    let counts: Vec<(String, String, String, i64)> = app
        .db(|c| {
            filter_counts::table
                .select((
                    filter_counts::field,
                    filter_counts::span_type,
                    filter_counts::verdict,
                    filter_counts::count,
                ))
                .load(c)
                .unwrap()
        })
        .await;
    assert_eq!(
        counts,
        vec![(
            "profile.bio".to_string(),
            "CHILD_NAME".to_string(),
            "block".to_string(),
            1
        )]
    );

    let rewritten = "I do precision teaching. Pupil A in my Year 3 group has come on so much!";
    let ok = ta
        .post(
            "/account/profile",
            &[
                ("display_name", "Tara Hughes"),
                ("mon", "on"),
                ("bio", rewritten),
            ],
        )
        .await;
    assert!(ok.shows("Your profile has been saved."));
}

async fn the_scan_api_answers_signed_in_users_with_spans(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    app.seed_demo().await;
    let ta = app.signed_in("ta@oakfield.example").await;
    let token = csrf_in(&ta.get("/account/profile").await.body).unwrap();
    let url = format!("{}/api/v1/scan", app.url);
    let res = ta
        .http
        .post(&url)
        .header("x-csrf-token", &token)
        .json(&serde_json::json!({ "text": "Zoë’s mum rang: her DOB is 12 March 2017." }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 200);
    let body: serde_json::Value = res.json().await.unwrap();
    assert_eq!(body["verdict"], "block");
    let types: Vec<&str> = body["spans"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["type"].as_str().unwrap())
        .collect();
    assert!(types.contains(&"DATE_OF_BIRTH"), "{body}");
    let first = &body["spans"][0];
    assert!(first["start"].as_u64().is_some() && first["reason"].as_str().is_some());
    // a name read as a pupil's says how to get past a misreading; a date of birth does not
    for s in body["spans"].as_array().unwrap() {
        let hint = s["hint"].as_str().unwrap_or_default();
        match s["type"].as_str() {
            Some("CHILD_NAME") => assert!(hint.starts_with("Not a pupil?"), "{body}"),
            _ => assert_eq!(hint, "", "{body}"),
        }
    }
    assert!(types.contains(&"CHILD_NAME"), "{body}");

    let clean: serde_json::Value = ta
        .http
        .post(&url)
        .header("x-csrf-token", &token)
        .json(&serde_json::json!({ "text": "Has anyone tried Colourful Semantics with Year 2?" }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(clean["verdict"], "allow");

    // Invalid UTF-8 still gets an answer.
    let mut bytes = b"{\"text\": \"Bartek in 4C \xff\xfe kicked off\"}".to_vec();
    bytes.push(b'\n');
    let res = ta
        .http
        .post(&url)
        .header("x-csrf-token", &token)
        .header("content-type", "application/json")
        .body(bytes)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 200);
    let bad = ta
        .http
        .post(&url)
        .header("x-csrf-token", &token)
        .body("not json")
        .send()
        .await
        .unwrap();
    assert_eq!(bad.status().as_u16(), 400);
    let msg: serde_json::Value = bad.json().await.unwrap();
    assert!(msg["error"].as_str().unwrap().contains("Send JSON like"));

    // Refusals are JSON too.
    let no_token = ta
        .http
        .post(&url)
        .json(&serde_json::json!({ "text": "x" }))
        .send()
        .await
        .unwrap();
    assert_eq!(no_token.status().as_u16(), 403);
    assert!(no_token.json::<serde_json::Value>().await.unwrap()["error"].is_string());
    let anon = app.client();
    let anon_token = csrf_in(&anon.get("/signin").await.body).unwrap();
    let res = anon
        .http
        .post(&url)
        .header("x-csrf-token", anon_token)
        .json(&serde_json::json!({ "text": "x" }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 401);
    assert_eq!(
        res.json::<serde_json::Value>().await.unwrap()["error"],
        "Please sign in to continue."
    );
}

async fn the_authority_admin_tunes_the_filter_and_it_applies_at_once(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    app.seed_demo().await;
    let authority: i64 = app
        .db(|c| authorities::table.select(authorities::id).first(c).unwrap())
        .await;
    let settings = format!("/admin/authorities/{authority}/filter");
    let ta = app.signed_in("ta@oakfield.example").await;
    assert_eq!(
        ta.get(&settings).await.status,
        403,
        "members can't tune the filter"
    );
    assert_eq!(
        ta.post(&settings, &[("strictness", "relaxed")])
            .await
            .status,
        403
    );

    // The profile form always sends the member's school: the school decides whose rules apply.
    let school: String = app
        .db(|c| {
            users::table
                .filter(users::email.eq("ta@oakfield.example"))
                .select(users::school_id)
                .first::<Option<i64>>(c)
                .unwrap()
        })
        .await
        .unwrap()
        .to_string();
    // (a colleague the standard filter takes for a pupil: a name with a class after it)
    let colleague = "I run Lego therapy with Kasia in Year 3 on Tuesdays, she is brilliant.";
    let before = ta
        .post("/account/profile", &profile_form(&school, colleague))
        .await;
    assert_eq!(
        before.status, 422,
        "Kasia looks like a pupil to the standard filter"
    );
    assert!(
        before.shows("Not a pupil? Say who they are beside the name"),
        "the form says how to get past a misread name"
    );
    let said_who = "I run Lego therapy with Kasia (TA) in Year 3 on Tuesdays, she is brilliant.";
    let saved = ta
        .post("/account/profile", &profile_form(&school, said_who))
        .await;
    assert!(
        saved.shows("Your profile has been saved."),
        "and following it works"
    );

    let admin = app.signed_in("admin@northshire.example").await;
    let page = admin.get(&settings).await;
    assert!(page.shows("Anonymisation filter: Northshire County Council"));
    assert!(
        page.shows("profile.bio"),
        "the counts of what was stopped are shown"
    );
    let bad = admin
        .post(
            &settings,
            &[
                ("not_pupils", "Kasia"),
                ("extra_blocked", ""),
                ("strictness", "extreme"),
            ],
        )
        .await;
    assert_eq!(bad.status, 422);
    assert!(bad.shows("Choose how strict the filter should be."));
    assert!(bad.shows("Kasia"), "what was typed is kept");
    let saved = admin
        .post(
            &settings,
            &[
                ("not_pupils", "Kasia\nMrs Okoro"),
                ("extra_blocked", "Zebedee"),
                ("strictness", "standard"),
            ],
        )
        .await;
    assert!(saved.shows("apply to everyone in the authority now"));
    let trial = admin
        .post(
            &format!("{settings}/try"),
            &[("sample", "Our lunch club: Zebedee helps out.")],
        )
        .await;
    assert!(trial.body.contains("Verdict: <strong>block</strong>"));

    let after = ta
        .post("/account/profile", &profile_form(&school, colleague))
        .await;
    assert!(
        after.shows("Your profile has been saved."),
        "Kasia is now known not to be a pupil"
    );
    let blocked = ta
        .post(
            "/account/profile",
            &profile_form(&school, "Our lunch club: Zebedee helps out."),
        )
        .await;
    assert_eq!(
        blocked.status, 422,
        "the extra blocked word applies at once"
    );
}

/// The profile form as the member sends it, with `bio` as their text (the school decides
/// whose filter rules apply).
fn profile_form<'a>(school: &'a str, bio: &'a str) -> [(&'a str, &'a str); 4] {
    [
        ("display_name", "Tara Hughes"),
        ("school_id", school),
        ("mon", "on"),
        ("bio", bio),
    ]
}

/// Refused for a pupil: 422, the draft kept in the form and the name highlighted beside it.
fn refused_and_kept(page: &Page, draft: &str) {
    assert_eq!(page.status, 422, "{draft}: {}", page.body);
    assert!(page.shows(draft), "the draft is kept: {}", page.body);
    assert!(
        page.shows("This could identify a pupil."),
        "{draft}: {}",
        page.body
    );
    assert!(
        page.body
            .contains("<mark class=\"finding\" data-type=\"CHILD_NAME\""),
        "the name is highlighted"
    );
}

async fn every_written_field_refuses_a_pupil_and_keeps_the_draft(backend: Backend) {
    // The short fields too: a job title, a note asking to join, a group's description, a
    // poll's title, a forum category. Each is checked before it is kept, and a refusal
    // shows the draft again with what to change.
    let app = TestApp::spawn(backend).await;
    app.seed_demo().await;
    let count = |table: &'static str| {
        let app = &app;
        async move {
            app.db(move |c| -> i64 {
                match table {
                    "join_requests" => join_requests::table.count().get_result(c),
                    "regional_groups" => regional_groups::table.count().get_result(c),
                    "polls" => polls::table.count().get_result(c),
                    _ => forum_categories::table.count().get_result(c),
                }
                .unwrap()
            })
            .await
        }
    };
    let group = |name: &'static str| {
        let app = &app;
        async move {
            app.db(move |c| {
                regional_groups::table
                    .filter(regional_groups::name.eq(name))
                    .select(regional_groups::id)
                    .first::<i64>(c)
                    .unwrap()
            })
            .await
        }
    };
    let (north, send) = (group(NORTH).await, group(SEND).await);

    let ta = app.signed_in("ta@oakfield.example").await;
    let title = "1:1 TA for Bartek in Year 3";
    let page = ta
        .post(
            "/account/profile",
            &[
                ("display_name", "Tara Hughes"),
                ("mon", "on"),
                ("job_title", title),
            ],
        )
        .await;
    refused_and_kept(&page, title);
    let job: String = app
        .db(|c| {
            users::table
                .filter(users::email.eq("ta@oakfield.example"))
                .select(users::job_title)
                .first(c)
                .unwrap()
        })
        .await;
    assert_eq!(job, "Teaching Assistant", "nothing is stored");

    let before = count("join_requests").await;
    let note = "I support Bartek in Year 3, who is autistic.";
    let page = ta
        .post(&format!("/groups/{send}/join"), &[("message", note)])
        .await;
    refused_and_kept(&page, note);
    assert_eq!(count("join_requests").await, before);

    let admin = app.signed_in("admin@northshire.example").await;
    let authority: i64 = app
        .db(|c| authorities::table.select(authorities::id).first(c).unwrap())
        .await;
    let region: i64 = app
        .db(move |c| {
            regional_groups::table
                .find(north)
                .select(regional_groups::region_id)
                .first(c)
                .unwrap()
        })
        .await;
    let before = count("regional_groups").await;
    let description = "Started for the TAs who support Bartek in Year 3 at Oakfield.";
    let page = admin
        .post(
            &format!("/admin/authorities/{authority}/groups"),
            &[
                ("name", "Autism support"),
                ("region_id", &region.to_string()),
                ("focus", "send"),
                ("description", description),
            ],
        )
        .await;
    refused_and_kept(&page, description);
    assert_eq!(count("regional_groups").await, before);

    let coord = app.signed_in("coord@oakfield.example").await;
    let before = count("polls").await;
    let days = poll_days(&app).await;
    let title = "Meeting about Bartek in Year 3";
    let deadline = ymd(commonroom::now().date() + chrono::Duration::days(5));
    let page = coord
        .post(
            &format!("/groups/{north}/polls"),
            &[
                ("title", title),
                ("deadline", &deadline),
                ("date_1", &ymd(days[0])),
                ("start_1", "13:30"),
                ("end_1", "15:30"),
                ("venue_1", "online"),
            ],
        )
        .await;
    refused_and_kept(&page, title);
    assert_eq!(count("polls").await, before);

    let before = count("forum_categories").await;
    let name = "Bartek in Year 3";
    let page = coord
        .post(
            &format!("/groups/{north}/forums/new"),
            &[("name", name), ("description", "Ideas")],
        )
        .await;
    refused_and_kept(&page, name);
    assert_eq!(count("forum_categories").await, before);
}
