//! Why a use case could not give its answer. The web layer turns each case into a status and a page
//! (see `web::errors`); the command line prints it.

use thiserror::Error;

use crate::db::DbError;

/// What went wrong inside a use case.
#[derive(Debug, Error)]
pub enum UseCaseError {
    /// The database failed, or found nothing (`DbError::NotFound`, a 404 at the web edge).
    #[error(transparent)]
    Db(#[from] DbError),
    /// A stored wave names a questionnaire version this process has not loaded: the deployment's
    /// `surveys/` folder lost a version that data still uses.
    #[error("questionnaire {0} is not loaded")]
    NotLoaded(String),
    /// Something this process does not expect to fail did (a cipher that cannot seal); the text
    /// says what, and goes to the log only.
    #[error("{0}")]
    Invariant(&'static str),
    /// The disclosure engine refused counts the database holds, which breaks an invariant (a class
    /// above its roll cannot be stored); `what` names the figures being made.
    #[error("{what}")]
    Refused {
        /// The figures being made.
        what: &'static str,
        /// The engine's reason.
        #[source]
        source: Box<dyn std::error::Error + Send + Sync + 'static>,
    },
}

impl UseCaseError {
    /// The engine refused `what`'s counts because of `source`.
    pub fn refused(what: &'static str, source: impl std::error::Error + Send + Sync + 'static) -> UseCaseError {
        UseCaseError::Refused { what, source: Box::new(source) }
    }
}

/// A use case's answer, or why there is none.
pub type UseCaseResult<T> = Result<T, UseCaseError>;

/// `stored`, with a taken unique key (a duplicate label, code or login) turned into the use case's
/// own `refusal`, so a caller tells a person's mistake from a failure without naming `DbError`.
pub(crate) fn refuse_duplicate<T, R>(stored: Result<T, DbError>, refusal: R) -> Result<Result<T, R>, DbError> {
    match stored {
        Ok(value) => Ok(Ok(value)),
        Err(DbError::Duplicate(_)) => Ok(Err(refusal)),
        Err(other) => Err(other),
    }
}
