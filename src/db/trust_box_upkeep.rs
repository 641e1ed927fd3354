//! What the scheduler's sweep does to the trust box's rows: finds the conversations whose deadline
//! passed without its notice and marks each deadline notified, once, whichever instance comes first.
//! Queries only: when a deadline has passed is the domain's (`domain::trust_box::deadline`).

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::DbConnection;
use super::error::DbResult;
use super::schema::trust_conversations;
use super::trust_box::ConversationRow;
use crate::domain::ids::ConversationId;
use crate::domain::trust_box::lifecycle::Status;
use crate::domain::trust_box::record::ConversationRecord;

/// Most conversations one step of a sweep takes up, so that a backlog (after a deployment was down)
/// is worked through in short transactions, the rest at the next sweep.
pub const SWEEP_BATCH: i64 = 200;

/// Conversations owing an answer (new or read) whose deadline passed before `now` (Kazakhstan time)
/// and has not been notified: at most [`SWEEP_BATCH`], the longest overdue first.
pub fn overdue_unnotified(conn: &mut DbConnection, now: NaiveDateTime) -> DbResult<Vec<ConversationRecord>> {
    let notified = trust_conversations::overdue_notified_for;
    let rows: Vec<ConversationRow> = trust_conversations::table
        .filter(trust_conversations::status.eq_any([Status::New.code(), Status::Read.code()]))
        .filter(trust_conversations::due_at.lt(now))
        .filter(notified.is_null().or(notified.ne(trust_conversations::due_at)))
        .order(trust_conversations::due_at)
        .limit(SWEEP_BATCH)
        .select(ConversationRow::as_select())
        .load(conn)?;
    rows.into_iter().map(ConversationRow::into_record).collect()
}

/// Marks the passing of deadline `due` of conversation `id` notified; `false` when it already was (by
/// another instance's sweep) or the deadline has changed since it was read (the pupil wrote again, or
/// staff answered), so the caller queues nothing.
pub fn note_overdue_notified(conn: &mut DbConnection, id: ConversationId, due: NaiveDateTime) -> DbResult<bool> {
    let notified = trust_conversations::overdue_notified_for;
    let changed = diesel::update(
        trust_conversations::table
            .find(id)
            .filter(trust_conversations::due_at.eq(due))
            .filter(notified.is_null().or(notified.ne(due))),
    )
    .set(notified.eq(due))
    .execute(conn)?;
    Ok(changed == 1)
}
