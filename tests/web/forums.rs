//! The forums: who may read, post and moderate where; Markdown made safe; every title,
//! body and edit through the anonymisation filter (block and hold); moderation.

use diesel::prelude::*;

use crate::on_both_backends;
use crate::support::app::{csrf_in, Backend, Page, TestApp};
use commonroom::db::schema::{
    audit_log, forum_categories, forum_posts, forum_threads, regional_groups, schools, users,
};

on_both_backends!(
    each_place_admits_only_the_people_it_should,
    markdown_is_rendered_once_and_made_safe,
    the_filter_blocks_titles_bodies_and_edits_keeping_the_draft,
    a_held_thread_waits_for_a_moderator_who_releases_it,
    moderators_edit_and_release_or_remove_and_each_is_audited,
    replies_quote_edit_with_history_delete_lock_and_pin,
    held_titles_replies_and_edits_wait_too,
    a_pupil_left_in_the_next_draft_is_refused_again,
);

pub async fn category(app: &TestApp, name: &'static str, group: Option<&'static str>) -> i64 {
    app.db(move |c| {
        let mut q = forum_categories::table
            .filter(forum_categories::name.eq(name))
            .select(forum_categories::id)
            .into_boxed();
        if let Some(g) = group {
            let gid: i64 = regional_groups::table
                .filter(regional_groups::name.eq(g))
                .select(regional_groups::id)
                .first(c)
                .unwrap();
            q = q.filter(forum_categories::group_id.eq(gid));
        }
        q.first(c).unwrap()
    })
    .await
}

pub const NORTH: &str = "North Northshire TA Network";
pub const SEND: &str = "Northshire SEND Network";

/// The email of a demo member whose school is in South Northshire.
pub async fn southerner(app: &TestApp) -> String {
    app.db(|c| {
        users::table
            .inner_join(schools::table)
            .filter(schools::postcode.like("NS9%"))
            .filter(users::email.like("%@northshire-schools.example"))
            .select(users::email)
            .first(c)
            .unwrap()
    })
    .await
}

/// The id at the end of a page's path, e.g. the thread after posting one.
pub fn id_in(page: &Page) -> i64 {
    page.path().rsplit('/').next().unwrap().parse().unwrap()
}

pub async fn first_post(app: &TestApp, thread: i64) -> i64 {
    app.db(move |c| {
        forum_posts::table
            .filter(forum_posts::thread_id.eq(thread))
            .order(forum_posts::id.asc())
            .select(forum_posts::id)
            .first(c)
            .unwrap()
    })
    .await
}

pub async fn start_thread(
    client: &crate::support::app::Client,
    category: i64,
    title: &str,
    body: &str,
) -> Page {
    client
        .post(
            &format!("/forums/c/{category}/new"),
            &[("title", title), ("body", body)],
        )
        .await
}

