//! Real services for the web tests: PostgreSQL databases, an SMTP server and a headless
//! Chromium. `scripts/test.sh` provides PostgreSQL and Chromium; see each module.
#![allow(dead_code)]

pub mod app;
pub mod browser;
pub mod oidc;
pub mod postgres;
pub mod smtp;
