//! The persistence error type. Callers match on the meaningful cases (not found, duplicate); anything
//! else is an internal failure whose text goes to the log, never to a user.

use diesel::result::{DatabaseErrorKind, Error as DieselError};
use thiserror::Error;

/// Why a database operation failed.
#[derive(Debug, Error)]
pub enum DbError {
    /// No row matched (a 404 at the web edge).
    #[error("not found")]
    NotFound,
    /// A unique key already exists (such as a school code or a login).
    #[error("duplicate: {0}")]
    Duplicate(String),
    /// The school already has a wave in the reporting period of the one asked for: one wave per
    /// school and period, so two waves never describe overlapping pupils (see `domain::period`).
    #[error("the school already has a wave in this reporting period")]
    PeriodTaken,
    /// No connection could be had from the pool.
    #[error("database unavailable: {0}")]
    Pool(#[from] diesel::r2d2::PoolError),
    /// Any other database failure.
    #[error("database error: {0}")]
    Query(DieselError),
    /// Stored data that breaks an invariant (for example a role without its scope).
    #[error("corrupt row: {0}")]
    Corrupt(String),
    /// The thread that stores submissions (or the blocking pool) failed before answering.
    #[error("submission writer: {0}")]
    Writer(String),
}

impl From<DieselError> for DbError {
    fn from(error: DieselError) -> Self {
        match error {
            DieselError::NotFound => DbError::NotFound,
            DieselError::DatabaseError(DatabaseErrorKind::UniqueViolation, info) => {
                DbError::Duplicate(info.message().to_owned())
            }
            // A stored value that is not what its column promises (an id that is not a UUID, say).
            DieselError::DeserializationError(cause) => DbError::Corrupt(with_causes(&*cause)),
            other => DbError::Query(other),
        }
    }
}

impl DbError {
    /// Whether the database could not take the work just now, so that the same request may well
    /// succeed in a minute: no connection to be had (PostgreSQL restarting, say), a connection cut
    /// under the query, the disk full (SQLite's `SQLITE_FULL`), the file locked past the busy
    /// timeout, or the submission writer failing a batch. The web edge answers these with a "try
    /// again" page and 503 rather than a 500 that blames the code; their causes still go to the log.
    pub fn is_unavailable(&self) -> bool {
        match self {
            DbError::Pool(_) | DbError::Writer(_) => true,
            DbError::Query(DieselError::DatabaseError(kind, info)) => {
                matches!(kind, DatabaseErrorKind::ClosedConnection | DatabaseErrorKind::UnableToSendCommand)
                    || SQLITE_TRANSIENT.contains(&info.message())
            }
            _ => false,
        }
    }
}

/// SQLite's texts for `SQLITE_FULL` and `SQLITE_BUSY` (its `sqlite3_errstr`), which diesel passes
/// on with no kind of their own.
const SQLITE_TRANSIENT: [&str; 2] = ["database or disk is full", "database is locked"];

/// The error's text followed by each of its causes' (diesel names the field; its cause says what
/// was wrong with the value).
fn with_causes(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut cause = error.source();
    while let Some(next) = cause {
        text.push_str(": ");
        text.push_str(&next.to_string());
        cause = next.source();
    }
    text
}

/// Shorthand for results of this layer.
pub type DbResult<T> = Result<T, DbError>;

#[cfg(test)]
mod tests {
    use diesel::connection::SimpleConnection;
    use diesel::prelude::*;

    use super::*;

    /// A real `SQLITE_FULL`: SQLite's page limit answers exactly as a full disk does.
    #[test]
    fn a_full_sqlite_database_is_unavailable_and_a_duplicate_is_not() {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut conn = SqliteConnection::establish(&dir.path().join("full.db").to_string_lossy()).expect("open");
        conn.batch_execute("CREATE TABLE t (v TEXT PRIMARY KEY); PRAGMA max_page_count = 4;").expect("set up");
        let full = (0..100)
            .find_map(|_| conn.batch_execute("INSERT INTO t VALUES (hex(randomblob(2000)));").err())
            .expect("four pages fill up");
        assert!(DbError::from(full).is_unavailable());
        conn.batch_execute("PRAGMA max_page_count = 1000; INSERT INTO t VALUES ('x');").expect("room again");
        let duplicate = conn.batch_execute("INSERT INTO t VALUES ('x');").expect_err("a duplicate");
        assert!(!DbError::from(duplicate).is_unavailable());
        assert!(!DbError::NotFound.is_unavailable());
        assert!(DbError::Writer("it failed on this batch".into()).is_unavailable());
    }
}