async fn each_place_admits_only_the_people_it_should(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    app.seed_demo().await;
    let north_general = category(&app, "General", Some(NORTH)).await;
    let north_shared = category(&app, "Shared with Northshire", Some(NORTH)).await;
    let send_general = category(&app, "General", Some(SEND)).await;
    let noticeboard = category(&app, "North Northshire noticeboard", None).await;
    let behaviour = category(&app, "Behaviour", None).await;

    let ta = app.signed_in("ta@oakfield.example").await;
    let home = ta.get("/forums").await;
    for name in [
        "Behaviour",
        "SEND strategies",
        "Phonics",
        "Pay and conditions",
        "Help with the site",
        "North Northshire noticeboard",
        "Shared with Northshire",
    ] {
        assert!(home.shows(name), "a member sees {name}");
    }
    assert!(
        !home.shows("Central Northshire noticeboard"),
        "not another region's board"
    );
    assert_eq!(
        ta.get(&format!("/forums/c/{north_general}")).await.status,
        200
    );
    assert_eq!(
        ta.get(&format!("/forums/c/{noticeboard}")).await.status,
        200
    );
    // Not a member of the SEND network: can't read, can't post.
    assert_eq!(
        ta.get(&format!("/forums/c/{send_general}")).await.status,
        403
    );
    assert_eq!(
        ta.get(&format!("/forums/c/{send_general}/new"))
            .await
            .status,
        403
    );
    assert_eq!(
        start_thread(&ta, send_general, "Sneaking in a thread", "Hello")
            .await
            .status,
        403
    );
    assert_eq!(
        ta.get("/forums/moderation").await.status,
        403,
        "members don't moderate"
    );

    // The head of Oakfield isn't in the group: the open category reads but doesn't post.
    let head = app.signed_in("head@oakfield.example").await;
    assert_eq!(
        head.get(&format!("/forums/c/{north_general}")).await.status,
        403
    );
    assert_eq!(
        head.get(&format!("/forums/c/{north_shared}")).await.status,
        200
    );
    assert_eq!(
        start_thread(&head, north_shared, "A head's question here", "Hello")
            .await
            .status,
        403
    );
    assert_eq!(
        head.get(&format!("/forums/c/{noticeboard}")).await.status,
        200,
        "same region"
    );

    // A member in the south can't see the north's noticeboard or the open category.
    let south = app.signed_in(&southerner(&app).await).await;
    assert_eq!(
        south.get(&format!("/forums/c/{noticeboard}")).await.status,
        403
    );
    assert_eq!(
        south
            .get(&format!("/forums/c/{north_general}"))
            .await
            .status,
        403
    );
    assert_eq!(
        south.get(&format!("/forums/c/{north_shared}")).await.status,
        200,
        "open to the whole authority"
    );
    assert_eq!(
        south.get(&format!("/forums/c/{behaviour}")).await.status,
        200,
        "network-wide"
    );

    // Threads in a closed category can't be read by outsiders either, even by address.
    let posted = start_thread(
        &ta,
        north_general,
        "Cover for the termly meeting",
        "Who can cover Thursday?",
    )
    .await;
    assert!(posted.shows("Your thread has been posted."));
    let thread = id_in(&posted);
    assert_eq!(head.get(&format!("/forums/t/{thread}")).await.status, 403);
    assert_eq!(
        head.post(&format!("/forums/t/{thread}/reply"), &[("body", "Me!")])
            .await
            .status,
        403
    );
    assert_eq!(south.get(&format!("/forums/t/{thread}")).await.status, 403);

    // Only coordinators and admins add group categories.
    let group: i64 = app
        .db(|c| {
            regional_groups::table
                .filter(regional_groups::name.eq(NORTH))
                .select(regional_groups::id)
                .first(c)
                .unwrap()
        })
        .await;
    assert_eq!(
        ta.get(&format!("/groups/{group}/forums/new")).await.status,
        403
    );
    let coord = app.signed_in("coord@oakfield.example").await;
    let added = coord
        .post(
            &format!("/groups/{group}/forums/new"),
            &[
                ("name", "Resources"),
                ("description", "Worksheets and ideas"),
            ],
        )
        .await;
    assert!(added.shows("The category has been added."));
    assert!(coord
        .get(&format!("/groups/{group}/forums"))
        .await
        .shows("Resources"));

    // The coordinator opens the members-only category to the authority, and closes it again.
    assert_eq!(
        ta.post(&format!("/forums/c/{north_general}/openness"), &[])
            .await
            .status,
        403
    );
    let opened = coord
        .post(&format!("/forums/c/{north_general}/openness"), &[])
        .await;
    assert!(opened.shows("Everyone in the authority can read this category now"));
    assert_eq!(
        head.get(&format!("/forums/c/{north_general}")).await.status,
        200
    );
    assert_eq!(head.get(&format!("/forums/t/{thread}")).await.status, 200);
    coord
        .post(&format!("/forums/c/{north_general}/openness"), &[])
        .await;
    assert_eq!(
        head.get(&format!("/forums/c/{north_general}")).await.status,
        403
    );

    // Only the authority's admins add region categories.
    let region: i64 = app
        .db(|c| {
            use commonroom::db::schema::regions;
            regions::table
                .filter(regions::name.eq("North Northshire"))
                .select(regions::id)
                .first(c)
                .unwrap()
        })
        .await;
    assert_eq!(
        coord
            .get(&format!("/forums/regions/{region}/new"))
            .await
            .status,
        403
    );
    assert_eq!(
        coord
            .post(
                &format!("/forums/regions/{region}/new"),
                &[("name", "Supply cover")]
            )
            .await
            .status,
        403
    );
    let admin = app.signed_in("admin@northshire.example").await;
    assert!(admin
        .get("/forums")
        .await
        .body
        .contains(&format!("/forums/regions/{region}/new")));
    let added = admin
        .post(
            &format!("/forums/regions/{region}/new"),
            &[("name", "Supply cover"), ("description", "Cover offers")],
        )
        .await;
    assert!(added.shows("The category has been added."));
    assert!(
        head.get("/forums").await.shows("Supply cover"),
        "everyone in the region sees it"
    );
    assert!(!south.get("/forums").await.shows("Supply cover"));
}

