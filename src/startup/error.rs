//! Why the application could not start: one case per step of [`super::Application::build`], each
//! keeping the error that caused it, so `ahual serve` prints the whole chain.

use std::path::PathBuf;

use thiserror::Error;

use crate::db::DbError;

/// A step of the start that failed.
#[derive(Debug, Error)]
pub enum StartupError {
    /// An instrument file in the surveys folder is invalid; every problem as `file:line: message`.
    #[error("invalid instrument files in {}:\n{problems}", dir.display())]
    Instruments {
        /// The surveys folder.
        dir: PathBuf,
        /// One line per problem.
        problems: String,
    },
    /// The database cannot be opened, migrated or given its built-in regions.
    #[error("cannot open the {backend} database {url}")]
    Database {
        /// `SQLite` or `PostgreSQL`.
        backend: &'static str,
        /// The URL without its password.
        url: String,
        /// What the database said.
        #[source]
        source: DbError,
    },
    /// The address to listen on cannot be bound.
    #[error("cannot listen on {bind}")]
    Listen {
        /// The `bind` setting.
        bind: String,
        /// What the system said.
        #[source]
        source: std::io::Error,
    },
    /// The HTTP server refused its settings or its listener.
    #[error("cannot start the HTTP server")]
    Server(#[source] std::io::Error),
}
