//! Storage: one connection type over SQLite and PostgreSQL, the pool, and the migrations.
//!
//! The backend is chosen from the URL scheme (`postgres://` or `postgresql://` means
//! PostgreSQL, anything else is a SQLite path), never by trying each in turn: SQLite accepts
//! any string as a file name.

pub mod schema;

use std::time::Duration;

use anyhow::Context;
use diesel::connection::SimpleConnection;
use diesel::r2d2::{self, ManageConnection};
use diesel::{Connection, PgConnection, QueryResult, SqliteConnection};
use diesel_migrations::{embed_migrations, EmbeddedMigrations, MigrationHarness};

pub const SQLITE_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations/sqlite");
pub const POSTGRES_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations/postgres");

/// A connection to whichever backend the deployment uses; queries are written once.
#[derive(diesel::MultiConnection)]
pub enum Db {
    Postgres(PgConnection),
    Sqlite(SqliteConnection),
}

pub type Pool = r2d2::Pool<Manager>;
pub type PooledDb = r2d2::PooledConnection<Manager>;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    pub fn of_url(url: &str) -> Backend {
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Backend::Postgres
        } else {
            Backend::Sqlite
        }
    }
}

/// Strips an optional `sqlite://` prefix so both `./data/x.db` and `sqlite://./data/x.db` work.
fn sqlite_path(url: &str) -> &str {
    url.strip_prefix("sqlite://").unwrap_or(url)
}

/// An r2d2 manager that picks the variant from the URL scheme and passes the real
/// connection error through (diesel's own multi-connection `establish` hides it).
#[derive(Debug, Clone)]
pub struct Manager {
    url: String,
    backend: Backend,
}

impl Manager {
    pub fn new(url: &str) -> Self {
        Manager {
            url: url.to_string(),
            backend: Backend::of_url(url),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ManagerError {
    #[error("could not connect to the database: {0}")]
    Connection(#[from] diesel::ConnectionError),
    #[error("database check failed: {0}")]
    Query(#[from] diesel::result::Error),
}

impl ManageConnection for Manager {
    type Connection = Db;
    type Error = ManagerError;

    fn connect(&self) -> Result<Db, ManagerError> {
        match self.backend {
            Backend::Postgres => Ok(Db::Postgres(PgConnection::establish(&self.url)?)),
            Backend::Sqlite => {
                let mut conn = SqliteConnection::establish(sqlite_path(&self.url))?;
                // Every pooled connection needs these; without them concurrent writers see
                // "database is locked" and foreign keys are silently ignored.
                // WAL itself is set once, when the pool is built (switching it takes a
                // lock that connections opened together would fight over). A large
                // autocheckpoint leaves checkpoints to the worker, so requests don't pay
                // for them (see `checkpoint`).
                conn.batch_execute(
                    "PRAGMA busy_timeout = 10000;
                     PRAGMA synchronous = NORMAL;
                     PRAGMA foreign_keys = ON;
                     PRAGMA wal_autocheckpoint = 10000;",
                )
                .map_err(ManagerError::Query)?;
                Ok(Db::Sqlite(conn))
            }
        }
    }

    fn is_valid(&self, conn: &mut Db) -> Result<(), ManagerError> {
        conn.batch_execute("SELECT 1").map_err(ManagerError::Query)
    }

    fn has_broken(&self, _conn: &mut Db) -> bool {
        false
    }
}

/// Builds the pool; for SQLite creates the parent folder of the file first.
pub fn build_pool(url: &str, max_size: u32) -> anyhow::Result<Pool> {
    if Backend::of_url(url) == Backend::Sqlite {
        let path = std::path::Path::new(sqlite_path(url));
        if let Some(parent) = path.parent() {
            if !parent.as_os_str().is_empty() {
                std::fs::create_dir_all(parent)
                    .with_context(|| format!("creating the folder for {}", path.display()))?;
            }
        }
    }
    if Backend::of_url(url) == Backend::Sqlite {
        let mut first = SqliteConnection::establish(sqlite_path(url))
            .with_context(|| format!("opening the database at {url}"))?;
        first
            .batch_execute("PRAGMA busy_timeout = 10000; PRAGMA journal_mode = WAL;")
            .with_context(|| format!("switching {url} to write-ahead logging"))?;
    }
    r2d2::Pool::builder()
        .max_size(max_size)
        .connection_timeout(Duration::from_secs(10))
        .build(Manager::new(url))
        .with_context(|| format!("opening the database at {}", redact_url(url)))
}

/// Runs any pending migrations for the backend in use; returns how many ran.
pub fn migrate(conn: &mut Db) -> anyhow::Result<usize> {
    let ran = match conn {
        Db::Postgres(c) => c
            .run_pending_migrations(POSTGRES_MIGRATIONS)
            .map(|v| v.len()),
        Db::Sqlite(c) => c.run_pending_migrations(SQLITE_MIGRATIONS).map(|v| v.len()),
    };
    ran.map_err(|e| anyhow::anyhow!("running migrations: {e}"))
}

/// True when the database answers and has no pending migrations (for `/readyz`).
pub fn is_ready(conn: &mut Db) -> bool {
    let pending = match conn {
        Db::Postgres(c) => c.has_pending_migration(POSTGRES_MIGRATIONS),
        Db::Sqlite(c) => c.has_pending_migration(SQLITE_MIGRATIONS),
    };
    matches!(pending, Ok(false))
}

/// Hides a password in a database URL so it can be logged.
pub fn redact_url(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(mut u) if u.password().is_some() => {
            let _ = u.set_password(Some("***"));
            u.to_string()
        }
        _ => url.to_string(),
    }
}

/// Copies SQLite's write-ahead log back into the database without waiting for readers or
/// writers (PASSIVE); the email worker calls it on every pass. A no-op on PostgreSQL.
pub fn checkpoint(conn: &mut Db) -> QueryResult<()> {
    if let Db::Sqlite(c) = conn {
        c.batch_execute("PRAGMA wal_checkpoint(PASSIVE);")?;
    }
    Ok(())
}

/// Runs `f` in a transaction that, on SQLite, takes the write lock up front
/// (`BEGIN IMMEDIATE`), so two writers queue on the busy timeout instead of one failing
/// with "database is locked" when it upgrades a read lock.
pub fn write_tx<T, E, F>(conn: &mut Db, f: F) -> Result<T, E>
where
    F: FnOnce(&mut Db) -> Result<T, E>,
    E: From<diesel::result::Error>,
{
    use diesel::connection::{AnsiTransactionManager, TransactionManager};
    match conn {
        Db::Sqlite(c) => AnsiTransactionManager::begin_transaction_sql(c, "BEGIN IMMEDIATE")?,
        Db::Postgres(_) => return conn.transaction(f),
    }
    let result = f(conn);
    if let Db::Sqlite(c) = conn {
        match result {
            Ok(v) => {
                AnsiTransactionManager::commit_transaction(c)?;
                return Ok(v);
            }
            Err(e) => {
                let _ = AnsiTransactionManager::rollback_transaction(c);
                return Err(e);
            }
        }
    }
    result
}
