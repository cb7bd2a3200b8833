//! Term dates: the authority's by form and CSV, a school's own dates and INSET days, and
//! what they mean on a poll.

use chrono::{Datelike, Duration, Weekday};
use diesel::prelude::*;

use crate::meetings::{group_id, open_poll, poll_days, ymd};
use crate::on_both_backends;
use crate::support::app::{Backend, Page, TestApp};
use commonroom::db::schema::{authorities, closures, schools, terms, users};

on_both_backends!(
    an_admin_imports_terms_by_csv_and_bad_rows_import_nothing,
    an_admin_adds_a_term_by_form_and_mistakes_keep_the_typed_dates,
    only_the_authority_admin_sets_authority_terms,
    a_school_with_its_own_dates_and_inset_days_changes_who_can_come,
);

async fn authority(app: &TestApp) -> i64 {
    app.db(|c| authorities::table.select(authorities::id).first(c).unwrap())
        .await
}

async fn upload(app: &TestApp, client: &crate::support::app::Client, csv: &str) -> Page {
    let a = authority(app).await;
    let page = client.get(&format!("/admin/authorities/{a}/terms")).await;
    let at = page
        .body
        .find("terms/import?csrf_token=")
        .expect("the upload form")
        + "terms/import?csrf_token=".len();
    let token = page.body[at..].split('"').next().unwrap().to_string();
    let form = reqwest::multipart::Form::new().part(
        "file",
        reqwest::multipart::Part::bytes(csv.as_bytes().to_vec())
            .file_name("terms.csv")
            .mime_str("text/csv")
            .unwrap(),
    );
    let res = client
        .http
        .post(format!(
            "{}/admin/authorities/{a}/terms/import?csrf_token={token}",
            app.url
        ))
        .multipart(form)
        .send()
        .await
        .unwrap();
    let status = res.status().as_u16();
    let url = res.url().to_string();
    Page {
        status,
        url,
        body: res.text().await.unwrap(),
    }
}

async fn term_count(app: &TestApp) -> i64 {
    app.db(|c| terms::table.count().get_result(c).unwrap())
        .await
}

async fn an_admin_imports_terms_by_csv_and_bad_rows_import_nothing(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    app.seed_demo().await;
    let admin = app.signed_in("admin@northshire.example").await;
    let before = term_count(&app).await;
    let header = commonroom::terms::import::HEADER;
    let bad = format!(
        "{header}\nterm,2028-29,autumn,2028-09-04,2028-12-20,2028-10-23,2028-10-27,\nterm,2028-29,winter,2029-01-07,2029-03-29,,,\ninset,,,04/09/2028,,,,\n"
    );
    let page = upload(&app, &admin, &bad).await;
    assert_eq!(page.status, 422);
    assert!(page.shows("Nothing was imported"));
    assert!(
        page.shows("<td>3</td><td>term name \"winter\" should be autumn, spring or summer</td>"),
        "{}",
        page.body
    );
    assert!(page.shows("<td>4</td>"));
    assert_eq!(
        term_count(&app).await,
        before,
        "the good row was not half-imported"
    );

    let good = format!(
        "{header}\nterm,2028-29,autumn,2028-09-04,2028-12-20,2028-10-23,2028-10-27,\ninset,,,2028-09-01,,,,Training\n"
    );
    let page = upload(&app, &admin, &good).await;
    assert!(page.shows("Imported 2 entries."), "{}", page.body);
    assert!(page.shows("<td>2028-29</td><td>autumn</td><td>2028-09-04</td><td>2028-12-20</td><td>2028-10-23 to 2028-10-27</td>"));
    assert_eq!(term_count(&app).await, before + 1);
}

async fn an_admin_adds_a_term_by_form_and_mistakes_keep_the_typed_dates(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    app.seed_demo().await;
    let a = authority(&app).await;
    let admin = app.signed_in("admin@northshire.example").await;
    let wrong = admin
        .post(
            &format!("/admin/authorities/{a}/terms"),
            &[
                ("name", "spring"),
                ("starts_on", "2029-01-08"),
                ("ends_on", "2029-03-29"),
                ("half_term_starts", "2029-04-10"),
                ("half_term_ends", "2029-04-12"),
            ],
        )
        .await;
    assert_eq!(wrong.status, 422);
    assert!(wrong.shows("The half-term must fall inside the term."));
    assert!(wrong.shows("value=\"2029-04-10\""));
    let ok = admin
        .post(
            &format!("/admin/authorities/{a}/terms"),
            &[
                ("name", "spring"),
                ("starts_on", "2029-01-08"),
                ("ends_on", "2029-03-29"),
                ("half_term_starts", "2029-02-12"),
                ("half_term_ends", "2029-02-16"),
            ],
        )
        .await;
    assert!(ok.shows("The term was added."));
    assert!(
        ok.shows("<td>2028-29</td><td>spring</td>"),
        "the year is worked out from the start"
    );
    let closure = admin
        .post(
            &format!("/admin/authorities/{a}/closures"),
            &[
                ("on_date", "2029-01-07"),
                ("kind", "inset"),
                ("note", "Training"),
            ],
        )
        .await;
    assert!(closure.shows("2029-01-07: INSET day (Training)"));
    // a day's mistakes keep what was typed too, each beside its field, and store nothing
    let days = || async {
        app.db(|c| closures::table.count().get_result::<i64>(c).unwrap())
            .await
    };
    let before = days().await;
    let closures_url = format!("/admin/authorities/{a}/closures");
    let no_date = admin
        .post(
            &closures_url,
            &[("on_date", "7/1/29"), ("kind", "closure"), ("note", "Snow")],
        )
        .await;
    assert_eq!(no_date.status, 422);
    assert!(no_date.shows("Enter a date like 2026-09-02."));
    assert!(no_date.shows("value=\"7/1/29\""));
    assert!(no_date.shows("value=\"closure\" selected"));
    assert!(no_date.shows("value=\"Snow\""));
    let note = "Closed for Bartek in Year 3's leaving party";
    let named = admin
        .post(
            &closures_url,
            &[
                ("on_date", "2029-01-09"),
                ("kind", "closure"),
                ("note", note),
            ],
        )
        .await;
    assert_eq!(named.status, 422);
    assert!(named.shows("This could identify a pupil."));
    assert!(named.shows("value=\"2029-01-09\""), "the date is kept");
    assert!(named
        .body
        .contains("<mark class=\"finding\" data-type=\"CHILD_NAME\""));
    assert_eq!(days().await, before, "nothing was stored");
}

