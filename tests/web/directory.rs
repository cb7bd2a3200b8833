//! Groups, joining, invitations and the GIAS school import.

use diesel::prelude::*;

use crate::on_both_backends;
use crate::support::app::{Backend, TestApp};
use crate::support::smtp::link_in;
use commonroom::db::schema::{authorities, regional_groups, schools};

on_both_backends!(
    a_member_asks_to_join_and_the_coordinator_approves,
    a_declined_request_is_told_and_cannot_be_decided_twice,
    a_coordinator_invites_by_email_and_removes_a_member,
    an_authority_admin_creates_a_group_with_a_coordinator,
    groups_can_be_browsed_by_region_and_focus,
    gias_import_reports_bad_rows_and_commits_nothing,
    gias_reimport_updates_by_urn,
    a_large_gias_file_shows_progress_and_still_commits_all_or_nothing,
);

async fn group(app: &TestApp, name: &'static str) -> i64 {
    app.db(move |c| {
        regional_groups::table
            .filter(regional_groups::name.eq(name))
            .select(regional_groups::id)
            .first(c)
            .unwrap()
    })
    .await
}

async fn a_member_asks_to_join_and_the_coordinator_approves(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    app.seed_demo().await;
    let send = group(&app, "Northshire SEND Network").await;
    let ta = app.signed_in("ta@oakfield.example").await;
    let asked = ta
        .post(
            &format!("/groups/{send}/join"),
            &[("message", "I support two pupils with EHCPs")],
        )
        .await;
    assert!(asked.shows("Your request has been sent"));
    assert!(asked.shows("You've asked to join"));
    let again = ta.post(&format!("/groups/{send}/join"), &[]).await;
    assert!(again.shows("You've already asked to join"));

    // The SEND network's coordinator is told by email and approves from the group page.
    let mail = app
        .smtp
        .wait_for(
            |m| m.subject.contains("Tara Hughes would like to join"),
            std::time::Duration::from_secs(10),
        )
        .await;
    let coordinator_email = mail.to[0].clone();
    let coordinator = app.signed_in(&coordinator_email).await;
    let page = coordinator
        .get(&link_in(&mail, &format!("/groups/{send}")))
        .await;
    assert!(page.shows("Requests to join"));
    assert!(page.shows("I support two pupils with EHCPs"));
    let request_id: i64 = app
        .db(move |c| {
            use commonroom::db::schema::join_requests::dsl::*;
            join_requests
                .filter(group_id.eq(send))
                .filter(status.eq("pending"))
                .select(id)
                .first(c)
                .unwrap()
        })
        .await;
    let approved = coordinator
        .post(
            &format!("/groups/{send}/requests/{request_id}/approve"),
            &[],
        )
        .await;
    assert!(approved.shows("The request was approved"));

    app.smtp
        .wait_for_to("ta@oakfield.example", "Welcome to Northshire SEND Network")
        .await;
    let page = ta.get(&format!("/groups/{send}")).await;
    assert!(page.shows("You're a member of this group."));
    assert!(
        page.body.contains("<h2>Members</h2>"),
        "members see the member list"
    );
    assert!(ta.get("/").await.shows("Northshire SEND Network"));

    let left = ta.post(&format!("/groups/{send}/leave"), &[]).await;
    assert!(left.shows("You have left the group."));
    assert!(!ta.get("/").await.shows("Northshire SEND Network"));
}

async fn a_declined_request_is_told_and_cannot_be_decided_twice(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    app.seed_demo().await;
    let north = group(&app, "North Northshire TA Network").await;
    let (request_id, member_email): (i64, String) = app
        .db(move |c| {
            use commonroom::db::schema::{join_requests, users};
            join_requests::table
                .inner_join(users::table.on(users::id.eq(join_requests::user_id)))
                .filter(join_requests::group_id.eq(north))
                .select((join_requests::id, users::email))
                .first(c)
                .unwrap()
        })
        .await;
    let coord = app.signed_in("coord@oakfield.example").await;
    let declined = coord
        .post(
            &format!("/groups/{north}/requests/{request_id}/decline"),
            &[],
        )
        .await;
    assert!(declined.shows("The request was declined"));
    app.smtp
        .wait_for_to(
            &member_email,
            "Your request to join North Northshire TA Network",
        )
        .await;
    let twice = coord
        .post(
            &format!("/groups/{north}/requests/{request_id}/approve"),
            &[],
        )
        .await;
    assert_eq!(twice.status, 409);
    assert!(twice.shows("already been decided"));
    let is_member: bool = app
        .db(move |c| {
            use commonroom::db::schema::{group_memberships, users};
            diesel::select(diesel::dsl::exists(
                group_memberships::table
                    .inner_join(users::table)
                    .filter(group_memberships::group_id.eq(north))
                    .filter(users::email.eq(member_email)),
            ))
            .get_result(c)
            .unwrap()
        })
        .await;
    assert!(!is_member);
}

