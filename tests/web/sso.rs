//! Signing in with an authority's own identity provider, against a real OpenID Connect
//! provider on loopback.

use diesel::prelude::*;

use crate::on_both_backends;
use crate::support::app::{Backend, Client, TestApp};
use crate::support::oidc::{form_action, hidden_fields, OidcProvider};
use commonroom::db::schema::{authorities, users};

on_both_backends!(
    members_sign_in_with_their_authoritys_provider,
    only_authority_admins_add_a_provider_and_bad_forms_keep_their_text,
);

async fn setup(app: &TestApp) -> (OidcProvider, i64) {
    let provider = OidcProvider::start(
        "commonroom-test",
        "s3cret-for-tests",
        &format!("{}/signin/sso/callback", app.url),
    );
    let authority: i64 = app
        .db(|c| authorities::table.select(authorities::id).first(c).unwrap())
        .await;
    let admin = app.signed_in("admin@northshire.example").await;
    let added = admin
        .post(
            &format!("/admin/authorities/{authority}/identity-providers"),
            &[
                ("name", "Northshire staff account"),
                ("issuer_url", &provider.issuer),
                ("client_id", "commonroom-test"),
                ("client_secret", "s3cret-for-tests"),
                ("email_domains", ""),
            ],
        )
        .await;
    assert!(
        added.shows("The sign-in option was added."),
        "{}",
        added.body
    );
    let providers: i64 = app
        .db(|c| {
            commonroom::db::schema::identity_providers::table
                .select(commonroom::db::schema::identity_providers::id)
                .first(c)
                .unwrap()
        })
        .await;
    (provider, providers)
}

/// Goes from our sign-in button through the provider's login and consent pages and back.
async fn sign_in_via_provider(
    client: &Client,
    provider_id: i64,
    login: &str,
) -> crate::support::app::Page {
    let login_page = client
        .get(&format!("/signin/sso/{provider_id}?next=/groups"))
        .await;
    assert!(
        login_page.url.contains("/interaction/"),
        "at the provider: {}",
        login_page.url
    );
    let base = url::Url::parse(&login_page.url).unwrap();
    let action = base.join(&form_action(&login_page.body)).unwrap();
    let mut fields = hidden_fields(&login_page.body);
    fields.push(("login".into(), login.into()));
    fields.push(("password".into(), "anything".into()));
    let res = client.http.post(action).form(&fields).send().await.unwrap();
    let mut url = res.url().clone();
    let mut body = res.text().await.unwrap();
    // The consent page, when the provider asks for it.
    if url.path().starts_with("/interaction/") {
        let action = url.join(&form_action(&body)).unwrap();
        let res = client
            .http
            .post(action)
            .form(&hidden_fields(&body))
            .send()
            .await
            .unwrap();
        url = res.url().clone();
        body = res.text().await.unwrap();
    }
    crate::support::app::Page {
        status: 200,
        url: url.to_string(),
        body,
    }
}

async fn members_sign_in_with_their_authoritys_provider(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    app.seed_demo().await;
    let (_provider, provider_id) = setup(&app).await;

    let page = app.client().get("/signin").await;
    assert!(page.shows("Sign in with Northshire staff account"));

    // Someone new: an account is made from what the provider vouches for.
    let newcomer = app.client();
    let landed = sign_in_via_provider(&newcomer, provider_id, "sam.okoro@northshire.example").await;
    assert!(
        landed.url.ends_with("/groups"),
        "back at the page asked for: {} {}",
        landed.url,
        landed.body
    );
    assert!(newcomer.get("/").await.shows("Hello, Sam Okoro"));
    let verified: Option<chrono::NaiveDateTime> = app
        .db(|c| {
            users::table
                .filter(users::email.eq("sam.okoro@northshire.example"))
                .select(users::email_verified_at)
                .first(c)
                .unwrap()
        })
        .await;
    assert!(verified.is_some());

    // Someone with an account already: the same account, with their groups.
    let tara = app.client();
    sign_in_via_provider(&tara, provider_id, "TA@oakfield.example").await;
    assert!(tara.get("/").await.shows("North Northshire TA Network"));

    // A callback can't be replayed.
    let replay = app
        .client()
        .get("/signin/sso/callback?code=abc&state=not-a-real-state")
        .await;
    assert_eq!(replay.status, 400);
    assert!(replay.shows("expired or was already used"));

    // A deactivated account stays out.
    app.db(|c| {
        let id: i64 = users::table
            .filter(users::email.eq("sam.okoro@northshire.example"))
            .select(users::id)
            .first(c)
            .unwrap();
        commonroom::accounts::queries::deactivate(c, id).unwrap();
    })
    .await;
    let again = app.client();
    let refused = sign_in_via_provider(&again, provider_id, "sam.okoro@northshire.example").await;
    assert!(
        refused.body.contains("This account has been deactivated."),
        "{}",
        refused.body
    );
}

async fn only_authority_admins_add_a_provider_and_bad_forms_keep_their_text(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    app.seed_demo().await;
    let authority: i64 = app
        .db(|c| authorities::table.select(authorities::id).first(c).unwrap())
        .await;
    let path = format!("/admin/authorities/{authority}/identity-providers");
    let fields = [
        ("name", "X"),
        ("issuer_url", "https://login.example"),
        ("client_id", "a"),
        ("client_secret", "b"),
    ];
    let coord = app.signed_in("coord@oakfield.example").await;
    assert_eq!(coord.post(&path, &fields).await.status, 403);
    let head = app.signed_in("head@oakfield.example").await;
    assert_eq!(head.post(&path, &fields).await.status, 403);

    let admin = app.signed_in("admin@northshire.example").await;
    let bad = admin
        .post(
            &path,
            &[
                ("name", "Northshire staff"),
                ("issuer_url", "http://login.example"),
                ("client_id", "abc"),
                ("client_secret", ""),
            ],
        )
        .await;
    assert_eq!(bad.status, 422);
    assert!(bad.shows("Enter the provider's issuer URL, starting https://"));
    assert!(bad.shows("Enter the client secret"));
    assert!(bad.body.contains("value=\"Northshire staff\"") && bad.body.contains("value=\"abc\""));
    let count: i64 = app
        .db(|c| {
            commonroom::db::schema::identity_providers::table
                .count()
                .get_result(c)
                .unwrap()
        })
        .await;
    assert_eq!(count, 0);
}