async fn markdown_is_rendered_once_and_made_safe(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    app.seed_demo().await;
    let behaviour = category(&app, "Behaviour", None).await;
    let ta = app.signed_in("ta@oakfield.example").await;
    let body = "**Calm** boxes work. <script>alert('x')</script> <img src=x onerror=alert(1)>\n\n[guide](https://example.org/guide) and [trap](javascript:alert(2))";
    let page = start_thread(&ta, behaviour, "Calm boxes for the classroom", body).await;
    assert!(page.shows("Your thread has been posted."), "{}", page.body);
    assert!(page.body.contains("<strong>Calm</strong>"));
    assert!(!page.body.contains("<script>alert"), "no script runs");
    assert!(
        !page.body.contains("<img src=x"),
        "raw HTML is not interpreted"
    );
    assert!(
        page.body.contains("&lt;script&gt;"),
        "raw HTML shows as typed text"
    );
    assert!(
        !page.body.contains("javascript:alert"),
        "javascript: links are dropped"
    );
    assert!(
        page.body.contains("rel=\"nofollow ugc noopener\""),
        "links are marked"
    );
    let stored: String = app
        .db(|c| {
            forum_posts::table
                .order(forum_posts::id.desc())
                .select(forum_posts::body_html)
                .first(c)
                .unwrap()
        })
        .await;
    assert!(
        stored.contains("<strong>Calm</strong>"),
        "HTML is stored when written"
    );
}

async fn the_filter_blocks_titles_bodies_and_edits_keeping_the_draft(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    app.seed_demo().await;
    let behaviour = category(&app, "Behaviour", None).await;
    let ta = app.signed_in("ta@oakfield.example").await;
    let before: i64 = app
        .db(|c| forum_posts::table.count().get_result(c).unwrap())
        .await;

    let title = "Bartek in my Year 3 group keeps running off";
    let page = start_thread(&ta, behaviour, title, "Any ideas for a runner?").await;
    assert_eq!(page.status, 422);
    assert!(page.shows(title), "the title is kept");
    assert!(page.shows("Any ideas for a runner?"), "the body is kept");
    assert!(page.shows("This could identify a pupil."));
    assert!(page
        .body
        .contains("<mark class=\"finding\" data-type=\"CHILD_NAME\""));

    let body = "Bartek in my Year 3 group keeps running off at lunch.";
    let page = start_thread(&ta, behaviour, "Pupils who run at lunchtime", body).await;
    assert_eq!(page.status, 422);
    assert!(page.shows(body));
    assert!(
        page.body.contains("id=\"body-findings\""),
        "the findings sit under the body"
    );

    let posted = start_thread(
        &ta,
        behaviour,
        "Pupils who run at lunchtime",
        "A pupil in my class runs at lunch.",
    )
    .await;
    let thread = id_in(&posted);
    let reply = ta
        .post(&format!("/forums/t/{thread}/reply"), &[("body", body)])
        .await;
    assert_eq!(reply.status, 422, "replies are checked too");
    assert!(reply.shows(body));

    let post: i64 = app
        .db(move |c| {
            forum_posts::table
                .filter(forum_posts::thread_id.eq(thread))
                .select(forum_posts::id)
                .first(c)
                .unwrap()
        })
        .await;
    let edit = ta
        .post(
            &format!("/forums/posts/{post}/edit"),
            &[("title", "Pupils who run at lunchtime"), ("body", body)],
        )
        .await;
    assert_eq!(edit.status, 422, "edits are checked");
    assert!(edit.shows(body));
    let edit = ta
        .post(
            &format!("/forums/posts/{post}/edit"),
            &[("title", title), ("body", "ok")],
        )
        .await;
    assert_eq!(edit.status, 422, "edited titles are checked");

    let after: Vec<String> = app
        .db(|c| {
            forum_posts::table
                .select(forum_posts::body_md)
                .load(c)
                .unwrap()
        })
        .await;
    assert_eq!(
        after.len() as i64,
        before + 1,
        "only the clean thread was stored"
    );
    assert!(
        after.iter().all(|b| !b.contains("Bartek")),
        "blocked text is never stored"
    );
    let titles: Vec<String> = app
        .db(|c| {
            forum_threads::table
                .select(forum_threads::title)
                .load(c)
                .unwrap()
        })
        .await;
    assert!(titles.iter().all(|t| !t.contains("Bartek")));
}