async fn a_coordinator_invites_by_email_and_removes_a_member(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    app.seed_demo().await;
    let north = group(&app, "North Northshire TA Network").await;
    let coord = app.signed_in("coord@oakfield.example").await;
    let bad = coord
        .post(
            &format!("/groups/{north}/invitations"),
            &[("email", "not an email")],
        )
        .await;
    assert_eq!(bad.status, 422);
    assert!(bad.body.contains("value=\"not an email\""));
    let sent = coord
        .post(
            &format!("/groups/{north}/invitations"),
            &[("email", "newta@school.example")],
        )
        .await;
    assert!(sent.shows("An invitation has been sent to newta@school.example"));
    let mail = app
        .smtp
        .wait_for_to(
            "newta@school.example",
            "invited you to join North Northshire TA Network",
        )
        .await;
    let link = link_in(&mail, "/invitations/");

    // The invitee signs up, then accepts.
    let invitee = app.client();
    assert!(invitee.get(&link).await.shows("create an account"));
    invitee
        .post(
            "/signup",
            &[
                ("email", "newta@school.example"),
                ("display_name", "Nia Ahmed"),
                ("password", "saffron bicycle evening"),
            ],
        )
        .await;
    let verify = app
        .smtp
        .wait_for_to("newta@school.example", "Confirm")
        .await;
    let token = link_in(&verify, "/verify-email")
        .split("token=")
        .nth(1)
        .unwrap()
        .to_string();
    invitee.post("/verify-email", &[("token", &token)]).await;
    invitee
        .sign_in("newta@school.example", "saffron bicycle evening")
        .await;
    let token = link.rsplit('/').next().unwrap().to_string();
    let joined = invitee
        .post(&format!("/invitations/{token}/accept"), &[])
        .await;
    assert!(joined.shows("You've joined the group"));
    let reused = invitee
        .post(&format!("/invitations/{token}/accept"), &[])
        .await;
    assert_eq!(reused.status, 400);

    let nia: i64 = app
        .db(|c| {
            use commonroom::db::schema::users::dsl::*;
            users
                .filter(email.eq("newta@school.example"))
                .select(id)
                .first(c)
                .unwrap()
        })
        .await;
    let removed = coord
        .post(&format!("/groups/{north}/members/{nia}/remove"), &[])
        .await;
    assert!(removed.shows("The member was removed"));
    assert!(!invitee
        .get(&format!("/groups/{north}"))
        .await
        .shows("You're a member of this group."));
}

async fn an_authority_admin_creates_a_group_with_a_coordinator(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    app.seed_demo().await;
    let authority: i64 = app
        .db(|c| authorities::table.select(authorities::id).first(c).unwrap())
        .await;
    let admin = app.signed_in("admin@northshire.example").await;
    let form = admin
        .get(&format!("/admin/authorities/{authority}/groups/new"))
        .await;
    assert_eq!(form.status, 200);
    let region: String = app
        .db(|c| {
            use commonroom::db::schema::regions::dsl::*;
            regions
                .filter(name.eq("South Northshire"))
                .select(id)
                .first::<i64>(c)
                .unwrap()
                .to_string()
        })
        .await;
    let bad = admin
        .post(
            &format!("/admin/authorities/{authority}/groups"),
            &[
                ("name", "Phonics Champions"),
                ("region_id", ""),
                ("focus", "primary"),
                ("description", "RWI and Little Wandle"),
                ("coordinator_email", "ghost@x.example"),
            ],
        )
        .await;
    assert_eq!(bad.status, 422);
    assert!(bad.shows("Choose the region the group belongs to."));
    assert!(bad.shows("There's no account with that email yet"));
    assert!(bad.body.contains("value=\"Phonics Champions\""));
    assert!(bad.body.contains("RWI and Little Wandle"));

    let ok = admin
        .post(
            &format!("/admin/authorities/{authority}/groups"),
            &[
                ("name", "Phonics Champions"),
                ("region_id", &region),
                ("focus", "primary"),
                ("description", "RWI and Little Wandle"),
                ("coordinator_email", "ta@oakfield.example"),
            ],
        )
        .await;
    assert!(ok.shows("The group was created."));
    assert!(ok.shows("Tara Hughes"), "the named coordinator is listed");
    let ta = app.signed_in("ta@oakfield.example").await;
    assert!(
        ta.get(&ok.path()).await.shows("Requests to join"),
        "the new coordinator can manage it"
    );
}

