//! The forums, continued: flags, answers and the FAQ, anonymous questions, unread markers,
//! mentions with notifications and emails, unsubscribing, the digest, search and the rate
//! limit.

use std::time::Duration;

use chrono::Duration as Age;
use diesel::prelude::*;

use crate::forums::{category, first_post, id_in, southerner, start_thread, NORTH};
use crate::on_both_backends;
use crate::support::app::{Backend, TestApp};
use crate::support::smtp::link_in;
use commonroom::db::schema::{forum_notifications, forum_posts, forum_prefs, outbox_emails, users};

on_both_backends!(
    enough_flags_from_trusted_members_hide_a_post_until_reviewed,
    the_answer_feeds_the_faq_and_anonymous_questions_hide_the_name,
    unread_markers_follow_new_replies,
    mentions_and_replies_notify_in_app_and_by_email_and_unsubscribe_works_signed_out,
    the_daily_digest_collects_notices_and_skips_recent_visitors,
    search_finds_only_what_the_member_may_read_with_highlights_and_pages,
    posting_too_fast_is_refused_with_a_clear_message,
);

async fn user_id(app: &TestApp, email: String) -> i64 {
    app.db(move |c| {
        users::table
            .filter(users::email.eq(email))
            .select(users::id)
            .first(c)
            .unwrap()
    })
    .await
}

/// Demo members of the North network other than Tara (signed up today).
async fn north_members(app: &TestApp, n: i64) -> Vec<String> {
    app.db(move |c| {
        use commonroom::db::schema::{group_memberships as gm, regional_groups as rg};
        gm::table
            .inner_join(users::table)
            .inner_join(rg::table)
            .filter(rg::name.eq(NORTH))
            .filter(users::email.like("%@northshire-schools.example"))
            .select(users::email)
            .limit(n)
            .load(c)
            .unwrap()
    })
    .await
}

async fn enough_flags_from_trusted_members_hide_a_post_until_reviewed(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    app.seed_demo().await;
    let behaviour = category(&app, "Behaviour", None).await;
    let ta = app.signed_in("ta@oakfield.example").await;
    let thread = id_in(
        &start_thread(
            &ta,
            behaviour,
            "Buy my behaviour course",
            "Only 99 pounds, click now",
        )
        .await,
    );
    let post = first_post(&app, thread).await;
    assert_eq!(
        ta.post(&format!("/forums/posts/{post}/flag"), &[("reason", "spam")])
            .await
            .status,
        403,
        "not your own post"
    );

    let flaggers = north_members(&app, 3).await;
    let form = app
        .signed_in(&flaggers[0])
        .await
        .get(&format!("/forums/posts/{post}/flag"))
        .await;
    assert!(form.shows("It could identify a pupil") && form.shows("Only 99 pounds"));
    assert_eq!(
        ta.get(&format!("/forums/posts/{post}/flag")).await.status,
        403
    );
    // New accounts' flags are counted but don't hide the post.
    for email in &flaggers {
        let c = app.signed_in(email).await;
        let page = c
            .post(&format!("/forums/posts/{post}/flag"), &[("reason", "spam")])
            .await;
        assert!(page.shows("A moderator will look at this post."));
    }
    let again = app
        .signed_in(&flaggers[0])
        .await
        .post(&format!("/forums/posts/{post}/flag"), &[("reason", "spam")])
        .await;
    assert_eq!(again.status, 409, "one flag per member");
    let reader = app.signed_in("coord@oakfield.example").await;
    assert!(reader
        .get(&format!("/forums/t/{thread}"))
        .await
        .shows("Only 99 pounds"));

    // Established members are trusted: three of their flags hide the next post.
    let list = flaggers.clone();
    app.db(move |c| {
        diesel::update(users::table.filter(users::email.eq_any(list)))
            .set(users::created_at.eq(commonroom::now() - Age::days(30)))
            .execute(c)
            .unwrap()
    })
    .await;
    let thread2 = id_in(
        &start_thread(
            &ta,
            behaviour,
            "Cheap resources for sale here",
            "Visit my shop",
        )
        .await,
    );
    let post2 = first_post(&app, thread2).await;
    for email in &flaggers {
        app.signed_in(email)
            .await
            .post(
                &format!("/forums/posts/{post2}/flag"),
                &[("reason", "spam")],
            )
            .await;
    }
    let other = app.signed_in(&southerner(&app).await).await;
    assert_eq!(other.get(&format!("/forums/t/{thread2}")).await.status, 200);
    assert!(
        !other
            .get(&format!("/forums/t/{thread2}"))
            .await
            .shows("Visit my shop"),
        "hidden until reviewed"
    );
    let admin = app.signed_in("admin@northshire.example").await;
    let queue = admin.get("/forums/moderation").await;
    assert!(queue.shows("Hidden after flags") && queue.shows("Cheap resources for sale here"));
    assert!(
        queue.shows("Buy my behaviour course"),
        "flagged visible posts are listed too"
    );
    admin
        .post(&format!("/forums/posts/{post2}/release"), &[])
        .await;
    assert!(
        other
            .get(&format!("/forums/t/{thread2}"))
            .await
            .shows("Visit my shop"),
        "kept by the moderator"
    );
}