const HOLD: &str = "At Kettleby Community Primary the only Year 2 pupil with a cochlear implant struggles at wet play. Ideas?";

async fn a_held_thread_waits_for_a_moderator_who_releases_it(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    app.seed_demo().await;
    let general = category(&app, "General", Some(NORTH)).await;
    let ta = app.signed_in("ta@oakfield.example").await;
    let page = start_thread(&ta, general, "Wet play with a hearing aid user", HOLD).await;
    assert!(page.shows("waiting for a moderator"), "{}", page.body);
    assert!(
        page.shows("could single out a pupil"),
        "the author is told why"
    );
    let thread = id_in(&page);

    let coord = app.signed_in("coord@oakfield.example").await;
    let member = app.signed_in("ta@oakfield.example").await;
    let other_email: String = app
        .db(|c| {
            use commonroom::db::schema::group_memberships as gm;
            let gid: i64 = regional_groups::table
                .filter(regional_groups::name.eq(NORTH))
                .select(regional_groups::id)
                .first(c)
                .unwrap();
            gm::table
                .inner_join(users::table)
                .filter(gm::group_id.eq(gid))
                .filter(users::email.like("%@northshire-schools.example"))
                .select(users::email)
                .first(c)
                .unwrap()
        })
        .await;
    let other = app.signed_in(&other_email).await;
    assert_eq!(
        other.get(&format!("/forums/t/{thread}")).await.status,
        404,
        "invisible to members"
    );
    assert!(!other
        .get(&format!("/forums/c/{general}"))
        .await
        .shows("Wet play with a hearing aid user"));
    assert!(member
        .get(&format!("/forums/c/{general}"))
        .await
        .shows("Waiting for a moderator"));
    let results = other.get("/forums/search?q=cochlear").await;
    assert!(
        !results.shows("Wet play with a hearing aid user"),
        "held posts aren't found"
    );

    let queue = coord.get("/forums/moderation").await;
    assert!(
        queue.shows("Wet play with a hearing aid user"),
        "{}",
        queue.body
    );
    assert!(queue.shows("Held by the filter"));
    let post: i64 = app
        .db(move |c| {
            forum_posts::table
                .filter(forum_posts::thread_id.eq(thread))
                .select(forum_posts::id)
                .first(c)
                .unwrap()
        })
        .await;
    // The authority admin moderates group categories too; a member of another group doesn't.
    assert_eq!(
        other
            .post(&format!("/forums/posts/{post}/release"), &[])
            .await
            .status,
        404
    );
    let released = coord
        .post(&format!("/forums/posts/{post}/release"), &[])
        .await;
    assert!(released.shows("The post is visible to members now."));
    assert!(other
        .get(&format!("/forums/t/{thread}"))
        .await
        .shows("cochlear implant"));
    let audited: i64 = app
        .db(|c| {
            audit_log::table
                .filter(audit_log::action.eq("forum.release"))
                .count()
                .get_result(c)
                .unwrap()
        })
        .await;
    assert_eq!(audited, 1);
}

