//! Delivering the notifications waiting in the outbox: claim a batch (so two instances never send the
//! same one), send each, and record whether it went or when to try again.

use chrono::NaiveDateTime;

use crate::db::outbox::{self, Message};
use crate::db::{DbConnection, DbResult};

/// Messages claimed per round: few enough that a slow transport holds up little.
pub const DELIVERY_BATCH: i64 = 20;

/// Claims the messages due at `now`, at most [`DELIVERY_BATCH`].
pub fn claim(conn: &mut DbConnection, now: NaiveDateTime) -> DbResult<Vec<Message>> {
    outbox::claim_due(conn, now, DELIVERY_BATCH)
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
