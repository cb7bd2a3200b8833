//! The periodic jobs every email worker runs (reminders, digests), listed in one place.

use std::sync::Arc;

use crate::config::Settings;
use crate::db::Db;
use crate::notify::worker::PeriodicJob;
use crate::web::Views;

/// Each domain with work that falls due adds its job here.
pub fn periodic(views: &Arc<Views>, settings: &Settings) -> Vec<Arc<dyn PeriodicJob>> {
    vec![
        Arc::new(Checkpoint),
        Arc::new(Housekeeping::default()),
        // Forums: the daily digest of notifications.
        Arc::new(crate::forums::notices::DigestJob {
            views: views.clone(),
            base_url: settings.base_url.clone(),
        }),
        // Meetings: poll deadlines and meeting reminders.
        Arc::new(crate::meetings::jobs::Reminders {
            views: views.clone(),
            base_url: settings.base_url.clone(),
        }),
    ]
}

/// Keeps SQLite's write-ahead log short on every worker pass, so no request has to.
pub struct Checkpoint;

impl PeriodicJob for Checkpoint {
    fn name(&self) -> &'static str {
        "checkpoint"
    }

    fn run(&self, conn: &mut Db, _now: chrono::NaiveDateTime) -> anyhow::Result<usize> {
        crate::db::checkpoint(conn)?;
        Ok(0)
    }
}

/// Removes expired sessions and old rate-limit events, about once a minute.
#[derive(Default)]
pub struct Housekeeping {
    last: std::sync::Mutex<Option<chrono::NaiveDateTime>>,
}

impl PeriodicJob for Housekeeping {
    fn name(&self) -> &'static str {
        "housekeeping"
    }

    fn run(&self, conn: &mut Db, now: chrono::NaiveDateTime) -> anyhow::Result<usize> {
        {
            let mut last = self.last.lock().map_err(|_| anyhow::anyhow!("poisoned"))?;
            if last.is_some_and(|t| now - t < chrono::Duration::minutes(1)) {
                return Ok(0);
            }
            *last = Some(now);
        }
        Ok(crate::accounts::sessions::sweep_expired(conn)? + crate::web::rate_limit::sweep(conn)?)
    }
}