async fn moderators_edit_and_release_or_remove_and_each_is_audited(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    app.seed_demo().await;
    let behaviour = category(&app, "Behaviour", None).await;
    let ta = app.signed_in("ta@oakfield.example").await;
    let admin = app.signed_in("admin@northshire.example").await;
    let coord = app.signed_in("coord@oakfield.example").await;
    // The demo's held post is in the network-wide Behaviour category: admins' queue.
    let queue = admin.get("/forums/moderation").await;
    assert!(
        queue.shows("Advice for a pupil in my Year 2 class"),
        "{}",
        queue.body
    );
    assert!(
        !coord
            .get("/forums/moderation")
            .await
            .shows("Advice for a pupil in my Year 2 class"),
        "coordinators moderate their group only"
    );

    let first = id_in(&start_thread(&ta, behaviour, "Wet play ideas please", HOLD).await);
    let second = id_in(&start_thread(&ta, behaviour, "Wet play ideas again", HOLD).await);
    let (p1, p2) = (
        first_post(&app, first).await,
        first_post(&app, second).await,
    );
    assert!(admin
        .get(&format!("/forums/posts/{p1}/moderate"))
        .await
        .shows("Kettleby"));
    let blocked = admin
        .post(
            &format!("/forums/posts/{p1}/release"),
            &[("body", "Bartek in my Year 3 group hates wet play")],
        )
        .await;
    assert_eq!(blocked.status, 422, "a moderator's edit is checked too");
    let released = admin
        .post(
            &format!("/forums/posts/{p1}/release"),
            &[(
                "body",
                "A pupil with a hearing impairment struggles at wet play. Ideas?",
            )],
        )
        .await;
    assert!(released.shows("The post is visible to members now."));
    let page = ta.get(&format!("/forums/t/{first}")).await;
    assert!(page.shows("hearing impairment") && !page.shows("Kettleby"));
    let removed = admin.post(&format!("/forums/posts/{p2}/remove"), &[]).await;
    assert!(removed.shows("The post has been removed."));
    assert_eq!(
        ta.get(&format!("/forums/t/{second}")).await.status,
        404,
        "a removed thread is gone"
    );
    let actions: Vec<String> = app
        .db(|c| audit_log::table.select(audit_log::action).load(c).unwrap())
        .await;
    for a in ["forum.edit", "forum.release", "forum.remove"] {
        assert!(
            actions.iter().any(|x| x == a),
            "{a} is audited: {actions:?}"
        );
    }
}

