//! Connections for both backends behind one type, a pool, per-connection SQLite settings, and the
//! embedded migrations for each dialect.

use std::sync::Arc;
use std::time::Duration;

use diesel::connection::SimpleConnection;
use diesel::pg::PgConnection;
use diesel::prelude::*;
use diesel::r2d2::{self, ManageConnection};
use diesel::sqlite::SqliteConnection;
use diesel_migrations::{EmbeddedMigrations, MigrationHarness, embed_migrations};
use scheduled_thread_pool::{OnPoolDropBehavior, ScheduledThreadPool};

use super::error::{DbError, DbResult};
use super::liveness::{Liveness, TRUSTED_WHILE_IDLE};
use super::outage_log::PoolErrors;
use super::url::DatabaseUrl;

const SQLITE_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations/sqlite");
const POSTGRES_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations/postgres");

/// Per-connection SQLite settings (see `Manager::connect`). `journal_size_limit` (128 MB, twice what
/// `checkpoint::RESTART_FRAMES` lets the WAL reach before it is rewound) cuts the WAL file back at a
/// rewind should it have grown past that.
const SQLITE_SETTINGS: &str = "PRAGMA busy_timeout = 10000; PRAGMA journal_mode = WAL; \
     PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA journal_size_limit = 134217728;";

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
            DatabaseUrl::Postgres(url) => {
                let mut pg = PgConnection::establish(url)?;
                pg.set_instrumentation(Liveness::new());
                DbConnection::Postgresql(pg)
            }
            DatabaseUrl::Sqlite(path) => {
                let mut conn = SqliteConnection::establish(&path.to_string_lossy())?;
                // WAL lets readers work while a pupil's answer is written; FULL makes every acknowledged
                // submission durable before "thank you"; the busy timeout queues writers instead of failing.
                // `batch_execute`, not `sql_query`: a prepared statement runs only the first of several.
                conn.batch_execute(SQLITE_SETTINGS).map_err(diesel::r2d2::Error::QueryError)?;
                DbConnection::Sqlite(conn)
            }
        };
        Ok(conn)
    }

    /// Checked at every checkout. A PostgreSQL connection can be cut by the server (a restart, a
    /// failover); one that has been idle for a while is pinged, with one message of the simple
    /// protocol. One that came back from use a moment ago is not: it has just answered, and had its
    /// server gone meanwhile its failed query would have marked it lost ([`Liveness`]). An SQLite
    /// connection is a file handle that cannot break that way.
    fn is_valid(&self, conn: &mut DbConnection) -> Result<(), Self::Error> {
        match conn {
            DbConnection::Sqlite(_) => Ok(()),
            DbConnection::Postgresql(pg) => match liveness(pg) {
                Some(live) if !live.is_lost() && !live.needs_ping(TRUSTED_WHILE_IDLE) => Ok(()),
                _ => pg.batch_execute("SELECT 1").map_err(diesel::r2d2::Error::QueryError),
            },
        }
    }

    /// Checked as a connection goes back to the pool: one whose server closed it, or one returned by
    /// a panicking thread, is dropped, and the pool opens a fresh one in its place.
    fn has_broken(&self, conn: &mut DbConnection) -> bool {
        // A connection dropped while its thread panics may be inside a transaction (and on SQLite
        // hold the write lock): closing it rolls that back, reusing it would not. Found by
        // tests/supervision.rs: the next writer waited on the lock until SQLite's busy timeout.
        if std::thread::panicking() {
            return true;
        }
        match conn {
            DbConnection::Sqlite(_) => false,
            DbConnection::Postgresql(pg) => match liveness(pg) {
                Some(live) if live.is_lost() => true,
                Some(live) => {
                    live.returned();
                    false
                }
                None => false,
            },
        }
    }
}

/// The [`Liveness`] record `connect` gave a PostgreSQL connection.
fn liveness(pg: &mut PgConnection) -> Option<&mut Liveness> {
    pg.instrumentation().downcast_mut::<Liveness>()
}

/// The shared pool of connections.
pub type Pool = r2d2::Pool<Manager>;
/// One connection borrowed from the pool.
pub type PooledConnection = r2d2::PooledConnection<Manager>;

/// Builds a pool and checks that the database answers. Its failures to connect are logged through
/// a throttle (`outage_log`), not one line each. Its helper threads (opening connections,
/// reaping idle ones) end as soon as the pool is dropped: r2d2's default would first wait for the next
/// reaping, so every server or test pool would outlive its owner by up to half a minute.
pub fn connect(url: &DatabaseUrl, max_size: u32) -> DbResult<Pool> {
    let helpers = ScheduledThreadPool::builder()
        .num_threads(3)
        .thread_name_pattern("r2d2-worker-{}")
        .on_drop_behavior(OnPoolDropBehavior::DiscardPendingScheduled)
        .build();
    let pool = r2d2::Pool::builder()
        .thread_pool(Arc::new(helpers))
        .max_size(max_size)
        .min_idle(Some(1))
        .connection_timeout(Duration::from_secs(10))
        .error_handler(Box::<PoolErrors>::default())
        .build(Manager { url: url.clone() })?;
    Ok(pool)
}

