//! The forums' pages cost a constant number of queries however long the thread or
//! category (no query per post or per author), counted on every pooled connection with
//! diesel's instrumentation.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use diesel::connection::{Connection, InstrumentationEvent};

use crate::forums::{category, start_thread, NORTH};
use crate::on_both_backends;
use crate::support::app::{Backend, Client, TestApp};
use commonroom::forums::posting::{insert_post, Outcome};

on_both_backends!(long_threads_and_full_categories_take_a_constant_number_of_queries);

/// Counts every query on every connection of the app's pool from now on.
async fn count_queries(app: &TestApp) -> Arc<AtomicUsize> {
    let counter = Arc::new(AtomicUsize::new(0));
    let pool = app.state.pool.clone();
    let c = counter.clone();
    tokio::task::spawn_blocking(move || {
        let conns: Vec<_> = (0..pool.max_size()).map(|_| pool.get().unwrap()).collect();
        for mut conn in conns {
            let c = c.clone();
            conn.set_instrumentation(move |event: InstrumentationEvent<'_>| {
                if let InstrumentationEvent::StartQuery { .. } = event {
                    c.fetch_add(1, Ordering::SeqCst);
                }
            });
        }
    })
    .await
    .unwrap();
    counter
}

async fn queries_for(counter: &AtomicUsize, client: &Client, path: &str) -> usize {
    counter.store(0, Ordering::SeqCst);
    let page = client.get(path).await;
    assert_eq!(page.status, 200, "{path}");
    counter.load(Ordering::SeqCst)
}

/// Adds `n` replies to a thread, each by a different demo member.
async fn add_replies(app: &TestApp, thread: i64, n: usize) {
    app.db(move |c| {
        use commonroom::db::schema::users;
        use diesel::prelude::*;
        let authors: Vec<i64> = users::table.select(users::id).load(c).unwrap();
        for i in 0..n {
            let author = authors[i % authors.len()];
            let body =
                format!("Reply {i}: **laminate** it and use [velcro](https://example.org/v{i}).");
            insert_post(c, thread, author, false, false, &body, &Outcome::visible()).unwrap();
        }
    })
    .await;
}

async fn add_threads(app: &TestApp, category: i64, n: usize) {
    app.db(move |c| {
        use commonroom::db::schema::users;
        use diesel::prelude::*;
        let authors: Vec<i64> = users::table.select(users::id).load(c).unwrap();
        for i in 0..n {
            commonroom::forums::demo::thread(
                c,
                category,
                authors[i % authors.len()],
                &format!("Thread number {i}"),
                "Body",
                &Outcome::visible(),
            )
            .unwrap();
        }
    })
    .await;
}

async fn long_threads_and_full_categories_take_a_constant_number_of_queries(backend: Backend) {
    let app = TestApp::spawn_with(backend, |s| s.run_worker = false).await;
    app.seed_demo().await;
    let general = category(&app, "General", Some(NORTH)).await;
    let phonics = category(&app, "Phonics", None).await;
    let ta = app.signed_in("ta@oakfield.example").await;
    let short =
        crate::forums::id_in(&start_thread(&ta, general, "A short thread here", "Hello").await);
    let long =
        crate::forums::id_in(&start_thread(&ta, general, "A long thread here", "Hello").await);
    add_replies(&app, short, 3).await;
    add_replies(&app, long, 100).await;
    let counter = count_queries(&app).await;

    // Warm up (first visits write the read markers), then count.
    ta.get(&format!("/forums/t/{short}")).await;
    ta.get(&format!("/forums/t/{long}")).await;
    let few = queries_for(&counter, &ta, &format!("/forums/t/{short}")).await;
    let many = queries_for(&counter, &ta, &format!("/forums/t/{long}")).await;
    assert!(few > 0, "the counter sees the queries");
    assert_eq!(
        few, many,
        "a thread of 101 posts costs what a thread of 4 does"
    );
    let page = ta.get(&format!("/forums/t/{long}")).await;
    assert_eq!(
        page.body.matches(" id=\"post-").count(),
        100,
        "a full page of posts"
    );

    // Categories: Phonics has a handful of demo threads; General gets 50 more.
    add_threads(&app, general, 50).await;
    let small = queries_for(&counter, &ta, &format!("/forums/c/{phonics}")).await;
    let full = queries_for(&counter, &ta, &format!("/forums/c/{general}")).await;
    assert_eq!(
        small, full,
        "a category of 50 threads costs what one of 5 does"
    );
    eprintln!("queries: thread page {many}, category page {full}");
}
