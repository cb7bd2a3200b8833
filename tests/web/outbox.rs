//! The email outbox: transactional, retried, and never sent twice.

use std::collections::HashSet;
use std::sync::Arc;
use std::time::Duration;

use diesel::prelude::*;

use crate::on_both_backends;
use crate::support::app::{Backend, TestApp};
use commonroom::db::schema::outbox_emails;
use commonroom::db::write_tx;
use commonroom::notify::mailer::Mailer;
use commonroom::notify::worker::Worker;

on_both_backends!(
    an_email_in_a_rolled_back_transaction_is_never_sent,
    two_workers_never_send_one_email_twice,
    failed_sends_are_retried_then_marked_failed,
);

fn queue(c: &mut commonroom::db::Db, views: &commonroom::web::Views, to: &str, n: usize) {
    commonroom::notify::queue(
        c,
        views,
        to,
        "join_approved",
        &serde_json::json!({ "name": "Tara", "group": format!("Group {n}"), "link": "http://x/" }),
    )
    .unwrap();
}

async fn an_email_in_a_rolled_back_transaction_is_never_sent(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let state = app.state.clone();
    app.db(move |c| {
        let r: Result<(), diesel::result::Error> = write_tx(c, |c| {
            queue(c, &state.views, "rolled-back@school.example", 1);
            Err(diesel::result::Error::RollbackTransaction)
        });
        assert!(r.is_err());
        let state2 = state.clone();
        write_tx(c, move |c| {
            queue(c, &state2.views, "committed@school.example", 2);
            Ok::<_, diesel::result::Error>(())
        })
        .unwrap();
    })
    .await;
    app.smtp
        .wait_for_to("committed@school.example", "Welcome to Group 2")
        .await;
    app.smtp
        .assert_none_for(
            |m| m.is_to("rolled-back@school.example"),
            Duration::from_millis(500),
        )
        .await;
    let rows: i64 = app
        .db(|c| outbox_emails::table.count().get_result(c).unwrap())
        .await;
    assert_eq!(rows, 1);
}

async fn two_workers_never_send_one_email_twice(backend: Backend) {
    // The app's own worker is off; two independent workers (own pools, as two server
    // processes would have) race over the same outbox.
    let app = TestApp::spawn_with(backend, |s| s.run_worker = false).await;
    let state = app.state.clone();
    app.db(move |c| {
        for n in 0..40 {
            queue(c, &state.views, &format!("member{n}@school.example"), n);
        }
    })
    .await;
    let mut handles = Vec::new();
    for name in ["node-a", "node-b"] {
        let pool = commonroom::db::build_pool(&app.database_url, 4).unwrap();
        let worker = Arc::new(Worker {
            pool,
            mailer: Arc::new(Mailer::from_settings(Some(&app.smtp.url()), app.dir.path()).unwrap()),
            from: "Commonroom <no-reply@commonroom.example>".into(),
            max_attempts: 3,
            poll: Duration::from_millis(10),
            retry_scale: 0.01,
            name: name.into(),
            jobs: Vec::new(),
        });
        handles.push(std::thread::spawn(move || {
            let mut sent = 0;
            for _ in 0..200 {
                sent += worker.run_once().unwrap();
                std::thread::sleep(Duration::from_millis(2));
            }
            sent
        }));
    }
    let sent: usize = handles.into_iter().map(|h| h.join().unwrap()).sum();
    assert_eq!(sent, 40);
    let messages = app.smtp.messages();
    assert_eq!(messages.len(), 40, "every email arrived exactly once");
    let unique: HashSet<String> = messages.iter().map(|m| m.to[0].clone()).collect();
    assert_eq!(unique.len(), 40);
    let by: Vec<String> = app
        .db(|c| {
            outbox_emails::table
                .select(outbox_emails::claimed_by)
                .load::<Option<String>>(c)
                .unwrap()
        })
        .await
        .into_iter()
        .flatten()
        .collect();
    assert!(by.iter().all(|w| w == "node-a" || w == "node-b"));
}

async fn failed_sends_are_retried_then_marked_failed(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    app.smtp.set_refusing(true);
    let state = app.state.clone();
    let id = app
        .db(move |c| {
            commonroom::notify::queue(
                c,
                &state.views,
                "later@school.example",
                "join_approved",
                &serde_json::json!({"name": "A", "group": "G", "link": "x"}),
            )
            .unwrap()
        })
        .await;
    let attempts = |app: &TestApp| {
        let pool = app.state.pool.clone();
        async move {
            tokio::task::spawn_blocking(move || {
                outbox_emails::table
                    .find(id)
                    .select((outbox_emails::attempts, outbox_emails::status))
                    .first::<(i32, String)>(&mut pool.get().unwrap())
                    .unwrap()
            })
            .await
            .unwrap()
        }
    };
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    loop {
        let (n, status) = attempts(&app).await;
        assert_ne!(status, "sent");
        if n >= 2 && status == "pending" {
            break; // still due after two temporary failures
        }
        assert!(std::time::Instant::now() < deadline, "the worker retried");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    app.smtp.set_refusing(false);
    app.smtp
        .wait_for_to("later@school.example", "Welcome to G")
        .await;
    // The sink has the message a moment before the worker records it as sent.
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    while attempts(&app).await.1 != "sent" && std::time::Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let (_, status) = attempts(&app).await;
    assert_eq!(status, "sent");

    // A mailbox that keeps refusing is given up on after the configured attempts (4).
    app.smtp.set_refusing(true);
    let state = app.state.clone();
    let id = app
        .db(move |c| {
            commonroom::notify::queue(
                c,
                &state.views,
                "never@school.example",
                "join_approved",
                &serde_json::json!({"name": "A", "group": "H", "link": "x"}),
            )
            .unwrap()
        })
        .await;
    let deadline = std::time::Instant::now() + Duration::from_secs(30);
    loop {
        let (n, status): (i32, String) = app
            .db(move |c| {
                outbox_emails::table
                    .find(id)
                    .select((outbox_emails::attempts, outbox_emails::status))
                    .first(c)
                    .unwrap()
            })
            .await;
        if status == "failed" {
            assert_eq!(n, 4);
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "gave up after 4 attempts (at {n}, {status})"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}
