//! Write transactions that take SQLite's write lock when they begin.
//!
//! SQLite's default (deferred) transaction starts as a reader. One that reads and then writes fails at
//! once with "database is locked" (`SQLITE_BUSY`, without waiting for the busy timeout) when another
//! connection wrote in between: another HTTP worker, the outbox worker, or the CLI beside a running
//! server. `BEGIN IMMEDIATE` takes the write lock first and waits its turn instead. PostgreSQL needs
//! nothing of the kind. Nested calls become savepoints, as with `Connection::transaction`.

use diesel::connection::{AnsiTransactionManager, Connection, TransactionManager};
use diesel::result::Error;
use diesel::sqlite::SqliteConnection;

use super::DbConnection;

fn outermost_sqlite(conn: &mut DbConnection) -> Result<Option<&mut SqliteConnection>, Error> {
    match conn {
        DbConnection::Sqlite(sqlite) => {
            let depth = AnsiTransactionManager::transaction_manager_status_mut(sqlite).transaction_depth()?;
            Ok(if depth.is_none() { Some(sqlite) } else { None })
        }
        DbConnection::Postgresql(_) => Ok(None),
    }
}

fn sqlite(conn: &mut DbConnection) -> Result<&mut SqliteConnection, Error> {
    match conn {
        DbConnection::Sqlite(sqlite) => Ok(sqlite),
        DbConnection::Postgresql(_) => Err(Error::BrokenTransactionManager),
    }
}

/// Runs `work` in a transaction that may write: committed when it returns `Ok`, rolled back otherwise.
pub fn write_transaction<T, E, F>(conn: &mut DbConnection, work: F) -> Result<T, E>
where
    F: FnOnce(&mut DbConnection) -> Result<T, E>,
    E: From<Error>,
{
    let Some(sqlite_conn) = outermost_sqlite(conn)? else {
        return conn.transaction(work);
    };
    AnsiTransactionManager::begin_transaction_sql(sqlite_conn, "BEGIN IMMEDIATE")?;
    match work(conn) {
        Ok(value) => match AnsiTransactionManager::commit_transaction(sqlite(conn)?) {
            Ok(()) => Ok(value),
            Err(commit_error) => {
                let _ = AnsiTransactionManager::rollback_transaction(sqlite(conn)?);
                Err(commit_error.into())
            }
        },
        Err(work_error) => match AnsiTransactionManager::rollback_transaction(sqlite(conn)?) {
            Ok(()) | Err(Error::BrokenTransactionManager) => Err(work_error),
            Err(rollback_error) => Err(rollback_error.into()),
        },
    }
}

#[cfg(test)]
mod tests {
    use std::sync::mpsc;
    use std::thread;
    use std::time::Duration;

    use diesel::connection::SimpleConnection;
    use diesel::prelude::*;
    use diesel::sql_types::BigInt;

    use super::*;
    use crate::db::DatabaseUrl;
    use crate::db::connect;

    #[derive(QueryableByName)]
    struct Count {
        #[diesel(sql_type = BigInt)]
        n: i64,
    }

    fn count(conn: &mut DbConnection) -> Result<i64, Error> {
        let rows: Vec<Count> = diesel::sql_query("SELECT COUNT(*) AS n FROM t").load(conn)?;
        Ok(rows.first().map_or(0, |r| r.n))
    }

    /// The case that failed before: a transaction reads, another connection writes and commits, then
    /// the first writes. Deferred, SQLite refuses at once ("database is locked"); immediate, the second
    /// writer waits for the first, and both writes land.
    #[test]
    fn a_read_then_write_transaction_waits_for_another_writer_instead_of_failing() {
        let dir = tempfile::tempdir().expect("temp dir");
        let pool = connect(&DatabaseUrl::Sqlite(dir.path().join("tx.db")), 2).expect("pool");
        pool.get().expect("conn").batch_execute("CREATE TABLE t (x INTEGER)").expect("table");

        let (read_done, wait_read) = mpsc::channel();
        let (other_done, wait_other) = mpsc::channel::<()>();
        let other_pool = pool.clone();
        let other = thread::spawn(move || {
            let _ = wait_read.recv();
            let mut conn = other_pool.get().expect("conn");
            let wrote = write_transaction(&mut conn, |c| diesel::sql_query("INSERT INTO t VALUES (2)").execute(c));
            let _ = other_done.send(());
            wrote
        });
        let mut conn = pool.get().expect("conn");
        let first = write_transaction(&mut conn, |c| {
            let before = count(c)?;
            let _ = read_done.send(());
            // Give the other writer time to try; it must wait for this transaction, not slip in.
            let overtaken = wait_other.recv_timeout(Duration::from_millis(300)).is_ok();
            diesel::sql_query("INSERT INTO t VALUES (1)").execute(c)?;
            Ok::<_, Error>((before, overtaken))
        });
        let (before, overtaken) = first.expect("the first writer commits");
        assert_eq!(before, 0);
        assert!(!overtaken, "the other writer waited for the lock");
        other.join().expect("thread").expect("the other writer commits after waiting");
        assert_eq!(count(&mut conn).expect("count"), 2, "both rows are stored");
    }

    /// Nested calls are savepoints: an inner failure rolls back only the inner part.
    #[test]
    fn nested_write_transactions_are_savepoints() {
        let dir = tempfile::tempdir().expect("temp dir");
        let pool = connect(&DatabaseUrl::Sqlite(dir.path().join("nested.db")), 1).expect("pool");
        let mut conn = pool.get().expect("conn");
        conn.batch_execute("CREATE TABLE t (x INTEGER)").expect("table");
        write_transaction(&mut conn, |c| {
            diesel::sql_query("INSERT INTO t VALUES (1)").execute(c)?;
            let inner: Result<(), Error> = write_transaction(c, |c| {
                diesel::sql_query("INSERT INTO t VALUES (2)").execute(c)?;
                Err(Error::RollbackTransaction)
            });
            assert!(inner.is_err());
            Ok::<_, Error>(())
        })
        .expect("outer commits");
        assert_eq!(count(&mut conn).expect("count"), 1, "only the outer row is kept");
        let failed: Result<(), Error> = write_transaction(&mut conn, |c| {
            diesel::sql_query("INSERT INTO t VALUES (3)").execute(c)?;
            Err(Error::RollbackTransaction)
        });
        assert!(failed.is_err());
        assert_eq!(count(&mut conn).expect("count"), 1, "a failed transaction leaves nothing");
    }
}
