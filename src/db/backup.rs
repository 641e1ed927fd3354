//! A consistent copy of a live SQLite database, for `ahual backup`.
//!
//! `VACUUM INTO` reads the database inside one read transaction, so the copy is the database as of
//! one moment: every commit before it, none after, while the pupils' writer goes on committing (in
//! WAL mode a reader never blocks the writer, nor the writer it). The copy is also compacted. It is
//! SQLite's own online copy, simpler than driving the page-by-page backup API from here, and gives
//! the same guarantee. PostgreSQL has its own tools for this (`pg_dump`; see docs/operations.md).

use std::path::Path;

use diesel::RunQueryDsl;
use diesel::sql_types::Text;

use super::DbConnection;
use super::error::DbError;

/// Why a copy was not made.
#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    /// `ahual backup` copies SQLite databases only.
    #[error("this is a PostgreSQL database: copy it with pg_dump -Fc (see docs/operations.md)")]
    Postgres,
    /// SQLite refused or failed (the target exists, its folder does not, the disk is full, …).
    #[error(transparent)]
    Db(#[from] DbError),
}

/// Writes a consistent copy of the SQLite database behind `conn` to `target`, a file that must not
/// exist yet (SQLite itself refuses to write over a database).
pub fn copy_sqlite(conn: &mut DbConnection, target: &Path) -> Result<(), BackupError> {
    let DbConnection::Sqlite(_) = conn else { return Err(BackupError::Postgres) };
    diesel::sql_query("VACUUM INTO ?")
        .bind::<Text, _>(target.to_string_lossy().into_owned())
        .execute(conn)
        .map_err(DbError::from)?;
    Ok(())
}
