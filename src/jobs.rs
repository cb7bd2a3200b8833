//! The periodic jobs every email worker runs (reminders, digests), listed in one place.

use std::sync::Arc;

use crate::config::Settings;
use crate::notify::worker::PeriodicJob;
use crate::web::Views;

/// Each domain with work that falls due adds its job here.
pub fn periodic(views: &Arc<Views>, settings: &Settings) -> Vec<Arc<dyn PeriodicJob>> {
    vec![
        // Forums: the daily digest of notifications.
        Arc::new(crate::forums::notices::DigestJob {
            views: views.clone(),
            base_url: settings.base_url.clone(),
        }),
    ]
}