async fn groups_can_be_browsed_by_region_and_focus(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    app.seed_demo().await;
    let visitor = app.client();
    let all = visitor.get("/groups").await;
    for name in [
        "North Northshire TA Network",
        "Central Northshire Support Staff",
        "Northshire SEND Network",
        "South Northshire Early Years",
    ] {
        assert!(all.shows(name), "{name} is listed");
    }
    let send = visitor.get("/groups?focus=send").await;
    assert!(send.shows("Northshire SEND Network"));
    assert!(!send.shows("North Northshire TA Network"));
    let region: i64 = app
        .db(|c| {
            use commonroom::db::schema::regions::dsl::*;
            regions
                .filter(name.eq("South Northshire"))
                .select(id)
                .first(c)
                .unwrap()
        })
        .await;
    let south = visitor.get(&format!("/groups?region={region}")).await;
    assert!(south.shows("South Northshire Early Years"));
    assert!(!south.shows("Northshire SEND Network"));
}

const GIAS_HEADER: &str = "URN,LA (code),LA (name),EstablishmentName,EstablishmentStatus (name),PhaseOfEducation (name),Postcode,DistrictAdministrative (name)\n";

async fn upload(
    app: &TestApp,
    client: &crate::support::app::Client,
    authority: i64,
    csv: String,
) -> crate::support::app::Page {
    let page = client
        .get(&format!("/admin/authorities/{authority}/schools/import"))
        .await;
    let action_start = page
        .body
        .find("schools/import?csrf_token=")
        .expect("the form carries its token");
    let rest = &page.body[action_start + "schools/import?csrf_token=".len()..];
    let token = &rest[..rest.find('"').unwrap()];
    let form = reqwest::multipart::Form::new().part(
        "file",
        reqwest::multipart::Part::bytes(csv.into_bytes())
            .file_name("edubase.csv")
            .mime_str("text/csv")
            .unwrap(),
    );
    let res = client
        .http
        .post(format!(
            "{}/admin/authorities/{authority}/schools/import?csrf_token={token}",
            app.url
        ))
        .multipart(form)
        .send()
        .await
        .unwrap();
    let status = res.status().as_u16();
    let url = res.url().to_string();
    crate::support::app::Page {
        status,
        url,
        body: res.text().await.unwrap(),
    }
}

async fn school_count(app: &TestApp) -> i64 {
    app.db(|c| schools::table.count().get_result(c).unwrap())
        .await
}

async fn gias_import_reports_bad_rows_and_commits_nothing(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    app.seed_demo().await;
    let authority: i64 = app
        .db(|c| authorities::table.select(authorities::id).first(c).unwrap())
        .await;
    let admin = app.signed_in("admin@northshire.example").await;
    let before = school_count(&app).await;
    let csv = format!(
        "{GIAS_HEADER}200001,999,Northshire,Good School,Open,Primary,NS1 1AA,North Northshire\n\
         20000X,999,Northshire,Bad Urn,Open,Primary,NS1 1AA,\n\
         200003,999,Northshire,Bad Postcode,Open,Primary,12345,\n"
    );
    let page = upload(&app, &admin, authority, csv).await;
    assert_eq!(page.status, 422, "{}", page.body);
    assert!(page.shows("Nothing was imported"));
    assert!(
        page.body.contains(
            "<td>3</td><td>The URN &quot;20000X&quot; isn&#x27;t a number of 5 to 7 digits.</td>"
        ) || page.shows("The URN \"20000X\" isn't a number")
    );
    assert!(page.body.contains("<td>4</td>"));
    assert!(page.shows("The postcode \"12345\" isn't a UK postcode."));
    assert_eq!(
        school_count(&app).await,
        before,
        "the good row was not imported either"
    );

    // Without a forged token the upload is refused.
    let forged = admin
        .http
        .post(format!(
            "{}/admin/authorities/{authority}/schools/import",
            app.url
        ))
        .multipart(reqwest::multipart::Form::new().text("file", "x"))
        .send()
        .await
        .unwrap();
    assert_eq!(forged.status().as_u16(), 403);
}