async fn replies_quote_edit_with_history_delete_lock_and_pin(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    app.seed_demo().await;
    let general = category(&app, "General", Some(NORTH)).await;
    let ta = app.signed_in("ta@oakfield.example").await;
    let coord = app.signed_in("coord@oakfield.example").await;
    let thread = id_in(
        &start_thread(
            &ta,
            general,
            "Visual timetables that last",
            "How do you stop them getting tatty?",
        )
        .await,
    );
    let first: i64 = app
        .db(move |c| {
            forum_posts::table
                .filter(forum_posts::thread_id.eq(thread))
                .select(forum_posts::id)
                .first(c)
                .unwrap()
        })
        .await;
    let quoting = coord
        .get(&format!("/forums/t/{thread}?quote={first}"))
        .await;
    assert!(
        quoting.body.contains("&gt; **Tara Hughes** wrote:"),
        "the reply box starts with the quote"
    );
    let reply = coord
        .post(
            &format!("/forums/t/{thread}/reply"),
            &[(
                "body",
                "> How do you stop them getting tatty?\n\nLaminate and use velcro dots.",
            )],
        )
        .await;
    assert!(reply.shows("Your reply has been posted."));
    assert!(reply.body.contains("<blockquote>"));

    let edited = ta
        .post(
            &format!("/forums/posts/{first}/edit"),
            &[
                ("title", "Visual timetables that survive"),
                ("body", "How do you keep them looking good?"),
            ],
        )
        .await;
    assert!(edited.shows("Your changes have been saved."));
    assert!(edited.shows("Visual timetables that survive") && edited.shows("edited"));
    assert_eq!(
        ta.get(&format!("/forums/posts/{first}/history"))
            .await
            .status,
        403,
        "history is for moderators"
    );
    let history = coord.get(&format!("/forums/posts/{first}/history")).await;
    assert!(
        history.shows("How do you stop them getting tatty?"),
        "the old text is kept"
    );
    assert!(history.shows("Visual timetables that last"));
    assert_eq!(
        coord
            .get(&format!("/forums/posts/{first}/edit"))
            .await
            .status,
        200,
        "moderators may edit"
    );

    // Someone else can't edit or delete Tara's post.
    let reply_id: i64 = app
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
        ta.get(&format!("/forums/posts/{reply_id}/edit"))
            .await
            .status,
        403
    );
    assert_eq!(
        ta.post(&format!("/forums/posts/{reply_id}/delete"), &[])
            .await
            .status,
        403
    );
    assert_eq!(
        ta.post(&format!("/forums/t/{thread}/lock"), &[])
            .await
            .status,
        403,
        "members don't lock"
    );
    assert_eq!(
        ta.post(&format!("/forums/t/{thread}/pin"), &[])
            .await
            .status,
        403
    );

    let locked = coord.post(&format!("/forums/t/{thread}/lock"), &[]).await;
    assert!(locked.shows("The thread is locked"));
    assert_eq!(
        ta.post(
            &format!("/forums/t/{thread}/reply"),
            &[("body", "One more thing")]
        )
        .await
        .status,
        403
    );
    assert!(ta
        .get(&format!("/forums/t/{thread}"))
        .await
        .shows("This thread is locked"));
    coord.post(&format!("/forums/t/{thread}/pin"), &[]).await;
    let listing = ta.get(&format!("/forums/c/{general}")).await;
    assert!(listing.shows("Pinned"));

    let deleted = coord
        .post(&format!("/forums/posts/{reply_id}/delete"), &[])
        .await;
    assert!(deleted.shows("The post has been deleted."));
    let page = ta.get(&format!("/forums/t/{thread}")).await;
    assert!(page.shows("This post was deleted.") && !page.shows("velcro dots"));
    let gone = ta.post(&format!("/forums/posts/{first}/delete"), &[]).await;
    assert!(gone.shows("The thread has been deleted."));
    assert_eq!(ta.get(&format!("/forums/t/{thread}")).await.status, 404);
}

async fn held_titles_replies_and_edits_wait_too(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    app.seed_demo().await;
    let behaviour = category(&app, "Behaviour", None).await;
    let ta = app.signed_in("ta@oakfield.example").await;
    let other = app.signed_in(&southerner(&app).await).await;
    let admin = app.signed_in("admin@northshire.example").await;

    // A title that singles a pupil out holds the thread.
    let title = "The only boy in Year 6 at Oakfield Primary School with a prosthetic leg";
    let held = start_thread(&ta, behaviour, title, "How do we include him in PE?").await;
    assert!(held.shows("waiting for a moderator"));
    let held_thread = id_in(&held);
    assert_eq!(
        other.get(&format!("/forums/t/{held_thread}")).await.status,
        404
    );

    // A held reply: visible to its author only, not counted until released.
    let thread = id_in(&start_thread(&ta, behaviour, "Wet play routines", "What do you do?").await);
    let reply = other
        .post(&format!("/forums/t/{thread}/reply"), &[("body", HOLD)])
        .await;
    assert!(reply.shows("Your reply is waiting for a moderator"));
    assert!(reply.shows("Waiting for a moderator: only you and the moderators can see this."));
    assert!(
        !ta.get(&format!("/forums/t/{thread}"))
            .await
            .shows("cochlear"),
        "others don't see it"
    );

    // An edit that singles a pupil out hides the thread again until a moderator releases it.
    let first = first_post(&app, thread).await;
    let edit = ta
        .post(
            &format!("/forums/posts/{first}/edit"),
            &[("title", "Wet play routines"), ("body", HOLD)],
        )
        .await;
    assert!(
        edit.shows("Your edit is waiting for a moderator"),
        "{}",
        edit.body
    );
    assert_eq!(other.get(&format!("/forums/t/{thread}")).await.status, 404);
    let queue = admin.get("/forums/moderation").await;
    assert!(queue.shows(title) && queue.shows("Wet play routines"));
    admin
        .post(&format!("/forums/posts/{first}/release"), &[])
        .await;
    assert_eq!(other.get(&format!("/forums/t/{thread}")).await.status, 200);
}

