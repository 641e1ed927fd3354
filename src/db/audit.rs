//! Appending to and verifying the audit chain. Appends are serialised by the primary key: when two
//! instances append at once, one insert fails and retries on the new head.

use chrono::{NaiveDateTime, Utc};
use diesel::prelude::*;

use super::DbConnection;
use super::batch::insert_rows;
use super::error::{DbError, DbResult};
use super::schema::audit_log;
use crate::domain::audit::{Actor, AuditAction, AuditEntry, BrokenLink, ChainVerifier, GENESIS, chain_time, link_hash};

/// How many times an append retries after losing a race for the next sequence number.
const APPEND_ATTEMPTS: usize = 8;

#[derive(Insertable)]
#[diesel(table_name = audit_log)]
struct AuditRow<'a> {
    seq: i64,
    at: NaiveDateTime,
    actor: &'a str,
    action: &'a str,
    subject: &'a str,
    prev_hash: String,
    hash: String,
}

/// Links `subjects` after the chain's current head and inserts them in one statement per chunk;
/// returns the last sequence number.
fn try_append(conn: &mut DbConnection, actor: &str, action: AuditAction, subjects: &[&str]) -> DbResult<i64> {
    let action = action.as_str();
    super::write_transaction(conn, |conn| {
        let head: Option<(i64, String)> = audit_log::table
            .order(audit_log::seq.desc())
            .select((audit_log::seq, audit_log::hash))
            .first(conn)
            .optional()?;
        let (mut last, mut prev) = head.unwrap_or((0, GENESIS.to_owned()));
        let at = chain_time(Utc::now().naive_utc());
        let mut rows = Vec::with_capacity(subjects.len());
        for subject in subjects {
            let entry = AuditEntry {
                seq: last + 1,
                at,
                actor: actor.to_owned(),
                action: action.to_owned(),
                subject: (*subject).to_owned(),
            };
            let hash = link_hash(&prev, &entry);
            let prev_hash = std::mem::replace(&mut prev, hash.clone());
            rows.push(AuditRow { seq: entry.seq, at, actor, action, subject, prev_hash, hash });
            last = entry.seq;
        }
        insert_rows!(conn, audit_log::table, rows)?;
        Ok(last)
    })
}

/// Runs `try_append`, retrying on the new head after losing a race for the next sequence number.
fn append_retrying(conn: &mut DbConnection, actor: &str, action: AuditAction, subjects: &[&str]) -> DbResult<i64> {
    let mut last_error = None;
    for attempt in 0..APPEND_ATTEMPTS {
        match try_append(conn, actor, action, subjects) {
            Ok(seq) => return Ok(seq),
            Err(error @ (DbError::Duplicate(_) | DbError::Query(_))) => {
                last_error = Some(error);
                std::thread::sleep(std::time::Duration::from_millis(5 * (attempt as u64 + 1)));
            }
            Err(other) => return Err(other),
        }
    }
    Err(last_error.unwrap_or(DbError::Corrupt("audit append failed".into())))
}

/// Records that `actor` did `action` on `subject`; returns the entry's sequence number.
pub fn append(conn: &mut DbConnection, actor: Actor, action: AuditAction, subject: &str) -> DbResult<i64> {
    append_retrying(conn, &actor.to_string(), action, &[subject])
}

/// Records that `actor` did `action` on each of `subjects`, as consecutive entries in that order: the
/// same chain as one [`append`] per subject, but one read of the head and one insert per chunk, so a
/// flag run that creates hundreds of referrals does not pay two round trips for each entry.
pub fn append_all(conn: &mut DbConnection, actor: Actor, action: AuditAction, subjects: &[&str]) -> DbResult<()> {
    if !subjects.is_empty() {
        append_retrying(conn, &actor.to_string(), action, subjects)?;
    }
    Ok(())
}

/// Walks the whole chain; `Ok(n)` when all `n` entries link, else the first broken one.
pub fn verify(conn: &mut DbConnection) -> DbResult<Result<i64, BrokenLink>> {
    let mut verifier = ChainVerifier::default();
    let mut after = 0_i64;
    loop {
        let rows: Vec<(i64, chrono::NaiveDateTime, String, String, String, String, String)> =
            audit_log::table.filter(audit_log::seq.gt(after)).order(audit_log::seq).limit(1000).load(conn)?;
        let Some(last) = rows.last().map(|r| r.0) else { return Ok(Ok(verifier.checked())) };
        for (seq, at, actor, action, subject, prev, hash) in rows {
            let entry = AuditEntry { seq, at, actor, action, subject };
            if let Err(broken) = verifier.check(&entry, &prev, &hash) {
                return Ok(Err(broken));
            }
        }
        after = last;
    }
}

/// An entry as read for display: sequence number, time, actor, action, subject (no hashes).
type EntryColumns = (i64, NaiveDateTime, String, String, String);

fn entries(rows: Vec<EntryColumns>) -> Vec<AuditEntry> {
    rows.into_iter().map(|(seq, at, actor, action, subject)| AuditEntry { seq, at, actor, action, subject }).collect()
}

/// The entries after sequence number `seq`, oldest first: what was recorded since a known point.
pub fn after(conn: &mut DbConnection, seq: i64) -> DbResult<Vec<AuditEntry>> {
    let rows: Vec<EntryColumns> = audit_log::table
        .filter(audit_log::seq.gt(seq))
        .order(audit_log::seq)
        .select((audit_log::seq, audit_log::at, audit_log::actor, audit_log::action, audit_log::subject))
        .load(conn)?;
    Ok(entries(rows))
}

/// The newest entries, for the administrator's view of the log.
pub fn recent(conn: &mut DbConnection, limit: i64) -> DbResult<Vec<AuditEntry>> {
    let rows: Vec<EntryColumns> = audit_log::table
        .order(audit_log::seq.desc())
        .limit(limit)
        .select((audit_log::seq, audit_log::at, audit_log::actor, audit_log::action, audit_log::subject))
        .load(conn)?;
    Ok(entries(rows))
}
