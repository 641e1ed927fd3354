//! Delivering the notifications waiting in the outbox: claim one message (so two instances never send
//! the same one), send it while the claim is renewed, record whether it went or when to try again,
//! and take the next.
//!
//! One at a time, not a batch: a batch's claims were all made at once, and a server that answered
//! each message slowly (an SMTP server up to its timeout at every step) left the last ones of the
//! batch waiting until their claims ran out, when another instance took and sent them too. A claim
//! made just before its message is sent, and renewed while it is being sent, runs out only when its
//! worker has died.

use chrono::{Duration, NaiveDateTime};

use crate::db::outbox;
use crate::db::{DbConnection, DbResult};
use crate::domain::ids::OutboxId;

/// A claimed message, as the worker sends it.
pub use crate::db::outbox::Message;

/// Messages sent per round, one after another: enough to drain a flag run's notices, few enough that
/// a round ends and the next starts afresh.
pub const DELIVERY_BATCH: usize = 20;

/// Claims the next message due at `now` for `lease`, if any.
pub fn claim_next(conn: &mut DbConnection, now: NaiveDateTime, lease: Duration) -> DbResult<Option<Message>> {
    Ok(outbox::claim_due_for(conn, now, 1, lease)?.pop())
}

/// Extends the claim on message `id`, held until `held`, to `until`; `None` when it is no longer
/// this worker's (see [`outbox::renew`]).
pub fn renew(
    conn: &mut DbConnection,
    id: OutboxId,
    held: NaiveDateTime,
    until: NaiveDateTime,
) -> DbResult<Option<NaiveDateTime>> {
    outbox::renew(conn, id, held, until)
}

/// Records what sending `message` gave: delivered, or failed with the transport's error (retried
/// later, with a growing pause).
pub fn record(
    conn: &mut DbConnection,
    message: &Message,
    sent: &Result<(), String>,
    now: NaiveDateTime,
) -> DbResult<()> {
    match sent {
        Ok(()) => outbox::mark_delivered(conn, message.id, now),
        Err(error) => outbox::mark_failed(conn, message, error, now),
    }
}
