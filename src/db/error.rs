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
