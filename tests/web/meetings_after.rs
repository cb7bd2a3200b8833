//! A meeting's life after the date is fixed: agenda through the filter, rescheduling,
//! lifts, minutes with attendance, the termly rhythm and the reminder the day before.

use chrono::Duration;
use diesel::prelude::*;

use crate::meetings::{
    fixed_meeting, group_id, open_poll, parse_ics, slot_ids, wednesday_members, ymd,
};
use crate::on_both_backends;
use crate::support::app::{Backend, TestApp};
use commonroom::db::schema::{meetings, outbox_emails, release_requests, rsvps, schools, users};

on_both_backends!(
    an_agenda_naming_a_pupil_is_refused_and_kept,
    rescheduling_tells_everyone_with_a_newer_invitation,
    minutes_are_published_with_attendance_after_the_meeting,
    members_from_the_same_area_are_told_about_lifts,
    the_termly_rhythm_shows_each_groups_meeting_status,
    a_meeting_reminder_is_sent_once_even_with_two_workers,
    hidden_names_and_a_rotating_host_suggestion,
);

async fn edit_fields(meeting: i64, app: &TestApp) -> (String, String, String) {
    app.db(move |c| {
        meetings::table
            .find(meeting)
            .select((
                meetings::meeting_date,
                meetings::start_time,
                meetings::end_time,
            ))
            .first::<(chrono::NaiveDate, String, String)>(c)
            .map(|(d, s, e)| (ymd(d), s, e))
            .unwrap()
    })
    .await
}

async fn an_agenda_naming_a_pupil_is_refused_and_kept(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    app.seed_demo().await;
    let meeting = fixed_meeting(&app).await;
    let (date, start, end) = edit_fields(meeting, &app).await;
    let coord = app.signed_in("coord@oakfield.example").await;
    let draft = "Sharing phonics ideas. Bartek in my Year 3 group loves the sound mats.";
    let page = coord
        .post(
            &format!("/meetings/{meeting}"),
            &[
                ("title", "Autumn network meeting"),
                ("agenda", draft),
                ("meeting_date", &date),
                ("start_time", &start),
                ("end_time", &end),
                ("capacity", "0"),
            ],
        )
        .await;
    assert_eq!(page.status, 422);
    assert!(page.shows(draft), "the draft is kept");
    assert!(page.shows("This could identify a pupil."));
    let stored: String = app
        .db(move |c| {
            meetings::table
                .find(meeting)
                .select(meetings::agenda)
                .first(c)
                .unwrap()
        })
        .await;
    assert!(!stored.contains("Bartek"));
    let ok = coord
        .post(
            &format!("/meetings/{meeting}"),
            &[
                ("title", "Autumn network meeting"),
                ("agenda", "Sharing phonics ideas and sound mats."),
                ("meeting_date", &date),
                ("start_time", &start),
                ("end_time", &end),
                ("capacity", "0"),
            ],
        )
        .await;
    assert!(ok.shows("The meeting was updated."));
    assert!(ok.shows("Sharing phonics ideas and sound mats."));
}

