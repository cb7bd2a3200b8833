//! Real databases for the web tests: one fresh PostgreSQL database (or SQLite file) per test.
//!
//! PostgreSQL comes from `COMMONROOM_TEST_PG_URL`, an admin URL such as
//! `postgres://postgres@127.0.0.1:5432/postgres` from which the tests may `CREATE DATABASE`.
//! `scripts/test.sh` starts a throwaway cluster and sets it.
#![allow(dead_code)]

use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use diesel::{Connection, PgConnection, RunQueryDsl};

pub const PG_URL_VAR: &str = "COMMONROOM_TEST_PG_URL";

static COUNTER: AtomicU64 = AtomicU64::new(0);

/// The PostgreSQL admin URL from `COMMONROOM_TEST_PG_URL`. Panics with instructions if unset.
pub fn pg_admin_url() -> String {
    match std::env::var(PG_URL_VAR) {
        Ok(url) if !url.trim().is_empty() => url.trim().to_owned(),
        _ => panic!(
            "{PG_URL_VAR} is not set, so the PostgreSQL tests have no server.\n\
             Run the suite with `scripts/test.sh` (it starts a throwaway PostgreSQL cluster and \
             sets the variable), or set {PG_URL_VAR} to an admin URL from which the tests may \
             CREATE DATABASE, e.g. postgres://postgres@127.0.0.1:5432/postgres"
        ),
    }
}

/// Creates a new, empty, uniquely named database and returns its URL.
pub async fn fresh_pg_database() -> String {
    let admin = pg_admin_url();
    tokio::task::spawn_blocking(move || create_database(&admin))
        .await
        .expect("fresh_pg_database: the blocking task panicked")
}

/// [`fresh_pg_database`] for code outside an async context.
pub fn fresh_pg_database_blocking() -> String {
    create_database(&pg_admin_url())
}

/// Drops a database made by [`fresh_pg_database`] (optional: a throwaway cluster is deleted
/// whole at the end of `scripts/test.sh`). Disconnects anyone still connected.
pub async fn drop_pg_database(database_url: &str) {
    let name = database_name(database_url);
    let admin = pg_admin_url();
    tokio::task::spawn_blocking(move || {
        let mut conn = admin_connection(&admin);
        diesel::sql_query(format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"))
            .execute(&mut conn)
            .unwrap_or_else(|e| panic!("DROP DATABASE {name} failed: {e}"));
    })
    .await
    .expect("drop_pg_database: the blocking task panicked");
}

/// A fresh SQLite database path inside a new temporary directory. Keep the `TempDir` alive
/// for as long as the database is used: dropping it deletes the directory.
pub fn fresh_sqlite_path() -> (tempfile::TempDir, String) {
    let dir = tempfile::Builder::new()
        .prefix("commonroom-test-")
        .tempdir()
        .expect("cannot create a temporary directory for SQLite");
    let path = dir.path().join("commonroom.sqlite3");
    let path = path
        .to_str()
        .expect("temporary directory path is not UTF-8")
        .to_owned();
    (dir, path)
}

fn unique_name() -> String {
    let n = COUNTER.fetch_add(1, Ordering::SeqCst);
    let mut hasher = RandomState::new().build_hasher();
    hasher.write_u64(n);
    hasher.write_u128(
        SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or_default(),
    );
    let random = hasher.finish() as u32;
    format!("cr_test_{}_{n}_{random:08x}", std::process::id())
}

fn admin_connection(admin_url: &str) -> PgConnection {
    PgConnection::establish(admin_url).unwrap_or_else(|e| {
        panic!(
            "cannot connect to PostgreSQL at {admin_url} ({PG_URL_VAR}): {e}\n\
             Is the server running? `scripts/test.sh` starts a throwaway one."
        )
    })
}

fn create_database(admin_url: &str) -> String {
    let name = unique_name();
    let mut conn = admin_connection(admin_url);
    // CREATE DATABASE copies template1 and fails if someone else is connected to it at that
    // moment ("source database is being accessed by other users"); that is transient.
    let mut attempt = 0;
    loop {
        attempt += 1;
        match diesel::sql_query(format!("CREATE DATABASE \"{name}\"")).execute(&mut conn) {
            Ok(_) => break,
            Err(e) if attempt < 10 && e.to_string().contains("being accessed by other users") => {
                std::thread::sleep(Duration::from_millis(100 * attempt));
            }
            Err(e) => panic!("CREATE DATABASE {name} on {admin_url} failed: {e}"),
        }
    }
    database_url(admin_url, &name)
}

/// The admin URL with its database name replaced by `name` (user, host, port, query kept).
pub fn database_url(admin_url: &str, name: &str) -> String {
    let mut url = url::Url::parse(admin_url).unwrap_or_else(|e| {
        panic!("{PG_URL_VAR} must be a URL like postgres://user@host:port/db, got {admin_url}: {e}")
    });
    url.set_path(&format!("/{name}"));
    url.to_string()
}

fn database_name(database_url: &str) -> String {
    let url = url::Url::parse(database_url)
        .unwrap_or_else(|e| panic!("not a database URL: {database_url}: {e}"));
    let name = url.path().trim_start_matches('/');
    assert!(
        !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'),
        "unexpected database name in {database_url}"
    );
    name.to_owned()
}