/// Runs `work` with PostgreSQL planning each statement for its values, in a transaction (a savepoint
/// inside one) whose `SET LOCAL` ends with it.
///
/// diesel prepares every query once per connection, and after five runs PostgreSQL may switch a
/// prepared statement to a generic plan, made without the parameters' values. For a few of the staff
/// pages' questions that plan is far worse: the stamp of a region's counted waves (waves joined to
/// schools, filtered by region and period) took 2.4 ms with its values and 15 ms generically (a
/// nested loop over every wave of the country, which the generic estimate took for twelve rows), on
/// every school dashboard view. Setting this for whole connections instead cost the pupils'
/// submissions a quarter of their PostgreSQL throughput (re-planning every insert), so it is kept to
/// the queries that need it. SQLite plans every statement by its keys: `work` runs as it is.
pub fn with_custom_plans<T>(
    conn: &mut DbConnection,
    work: impl FnOnce(&mut DbConnection) -> DbResult<T>,
) -> DbResult<T> {
    match conn {
        DbConnection::Sqlite(_) => work(conn),
        DbConnection::Postgresql(_) => conn.transaction(|conn| {
            if let DbConnection::Postgresql(pg) = conn {
                pg.batch_execute("SET LOCAL plan_cache_mode = force_custom_plan")?;
            }
            work(conn)
        }),
    }
}

/// Trades per-commit durability for speed on this one connection, for bulk loads that can be run
/// again from scratch (`ahual synth`): SQLite stops syncing each commit and keeps a 256 MB page cache;
/// PostgreSQL stops waiting for each commit's WAL flush. Neither can corrupt the database on a crash:
/// at worst the last commits are lost. PostgreSQL also stops JIT-compiling queries: while tables grow
/// faster than their statistics, the planner takes a one-wave query for a large one and compiles it,
/// which costs 10 ms or more for a query that runs in under 1 ms. Never used for pupils' submissions.
pub fn bulk_load_mode(conn: &mut DbConnection) -> DbResult<()> {
    match conn {
        DbConnection::Postgresql(pg) => pg.batch_execute("SET synchronous_commit = off; SET jit = off")?,
        DbConnection::Sqlite(lite) => lite.batch_execute("PRAGMA synchronous = OFF; PRAGMA cache_size = -262144;")?,
    };
    Ok(())
}