async fn rescheduling_tells_everyone_with_a_newer_invitation(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    app.seed_demo().await;
    let meeting = fixed_meeting(&app).await;
    let (date, _, _) = edit_fields(meeting, &app).await;
    let ta = app.signed_in("ta@oakfield.example").await;
    ta.post(&format!("/meetings/{meeting}/rsvp"), &[("status", "going")])
        .await;
    let head = app.signed_in("head@oakfield.example").await;
    let first: i64 = app
        .db(move |c| {
            release_requests::table
                .filter(release_requests::meeting_id.eq(meeting))
                .select(release_requests::id)
                .first(c)
                .unwrap()
        })
        .await;
    head.post(
        &format!("/release/{first}/decide"),
        &[("decision", "approve")],
    )
    .await;
    let coord = app.signed_in("coord@oakfield.example").await;
    // Half-term is refused here too.
    let refused = coord
        .post(
            &format!("/meetings/{meeting}"),
            &[
                ("title", "Autumn network meeting"),
                ("meeting_date", "2027-02-16"),
                ("start_time", "14:00"),
                ("end_time", "16:00"),
            ],
        )
        .await;
    assert_eq!(refused.status, 400);
    assert!(refused.shows("it is in the spring half-term"));
    let moved = coord
        .post(
            &format!("/meetings/{meeting}"),
            &[
                ("title", "Autumn network meeting"),
                ("meeting_date", &date),
                ("start_time", "14:00"),
                ("end_time", "16:00"),
            ],
        )
        .await;
    assert!(moved.shows("The meeting was updated."));
    let mail = app
        .smtp
        .wait_for_to("ta@oakfield.example", "Meeting moved")
        .await;
    let ics = mail
        .parts
        .iter()
        .find(|p| p.filename.as_deref() == Some("invite.ics"))
        .unwrap();
    let parsed = parse_ics(&String::from_utf8_lossy(&ics.body));
    assert_eq!(parsed["method"], "REQUEST");
    assert_eq!(parsed["events"][0]["sequence"], 1);
    assert_eq!(parsed["events"][0]["start"], format!("{date}T14:00"));
    assert_eq!(parsed["events"][0]["end"], format!("{date}T16:00"));
    assert_eq!(parsed["events"][0]["tzid"], "Europe/London");
    // The approval was for the old time: the head is asked again for the new one.
    let renewed: Vec<String> = app
        .db(move |c| {
            release_requests::table
                .filter(release_requests::meeting_id.eq(meeting))
                .select(release_requests::status)
                .load(c)
                .unwrap()
        })
        .await;
    assert_eq!(renewed, vec!["pending".to_string()]);
    let asked: i64 = app
        .db(|c| {
            outbox_emails::table
                .filter(outbox_emails::template.eq("release_request"))
                .filter(outbox_emails::to_address.eq("head@oakfield.example"))
                .count()
                .get_result(c)
                .unwrap()
        })
        .await;
    assert_eq!(asked, 2, "asked once for each time");
    // The independent parser resolves the zone: GMT in winter, BST in summer.
    let month: u32 = date[5..7].parse().unwrap();
    let offset = parsed["events"][0]["utcoffset"].as_f64().unwrap();
    if (4..=9).contains(&month) {
        assert_eq!(offset, 3600.0);
    } else if month <= 2 || month >= 11 {
        assert_eq!(offset, 0.0);
    }
    // The download for members carries the same UID.
    let download = ta.get(&format!("/meetings/{meeting}/invite.ics")).await;
    assert_eq!(
        parse_ics(&download.body)["events"][0]["uid"],
        parsed["events"][0]["uid"]
    );
    // Someone outside the group can see neither the meeting nor its file.
    let group = group_id(&app).await;
    let other = app
        .db(move |c| {
            use commonroom::db::schema::group_memberships;
            let members: Vec<i64> = group_memberships::table
                .filter(group_memberships::group_id.eq(group))
                .select(group_memberships::user_id)
                .load(c)
                .unwrap();
            users::table
                .filter(users::email.like("%@northshire-schools.example"))
                .filter(users::id.ne_all(members))
                .select(users::email)
                .first::<String>(c)
                .unwrap()
        })
        .await;
    let outsider = app.signed_in(&other).await;
    assert_eq!(
        outsider.get(&format!("/meetings/{meeting}")).await.status,
        403
    );
    assert_eq!(
        outsider
            .get(&format!("/meetings/{meeting}/invite.ics"))
            .await
            .status,
        403
    );
}

async fn minutes_are_published_with_attendance_after_the_meeting(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    app.seed_demo().await;
    let meeting = fixed_meeting(&app).await;
    let ta = app.signed_in("ta@oakfield.example").await;
    ta.post(&format!("/meetings/{meeting}/rsvp"), &[("status", "going")])
        .await;
    let coord = app.signed_in("coord@oakfield.example").await;
    let early = coord
        .post(
            &format!("/meetings/{meeting}/minutes"),
            &[("minutes", "We shared phonics ideas.")],
        )
        .await;
    assert_eq!(early.status, 409, "not before the meeting has happened");
    // The meeting happens.
    let ta_id: i64 = app
        .db(move |c| {
            diesel::update(meetings::table.find(meeting))
                .set(meetings::meeting_date.eq(commonroom::now().date() - Duration::days(1)))
                .execute(c)
                .unwrap();
            users::table
                .filter(users::email.eq("ta@oakfield.example"))
                .select(users::id)
                .first(c)
                .unwrap()
        })
        .await;
    let draft = "Bartek in my Year 3 group came up.";
    let blocked = coord
        .post(
            &format!("/meetings/{meeting}/minutes"),
            &[("minutes", draft)],
        )
        .await;
    assert_eq!(blocked.status, 422);
    assert!(blocked.shows(draft));
    let field = format!("attended_{ta_id}");
    let page = coord
        .post(
            &format!("/meetings/{meeting}/minutes"),
            &[("minutes", "We shared phonics ideas."), (&field, "yes")],
        )
        .await;
    assert!(page.shows("The minutes are published"), "{}", page.body);
    app.smtp
        .wait_for_to("ta@oakfield.example", "Minutes published")
        .await;
    let seen = ta.get(&format!("/meetings/{meeting}")).await;
    assert!(seen.shows("We shared phonics ideas."));
    let attended: Option<bool> = app
        .db(move |c| {
            rsvps::table
                .filter(rsvps::meeting_id.eq(meeting))
                .filter(rsvps::user_id.eq(ta_id))
                .select(rsvps::attended)
                .first(c)
                .unwrap()
        })
        .await;
    assert_eq!(attended, Some(true));
    let status: String = app
        .db(move |c| {
            meetings::table
                .find(meeting)
                .select(meetings::status)
                .first(c)
                .unwrap()
        })
        .await;
    assert_eq!(status, "held");
}

