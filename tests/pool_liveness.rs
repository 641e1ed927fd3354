//! The pool hands out PostgreSQL connections without a ping while they are fresh from use, and still
//! never keeps one whose server has gone: a connection cut under a query is dropped when it comes
//! back, and one cut while idle for a while is caught by the ping at its next checkout. Queries run
//! through `db::with_custom_plans` are planned for their values, and only those.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use std::time::Duration;

use ahual::db::liveness::TRUSTED_WHILE_IDLE;
use ahual::db::{DbConnection, Pool};
use common::{Backend, TestDatabase, postgres_base_url};
use diesel::sql_types::Integer;
use diesel::{Connection, QueryableByName, RunQueryDsl};

#[derive(QueryableByName)]
struct Pid {
    #[diesel(sql_type = Integer)]
    pid: i32,
}

fn backend_pid(conn: &mut DbConnection) -> diesel::QueryResult<i32> {
    let rows: Vec<Pid> = diesel::sql_query("SELECT pg_backend_pid() AS pid").load(conn)?;
    Ok(rows.first().expect("one row").pid)
}

/// Ends the server process behind `pid`, as a restart or a failover would, from outside the pool.
fn terminate(pid: i32) {
    let mut admin = diesel::PgConnection::establish(&postgres_base_url()).expect("PostgreSQL");
    diesel::sql_query(format!("SELECT pg_terminate_backend({pid})")).execute(&mut admin).expect("terminate");
    // The backend is gone once it no longer shows in pg_stat_activity.
    for _ in 0..100 {
        let left: Vec<Pid> = diesel::sql_query(format!("SELECT pid FROM pg_stat_activity WHERE pid = {pid}"))
            .load(&mut admin)
            .expect("activity");
        if left.is_empty() {
            return;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    panic!("backend {pid} did not end");
}

/// The pid of the one pooled connection, which then goes back to the pool.
fn pooled_pid(pool: &Pool) -> i32 {
    let mut conn = pool.get().expect("a connection");
    backend_pid(&mut conn).expect("the server answers")
}

fn one_connection_pool() -> (TestDatabase, Pool) {
    let db = TestDatabase::create(Backend::Postgres);
    let pool = ahual::db::connect(&db.database_url(), 1).expect("pool");
    (db, pool)
}

#[test]
fn a_connection_whose_server_went_under_a_query_is_dropped_when_it_comes_back() {
    let (_db, pool) = one_connection_pool();
    let first = pooled_pid(&pool);
    terminate(first);
    {
        // Fresh from use, so handed out without a ping; its query finds the server gone.
        let mut conn = pool.get().expect("a connection");
        assert!(backend_pid(&mut conn).is_err(), "the cut connection cannot answer");
    }
    let second = pooled_pid(&pool);
    assert_ne!(first, second, "the pool opened a new connection instead of keeping the cut one");
}

#[test]
fn a_connection_cut_while_idle_is_pinged_and_replaced_at_checkout() {
    let (_db, pool) = one_connection_pool();
    let first = pooled_pid(&pool);
    terminate(first);
    std::thread::sleep(TRUSTED_WHILE_IDLE + Duration::from_millis(200));
    let mut conn = pool.get().expect("a connection");
    let second = backend_pid(&mut conn).expect("the checkout's ping replaced the cut connection");
    assert_ne!(first, second);
}

#[test]
fn a_connection_fresh_from_use_is_handed_out_without_a_ping() {
    let (_db, pool) = one_connection_pool();
    let pid = pooled_pid(&pool);
    let mut admin = diesel::PgConnection::establish(&postgres_base_url()).expect("PostgreSQL");
    let calls = |admin: &mut diesel::PgConnection| -> i32 {
        #[derive(QueryableByName)]
        struct Calls {
            #[diesel(sql_type = Integer)]
            n: i32,
        }
        // A pooled connection that ran nothing since its checkout is idle with `SELECT 1` as its
        // last query only if the checkout pinged it.
        let rows: Vec<Calls> = diesel::sql_query(format!(
            "SELECT count(*)::int AS n FROM pg_stat_activity WHERE pid = {pid} AND query = 'SELECT 1'"
        ))
        .load(admin)
        .expect("activity");
        rows.first().map(|r| r.n).unwrap_or(0)
    };
    {
        let conn = pool.get().expect("a connection at once");
        drop(conn);
    }
    assert_eq!(calls(&mut admin), 0, "no ping right after use");
    std::thread::sleep(TRUSTED_WHILE_IDLE + Duration::from_millis(200));
    drop(pool.get().expect("a connection after a while"));
    assert_eq!(calls(&mut admin), 1, "a ping after the connection sat idle");
}

#[derive(QueryableByName)]
struct Setting {
    #[diesel(sql_type = diesel::sql_types::Text)]
    plan_cache_mode: String,
}

fn plan_cache_mode(conn: &mut DbConnection) -> diesel::QueryResult<String> {
    let rows: Vec<Setting> = diesel::sql_query("SHOW plan_cache_mode").load(conn)?;
    Ok(rows.into_iter().next().expect("one row").plan_cache_mode)
}

#[test]
fn only_the_queries_that_ask_are_planned_for_their_values() {
    let (_db, pool) = one_connection_pool();
    let mut conn = pool.get().expect("a connection");
    assert_eq!(plan_cache_mode(&mut conn).unwrap(), "auto", "pupils' inserts keep their cached plans");
    let inside = ahual::db::with_custom_plans(&mut conn, |conn| Ok(plan_cache_mode(conn)?)).unwrap();
    assert_eq!(inside, "force_custom_plan");
    assert_eq!(plan_cache_mode(&mut conn).unwrap(), "auto", "and the setting ends with the work");
    drop(conn);
    let mut again = pool.get().expect("the same connection back");
    assert_eq!(plan_cache_mode(&mut again).unwrap(), "auto");
}
