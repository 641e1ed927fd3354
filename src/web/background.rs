//! Work the server does on its own: closing waves whose last day has passed (materialising their
//! counts and running their flags), forgetting issued form nonces whose forms have expired, the trust
//! box's overdue notices and erasing its old words, and delivering queued notifications. Idempotent,
//! so several instances may run it side by side.

use std::time::Duration;

use actix_web::rt::task::JoinHandle;
use chrono::Utc;

use super::state::AppState;
use crate::app::{deliver_notices, sweep};

/// How often the sweep runs.
pub const SWEEP_EVERY: Duration = Duration::from_secs(60);

/// How often the outbox is checked for due notifications.
pub const DELIVER_EVERY: Duration = Duration::from_secs(5);

/// One sweep: closes due waves, forgets expired form nonces, queues the trust box's overdue notices
/// and erases its old words; returns how many waves it closed.
pub async fn sweep(state: &AppState) -> usize {
    let ctx = state.flag_context();
    let kept = state.settings.trust_texts_kept;
    let result = state.use_case(move |conn| sweep::run(conn, &ctx, kept, Utc::now())).await;
    match result {
        Ok(swept) => {
            for id in &swept.closed {
                tracing::info!(wave = %id, "wave closed at its close date");
            }
            let trust = swept.trust;
            if trust.overdue_notified + trust.texts_erased > 0 {
                // Counts only: a log line names no conversation.
                tracing::info!(
                    overdue = trust.overdue_notified,
                    erased = trust.texts_erased,
                    "trust box: overdue notices queued, closed conversations' words erased"
                );
            }
            swept.closed.len()
        }
        Err(error) => {
            tracing::warn!(%error, "sweep failed; will retry");
            0
        }
    }
}

/// Runs [`sweep`] now and then every [`SWEEP_EVERY`] on the current actix runtime, until the returned
/// task is aborted (the application does on shutdown).
pub fn spawn_wave_closer(state: AppState) -> JoinHandle<()> {
    actix_web::rt::spawn(async move {
        let mut interval = actix_web::rt::time::interval(SWEEP_EVERY);
        loop {
            interval.tick().await;
            sweep(&state).await;
        }
    })
}

/// One delivery round: claims due messages, delivers each on the blocking pool and marks it delivered,
/// or failed with a retry time. Returns how many were delivered.
pub async fn deliver_due(state: &AppState) -> usize {
    let claimed = match state.use_case(|conn| deliver_notices::claim(conn, Utc::now().naive_utc())).await {
        Ok(claimed) => claimed,
        Err(error) => {
            tracing::warn!(%error, "outbox: cannot claim messages; will retry");
            return 0;
        }
    };
    let mut delivered = 0;
    for message in claimed {
        let deliverer = state.deliverer.clone();
        let sent = message.clone();
        let sent = match actix_web::web::block(move || deliverer.deliver(&sent)).await {
            Ok(Ok(())) => Ok(()),
            Ok(Err(error)) => Err(error.to_string()),
            Err(error) => Err(error.to_string()),
        };
        let id = message.id;
        match &sent {
            Ok(()) => {
                delivered += 1;
                tracing::info!(message = %id, channel = message.channel.as_str(), "notification delivered");
            }
            Err(error) => tracing::warn!(message = %id, %error, "notification not delivered; will retry"),
        }
        let now = Utc::now().naive_utc();
        if let Err(error) = state.use_case(move |conn| deliver_notices::record(conn, &message, &sent, now)).await {
            tracing::warn!(message = %id, %error, "outbox: cannot record the delivery outcome");
        }
    }
    delivered
}

/// Runs [`deliver_due`] every [`DELIVER_EVERY`] on the current actix runtime, until the returned task
/// is aborted (the application does on shutdown).
pub fn spawn_outbox_worker(state: AppState) -> JoinHandle<()> {
    actix_web::rt::spawn(async move {
        let mut interval = actix_web::rt::time::interval(DELIVER_EVERY);
        loop {
            interval.tick().await;
            deliver_due(&state).await;
        }
    })
}