async fn members_from_the_same_area_are_told_about_lifts(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    app.seed_demo().await;
    let meeting = fixed_meeting(&app).await;
    app.db(move |c| {
        let oakfield: i64 = schools::table
            .filter(schools::name.eq("Oakfield Primary School"))
            .select(schools::id)
            .first(c)
            .unwrap();
        diesel::update(meetings::table.find(meeting))
            .set(meetings::venue_school_id.eq(Some(oakfield)))
            .execute(c)
            .unwrap();
    })
    .await;
    let group = group_id(&app).await;
    let other = wednesday_members(&app, group).await.remove(0);
    let ta = app.signed_in("ta@oakfield.example").await;
    // mistakes keep what was typed, the problem beside the area, and store nothing
    let lifts_url = format!("/meetings/{meeting}/lifts");
    let empty = ta
        .post(
            &lifts_url,
            &[("kind", "offer"), ("area", " "), ("seats", "3")],
        )
        .await;
    assert_eq!(empty.status, 422);
    assert!(empty.shows("Say which area you're travelling from"));
    assert!(empty.shows("value=\"3\""), "the seats are kept");
    let area = "near Bartek in Year 3's house";
    let named = ta
        .post(
            &lifts_url,
            &[("kind", "offer"), ("area", area), ("seats", "3")],
        )
        .await;
    assert_eq!(named.status, 422);
    assert!(
        named.shows(&format!("value=\"{area}\"")),
        "the area is kept"
    );
    assert!(named.shows("This could identify a pupil."));
    assert!(named
        .body
        .contains("<mark class=\"finding\" data-type=\"CHILD_NAME\""));
    assert!(!named.shows("Tara Hughes offers"), "nothing is stored");
    let offered = ta
        .post(
            &lifts_url,
            &[("kind", "offer"), ("area", "Kettleby"), ("seats", "2")],
        )
        .await;
    assert!(offered.shows("We'll email you if someone from your area joins in."));
    assert!(offered.shows("Tara Hughes offers 2 seats from Kettleby"));
    let member = app.signed_in(&other).await;
    let asked = member
        .post(
            &format!("/meetings/{meeting}/lifts"),
            &[("kind", "ask"), ("area", "kettleby ")],
        )
        .await;
    assert!(asked.shows("1 match from your area"), "{}", asked.body);
    app.smtp
        .wait_for_to("ta@oakfield.example", "Lift from")
        .await;
    app.smtp.wait_for_to(&other, "Lift from").await;
}

async fn the_termly_rhythm_shows_each_groups_meeting_status(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    app.seed_demo().await;
    let status_line = |body: &str| {
        let at = body
            .find("<td>North Northshire TA Network</td>")
            .expect("the group's row");
        body[at..].split("</tr>").next().unwrap().to_string()
    };
    let coord = app.signed_in("coord@oakfield.example").await;
    let admin = app.signed_in("admin@northshire.example").await;
    assert!(status_line(&coord.get("/meetings").await.body).contains("<td>none planned</td>"));
    let group = group_id(&app).await;
    let (poll, _) = open_poll(&app, group).await;
    assert!(status_line(&coord.get("/meetings").await.body).contains("<td>poll open</td>"));
    let slot = slot_ids(&app, poll).await[0];
    coord
        .post(
            &format!("/polls/{poll}/close"),
            &[("slot_id", &slot.to_string())],
        )
        .await;
    assert!(status_line(&coord.get("/meetings").await.body).contains("<td>fixed</td>"));
    // The authority admin's overview lists every group of the authority.
    let overview = admin.get("/meetings").await;
    assert!(status_line(&overview.body).contains("<td>fixed</td>"));
    assert!(overview.shows("<td>South Northshire Early Years</td><td>none planned</td>"));
    // A member without a coordinating role sees no overview.
    let ta = app.signed_in("ta@oakfield.example").await;
    assert!(!ta.get("/meetings").await.shows("This term"));
}

