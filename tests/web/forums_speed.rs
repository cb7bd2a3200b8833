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

on_both_backends!(every_forum_list_query_is_backed_by_an_index);

#[derive(diesel::QueryableByName)]
struct SqlitePlan {
    #[diesel(sql_type = diesel::sql_types::Text)]
    detail: String,
}

#[derive(diesel::QueryableByName)]
struct PgPlan {
    #[diesel(sql_type = diesel::sql_types::Text)]
    #[diesel(column_name = "QUERY PLAN")]
    line: String,
}

/// The forums' list queries, as the pages run them (with sample values).
const LISTS: [&str; 8] = [
    "SELECT id FROM forum_threads WHERE category_id = 1 AND deleted_at IS NULL ORDER BY pinned DESC, last_post_at DESC LIMIT 50",
    "SELECT id FROM forum_posts WHERE thread_id = 1 ORDER BY id LIMIT 101",
    "SELECT id FROM forum_notifications WHERE user_id = 1 ORDER BY created_at DESC LIMIT 50",
    "SELECT id FROM forum_posts WHERE status IN ('held', 'flagged') OR flag_count > 0",
    "SELECT id FROM forum_threads WHERE answered_at IS NOT NULL ORDER BY answered_at DESC LIMIT 100",
    "SELECT count(*) FROM forum_posts WHERE author_id = 1 AND created_at > '2026-01-01'",
    "SELECT id FROM forum_revisions WHERE post_id = 1 ORDER BY id DESC",
    "SELECT user_id FROM forum_thread_levels WHERE thread_id = 1",
];

async fn every_forum_list_query_is_backed_by_an_index(backend: Backend) {
    use diesel::prelude::*;
    let app = TestApp::spawn_with(backend, |s| s.run_worker = false).await;
    app.seed_demo().await;
    let plans: Vec<(String, String)> = app
        .db(|c| {
            let mut out = Vec::new();
            let mut queries: Vec<String> = LISTS.iter().map(|q| q.to_string()).collect();
            match c {
                commonroom::db::Db::Sqlite(s) => {
                    queries.push("SELECT rowid FROM forum_search WHERE forum_search MATCH 'phonics'".into());
                    for q in queries {
                        let plan: Vec<SqlitePlan> = diesel::sql_query(format!("EXPLAIN QUERY PLAN {q}")).load(s).unwrap();
                        out.push((q, plan.into_iter().map(|p| p.detail).collect::<Vec<_>>().join(" | ")));
                    }
                }
                commonroom::db::Db::Postgres(p) => {
                    queries.push("SELECT id FROM forum_posts WHERE search @@ plainto_tsquery('english', 'phonics')".into());
                    // The demo tables are small enough to scan; ask what the planner would
                    // use when scanning isn't an option.
                    diesel::sql_query("SET enable_seqscan = off").execute(p).unwrap();
                    for q in queries {
                        let plan: Vec<PgPlan> = diesel::sql_query(format!("EXPLAIN {q}")).load(p).unwrap();
                        out.push((q, plan.into_iter().map(|p| p.line).collect::<Vec<_>>().join(" | ")));
                    }
                    diesel::sql_query("SET enable_seqscan = on").execute(p).unwrap();
                }
            }
            out
        })
        .await;
    for (query, plan) in plans {
        eprintln!("{query}\n    {plan}");
        let scans = plan.contains("Seq Scan on forum_")
            || plan.split(" | ").any(|step| {
                step.starts_with("SCAN forum_")
                    && !step.contains("INDEX")
                    && !step.contains("VIRTUAL TABLE")
            });
        assert!(!scans, "a full scan for {query}: {plan}");
    }
}
