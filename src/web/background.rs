//! Work the server does on its own: closing waves whose last day has passed (materialising their
//! counts and running their flags), forgetting issued form nonces whose forms have expired, the trust
//! box's overdue notices and erasing its old words, and delivering queued notifications. Idempotent,
//! so several instances may run it side by side.

use std::time::Duration;

use actix_web::rt::task::JoinHandle;
use chrono::Utc;

use super::state::AppState;
use crate::app::deliver_notices::{self, Message};
use crate::app::sweep;

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

/// One delivery round: claims due messages one at a time, sends each on the blocking pool while its
/// claim is renewed, and marks it delivered, or failed with a retry time. Returns how many were
/// delivered.
pub async fn deliver_due(state: &AppState) -> usize {
    let lease = state.settings.notify.limits.lease;
    let Ok(lease_chrono) = chrono::Duration::from_std(lease) else {
        tracing::error!("outbox: the lease is too long to compute with; nothing is delivered");
        return 0;
    };
    let mut delivered = 0;
    for _ in 0..deliver_notices::DELIVERY_BATCH {
        let now = Utc::now().naive_utc();
        let message = match state.use_case(move |conn| deliver_notices::claim_next(conn, now, lease_chrono)).await {
            Ok(Some(message)) => message,
            Ok(None) => break,
            Err(error) => {
                tracing::warn!(%error, "outbox: cannot claim messages; will retry");
                break;
            }
        };
        let id = message.id;
        let sent = send_holding_claim(state, &message, lease_chrono).await;
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

/// Sends `message` on the blocking pool and, while it is on its way, renews the claim on it every
/// [`DeliveryLimits::renew_every`](crate::notify::DeliveryLimits::renew_every), so that however
/// long the server takes, no other worker takes the message meanwhile. Should the claim be lost
/// (the database unreachable for a whole lease while the server was slow), the message may be sent
/// twice; that is said in the log.
async fn send_holding_claim(state: &AppState, message: &Message, lease: chrono::Duration) -> Result<(), String> {
    let deliverer = state.deliverer.clone();
    let on_its_way = message.clone();
    let mut sending = std::pin::pin!(actix_web::web::block(move || deliverer.deliver(&on_its_way)));
    let (id, mut held) = (message.id, message.claimed_until);
    loop {
        match actix_web::rt::time::timeout(state.settings.notify.limits.renew_every(), &mut sending).await {
            Ok(Ok(sent)) => return sent.map_err(|error| error.to_string()),
            Ok(Err(error)) => return Err(error.to_string()),
            Err(_still_sending) => {
                let until = Utc::now().naive_utc() + lease;
                match state.use_case(move |conn| deliver_notices::renew(conn, id, held, until)).await {
                    Ok(Some(renewed)) => held = renewed,
                    Ok(None) => {
                        tracing::warn!(message = %id, "outbox: the claim ran out while sending; it may be sent twice")
                    }
                    Err(error) => tracing::warn!(message = %id, %error, "outbox: cannot renew the claim while sending"),
                }
            }
        }
    }
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
