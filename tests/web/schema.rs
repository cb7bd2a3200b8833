//! Schema invariants: both backends have the same migrations, each down.sql undoes its
//! up.sql, and every foreign key has an index.

use diesel::prelude::*;
use diesel::sql_types::{BigInt, Text};
use diesel_migrations::MigrationHarness;

use crate::support::app::{fresh_database, Backend};
use commonroom::db::{self, Db, POSTGRES_MIGRATIONS, SQLITE_MIGRATIONS};

fn folder_names(backend: &str) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(format!(
        "{}/migrations/{backend}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
    .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
    .collect();
    names.sort();
    names
}

#[test]
fn both_backends_have_the_same_migrations() {
    assert_eq!(folder_names("sqlite"), folder_names("postgres"));
    assert!(!folder_names("sqlite").is_empty());
}

#[derive(QueryableByName, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Name {
    #[diesel(sql_type = Text)]
    name: String,
}

fn tables(conn: &mut Db) -> Vec<String> {
    let sql = match conn {
        Db::Sqlite(_) => "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name != '__diesel_schema_migrations' ORDER BY name",
        Db::Postgres(_) => "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_name != '__diesel_schema_migrations' ORDER BY table_name",
    };
    diesel::sql_query(sql)
        .load::<Name>(conn)
        .unwrap()
        .into_iter()
        .map(|n| n.name)
        .collect()
}

async fn down_undoes_up(backend: Backend) {
    let (_dir, url) = fresh_database(backend).await;
    tokio::task::spawn_blocking(move || {
        let pool = db::build_pool(&url, 1).unwrap();
        let mut conn = pool.get().unwrap();
        assert!(tables(&mut conn).is_empty());
        db::migrate(&mut conn).unwrap();
        assert!(tables(&mut conn).len() >= 14);
        match &mut *conn {
            Db::Sqlite(c) => c.revert_all_migrations(SQLITE_MIGRATIONS).map(|_| ()),
            Db::Postgres(c) => c.revert_all_migrations(POSTGRES_MIGRATIONS).map(|_| ()),
        }
        .unwrap();
        assert!(
            tables(&mut conn).is_empty(),
            "every table is dropped by the down migrations"
        );
        db::migrate(&mut conn).unwrap();
        assert!(db::is_ready(&mut conn));
    })
    .await
    .unwrap();
}

#[tokio::test]
async fn down_undoes_up_on_sqlite() {
    down_undoes_up(Backend::Sqlite).await;
}

#[tokio::test]
async fn down_undoes_up_on_postgres() {
    down_undoes_up(Backend::Postgres).await;
}

#[derive(QueryableByName, Debug)]
struct ForeignKey {
    #[diesel(sql_type = Text)]
    table_name: String,
    #[diesel(sql_type = Text)]
    column_name: String,
    #[diesel(sql_type = BigInt)]
    indexed: i64,
}

#[tokio::test]
async fn every_foreign_key_has_an_index() {
    let (_dir, url) = fresh_database(Backend::Postgres).await;
    let unindexed = tokio::task::spawn_blocking(move || {
        let pool = db::build_pool(&url, 1).unwrap();
        let mut conn = pool.get().unwrap();
        db::migrate(&mut conn).unwrap();
        // A foreign key column counts as indexed when it leads some index (alone or first).
        diesel::sql_query(
            "SELECT c.conrelid::regclass::text AS table_name, a.attname AS column_name, \
               (SELECT count(*) FROM pg_index i WHERE i.indrelid = c.conrelid AND i.indkey[0] = c.conkey[1]) AS indexed \
             FROM pg_constraint c JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1] \
             WHERE c.contype = 'f'",
        )
        .load::<ForeignKey>(&mut *conn)
        .unwrap()
        .into_iter()
        .filter(|fk| fk.indexed == 0)
        .map(|fk| format!("{}.{}", fk.table_name, fk.column_name))
        .collect::<Vec<_>>()
    })
    .await
    .unwrap();
    assert!(
        unindexed.is_empty(),
        "foreign keys without an index: {unindexed:?}"
    );
}
