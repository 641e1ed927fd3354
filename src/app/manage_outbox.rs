//! The administrator's view of the notification outbox: what waits, what failed and why, and trying
//! a message again now (audited as `outbox_retried`). Delivery itself is `deliver_notices`.

use chrono::NaiveDateTime;

use crate::db::outbox_queue;
use crate::db::{DbConnection, DbResult, audit, outbox};
use crate::domain::audit::{Actor, AuditAction};
use crate::domain::ids::{OutboxId, UserId};

/// An undelivered message as the page shows it, at most this many of them, and how many failures
/// give a message up: the outbox's own terms, which the page names.
pub use crate::db::outbox::MAX_ATTEMPTS;
pub use crate::db::outbox_queue::{LISTED, Queued, QueuedKind};

/// Where the outbox stands.
#[derive(Debug, Clone)]
pub struct OutboxOverview {
    /// Waiting (not given up), delivered (referral notices; trust box notices are deleted once
    /// delivered), given up.
    pub tally: (i64, i64, i64),
    /// The undelivered messages, oldest first.
    pub undelivered: Vec<Queued>,
}

/// The outbox as the administrator's page shows it.
pub fn overview(conn: &mut DbConnection) -> DbResult<OutboxOverview> {
    Ok(OutboxOverview { tally: outbox::tally(conn)?, undelivered: outbox_queue::undelivered(conn)? })
}

/// Makes message `id` due now, as `actor`, in one transaction with its audit entry; `false` when no
/// undelivered message has that id (delivered meanwhile, or never there).
pub fn retry(conn: &mut DbConnection, actor: UserId, id: OutboxId, now: NaiveDateTime) -> DbResult<bool> {
    crate::db::write_transaction(conn, |conn| {
        let found = outbox_queue::retry(conn, id, now)?;
        if found {
            audit::append(conn, Actor::User(actor), AuditAction::OutboxRetried, &format!("outbox:{id}"))?;
        }
        Ok(found)
    })
}