async fn the_answer_feeds_the_faq_and_anonymous_questions_hide_the_name(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    app.seed_demo().await;
    let general = category(&app, "General", Some(NORTH)).await;
    let ta = app.signed_in("ta@oakfield.example").await;
    let posted = ta
        .post(
            &format!("/forums/c/{general}/new"),
            &[
                ("title", "Feeling out of my depth with a new role"),
                (
                    "body",
                    "I've been asked to run interventions with no training. Is that normal?",
                ),
                ("anonymous", "on"),
            ],
        )
        .await;
    let thread = id_in(&posted);
    assert!(posted.shows("Tara Hughes (posted anonymously)"));
    let member_email = north_members(&app, 1).await.remove(0);
    let member = app.signed_in(&member_email).await;
    let seen = member.get(&format!("/forums/t/{thread}")).await;
    assert!(
        seen.shows("Anonymous member") && !seen.shows("Tara Hughes"),
        "members don't see the name"
    );
    assert!(!member
        .get(&format!("/forums/c/{general}"))
        .await
        .shows("Tara Hughes"));
    let coord = app.signed_in("coord@oakfield.example").await;
    assert!(coord
        .get(&format!("/forums/t/{thread}"))
        .await
        .shows("Anonymous (Tara Hughes, known to moderators)"));

    member
        .post(
            &format!("/forums/t/{thread}/reply"),
            &[("body", "Ask for the training in writing; it's reasonable.")],
        )
        .await;
    let reply: i64 = app
        .db(move |c| {
            forum_posts::table
                .filter(forum_posts::thread_id.eq(thread))
                .order(forum_posts::id.desc())
                .select(forum_posts::id)
                .first(c)
                .unwrap()
        })
        .await;
    assert_eq!(
        member
            .post(&format!("/forums/posts/{reply}/answer"), &[])
            .await
            .status,
        403,
        "only the asker or a coordinator"
    );
    let marked = ta.post(&format!("/forums/posts/{reply}/answer"), &[]).await;
    assert!(marked.shows("Marked as the answer."));
    let group: i64 = app
        .db(|c| {
            use commonroom::db::schema::regional_groups as rg;
            rg::table
                .filter(rg::name.eq(NORTH))
                .select(rg::id)
                .first(c)
                .unwrap()
        })
        .await;
    let faq = member.get(&format!("/groups/{group}/forums/faq")).await;
    assert!(
        faq.shows("Feeling out of my depth with a new role")
            && faq.shows("Ask for the training in writing")
    );
    let outsider = app.signed_in(&southerner(&app).await).await;
    let theirs = outsider.get(&format!("/groups/{group}/forums/faq")).await;
    assert_eq!(
        theirs.status, 200,
        "the group shares a category with the authority"
    );
    assert!(
        !theirs.shows("Feeling out of my depth"),
        "but not its members-only answers"
    );
    let send: i64 = app
        .db(|c| {
            use commonroom::db::schema::regional_groups as rg;
            rg::table
                .filter(rg::name.eq(crate::forums::SEND))
                .select(rg::id)
                .first(c)
                .unwrap()
        })
        .await;
    assert_eq!(
        ta.get(&format!("/groups/{send}/forums/faq")).await.status,
        403,
        "not a member"
    );
    let network = member.get("/forums/faq").await;
    assert!(
        network.shows("Lining up after lunch"),
        "the demo's answered questions"
    );
    assert!(
        !network.shows("Feeling out of my depth"),
        "group answers stay in the group"
    );
}

