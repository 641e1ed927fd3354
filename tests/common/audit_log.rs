//! Reading the audit log in tests: a mark before an action, then exactly what was recorded after it,
//! as `(actor, action, subject)` triples; and every entry's text, to show what never reaches the log.
#![allow(dead_code, clippy::unwrap_used)]

use ahual::db::{DbConnection, audit};

/// One recorded entry without its time and sequence number.
pub type Entry = (String, String, String);

/// The sequence number of the newest entry (0 for an empty log).
pub fn mark(conn: &mut DbConnection) -> i64 {
    audit::recent(conn, 1).unwrap().first().map_or(0, |e| e.seq)
}

/// The entries recorded after `mark`, oldest first.
pub fn since(conn: &mut DbConnection, mark: i64) -> Vec<Entry> {
    audit::after(conn, mark).unwrap().into_iter().map(|e| (e.actor, e.action, e.subject)).collect()
}

/// An expected entry.
pub fn entry(actor: impl ToString, action: &str, subject: impl ToString) -> Entry {
    (actor.to_string(), action.to_owned(), subject.to_string())
}

/// Every actor, action and subject in the log, one entry a line.
pub fn all_text(conn: &mut DbConnection) -> String {
    since(conn, 0).into_iter().map(|(actor, action, subject)| format!("{actor} {action} {subject}\n")).collect()
}

/// Fails unless every entry links to the one before it.
pub fn assert_chain_intact(conn: &mut DbConnection) {
    let checked = audit::verify(conn).unwrap();
    assert!(checked.is_ok(), "the audit chain is broken: {checked:?}");
}
