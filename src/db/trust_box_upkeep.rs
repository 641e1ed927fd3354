//! What the scheduler's sweep does to the trust box's rows: finds the conversations whose deadline
//! passed without its notice and marks each deadline notified, once, whichever instance comes first;
//! and erases the words of conversations closed long enough ago, keeping every other column (status,
//! outcome, times, counts), which the figures are made of. Queries only: when a deadline has passed
//! and how long words are kept are the domain's (`domain::trust_box::{deadline, retention}`).

use chrono::NaiveDateTime;
use diesel::connection::SimpleConnection;
use diesel::prelude::*;

use super::error::DbResult;
use super::schema::{trust_conversations, trust_messages};
use super::trust_box::ConversationRow;
use super::{DbConnection, write_transaction};
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

/// Erases the words of up to [`SWEEP_BATCH`] conversations closed before `cutoff` whose words are
/// still kept, and dates the erasure `now` (both Kazakhstan time, as the conversation's times are);
/// how many conversations it erased. Every message row stays, with its kind, author and time: only
/// its sealed words become `NULL`. On SQLite the freed bytes are overwritten (`secure_delete`), not
/// left in the file's free space, and the write-ahead log is emptied into the file; PostgreSQL keeps
/// the old row versions until its vacuum reuses their space (`docs/privacy.md`).
pub fn erase_texts_closed_before(
    conn: &mut DbConnection,
    cutoff: NaiveDateTime,
    now: NaiveDateTime,
) -> DbResult<usize> {
    let zeroing = matches!(conn, DbConnection::Sqlite(_));
    if zeroing {
        conn.batch_execute("PRAGMA secure_delete = ON")?;
    }
    let erased = write_transaction(conn, |conn| {
        let ids: Vec<ConversationId> = trust_conversations::table
            .filter(trust_conversations::closed_at.lt(cutoff))
            .filter(trust_conversations::texts_deleted_at.is_null())
            .order(trust_conversations::closed_at)
            .limit(SWEEP_BATCH)
            .select(trust_conversations::id)
            .load(conn)?;
        if ids.is_empty() {
            return Ok(0);
        }
        diesel::update(trust_messages::table.filter(trust_messages::conversation_id.eq_any(&ids)))
            .set(trust_messages::sealed.eq(None::<Vec<u8>>))
            .execute(conn)?;
        diesel::update(trust_conversations::table.filter(trust_conversations::id.eq_any(&ids)))
            .set(trust_conversations::texts_deleted_at.eq(now))
            .execute(conn)
    });
    if zeroing {
        conn.batch_execute("PRAGMA secure_delete = OFF")?;
        // The write-ahead log still holds the pages as they were before: copy the zeroed ones into
        // the file and empty the log. Best effort: with a reader in the way the log empties later.
        if erased.as_ref().is_ok_and(|n| *n > 0) {
            conn.batch_execute("PRAGMA wal_checkpoint(TRUNCATE)")?;
        }
    }
    Ok(erased?)
}
