//! Appending to and verifying the audit chain. Appends are serialised by the primary key: when two
//! instances append at once, one insert fails and retries on the new head.

use chrono::Utc;
use diesel::prelude::*;

use super::DbConnection;
use super::error::{DbError, DbResult};
use super::schema::audit_log;
use crate::domain::audit::{AuditEntry, BrokenLink, ChainVerifier, GENESIS, chain_time, link_hash};

/// How many times an append retries after losing a race for the next sequence number.
const APPEND_ATTEMPTS: usize = 8;

fn try_append(conn: &mut DbConnection, actor: &str, action: &str, subject: &str) -> DbResult<i64> {
    super::write_transaction(conn, |conn| {
        let head: Option<(i64, String)> = audit_log::table
            .order(audit_log::seq.desc())
            .select((audit_log::seq, audit_log::hash))
            .first(conn)
            .optional()?;
        let (last, prev) = head.unwrap_or((0, GENESIS.to_owned()));
        let entry = AuditEntry {
            seq: last + 1,
            at: chain_time(Utc::now().naive_utc()),
            actor: actor.to_owned(),
            action: action.to_owned(),
            subject: subject.to_owned(),
        };
        let hash = link_hash(&prev, &entry);
        diesel::insert_into(audit_log::table)
            .values((
                audit_log::seq.eq(entry.seq),
                audit_log::at.eq(entry.at),
                audit_log::actor.eq(&entry.actor),
                audit_log::action.eq(&entry.action),
                audit_log::subject.eq(&entry.subject),
                audit_log::prev_hash.eq(&prev),
                audit_log::hash.eq(&hash),
            ))
            .execute(conn)?;
        Ok(entry.seq)
    })
}

/// Records that `actor` did `action` on `subject`; returns the entry's sequence number.
pub fn append(conn: &mut DbConnection, actor: &str, action: &str, subject: &str) -> DbResult<i64> {
    let mut last_error = None;
    for attempt in 0..APPEND_ATTEMPTS {
        match try_append(conn, actor, action, subject) {
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

/// The newest entries, for the administrator's view of the log.
pub fn recent(conn: &mut DbConnection, limit: i64) -> DbResult<Vec<AuditEntry>> {
    let rows: Vec<(i64, chrono::NaiveDateTime, String, String, String)> = audit_log::table
        .order(audit_log::seq.desc())
        .limit(limit)
        .select((audit_log::seq, audit_log::at, audit_log::actor, audit_log::action, audit_log::subject))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(seq, at, actor, action, subject)| AuditEntry { seq, at, actor, action, subject })
        .collect())
}