async fn a_meeting_reminder_is_sent_once_even_with_two_workers(backend: Backend) {
    let app = TestApp::spawn_with(backend, |s| s.run_worker = false).await;
    app.seed_demo().await;
    let meeting = fixed_meeting(&app).await;
    let ta = app.signed_in("ta@oakfield.example").await;
    ta.post(&format!("/meetings/{meeting}/rsvp"), &[("status", "going")])
        .await;
    let date: chrono::NaiveDate = app
        .db(move |c| {
            meetings::table
                .find(meeting)
                .select(meetings::meeting_date)
                .first(c)
                .unwrap()
        })
        .await;
    let now = (date - Duration::days(1)).and_hms_opt(9, 0, 0).unwrap();
    let mut handles = Vec::new();
    for _ in 0..2 {
        let pool = app.state.pool.clone();
        let job = commonroom::meetings::jobs::Reminders {
            views: app.state.views.clone(),
            base_url: app.url.clone(),
        };
        handles.push(std::thread::spawn(move || {
            use commonroom::notify::worker::PeriodicJob;
            let mut c = pool.get().unwrap();
            job.run(&mut c, now).unwrap()
        }));
    }
    let total: usize = handles.into_iter().map(|h| h.join().unwrap()).sum();
    let reminders: Vec<String> = app
        .db(|c| {
            outbox_emails::table
                .filter(outbox_emails::template.eq("meeting_reminder"))
                .select(outbox_emails::to_address)
                .load(c)
                .unwrap()
        })
        .await;
    assert_eq!(reminders, vec!["ta@oakfield.example".to_string()]);
    assert_eq!(total, 1);
}

async fn hidden_names_and_a_rotating_host_suggestion(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    app.seed_demo().await;
    let group = group_id(&app).await;
    let coord = app.signed_in("coord@oakfield.example").await;
    let form = coord.get(&format!("/groups/{group}/polls/new")).await;
    let host = |body: &str| {
        let at = body.find("id=\"suggested-host\">").unwrap() + "id=\"suggested-host\">".len();
        body[at..].split('<').next().unwrap().to_string()
    };
    let first = host(&form.body);
    // A meeting there makes another school the suggestion next time.
    let meeting = fixed_meeting(&app).await;
    let first_name = first.clone();
    app.db(move |c| {
        let id: i64 = schools::table
            .filter(schools::name.eq(first_name))
            .select(schools::id)
            .first(c)
            .unwrap();
        diesel::update(meetings::table.find(meeting))
            .set(meetings::venue_school_id.eq(Some(id)))
            .execute(c)
            .unwrap();
    })
    .await;
    let again = coord.get(&format!("/groups/{group}/polls/new")).await;
    assert_ne!(host(&again.body), first, "the host rotates");

    // With names hidden, members see counts only; the coordinator still sees names.
    let deadline = ymd(commonroom::now().date() + Duration::days(5));
    let day = crate::meetings::term_day(&app, chrono::Weekday::Tue).await;
    let page = coord
        .post(
            &format!("/groups/{group}/polls"),
            &[
                ("title", "Quiet poll"),
                ("deadline", &deadline),
                ("hide_names", "yes"),
                ("date_1", &ymd(day)),
                ("start_1", "16:00"),
                ("end_1", "17:00"),
                ("venue_1", "online"),
            ],
        )
        .await;
    let poll: i64 = page.path().rsplit('/').next().unwrap().parse().unwrap();
    let other = wednesday_members(&app, group).await.remove(0);
    let member = app.signed_in(&other).await;
    let slot = slot_ids(&app, poll).await[0];
    member
        .post(
            &format!("/polls/{poll}/answers"),
            &[(&format!("slot_{slot}"), "yes")],
        )
        .await;
    let ta = app.signed_in("ta@oakfield.example").await;
    let seen = ta.get(&format!("/polls/{poll}")).await;
    assert!(seen.shows("The coordinator has hidden who answered what."));
    assert!(seen.shows("1 yes"));
    assert!(!seen.shows("Can come:"));
    let coord_view = coord.get(&format!("/polls/{poll}")).await;
    assert!(coord_view.shows("Can come:"));

    // After the deadline answers can't change.
    app.db(move |c| {
        use commonroom::db::schema::polls;
        diesel::update(polls::table.find(poll))
            .set(polls::deadline.eq(commonroom::now() - Duration::hours(1)))
            .execute(c)
            .unwrap();
    })
    .await;
    let late = member
        .post(
            &format!("/polls/{poll}/answers"),
            &[(&format!("slot_{slot}"), "no")],
        )
        .await;
    assert_eq!(late.status, 409);
    assert!(late.shows("answers can no longer change"));
}