/// Refreshes PostgreSQL's planner statistics of every table, after a bulk load has written millions
/// of rows it has never sampled (autovacuum would, later, and never where it is turned off). Without
/// them it guesses that one wave holds thousands of responses and plans, and JIT-compiles, accordingly.
/// Takes seconds on national data. SQLite plans these queries by their keys alone: nothing to do.
pub fn refresh_statistics(conn: &mut DbConnection) -> DbResult<()> {
    if let DbConnection::Postgresql(pg) = conn {
        pg.batch_execute("ANALYZE")?;
    }
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

#[cfg(test)]
mod tests {
    use diesel::sql_types::BigInt;

    use super::*;

    #[derive(QueryableByName)]
    struct Setting {
        #[diesel(sql_type = BigInt)]
        value: i64,
    }

    fn setting(conn: &mut DbConnection, pragma: &str) -> i64 {
        let rows: Vec<Setting> = diesel::sql_query(format!("SELECT (SELECT * FROM pragma_{pragma}) AS value"))
            .load(conn)
            .unwrap_or_else(|e| panic!("reading {pragma}: {e}"));
        rows.first().map(|r| r.value).unwrap_or_else(|| panic!("no value for {pragma}"))
    }

    /// Every setting of the batch is applied, not only the first (a regression: `sql_query` ran only
    /// the busy timeout, leaving SQLite without WAL or foreign keys and writers failing as "locked").
    #[test]
    fn every_sqlite_setting_is_applied_to_pooled_connections() {
        let dir = tempfile::tempdir().expect("temp dir");
        let url = DatabaseUrl::Sqlite(dir.path().join("settings.db"));
        let pool = connect(&url, 2).expect("pool");
        let mut conn = pool.get().expect("connection");
        assert_eq!(setting(&mut conn, "busy_timeout"), 10_000);
        assert_eq!(setting(&mut conn, "synchronous"), 2, "FULL");
        assert_eq!(setting(&mut conn, "foreign_keys"), 1);
        assert_eq!(setting(&mut conn, "journal_size_limit"), 128 << 20, "a rewound WAL is cut back to 128 MB");
        let journal: Vec<Journal> = diesel::sql_query("PRAGMA journal_mode").load(&mut *conn).expect("journal mode");
        assert_eq!(journal.first().map(|j| j.journal_mode.as_str()), Some("wal"));
    }

    /// The bundled SQLite is built with `SQLITE_ENABLE_QPSG` (`.cargo/config.toml`). Without it every
    /// `.first()` (a bound `LIMIT ?`) re-prepares its cached statement on each run, which cost a
    /// quarter of the server's CPU under a rush of pupils; nothing else would show the flag missing.
    #[test]
    fn sqlite_plans_do_not_depend_on_bound_values() {
        let dir = tempfile::tempdir().expect("temp dir");
        let pool = connect(&DatabaseUrl::Sqlite(dir.path().join("qpsg.db")), 1).expect("pool");
        let mut conn = pool.get().expect("connection");
        let rows: Vec<Setting> = diesel::sql_query("SELECT sqlite_compileoption_used('ENABLE_QPSG') AS value")
            .load(&mut *conn)
            .expect("compile options");
        assert_eq!(rows.first().map(|r| r.value), Some(1), "build with LIBSQLITE3_FLAGS=-DSQLITE_ENABLE_QPSG");
    }

    #[derive(QueryableByName)]
    struct Count {
        #[diesel(sql_type = BigInt)]
        n: i64,
    }

    fn count(conn: &mut DbConnection, sql: &str) -> i64 {
        let rows: Vec<Count> = diesel::sql_query(sql).load(conn).unwrap_or_else(|e| panic!("{sql}: {e}"));
        rows.first().map(|r| r.n).unwrap_or_else(|| panic!("no count from {sql}"))
    }

    /// SQLite rebuilds `users` to admit the national role: accounts, the tables that reference them,
    /// and foreign key enforcement must all come through, both ways.
    #[test]
    fn the_sqlite_rebuild_for_the_national_role_keeps_accounts_and_references() {
        let dir = tempfile::tempdir().expect("temp dir");
        let url = DatabaseUrl::Sqlite(dir.path().join("rebuild.db"));
        let pool = connect(&url, 1).expect("pool");
        let mut conn = pool.get().expect("connection");
        migrate(&mut conn).expect("migrations");
        let DbConnection::Sqlite(lite) = &mut *conn else { panic!("sqlite") };
        lite.batch_execute(
            "INSERT INTO users (id, login, password_hash, role, display_name, password_changed_at, created_at)
             VALUES ('u1', 'admin1', 'h', 'admin', 'A', '2026-11-28 10:00:00', '2026-11-28 10:00:00'),
                    ('u2', 'nat1', 'h', 'national', 'N', '2026-11-28 10:00:00', '2026-11-28 10:00:00');",
        )
        .expect("a national account is admitted");
        let refused = lite.batch_execute(
            "INSERT INTO users (id, login, password_hash, role, display_name, region_code, password_changed_at, created_at)
             VALUES ('u3', 'nat2', 'h', 'national', 'N', 'KZ-71', '2026-11-28 10:00:00', '2026-11-28 10:00:00');",
        );
        assert!(refused.is_err(), "a national account has no region");
        // Down to before the national role; the migrations after it go down (and up again) on the way.
        loop {
            let reverted = lite.revert_last_migration(SQLITE_MIGRATIONS).expect("down").to_string();
            if reverted.replace('-', "").starts_with("20261128100001") {
                break;
            }
        }
        assert_eq!(count(&mut conn, "SELECT count(*) AS n FROM users"), 1, "national accounts go on the way down");
        migrate(&mut conn).expect("up again");
        assert_eq!(count(&mut conn, "SELECT count(*) AS n FROM users WHERE login = 'admin1'"), 1);
        assert_eq!(count(&mut conn, "SELECT count(*) AS n FROM pragma_foreign_key_check"), 0);
        assert_eq!(setting(&mut conn, "foreign_keys"), 1, "enforcement is back on after the rebuild");
        assert_eq!(
            count(&mut conn, "SELECT count(*) AS n FROM sqlite_master WHERE sql LIKE '%REFERENCES users (id)%'"),
            7,
            "referrals, their notes, trust box messages, roster uploads, recovery codes, staff sessions \
             and account notices still reference the rebuilt table"
        );
        assert_eq!(count(&mut conn, "SELECT count(*) AS n FROM sqlite_master WHERE name = 'users_api_token'"), 1);
    }

    #[derive(QueryableByName)]
    struct Journal {
        #[diesel(sql_type = diesel::sql_types::Text)]
        journal_mode: String,
    }
}
