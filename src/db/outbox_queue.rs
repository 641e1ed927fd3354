//! What the administrator's outbox page reads and does: the messages not delivered yet, with where
//! they go, how often they failed and why, and the one change it makes, trying a message again now.
//! Never a subject or a body: a referral's notice names its school, and the administrator sees no
//! referral (docs/design.md); the kind of message and its day are enough to find a fault.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use super::DbConnection;
use super::error::DbResult;
use super::outbox::MAX_ATTEMPTS;
use super::schema::outbox;
use crate::domain::ids::OutboxId;

/// Most messages the page lists (oldest first); a deployment with more undelivered messages has a
/// fault the first page already shows.
pub const LISTED: i64 = 200;

/// An undelivered message as the administrator sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Queued {
    /// Its id, for the retry button.
    pub id: OutboxId,
    /// What it is about (a referral's notice, a trust box notice, or one to a staff account).
    pub kind: QueuedKind,
    /// `email` or `webhook`.
    pub channel: String,
    /// Where it goes.
    pub recipient: String,
    /// The day it was queued (a finer time would tell when a pupil wrote).
    pub queued_on: NaiveDate,
    /// Failed attempts so far. When the next is due is not shown: for a trust box notice it would
    /// tell the minute its pupil wrote (the first failure comes seconds after).
    pub attempts: i32,
    /// The last attempt's error.
    pub last_error: Option<String>,
}

/// What an undelivered message is about, as the outbox page names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QueuedKind {
    /// A new referral, to its centre.
    Referral,
    /// A trust box conversation, to its desk.
    TrustBox,
    /// A reset of a staff account's password or second factor, to its owner.
    Account,
}

impl Queued {
    /// Whether the worker stopped trying ([`MAX_ATTEMPTS`] failures).
    pub fn given_up(&self) -> bool {
        self.attempts >= MAX_ATTEMPTS
    }
}

type Row = (OutboxId, Option<String>, Option<String>, String, String, NaiveDateTime, i32, Option<String>);

/// The undelivered messages, oldest first, at most [`LISTED`].
pub fn undelivered(conn: &mut DbConnection) -> DbResult<Vec<Queued>> {
    let rows: Vec<Row> = outbox::table
        .filter(outbox::delivered_at.is_null())
        .order((outbox::created_at, outbox::id))
        .limit(LISTED)
        .select((
            outbox::id,
            outbox::conversation_id,
            outbox::account_id,
            outbox::channel,
            outbox::recipient,
            outbox::created_at,
            outbox::attempts,
            outbox::last_error,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(id, conversation, account, channel, recipient, created_at, attempts, last_error)| Queued {
            id,
            kind: match (conversation, account) {
                (Some(_), _) => QueuedKind::TrustBox,
                (None, Some(_)) => QueuedKind::Account,
                (None, None) => QueuedKind::Referral,
            },
            channel,
            recipient,
            queued_on: created_at.date(),
            attempts,
            last_error,
        })
        .collect())
}

/// Makes an undelivered message due at `now`; one given up gets one more attempt (if that fails too
/// it is given up again, with its new error). Whether such a message was found.
pub fn retry(conn: &mut DbConnection, id: OutboxId, now: NaiveDateTime) -> DbResult<bool> {
    let found: Option<i32> = outbox::table
        .find(id)
        .filter(outbox::delivered_at.is_null())
        .select(outbox::attempts)
        .first(conn)
        .optional()?;
    let Some(attempts) = found else { return Ok(false) };
    let changed = diesel::update(outbox::table.find(id).filter(outbox::delivered_at.is_null()))
        .set((outbox::next_attempt_at.eq(now), outbox::attempts.eq(attempts.min(MAX_ATTEMPTS - 1))))
        .execute(conn)?;
    Ok(changed == 1)
}