/// The value of the hidden field `name` in a page.
fn hidden_value(body: &str, name: &str) -> Option<String> {
    let key = format!("type=\"hidden\" name=\"{name}\" value=\"");
    let rest = &body[body.find(&key)? + key.len()..];
    Some(rest[..rest.find('"')?].to_string())
}

async fn a_pupil_left_in_the_next_draft_is_refused_again(backend: Backend) {
    // A TA names two pupils, is refused, puts "Pupil A" for the first and leaves the second.
    // Beside "Pupil A", the filter alone would let "Maya" through; the form remembers her.
    let app = TestApp::spawn(backend).await;
    app.seed_demo().await;
    let behaviour = category(&app, "Behaviour", None).await;
    let ta = app.signed_in("ta@oakfield.example").await;
    let title = "Speech therapy days";
    let first = "Amira in Year 2 goes to speech therapy on Tuesdays, Maya on Thursdays. Any tips for the days in between?";
    let page = start_thread(&ta, behaviour, title, first).await;
    assert_eq!(page.status, 422);
    let flagged = hidden_value(&page.body, "body_flagged")
        .expect("the form carries the names of the refused draft");
    assert!(
        flagged.split('.').count() == 2
            && flagged
                .split('.')
                .all(|t| t.len() == 16 && t.bytes().all(|c| c.is_ascii_hexdigit())),
        "two keyed tags, not the names: {flagged}"
    );
    assert!(
        hidden_value(&page.body, "title_flagged").is_none(),
        "the title was let through, so it has nothing to carry"
    );

    let second = "Pupil A goes to speech therapy on Tuesdays, Maya on Thursdays. Any tips for the days in between?";
    let new_thread = format!("/forums/c/{behaviour}/new");
    let page = ta
        .post(
            &new_thread,
            &[
                ("title", title),
                ("body", second),
                ("body_flagged", &flagged),
            ],
        )
        .await;
    assert_eq!(page.status, 422, "the pupil left is refused again");
    assert!(page.shows(second), "the draft is kept");
    assert!(page.shows("In your last draft this was read as a pupil"));
    assert!(page.shows("Pupil B"), "the label the post has not used yet");
    let still = hidden_value(&page.body, "body_flagged").unwrap();
    assert_eq!(still.split('.').count(), 1, "only Maya is left to remember");

    // the live preview says what the server will: with the form's memory, and without it
    let token = csrf_in(&page.body).unwrap();
    let preview = |flagged: &str| {
        ta.http
            .post(format!("{}/api/v1/scan", app.url))
            .header("x-csrf-token", &token)
            .json(&serde_json::json!({ "text": second, "flagged": flagged }))
            .send()
    };
    let verdict = |res: reqwest::Response| async move {
        assert_eq!(res.status().as_u16(), 200);
        let body: serde_json::Value = res.json().await.unwrap();
        body["verdict"].as_str().unwrap().to_string()
    };
    assert_eq!(verdict(preview(&still).await.unwrap()).await, "block");
    assert_eq!(
        verdict(preview("").await.unwrap()).await,
        "allow",
        "the filter alone misses her: the memory is what refuses"
    );
    assert_eq!(
        verdict(preview("not-a-tag.1234").await.unwrap()).await,
        "allow",
        "a stale or altered field is read as no memory, not an error"
    );

    let before: i64 = app
        .db(|c| forum_posts::table.count().get_result(c).unwrap())
        .await;
    let third = "Pupil A goes to speech therapy on Tuesdays, Pupil B on Thursdays. Any tips for the days in between?";
    let posted = ta
        .post(
            &new_thread,
            &[("title", title), ("body", third), ("body_flagged", &still)],
        )
        .await;
    assert_eq!(posted.status, 200);
    let thread = id_in(&posted);
    let stored: Vec<String> = app
        .db(move |c| {
            forum_posts::table
                .filter(forum_posts::thread_id.eq(thread))
                .select(forum_posts::body_md)
                .load(c)
                .unwrap()
        })
        .await;
    assert_eq!(stored, [third]);
    let after: i64 = app
        .db(|c| forum_posts::table.count().get_result(c).unwrap())
        .await;
    assert_eq!(after, before + 1, "only the last draft is stored");
}
