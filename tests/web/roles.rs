//! Each role sees its own navigation and is refused what it may not do.

use diesel::prelude::*;

use crate::on_both_backends;
use crate::support::app::{Backend, TestApp};
use commonroom::db::schema::{regional_groups, schools};

on_both_backends!(
    each_demo_account_sees_the_navigation_for_its_role,
    a_member_cannot_manage_a_group,
    a_coordinator_cannot_manage_another_group,
    a_head_sees_only_their_own_schools_staff,
    an_authority_admin_is_kept_to_their_authority,
    signed_out_visitors_are_sent_to_sign_in,
);

async fn group_id(app: &TestApp, name: &'static str) -> i64 {
    app.db(move |c| {
        regional_groups::table
            .filter(regional_groups::name.eq(name))
            .select(regional_groups::id)
            .first(c)
            .unwrap()
    })
    .await
}

async fn school_id(app: &TestApp, name: &'static str) -> i64 {
    app.db(move |c| {
        schools::table
            .filter(schools::name.eq(name))
            .select(schools::id)
            .first(c)
            .unwrap()
    })
    .await
}

async fn each_demo_account_sees_the_navigation_for_its_role(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    app.seed_demo().await;
    let nav = |body: &str| -> Vec<String> {
        let start = body.find("<nav aria-label=\"Main\">").unwrap();
        let end = start + body[start..].find("</nav>").unwrap();
        [
            "Groups",
            "My school",
            "Authority",
            "Site admin",
            "Profile",
            "Sign out",
            "Sign in",
        ]
        .iter()
        .filter(|l| body[start..end].contains(&format!(">{l}<")))
        .map(|l| l.to_string())
        .collect()
    };
    let cases = [
        (
            "site@commonroom.example",
            vec!["Groups", "Site admin", "Profile", "Sign out"],
        ),
        (
            "admin@northshire.example",
            vec!["Groups", "Authority", "Profile", "Sign out"],
        ),
        (
            "head@oakfield.example",
            vec!["Groups", "My school", "Profile", "Sign out"],
        ),
        (
            "coord@oakfield.example",
            vec!["Groups", "Profile", "Sign out"],
        ),
        ("ta@oakfield.example", vec!["Groups", "Profile", "Sign out"]),
    ];
    for (email, expected) in cases {
        let client = app.signed_in(email).await;
        let home = client.get("/").await;
        assert_eq!(nav(&home.body), expected, "navigation for {email}");
    }
    let coord = app.signed_in("coord@oakfield.example").await;
    assert!(
        coord.get("/").await.shows("North Northshire TA Network"),
        "the coordinator's dashboard lists their group"
    );
    assert_eq!(
        nav(&app.client().get("/").await.body),
        vec!["Groups", "Sign in"]
    );
}

async fn a_member_cannot_manage_a_group(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    app.seed_demo().await;
    let north = group_id(&app, "North Northshire TA Network").await;
    let ta = app.signed_in("ta@oakfield.example").await;
    let page = ta.get(&format!("/groups/{north}")).await;
    assert!(page.shows("You're a member of this group."));
    assert!(
        !page.shows("Requests to join"),
        "members don't see the coordinator's tools"
    );
    let request_id: i64 = app
        .db(move |c| {
            use commonroom::db::schema::join_requests::dsl::*;
            join_requests
                .filter(group_id.eq(north))
                .select(id)
                .first(c)
                .unwrap()
        })
        .await;
    let refused = ta
        .post(
            &format!("/groups/{north}/requests/{request_id}/approve"),
            &[],
        )
        .await;
    assert_eq!(refused.status, 403);
    assert!(refused.shows("You don't have permission to do that."));
    let invite = ta
        .post(
            &format!("/groups/{north}/invitations"),
            &[("email", "friend@x.example")],
        )
        .await;
    assert_eq!(invite.status, 403);
    let admin = ta.get("/admin").await;
    assert_eq!(admin.status, 403);
    let status: String = app
        .db(move |c| {
            use commonroom::db::schema::join_requests::dsl::*;
            join_requests
                .find(request_id)
                .select(status)
                .first(c)
                .unwrap()
        })
        .await;
    assert_eq!(status, "pending", "the refused approval changed nothing");
}

