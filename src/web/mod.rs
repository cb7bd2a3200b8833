//! Web plumbing shared by every domain: app state, running queries off the async threads,
//! the signed-in viewer, CSRF, templates, flash messages, forms and error pages.

pub mod csrf;
pub mod errors;
pub mod flash;
pub mod forms;
pub mod rate_limit;
pub mod security;
pub mod statics;
pub mod templates;
pub mod tokens;
pub mod viewer;

use actix_web::web;

use crate::config::Settings;
use crate::db::{Db, Pool};
use crate::error::AppResult;

pub use templates::{Ctx, Views};
pub use viewer::{CurrentUser, Viewer};

/// What every handler can reach.
pub struct AppState {
    pub pool: Pool,
    pub views: std::sync::Arc<Views>,
    pub settings: Settings,
    pub csrf: csrf::CsrfKeys,
    /// Each authority's compiled filter rules, refreshed when they change.
    pub rules: crate::privacy::rules::RulesCache,
    /// Carries the names a refused draft was read to have to the next draft, as keyed tags.
    pub drafts: crate::privacy::DraftMemory,
}

pub type State = web::Data<AppState>;

impl AppState {
    /// Runs blocking database work on the blocking pool (getting a connection blocks too).
    pub async fn db<T, F>(&self, f: F) -> AppResult<T>
    where
        F: FnOnce(&mut Db) -> AppResult<T> + Send + 'static,
        T: Send + 'static,
    {
        let pool = self.pool.clone();
        web::block(move || {
            let mut conn = pool.get()?;
            f(&mut conn)
        })
        .await?
    }

    /// A full link for emails.
    pub fn link(&self, path: &str) -> String {
        format!("{}{}", self.settings.base_url, path)
    }
}