async fn gias_reimport_updates_by_urn(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    app.seed_demo().await;
    let authority: i64 = app
        .db(|c| authorities::table.select(authorities::id).first(c).unwrap())
        .await;
    let admin = app.signed_in("admin@northshire.example").await;
    let before = school_count(&app).await;
    let first = format!(
        "{GIAS_HEADER}200001,999,Northshire,Good School,Open,Primary,ns1 1aa,North Northshire\n\
         200002,999,Northshire,Another School,Open,Secondary,NS2 2BB,\n"
    );
    let page = upload(&app, &admin, authority, first).await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(page.shows("2 added, 0 updated"));
    let second = format!(
        "{GIAS_HEADER}200001,999,Northshire,Good School (renamed),Open,Primary,NS1 1AA,North Northshire\n\
         200002,999,Northshire,Another School,Closed,Secondary,NS2 2BB,\n"
    );
    let page = upload(&app, &admin, authority, second).await;
    assert!(page.shows("0 added, 2 updated"), "{}", page.body);
    assert_eq!(school_count(&app).await, before + 2);
    let (name, postcode, region): (String, String, Option<i64>) = app
        .db(|c| {
            schools::table
                .filter(schools::urn.eq("200001"))
                .select((schools::name, schools::postcode, schools::region_id))
                .first(c)
                .unwrap()
        })
        .await;
    assert_eq!(name, "Good School (renamed)");
    assert_eq!(postcode, "NS1 1AA");
    assert!(
        region.is_some(),
        "matched to the North Northshire region by district"
    );
    let open: bool = app
        .db(|c| {
            schools::table
                .filter(schools::urn.eq("200002"))
                .select(schools::is_open)
                .first(c)
                .unwrap()
        })
        .await;
    assert!(!open);
}

fn large_gias_file(rows: usize, bad_row: Option<usize>) -> String {
    let mut csv = GIAS_HEADER.to_string();
    for i in 0..rows {
        let urn = if Some(i) == bad_row {
            "BAD".to_string()
        } else {
            format!("{}", 300000 + i)
        };
        csv.push_str(&format!(
            "{urn},999,Northshire,Northshire Example Community Primary School Number {i} and Nursery,Open,Primary,NS{} {}AB,Central Northshire\n",
            1 + i % 9,
            i % 10
        ));
    }
    csv
}

async fn a_large_gias_file_shows_progress_and_still_commits_all_or_nothing(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    app.seed_demo().await;
    let authority: i64 = app
        .db(|c| authorities::table.select(authorities::id).first(c).unwrap())
        .await;
    let admin = app.signed_in("admin@northshire.example").await;
    let before = school_count(&app).await;

    let bad = large_gias_file(3000, Some(2500));
    assert!(bad.len() > 256 * 1024, "big enough to stream");
    let page = upload(&app, &admin, authority, bad).await;
    assert!(
        page.body.contains("<li>checked 1000 rows</li>"),
        "progress lines are streamed"
    );
    assert!(page.shows("Nothing was imported"));
    assert!(
        page.body.contains("<td>2502</td>"),
        "the bad row is named by its spreadsheet row"
    );
    assert!(
        page.body.trim_end().ends_with("</html>"),
        "the page is complete"
    );
    assert_eq!(school_count(&app).await, before);

    let good = large_gias_file(3000, None);
    let page = upload(&app, &admin, authority, good).await;
    assert!(page.body.contains("<li>saved 1000 of 3000 rows</li>"));
    assert!(
        page.shows("3000 added, 0 updated"),
        "{}",
        &page.body[page.body.len().saturating_sub(2000)..]
    );
    assert_eq!(school_count(&app).await, before + 3000);
}
