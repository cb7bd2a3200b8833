//! Commonroom: local networks for school support staff, behind a filter that keeps
//! anything identifying a pupil out of what is stored.

pub mod accounts;
pub mod anonymise;
pub mod audit;
pub mod config;
pub mod db;
pub mod demo;
pub mod directory;
pub mod error;
pub mod forums;
pub mod home;
pub mod jobs;
pub mod meetings;
pub mod notify;
pub mod privacy;
pub mod release;
pub mod startup;
pub mod terms;
pub mod web;

/// The current time in UTC, as every timestamp is stored.
pub fn now() -> chrono::NaiveDateTime {
    chrono::Utc::now().naive_utc()
}
