//! The background sender. Any number of processes may run it: claims are atomic, so an
//! email is never sent twice by two workers; an email whose worker died is picked up again
//! when its lease runs out.

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::watch;

use super::mailer::Mailer;
use super::outbox;
use crate::db::{write_tx, Pool};

/// Work that falls due with time (reminders, digests): run by every worker on each pass.
/// A job must be safe to run on several nodes at once: it claims what it sends by
/// updating the row that records it (e.g. `reminded_at IS NULL`) in the same transaction
/// that queues the email.
pub trait PeriodicJob: Send + Sync {
    fn name(&self) -> &'static str;
    /// Does whatever is due at `now`; returns how many things it did.
    fn run(&self, conn: &mut crate::db::Db, now: chrono::NaiveDateTime) -> anyhow::Result<usize>;
}

pub struct Worker {
    pub pool: Pool,
    pub mailer: Arc<Mailer>,
    pub from: String,
    pub max_attempts: i32,
    pub poll: Duration,
    pub retry_scale: f64,
    pub name: String,
    pub jobs: Vec<Arc<dyn PeriodicJob>>,
}

impl Worker {
    /// Runs the periodic jobs, then sends everything due now; returns how many emails were
    /// sent. Blocking.
    pub fn run_once(&self) -> anyhow::Result<usize> {
        let mut conn = self.pool.get()?;
        let now = crate::now();
        for job in &self.jobs {
            if let Err(e) = job.run(&mut conn, now) {
                tracing::error!(job = job.name(), error = ?e, "periodic job failed");
            }
        }
        let claimed = write_tx(&mut conn, |c| outbox::claim(c, &self.name, 20))?;
        let mut sent = 0;
        for email in &claimed {
            match self.mailer.send(&self.from, email) {
                Ok(()) => {
                    outbox::mark_sent(&mut conn, email.id, &self.name)?;
                    sent += 1;
                    tracing::info!(email = email.id, attempt = email.attempts, "email sent");
                }
                Err(e) => {
                    // The error text is about delivery (server, address), never the body.
                    tracing::warn!(email = email.id, attempt = email.attempts, error = %e, "email not sent");
                    outbox::mark_failed(
                        &mut conn,
                        email,
                        &self.name,
                        &e.to_string(),
                        self.max_attempts,
                        self.retry_scale,
                    )?;
                }
            }
        }
        Ok(sent)
    }

    /// Polls until `stop` turns true, finishing the batch in hand first.
    pub async fn run(self: Arc<Self>, mut stop: watch::Receiver<bool>) {
        tracing::info!(worker = %self.name, via = %self.mailer.describe(), "email worker started");
        loop {
            let me = self.clone();
            match tokio::task::spawn_blocking(move || me.run_once()).await {
                Ok(Ok(_)) => {}
                Ok(Err(e)) => tracing::error!(error = ?e, "email worker pass failed"),
                Err(e) => tracing::error!(error = %e, "email worker task failed"),
            }
            tokio::select! {
                _ = tokio::time::sleep(self.poll) => {}
                _ = stop.changed() => {}
            }
            if *stop.borrow() {
                tracing::info!("email worker stopped");
                return;
            }
        }
    }
}