async fn unread_markers_follow_new_replies(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    app.seed_demo().await;
    let general = category(&app, "General", Some(NORTH)).await;
    let coord = app.signed_in("coord@oakfield.example").await;
    let thread = id_in(
        &start_thread(
            &coord,
            general,
            "Termly meeting agenda",
            "Ideas for the agenda?",
        )
        .await,
    );
    let ta = app.signed_in("ta@oakfield.example").await;
    let unread = |body: &str| {
        body.contains(&format!("href=\"/forums/t/{thread}\">Termly meeting agenda</a> <span class=\"badge\">New</span>"))
    };
    assert!(
        unread(&ta.get(&format!("/forums/c/{general}")).await.body),
        "new to Tara"
    );
    ta.get(&format!("/forums/t/{thread}")).await;
    assert!(
        !unread(&ta.get(&format!("/forums/c/{general}")).await.body),
        "read once opened"
    );
    tokio::time::sleep(Duration::from_millis(1100)).await;
    coord
        .post(
            &format!("/forums/t/{thread}/reply"),
            &[("body", "Also: first aid refresher dates.")],
        )
        .await;
    assert!(
        unread(&ta.get(&format!("/forums/c/{general}")).await.body),
        "a new reply makes it unread again"
    );
}

async fn mentions_and_replies_notify_in_app_and_by_email_and_unsubscribe_works_signed_out(
    backend: Backend,
) {
    let app = TestApp::spawn(backend).await;
    app.seed_demo().await;
    let behaviour = category(&app, "Behaviour", None).await;
    let ta = app.signed_in("ta@oakfield.example").await;
    let thread = id_in(
        &start_thread(
            &ta,
            behaviour,
            "Playground games that include everyone",
            "What works at your school?",
        )
        .await,
    );
    let member_email = north_members(&app, 1).await.remove(0);
    let member = app.signed_in(&member_email).await;
    member
        .post(
            &format!("/forums/t/{thread}/reply"),
            &[(
                "body",
                "Parachute games! @ClaireBennett ran a session on this.",
            )],
        )
        .await;

    let mention = app
        .smtp
        .wait_for(
            |m| m.is_to("coord@oakfield.example") && m.subject.contains("mentioned you"),
            Duration::from_secs(10),
        )
        .await;
    assert!(mention.text.contains("Parachute games!"));
    let reply = app
        .smtp
        .wait_for(
            |m| m.is_to("ta@oakfield.example") && m.subject.contains("replied to your thread"),
            Duration::from_secs(10),
        )
        .await;
    assert!(reply
        .subject
        .contains("Playground games that include everyone"));
    let coord = app.signed_in("coord@oakfield.example").await;
    let notices = coord.get("/forums/notifications").await;
    assert!(notices.shows("mentioned you in “Playground games that include everyone”"));
    assert!(coord.get("/forums").await.shows("(1 new)"));
    coord.get(&format!("/forums/t/{thread}")).await;
    assert!(
        !coord.get("/forums").await.shows("(1 new)"),
        "reading the thread clears it"
    );

    // The unsubscribe link works for someone who isn't signed in.
    let stranger = app.client();
    let link = link_in(&mention, "/forums/unsubscribe/");
    let page = stranger.get(&link).await;
    assert!(page.shows("Stop all emails from the forums?"));
    let done = stranger.post(&link, &[]).await;
    assert!(done.shows("You won't get forum emails any more."));
    assert_eq!(
        stranger.get("/forums/unsubscribe/not-a-token").await.status,
        404
    );

    // Muting the thread stops reply notices; unsubscribed members get notices but no email.
    ta.post(&format!("/forums/t/{thread}/level"), &[("level", "muted")])
        .await;
    let before = app
        .db(|c| outbox_emails::table.count().get_result::<i64>(c).unwrap())
        .await;
    member
        .post(
            &format!("/forums/t/{thread}/reply"),
            &[("body", "And @ClaireBennett has the parachute.")],
        )
        .await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    let after = app
        .db(|c| outbox_emails::table.count().get_result::<i64>(c).unwrap())
        .await;
    assert_eq!(
        after, before,
        "no email to the muted author nor to the unsubscribed coordinator"
    );
    let ta_id = user_id(&app, "ta@oakfield.example".into()).await;
    let ta_notices: i64 = app
        .db(move |c| {
            forum_notifications::table
                .filter(forum_notifications::user_id.eq(ta_id))
                .count()
                .get_result(c)
                .unwrap()
        })
        .await;
    assert_eq!(ta_notices, 1, "muted: only the first reply was notified");
    assert!(
        coord.get("/forums/notifications").await.shows("(1 new)")
            || coord.get("/forums").await.shows("(1 new)")
    );
}