async fn a_coordinator_cannot_manage_another_group(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    app.seed_demo().await;
    let central = group_id(&app, "Central Northshire Support Staff").await;
    let ta = app.signed_in("ta@oakfield.example").await;
    ta.post(&format!("/groups/{central}/join"), &[]).await;
    let coord = app.signed_in("coord@oakfield.example").await;
    let page = coord.get(&format!("/groups/{central}")).await;
    assert!(!page.shows("Requests to join"));
    assert!(
        !page.body.contains("<h2>Members</h2>"),
        "no member list for a group they're not in"
    );
    let request_id: i64 = app
        .db(move |c| {
            use commonroom::db::schema::join_requests::dsl::*;
            join_requests
                .filter(group_id.eq(central))
                .select(id)
                .first(c)
                .unwrap()
        })
        .await;
    assert_eq!(
        coord
            .post(
                &format!("/groups/{central}/requests/{request_id}/approve"),
                &[]
            )
            .await
            .status,
        403
    );
    let someone: i64 = app
        .db(move |c| {
            use commonroom::db::schema::group_memberships::dsl::*;
            group_memberships
                .filter(group_id.eq(central))
                .select(user_id)
                .first(c)
                .unwrap()
        })
        .await;
    assert_eq!(
        coord
            .post(&format!("/groups/{central}/members/{someone}/remove"), &[])
            .await
            .status,
        403
    );
    assert_eq!(
        coord
            .post(
                &format!("/groups/{central}/coordinators"),
                &[("email", "coord@oakfield.example")]
            )
            .await
            .status,
        403
    );
}

async fn a_head_sees_only_their_own_schools_staff(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    app.seed_demo().await;
    let oakfield = school_id(&app, "Oakfield Primary School").await;
    let other = school_id(&app, "Millbrook Primary School").await;
    let head = app.signed_in("head@oakfield.example").await;
    let own = head.get(&format!("/schools/{oakfield}/staff")).await;
    assert_eq!(own.status, 200);
    assert!(own.shows("Tara Hughes"));
    let refused = head.get(&format!("/schools/{other}/staff")).await;
    assert_eq!(refused.status, 403);
    let ta = app.signed_in("ta@oakfield.example").await;
    assert_eq!(
        ta.get(&format!("/schools/{oakfield}/staff")).await.status,
        403,
        "a member isn't a head"
    );
    let admin = app.signed_in("admin@northshire.example").await;
    assert_eq!(
        admin.get(&format!("/schools/{other}/staff")).await.status,
        200,
        "the authority admin may"
    );
}

async fn an_authority_admin_is_kept_to_their_authority(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    app.seed_demo().await;
    let other = app
        .db(|c| {
            commonroom::directory::queries::create_authority(c, "Southvale Borough Council")
                .unwrap()
        })
        .await;
    let admin = app.signed_in("admin@northshire.example").await;
    assert_eq!(
        admin
            .get(&format!("/admin/authorities/{other}"))
            .await
            .status,
        403
    );
    assert_eq!(
        admin
            .post(
                &format!("/admin/authorities/{other}/regions"),
                &[("name", "East")]
            )
            .await
            .status,
        403
    );
    assert_eq!(
        admin
            .get(&format!("/admin/authorities/{other}/schools/import"))
            .await
            .status,
        403
    );
    assert_eq!(
        admin
            .post(
                "/admin/authorities",
                &[("name", "X"), ("admin_email", "admin@northshire.example")]
            )
            .await
            .status,
        403
    );
    assert_eq!(
        admin.get("/admin/accounts").await.status,
        403,
        "accounts are for site admins"
    );
    let site = app.signed_in("site@commonroom.example").await;
    assert_eq!(
        site.get(&format!("/admin/authorities/{other}"))
            .await
            .status,
        200
    );
}

async fn signed_out_visitors_are_sent_to_sign_in(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    app.seed_demo().await;
    let north = group_id(&app, "North Northshire TA Network").await;
    let visitor = app.client();
    let page = visitor.get(&format!("/groups/{north}")).await;
    assert!(page.shows("Sign in"));
    assert!(
        !page.body.contains("Tara Hughes"),
        "the member list is for members"
    );
    let members: i64 = app
        .db(move |c| {
            use commonroom::db::schema::group_memberships::dsl::*;
            group_memberships
                .filter(group_id.eq(north))
                .count()
                .get_result(c)
                .unwrap()
        })
        .await;
    assert!(members > 1);
    assert!(
        page.shows(&format!("{members} members")),
        "the count is public"
    );
    let profile = visitor.get("/account/profile").await;
    assert_eq!(profile.path(), "/signin");
    let join = visitor.post(&format!("/groups/{north}/join"), &[]).await;
    assert_eq!(join.path(), "/signin");
    let api = visitor
        .http
        .post(format!("{}/api/v1/nothing", app.url))
        .send()
        .await
        .unwrap();
    assert!(api.status().is_client_error());
}
