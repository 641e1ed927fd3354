//! Work the server does on its own: closing waves whose last day has passed and materialising their
//! counts, and forgetting spent form nonces that can no longer matter. Idempotent, so several instances may run it side by side.

use std::time::Duration;

use chrono::Utc;

use super::state::AppState;
use crate::db::{closing, responses, waves};
use crate::domain::survey::wave::local_date;

/// How often the sweep runs.
pub const SWEEP_EVERY: Duration = Duration::from_secs(60);

/// One sweep: closes due waves and prunes spent tokens; returns how many waves it closed.
pub async fn sweep(state: &AppState) -> usize {
    let now = Utc::now();
    let today = local_date(now);
    let ctx = state.flag_context();
    let result = state
        .db(move |conn| {
            let closed = waves::close_due(conn, today, now.naive_utc())?;
            closing::catch_up(conn, &ctx, now.naive_utc())?;
            responses::forget_spent_tokens(conn, today)?;
            Ok(closed)
        })
        .await;
    match result {
        Ok(closed) => {
            for id in &closed {
                tracing::info!(wave = %id, "wave closed at its close date");
            }
            closed.len()
        }
        Err(error) => {
            tracing::warn!(%error, "wave sweep failed; will retry");
            0
        }
    }
}

/// Runs [`sweep`] now and then every [`SWEEP_EVERY`] on the current actix runtime.
pub fn spawn_wave_closer(state: AppState) {
    actix_web::rt::spawn(async move {
        let mut interval = actix_web::rt::time::interval(SWEEP_EVERY);
        loop {
            interval.tick().await;
            sweep(&state).await;
        }
    });
}
