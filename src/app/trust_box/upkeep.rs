//! The trust box's part of the scheduler's sweep (`app::sweep`): overdue notices, once per deadline
//! ([`super::notices::queue_overdue`]). Idempotent, so several instances may sweep side by side.

use chrono::{DateTime, Utc};

use super::notices;
use crate::db::{DbConnection, DbResult};
use crate::notify::NotifyPlan;

/// What one sweep did to the trust box: counts only (a log line names no conversation).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TrustSweep {
    /// Conversations whose overdue notice was queued.
    pub overdue_notified: usize,
}

/// Queues the overdue notices due at `now`.
pub fn sweep(conn: &mut DbConnection, plan: &NotifyPlan, now: DateTime<Utc>) -> DbResult<TrustSweep> {
    let overdue_notified = notices::queue_overdue(conn, plan, now)?;
    Ok(TrustSweep { overdue_notified })
}
