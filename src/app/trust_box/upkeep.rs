//! The trust box's part of the scheduler's sweep (`app::sweep`): overdue notices, once per deadline
//! ([`super::notices::queue_overdue`]), and erasing the words of conversations closed longer ago than
//! the deployment keeps them (`domain::trust_box::retention`). Idempotent, so several instances may
//! sweep side by side.

use chrono::{DateTime, Utc};

use super::notices;
use crate::db::trust_box_upkeep::{self, SWEEP_BATCH};
use crate::db::{DbConnection, DbResult};
use crate::domain::survey::wave::local_time;
use crate::domain::trust_box::retention::TextsKept;
use crate::notify::NotifyPlan;

/// What one sweep did to the trust box: counts only (a log line names no conversation).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TrustSweep {
    /// Conversations whose overdue notice was queued.
    pub overdue_notified: usize,
    /// Conversations whose words were erased.
    pub texts_erased: usize,
}

/// Queues the overdue notices due at `now` and erases the words `kept` no longer covers.
pub fn sweep(conn: &mut DbConnection, plan: &NotifyPlan, kept: TextsKept, now: DateTime<Utc>) -> DbResult<TrustSweep> {
    let overdue_notified = notices::queue_overdue(conn, plan, now)?;
    let texts_erased = erase_old_texts(conn, kept, now)?;
    Ok(TrustSweep { overdue_notified, texts_erased })
}

/// Erases the words of every conversation closed more than `kept` days before `now`, a batch at a
/// time (each batch marks its conversations erased, so the loop ends); how many conversations.
pub fn erase_old_texts(conn: &mut DbConnection, kept: TextsKept, now: DateTime<Utc>) -> DbResult<usize> {
    let local = local_time(now);
    let mut erased = 0;
    loop {
        let batch = trust_box_upkeep::erase_texts_closed_before(conn, kept.cutoff(local), local)?;
        erased += batch;
        if batch < usize::try_from(SWEEP_BATCH).unwrap_or(usize::MAX) {
            return Ok(erased);
        }
    }
}
