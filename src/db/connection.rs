//! Connections for both backends behind one type, a pool, per-connection SQLite settings, and the
//! embedded migrations for each dialect.

use std::time::Duration;

use diesel::pg::PgConnection;
use diesel::prelude::*;
use diesel::r2d2::{self, ManageConnection};
use diesel::sqlite::SqliteConnection;
use diesel_migrations::{EmbeddedMigrations, MigrationHarness, embed_migrations};

use super::error::{DbError, DbResult};
use crate::config::DatabaseUrl;

const SQLITE_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations/sqlite");
const POSTGRES_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations/postgres");

/// A connection to either backend; queries written once run on both.
#[derive(diesel::MultiConnection)]
pub enum DbConnection {
    /// PostgreSQL, for regions and the country.
    Postgresql(PgConnection),
    /// SQLite, the embedded default.
    Sqlite(SqliteConnection),
}

/// Opens connections for the pool, choosing the backend from the URL so that the real connection error
/// (not diesel's generic "invalid connection url") reaches the operator.
#[derive(Debug, Clone)]
pub struct Manager {
    url: DatabaseUrl,
}

impl ManageConnection for Manager {
    type Connection = DbConnection;
    type Error = diesel::r2d2::Error;

    fn connect(&self) -> Result<DbConnection, Self::Error> {
        let conn = match &self.url {
            DatabaseUrl::Postgres(url) => DbConnection::Postgresql(PgConnection::establish(url)?),
            DatabaseUrl::Sqlite(path) => {
                let mut conn = SqliteConnection::establish(&path.to_string_lossy())?;
                // WAL lets readers work while a pupil's answer is written; FULL makes every acknowledged
                // submission durable before "thank you"; the busy timeout queues writers instead of failing.
                diesel::sql_query(
                    "PRAGMA busy_timeout = 10000; PRAGMA journal_mode = WAL; \
                     PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;",
                )
                .execute(&mut conn)
                .map_err(diesel::r2d2::Error::QueryError)?;
                DbConnection::Sqlite(conn)
            }
        };
        Ok(conn)
    }

    fn is_valid(&self, conn: &mut DbConnection) -> Result<(), Self::Error> {
        diesel::sql_query("SELECT 1").execute(conn).map(|_| ()).map_err(diesel::r2d2::Error::QueryError)
    }

    fn has_broken(&self, _conn: &mut DbConnection) -> bool {
        false
    }
}

/// The shared pool of connections.
pub type Pool = r2d2::Pool<Manager>;
/// One connection borrowed from the pool.
pub type PooledConnection = r2d2::PooledConnection<Manager>;

/// Builds a pool and checks that the database answers.
pub fn connect(url: &DatabaseUrl, max_size: u32) -> DbResult<Pool> {
    let pool = r2d2::Pool::builder()
        .max_size(max_size)
        .min_idle(Some(1))
        .connection_timeout(Duration::from_secs(10))
        .build(Manager { url: url.clone() })?;
    Ok(pool)
}

/// Trades per-commit durability for speed on this one connection, for bulk loads that can be run
/// again from scratch (`ahual synth`): SQLite stops syncing each commit and keeps a 256 MB page cache;
/// PostgreSQL stops waiting for each commit's WAL flush. Neither can corrupt the database on a crash:
/// at worst the last commits are lost. Never used for pupils' submissions.
pub fn bulk_load_mode(conn: &mut DbConnection) -> DbResult<()> {
    let sql = match conn {
        DbConnection::Postgresql(_) => "SET synchronous_commit = off",
        DbConnection::Sqlite(_) => "PRAGMA synchronous = OFF; PRAGMA cache_size = -262144;",
    };
    diesel::sql_query(sql).execute(conn)?;
    Ok(())
}

/// Applies every pending migration of the backend's dialect; returns how many ran.
pub fn migrate(conn: &mut DbConnection) -> DbResult<usize> {
    let applied = match conn {
        DbConnection::Postgresql(pg) => pg.run_pending_migrations(POSTGRES_MIGRATIONS).map(|v| v.len()),
        DbConnection::Sqlite(sqlite) => sqlite.run_pending_migrations(SQLITE_MIGRATIONS).map(|v| v.len()),
    };
    applied.map_err(|e| DbError::Corrupt(format!("migration failed: {e}")))
}
