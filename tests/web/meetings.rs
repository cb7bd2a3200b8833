//! Termly meetings: a poll finds a date, the head releases the member, calendars follow.

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use diesel::prelude::*;

use crate::on_both_backends;
use crate::support::app::{Backend, TestApp};
use crate::support::smtp::link_in;
use commonroom::db::schema::{
    authorities, group_memberships, meetings, outbox_emails, regional_groups, release_requests,
    role_grants, users,
};

on_both_backends!(
    a_poll_fixes_a_date_the_head_releases_the_member_and_calendars_follow,
    a_slot_in_half_term_is_refused_with_a_clear_message,
    a_full_meeting_promotes_the_waiting_list_when_someone_drops_out,
    a_head_cannot_see_or_decide_another_schools_request,
    reminders_are_sent_once_even_with_two_workers,
);

pub const NORTH: &str = "North Northshire TA Network";

pub async fn group_id(app: &TestApp) -> i64 {
    app.db(|c| {
        regional_groups::table
            .filter(regional_groups::name.eq(NORTH))
            .select(regional_groups::id)
            .first(c)
            .unwrap()
    })
    .await
}

/// The next school day on `weekday` at least a week away that the demo authority
/// doesn't have as a holiday.
pub async fn term_day(app: &TestApp, weekday: Weekday) -> NaiveDate {
    term_day_from(app, weekday, commonroom::now().date() + Duration::days(7)).await
}

/// Three poll days in a fixed order whatever today is: a Monday, the Wednesday after it and
/// the Thursday after that (so "the second slot" is always the Wednesday Tara works).
pub async fn poll_days(app: &TestApp) -> [NaiveDate; 3] {
    let mon = term_day(app, Weekday::Mon).await;
    let wed = term_day_from(app, Weekday::Wed, mon + Duration::days(1)).await;
    let thu = term_day_from(app, Weekday::Thu, wed + Duration::days(1)).await;
    [mon, wed, thu]
}

/// The first school day on `weekday` from `from` that the demo authority doesn't have as a
/// holiday or INSET day.
pub async fn term_day_from(app: &TestApp, weekday: Weekday, from: NaiveDate) -> NaiveDate {
    let dates = app
        .db(|c| {
            let a: i64 = authorities::table.select(authorities::id).first(c).unwrap();
            commonroom::terms::queries::load_authority_dates(c, a).unwrap()
        })
        .await;
    let mut d = from;
    while d.weekday() != weekday || dates.authority.is_holiday(d) || dates.authority.is_inset(d) {
        d += Duration::days(1);
    }
    d
}

/// Two members of the North network (not Tara) who work Wednesdays.
pub async fn wednesday_members(app: &TestApp, group: i64) -> Vec<String> {
    app.db(move |c| {
        group_memberships::table
            .inner_join(users::table)
            .filter(group_memberships::group_id.eq(group))
            .filter(users::working_days.like("%wed%"))
            .filter(users::email.ne("ta@oakfield.example"))
            .order(users::id.asc())
            .select(users::email)
            .limit(2)
            .load(c)
            .unwrap()
    })
    .await
}

