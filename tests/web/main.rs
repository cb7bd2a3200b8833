//! Integration tests: each starts the real server on a random port with a fresh database,
//! and (through `on_both_backends!`) runs on SQLite and on PostgreSQL.

mod support;

mod accounts;
mod browser_journey;
mod directory;
mod forums;
mod forums_browser;
mod forums_keeping;
mod forums_speed;
mod meetings;
mod meetings_after;
mod meetings_browser;
mod outbox;
mod privacy;
mod process;
mod release;
mod roles;
mod schema;
mod security;
mod sso;
mod terms;