async fn the_daily_digest_collects_notices_and_skips_recent_visitors(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    app.seed_demo().await;
    let behaviour = category(&app, "Behaviour", None).await;
    let coord = app.signed_in("coord@oakfield.example").await;
    let saved = coord
        .post("/forums/notifications/email", &[("email_mode", "daily")])
        .await;
    assert!(saved.shows("Your email choice has been saved."));
    let ta = app.signed_in("ta@oakfield.example").await;
    let thread = id_in(
        &start_thread(
            &ta,
            behaviour,
            "Who runs a lunchtime club?",
            "Hi @ClaireBennett, you do, don't you?",
        )
        .await,
    );
    let digest = app
        .smtp
        .wait_for(
            |m| m.is_to("coord@oakfield.example") && m.subject.contains("Your forum digest"),
            Duration::from_secs(10),
        )
        .await;
    assert!(digest
        .text
        .contains("mentioned you in “Who runs a lunchtime club?”"));
    assert!(digest.text.contains("/forums/unsubscribe/"));
    assert!(
        !app.smtp
            .messages()
            .iter()
            .any(|m| m.is_to("coord@oakfield.example") && m.subject.contains("mentioned you")),
        "no separate email"
    );

    // A day later, Claire has visited since that digest: the next one is skipped.
    let coord_id = user_id(&app, "coord@oakfield.example".into()).await;
    app.db(move |c| {
        let now = commonroom::now();
        diesel::update(forum_prefs::table.find(coord_id))
            .set((
                forum_prefs::last_digest_at.eq(Some(now - Age::hours(30))),
                forum_prefs::last_seen_at.eq(Some(now - Age::hours(2))),
            ))
            .execute(c)
            .unwrap()
    })
    .await;
    ta.post(
        &format!("/forums/t/{thread}/reply"),
        &[("body", "@ClaireBennett are you still running it?")],
    )
    .await;
    let coord_id2 = coord_id;
    for _ in 0..100 {
        let pending: i64 = app
            .db(move |c| {
                forum_notifications::table
                    .filter(forum_notifications::user_id.eq(coord_id2))
                    .filter(forum_notifications::emailed_at.is_null())
                    .count()
                    .get_result(c)
                    .unwrap()
            })
            .await;
        if pending == 0 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    tokio::time::sleep(Duration::from_millis(300)).await;
    let digests = app
        .smtp
        .messages()
        .iter()
        .filter(|m| m.is_to("coord@oakfield.example") && m.subject.contains("digest"))
        .count();
    assert_eq!(digests, 1, "the visitor's digest was skipped");
}

async fn search_finds_only_what_the_member_may_read_with_highlights_and_pages(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    app.seed_demo().await;
    let general = category(&app, "General", Some(NORTH)).await;
    let behaviour = category(&app, "Behaviour", None).await;
    let ta = app.signed_in("ta@oakfield.example").await;
    start_thread(
        &ta,
        general,
        "Laminated timetables in our network",
        "We laminate every visual timetable.",
    )
    .await;
    start_thread(
        &ta,
        behaviour,
        "Laminated reward charts",
        "Laminated charts last all year.",
    )
    .await;

    let found = ta.get("/forums/search?q=laminated").await;
    assert!(
        found.shows("Laminated timetables in our network")
            && found.shows("Laminated reward charts")
    );
    assert!(found.body.contains("<mark>"), "excerpts are highlighted");
    let outsider = app.signed_in(&southerner(&app).await).await;
    let theirs = outsider.get("/forums/search?q=laminated").await;
    assert!(
        theirs.shows("Laminated reward charts"),
        "network-wide posts are found"
    );
    assert!(
        !theirs.shows("Laminated timetables in our network"),
        "never a post they can't read"
    );
    assert!(!theirs.shows("visual timetable"));
    let syntax = ta.get("/forums/search?q=%22lamin*%20OR%20title%3A").await;
    assert_eq!(syntax.status, 200, "search syntax is just words");
    let script = ta.get("/forums/search?q=%3Cscript%3E").await;
    assert!(!script.body.contains("<script>alert"));

    // Pagination: 25 matching replies make two pages.
    let thread = id_in(
        &start_thread(
            &ta,
            behaviour,
            "Pages of plenary ideas",
            "Plenary ideas wanted",
        )
        .await,
    );
    let author = user_id(&app, "ta@oakfield.example".into()).await;
    app.db(move |c| {
        use commonroom::forums::posting::{insert_post, Outcome};
        for i in 0..25 {
            let body = format!("Plenary idea number {i}: exit tickets");
            let id =
                insert_post(c, thread, author, false, false, &body, &Outcome::visible()).unwrap();
            commonroom::forums::queries::index_post(c, id, "", &body).unwrap();
        }
    })
    .await;
    let first = ta.get("/forums/search?q=plenary+exit").await;
    assert!(first.shows("More results"));
    let second = ta.get("/forums/search?q=plenary+exit&page=1").await;
    assert!(second.shows("Previous results") && !second.shows("More results"));
    assert_eq!(first.body.matches("<li><a href=\"/forums/t/").count(), 20);
    assert_eq!(second.body.matches("<li><a href=\"/forums/t/").count(), 5);
}

async fn posting_too_fast_is_refused_with_a_clear_message(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    app.seed_demo().await;
    let behaviour = category(&app, "Behaviour", None).await;
    let ta = app.signed_in("ta@oakfield.example").await;
    let thread = id_in(&start_thread(&ta, behaviour, "Quick-fire questions", "First").await);
    for i in 0..7 {
        let page = ta
            .post(
                &format!("/forums/t/{thread}/reply"),
                &[("body", &format!("Reply {i}"))],
            )
            .await;
        assert!(page.shows("Your reply has been posted."), "reply {i}");
    }
    let refused = ta
        .post(
            &format!("/forums/t/{thread}/reply"),
            &[("body", "One too many")],
        )
        .await;
    assert_eq!(refused.status, 429);
    assert!(refused.shows("Please wait a minute, then post again."));
    let stored: i64 = app
        .db(move |c| {
            forum_posts::table
                .filter(forum_posts::body_md.eq("One too many"))
                .count()
                .get_result(c)
                .unwrap()
        })
        .await;
    assert_eq!(stored, 0);
}