pub fn ymd(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// Parses iCalendar text with Python's `icalendar` package (an independent parser) and
/// returns what it read as JSON.
pub fn parse_ics(text: &str) -> serde_json::Value {
    let script = r#"
import sys, json, icalendar
cal = icalendar.Calendar.from_ical(sys.stdin.read())
out = {"method": str(cal.get("METHOD", "")), "timezones": [], "events": []}
for tz in cal.walk("VTIMEZONE"):
    out["timezones"].append(str(tz.get("TZID")))
for ev in cal.walk("VEVENT"):
    start = ev.decoded("DTSTART"); end = ev.decoded("DTEND")
    out["events"].append({
        "uid": str(ev.get("UID")), "sequence": int(ev.get("SEQUENCE", -1)),
        "status": str(ev.get("STATUS", "")), "summary": str(ev.get("SUMMARY")),
        "location": str(ev.get("LOCATION", "")),
        "start": start.strftime("%Y-%m-%dT%H:%M"), "end": end.strftime("%Y-%m-%dT%H:%M"),
        "tzid": ev["DTSTART"].params.get("TZID", ""),
        "utcoffset": start.utcoffset().total_seconds() if start.utcoffset() is not None else None,
    })
print(json.dumps(out))
"#;
    use std::io::Write;
    let mut child = std::process::Command::new("python3")
        .args(["-c", script])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("python3 runs");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(text.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "python icalendar failed: {}\n{text}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("json from the parser")
}

/// Opens a poll with Monday, Wednesday and Thursday slots 13:30–15:30; returns its id and
/// the dates.
pub async fn open_poll(app: &TestApp, group: i64) -> (i64, [NaiveDate; 3]) {
    let coord = app.signed_in("coord@oakfield.example").await;
    let days = poll_days(app).await;
    let deadline = ymd(commonroom::now().date() + Duration::days(5));
    let (d1, d2, d3) = (ymd(days[0]), ymd(days[1]), ymd(days[2]));
    let page = coord
        .post(
            &format!("/groups/{group}/polls"),
            &[
                ("title", "Autumn network meeting"),
                ("deadline", &deadline),
                ("date_1", &d1),
                ("start_1", "13:30"),
                ("end_1", "15:30"),
                ("venue_1", "online"),
                ("date_2", &d2),
                ("start_2", "13:30"),
                ("end_2", "15:30"),
                ("venue_2", "online"),
                ("date_3", &d3),
                ("start_3", "13:30"),
                ("end_3", "15:30"),
                ("venue_3", "online"),
            ],
        )
        .await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(page.shows("The poll is open"), "{}", page.body);
    let poll: i64 = page.path().rsplit('/').next().unwrap().parse().unwrap();
    (poll, days)
}

/// A poll's slots, earliest first.
pub async fn slot_ids(app: &TestApp, poll: i64) -> Vec<i64> {
    app.db(move |c| {
        use commonroom::db::schema::poll_slots;
        poll_slots::table
            .filter(poll_slots::poll_id.eq(poll))
            .order(poll_slots::slot_date.asc())
            .select(poll_slots::id)
            .load(c)
            .unwrap()
    })
    .await
}

async fn a_poll_fixes_a_date_the_head_releases_the_member_and_calendars_follow(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    app.seed_demo().await;
    let group = group_id(&app).await;
    let (poll, _days) = open_poll(&app, group).await;
    let invited = app
        .smtp
        .wait_for_to("ta@oakfield.example", "When can you make")
        .await;
    let slots = slot_ids(&app, poll).await;

    // Tara works Monday to Wednesday: shown unavailable on Thursday without voting.
    let ta = app.signed_in("ta@oakfield.example").await;
    let page = ta.get(&link_in(&invited, "/polls/")).await;
    assert!(
        page.shows("Unavailable: Tara Hughes (doesn't work Thursdays)"),
        "{}",
        page.body
    );
    assert!(page.shows("You can't make this: doesn't work Thursdays."));
    let s = |i: usize| format!("slot_{}", slots[i]);
    let (s0, s1, s2) = (s(0), s(1), s(2));
    let saved = ta
        .post(
            &format!("/polls/{poll}/answers"),
            &[(&s0, "no"), (&s1, "yes")],
        )
        .await;
    assert!(saved.shows("your answers are saved"));
    // She can change her mind before the deadline.
    ta.post(&format!("/polls/{poll}/answers"), &[(&s0, "if_need_be")])
        .await;
    for email in wednesday_members(&app, group).await {
        let m = app.signed_in(&email).await;
        m.post(
            &format!("/polls/{poll}/answers"),
            &[(&s0, "no"), (&s1, "yes"), (&s2, "if_need_be")],
        )
        .await;
    }
    let coord = app.signed_in("coord@oakfield.example").await;
    let page = coord.get(&format!("/polls/{poll}")).await;
    let best = page.body.find("Best so far").unwrap();
    let wednesday = page
        .body
        .find(&format!("id=\"slot-{}\"", slots[1]))
        .unwrap();
    assert!(wednesday < best, "the Wednesday slot ranks first");

    // Fixing the best slot tells everyone, with an invitation attached.
    let fixed = coord
        .post(
            &format!("/polls/{poll}/close"),
            &[("slot_id", &slots[1].to_string())],
        )
        .await;
    assert!(fixed.shows("The meeting is fixed"), "{}", fixed.body);
    let meeting: i64 = fixed.path().rsplit('/').next().unwrap().parse().unwrap();
    let mail = app
        .smtp
        .wait_for_to("ta@oakfield.example", "Meeting fixed")
        .await;
    let invite = mail
        .parts
        .iter()
        .find(|p| p.filename.as_deref() == Some("invite.ics"))
        .expect("an invite.ics attachment");
    let parsed = parse_ics(&String::from_utf8_lossy(&invite.body));
    assert_eq!(parsed["method"], "REQUEST");
    assert_eq!(parsed["timezones"][0], "Europe/London");
    let ev = &parsed["events"][0];
    let uid = ev["uid"].as_str().unwrap().to_string();
    assert!(uid.ends_with("@commonroom"));
    assert_eq!(ev["sequence"], 0);
    assert_eq!(ev["status"], "CONFIRMED");
    assert_eq!(ev["tzid"], "Europe/London");
    assert!(ev["start"].as_str().unwrap().ends_with("T13:30"));
    assert!(ev["end"].as_str().unwrap().ends_with("T15:30"));
    assert!(ev["summary"]
        .as_str()
        .unwrap()
        .contains("Autumn network meeting"));

    // Tara is going: a release request goes to her head, who approves from the link.
    let going = ta
        .post(&format!("/meetings/{meeting}/rsvp"), &[("status", "going")])
        .await;
    assert!(going.shows("You're going"));
    assert!(going.shows("Release from your head: <strong>pending</strong>"));
    let ask = app
        .smtp
        .wait_for_to("head@oakfield.example", "Release request: Tara Hughes")
        .await;
    assert!(ask.text.contains("1h 45m"), "{}", ask.text);
    assert!(ask.text.contains("£43.75"), "{}", ask.text);
    let link = link_in(&ask, "/release/");
    let head = app.client();
    let signin = head.get(&link).await;
    assert!(
        signin.path().starts_with("/signin"),
        "a GET asks them to sign in first"
    );
    head.sign_in("head@oakfield.example", commonroom::demo::PASSWORD)
        .await;
    let confirm = head.get(&link).await;
    assert!(confirm.shows("Release request from Tara Hughes"));
    let id = link.rsplit('/').next().unwrap().to_string();
    let done = head
        .post(
            &format!("/release/{id}/decide"),
            &[("decision", "approve"), ("note", "")],
        )
        .await;
    assert!(done.shows("The request was approved"));
    let twice = head
        .post(
            &format!("/release/{id}/decide"),
            &[("decision", "decline"), ("note", "")],
        )
        .await;
    assert_eq!(twice.status, 409);
    assert!(twice.shows("already been decided"));
    let mine = ta.get(&format!("/meetings/{meeting}")).await;
    assert!(mine.shows("Release from your head: <strong>approved</strong>"));
    let list = coord.get(&format!("/meetings/{meeting}")).await;
    assert!(
        list.shows("<td>Tara Hughes</td><td>going</td><td>approved</td>"),
        "{}",
        list.body
    );
    let dash = head.get("/release").await;
    assert!(
        dash.shows("1h 45m out of class, estimated cover £43.75"),
        "{}",
        dash.body
    );

    // Her feed has the meeting; cancelling marks it cancelled there and by email.
    let feed_page = ta.post("/calendar/feed", &[]).await;
    let at = feed_page.body.find("id=\"feed-url\">").unwrap() + "id=\"feed-url\">".len();
    let url = feed_page.body[at..].split('<').next().unwrap().to_string();
    let feed = app.client().get(&url).await;
    let parsed = parse_ics(&feed.body);
    assert_eq!(parsed["events"][0]["uid"], uid.as_str());
    assert_eq!(parsed["events"][0]["status"], "CONFIRMED");
    let cancelled = coord
        .post(&format!("/meetings/{meeting}/cancel"), &[])
        .await;
    assert!(cancelled.shows("The meeting was cancelled"));
    let parsed = parse_ics(&app.client().get(&url).await.body);
    assert_eq!(parsed["events"][0]["uid"], uid.as_str());
    assert_eq!(parsed["events"][0]["status"], "CANCELLED");
    assert_eq!(parsed["events"][0]["sequence"], 1);
    let mail = app
        .smtp
        .wait_for_to("ta@oakfield.example", "Cancelled:")
        .await;
    let ics = mail
        .parts
        .iter()
        .find(|p| p.filename.as_deref() == Some("invite.ics"))
        .unwrap();
    let parsed = parse_ics(&String::from_utf8_lossy(&ics.body));
    assert_eq!(parsed["method"], "CANCEL");
    assert_eq!(parsed["events"][0]["uid"], uid.as_str());
    // A revoked feed stops working.
    ta.post("/calendar/feed/revoke", &[]).await;
    assert_eq!(app.client().get(&url).await.status, 404);
}

async fn a_slot_in_half_term_is_refused_with_a_clear_message(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    app.seed_demo().await;
    let group = group_id(&app).await;
    let coord = app.signed_in("coord@oakfield.example").await;
    let page = coord
        .post(
            &format!("/groups/{group}/polls"),
            &[
                ("title", "Spring meeting"),
                ("deadline", "2027-02-01"),
                ("date_1", "2027-02-17"),
                ("start_1", "13:30"),
                ("end_1", "15:30"),
                ("venue_1", "online"),
            ],
        )
        .await;
    assert_eq!(page.status, 422);
    assert!(
        page.shows("Wednesday 17 February 2027 can't be used: it is in the spring half-term."),
        "{}",
        page.body
    );
    assert!(
        page.shows("value=\"Spring meeting\""),
        "the typed title is kept"
    );
    assert!(page.shows("value=\"2027-02-17\""), "the typed slot is kept");
    assert!(
        !page.body.contains(" selected>"),
        "\"online\" stays chosen rather than the suggested host"
    );
    let polls: i64 = app
        .db(|c| {
            commonroom::db::schema::polls::table
                .count()
                .get_result(c)
                .unwrap()
        })
        .await;
    assert_eq!(polls, 0);
}

/// A meeting fixed from a fresh poll, for tests that start from a meeting.
pub async fn fixed_meeting(app: &TestApp) -> i64 {
    let group = group_id(app).await;
    let (poll, _) = open_poll(app, group).await;
    let slots = slot_ids(app, poll).await;
    let coord = app.signed_in("coord@oakfield.example").await;
    let fixed = coord
        .post(
            &format!("/polls/{poll}/close"),
            &[("slot_id", &slots[1].to_string())],
        )
        .await;
    fixed.path().rsplit('/').next().unwrap().parse().unwrap()
}

async fn a_full_meeting_promotes_the_waiting_list_when_someone_drops_out(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    app.seed_demo().await;
    let meeting = fixed_meeting(&app).await;
    app.db(move |c| {
        diesel::update(meetings::table.find(meeting))
            .set(meetings::capacity.eq(1))
            .execute(c)
            .unwrap()
    })
    .await;
    let group = group_id(&app).await;
    let other = wednesday_members(&app, group).await.remove(0);
    let ta = app.signed_in("ta@oakfield.example").await;
    ta.post(&format!("/meetings/{meeting}/rsvp"), &[("status", "going")])
        .await;
    let member = app.signed_in(&other).await;
    let waiting = member
        .post(&format!("/meetings/{meeting}/rsvp"), &[("status", "going")])
        .await;
    assert!(
        waiting.shows("you're on the waiting list"),
        "{}",
        waiting.body
    );
    assert!(waiting.shows("Your reply: on the waiting list"));
    ta.post(
        &format!("/meetings/{meeting}/rsvp"),
        &[("status", "not_going")],
    )
    .await;
    app.smtp.wait_for_to(&other, "A place is free").await;
    let page = member.get(&format!("/meetings/{meeting}")).await;
    assert!(page.shows("Your reply: going"));
    // Tara's pending release request was withdrawn with her place.
    let requests: i64 = app
        .db(move |c| {
            release_requests::table
                .filter(release_requests::meeting_id.eq(meeting))
                .filter(release_requests::status.eq("pending"))
                .inner_join(users::table.on(users::id.eq(release_requests::user_id)))
                .filter(users::email.eq("ta@oakfield.example"))
                .count()
                .get_result(c)
                .unwrap()
        })
        .await;
    assert_eq!(requests, 0);
}

async fn a_head_cannot_see_or_decide_another_schools_request(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    app.seed_demo().await;
    let meeting = fixed_meeting(&app).await;
    let ta = app.signed_in("ta@oakfield.example").await;
    ta.post(&format!("/meetings/{meeting}/rsvp"), &[("status", "going")])
        .await;
    let id: i64 = app
        .db(move |c| {
            release_requests::table
                .filter(release_requests::meeting_id.eq(meeting))
                .select(release_requests::id)
                .first(c)
                .unwrap()
        })
        .await;
    // Make a member at another school that school's head.
    let other = app
        .db(|c| {
            let oakfield: Option<i64> = users::table
                .filter(users::email.eq("ta@oakfield.example"))
                .select(users::school_id)
                .first(c)
                .unwrap();
            let (uid, school, email): (i64, Option<i64>, String) = users::table
                .filter(users::email.like("%@northshire-schools.example"))
                .filter(users::school_id.is_not_null())
                .filter(users::school_id.ne(oakfield))
                .select((users::id, users::school_id, users::email))
                .first(c)
                .unwrap();
            let authority: i64 = authorities::table.select(authorities::id).first(c).unwrap();
            diesel::insert_into(role_grants::table)
                .values(commonroom::accounts::model::NewRoleGrant::head(
                    uid,
                    authority,
                    school.unwrap(),
                ))
                .execute(c)
                .unwrap();
            email
        })
        .await;
    let head = app.signed_in(&other).await;
    assert_eq!(head.get(&format!("/release/{id}")).await.status, 403);
    let tried = head
        .post(&format!("/release/{id}/decide"), &[("decision", "approve")])
        .await;
    assert_eq!(tried.status, 403);
    let dash = head.get("/release").await;
    assert!(!dash.shows("Tara Hughes"));
    // A member who is no head is refused the dashboard.
    assert_eq!(ta.get("/release").await.status, 403);
    let still: String = app
        .db(move |c| {
            release_requests::table
                .find(id)
                .select(release_requests::status)
                .first(c)
                .unwrap()
        })
        .await;
    assert_eq!(still, "pending");
}

async fn reminders_are_sent_once_even_with_two_workers(backend: Backend) {
    let app = TestApp::spawn_with(backend, |s| s.run_worker = false).await;
    app.seed_demo().await;
    let group = group_id(&app).await;
    let (poll, _) = open_poll(&app, group).await;
    let slots = slot_ids(&app, poll).await;
    let ta = app.signed_in("ta@oakfield.example").await;
    ta.post(
        &format!("/polls/{poll}/answers"),
        &[(&format!("slot_{}", slots[1]), "yes")],
    )
    .await;
    let members: i64 = app
        .db(move |c| {
            group_memberships::table
                .filter(group_memberships::group_id.eq(group))
                .count()
                .get_result(c)
                .unwrap()
        })
        .await;
    // The deadline falls due: two workers run the job at the same moment.
    let now = app
        .db(move |c| {
            use commonroom::db::schema::polls;
            polls::table
                .find(poll)
                .select(polls::deadline)
                .first::<chrono::NaiveDateTime>(c)
                .unwrap()
        })
        .await
        - Duration::hours(2);
    let views = app.state.views.clone();
    let mut handles = Vec::new();
    for _ in 0..2 {
        let pool = app.state.pool.clone();
        let job = commonroom::meetings::jobs::Reminders {
            views: views.clone(),
            base_url: app.url.clone(),
        };
        handles.push(std::thread::spawn(move || {
            use commonroom::notify::worker::PeriodicJob;
            let mut c = pool.get().unwrap();
            job.run(&mut c, now).unwrap()
        }));
    }
    let total: usize = handles.into_iter().map(|h| h.join().unwrap()).sum();
    assert_eq!(total as i64, members - 1, "everyone but Tara, once");
    let queued: i64 = app
        .db(|c| {
            outbox_emails::table
                .filter(outbox_emails::template.eq("poll_reminder"))
                .count()
                .get_result(c)
                .unwrap()
        })
        .await;
    assert_eq!(queued, members - 1);
    let to_tara: i64 = app
        .db(|c| {
            outbox_emails::table
                .filter(outbox_emails::template.eq("poll_reminder"))
                .filter(outbox_emails::to_address.eq("ta@oakfield.example"))
                .count()
                .get_result(c)
                .unwrap()
        })
        .await;
    assert_eq!(to_tara, 0);
}