async fn only_the_authority_admin_sets_authority_terms(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    app.seed_demo().await;
    let a = authority(&app).await;
    for who in [
        "coord@oakfield.example",
        "head@oakfield.example",
        "ta@oakfield.example",
    ] {
        let c = app.signed_in(who).await;
        assert_eq!(
            c.get(&format!("/admin/authorities/{a}/terms")).await.status,
            403
        );
        let posted = c
            .post(
                &format!("/admin/authorities/{a}/terms"),
                &[
                    ("name", "autumn"),
                    ("starts_on", "2030-09-02"),
                    ("ends_on", "2030-12-20"),
                ],
            )
            .await;
        assert_eq!(posted.status, 403);
    }
    // A head sets their own school's dates, but not another school's.
    let head = app.signed_in("head@oakfield.example").await;
    let other: i64 = app
        .db(|c| {
            schools::table
                .filter(schools::name.eq("Northgate Academy"))
                .select(schools::id)
                .first(c)
                .unwrap()
        })
        .await;
    assert_eq!(
        head.get(&format!("/schools/{other}/dates")).await.status,
        403
    );
    let posted = head
        .post(
            &format!("/schools/{other}/closures"),
            &[("on_date", "2026-12-01"), ("kind", "inset")],
        )
        .await;
    assert_eq!(posted.status, 403);
    // The authority admin can set any of its schools' dates, from the schools list.
    let admin = app.signed_in("admin@northshire.example").await;
    let a = authority(&app).await;
    let list = admin.get(&format!("/admin/authorities/{a}/schools")).await;
    assert!(list.shows(&format!("href=\"/schools/{other}/dates\"")));
    let page = admin.get(&format!("/schools/{other}/dates")).await;
    assert_eq!(page.status, 200);
    assert!(page.shows("Term dates for Northgate Academy"));
}

async fn a_school_with_its_own_dates_and_inset_days_changes_who_can_come(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    app.seed_demo().await;
    let oakfield: i64 = app
        .db(|c| {
            users::table
                .filter(users::email.eq("ta@oakfield.example"))
                .select(users::school_id)
                .first::<Option<i64>>(c)
                .unwrap()
                .unwrap()
        })
        .await;
    let group = group_id(&app).await;
    let [monday, wednesday, _] = poll_days(&app).await;
    // Oakfield sets its own year: its term ends before the Monday slot (a school holiday
    // for its staff), and the Wednesday is its INSET day.
    let head = app.signed_in("head@oakfield.example").await;
    let settings = head
        .post(
            &format!("/schools/{oakfield}/settings"),
            &[
                ("own_term_dates", "yes"),
                ("cover_rate", "30.00"),
                ("notice_days", "10"),
            ],
        )
        .await;
    assert!(settings.shows("The school's settings were saved."));
    let start = monday.min(wednesday) - Duration::days(60);
    let end_before_monday = if monday > wednesday {
        monday - Duration::days(1)
    } else {
        wednesday + Duration::days(1)
    };
    let term = head
        .post(
            &format!("/schools/{oakfield}/terms"),
            &[
                ("name", "autumn"),
                ("starts_on", &ymd(start)),
                ("ends_on", &ymd(end_before_monday)),
            ],
        )
        .await;
    assert!(term.shows("The term was added."), "{}", term.body);
    head.post(
        &format!("/schools/{oakfield}/closures"),
        &[
            ("on_date", &ymd(wednesday)),
            ("kind", "inset"),
            ("note", ""),
        ],
    )
    .await;
    let (poll, days) = open_poll(&app, group).await;
    assert_eq!(days[0].weekday(), Weekday::Mon);
    let ta = app.signed_in("ta@oakfield.example").await;
    let page = ta.get(&format!("/polls/{poll}")).await;
    if monday > wednesday {
        assert!(
            page.shows("Unavailable: Tara Hughes (school holiday)"),
            "{}",
            page.body
        );
    }
    assert!(
        page.shows("Good day for you: it's your school's INSET day, so no cover is needed."),
        "{}",
        page.body
    );
    let good = page
        .body
        .find("Good day (INSET, no cover): ")
        .expect("a good-day line");
    let line = page.body[good..].split("</li>").next().unwrap();
    assert!(line.contains("Tara Hughes"), "{line}");
    let saved: i64 = app
        .db(move |c| {
            closures::table
                .filter(closures::school_id.eq(oakfield))
                .count()
                .get_result(c)
                .unwrap()
        })
        .await;
    assert!(saved >= 2);
}
