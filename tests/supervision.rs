//! Supervised threads (issue 22, faults): a panic injected into the submission writer fails only
//! the batch in hand, whose pupils are told to try again, stores nothing of it (on both backends),
//! and the next submission is stored by the same writer; a panic injected into the checkpoint
//! thread is counted and checkpoints go on; `/healthz` reports both threads. When a batch finds no
//! connection (the database down), the submissions queued behind it are told at once.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::sync::Arc;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use ahual::db::checkpoint::{Checkpointer, checkpoint};
use ahual::db::group_commit::{Submitter, no_connection, store_batch, store_with_writer_settings};
use ahual::db::responses::{NewResponse, SubmitError};
use ahual::db::supervision::ThreadWatch;
use ahual::db::{DbError, Pool};
use ahual::domain::ids::WaveClassId;
use diesel::Connection;

use crate::common::pupil::stored;
use crate::common::{Backend, TestApp, TestDatabase};
use crate::group_commit::{issued, one_class_open, response};

/// The classes whose next batch panics halfway through its transaction, once each.
static FAIL_ONCE: Mutex<Vec<WaveClassId>> = Mutex::new(Vec::new());

/// The writer's store, except that a batch of a class in [`FAIL_ONCE`] is written inside a
/// transaction that panics before committing.
fn faulty(pool: &Pool, pending: &[NewResponse]) -> Vec<Result<String, SubmitError>> {
    let hit = {
        let mut fail = FAIL_ONCE.lock().unwrap();
        let at = fail.iter().position(|id| pending.iter().any(|p| p.wave_class_id == *id));
        at.map(|at| fail.remove(at)).is_some()
    };
    if hit {
        let mut conn = pool.get().unwrap();
        let _ = conn.transaction::<(), DbError, _>(|conn| {
            let written = store_batch(conn, pending);
            assert!(written.iter().all(Result::is_ok), "written, not yet committed");
            panic!("injected fault in the writer");
        });
    }
    store_with_writer_settings(pool, pending)
}

async fn a_writer_that_panics_fails_one_batch_stores_none_of_it_and_carries_on(backend: Backend) {
    let database = TestDatabase::create(backend);
    let pool = database.pool();
    let mut conn = pool.get().unwrap();
    let (_, id) = one_class_open(&mut conn, 20);
    issued(&mut conn, &["first", "second"]);
    let watch = Arc::new(ThreadWatch::default());
    let (submitter, _writers) = Submitter::start_watched(pool.clone(), watch.clone(), faulty);

    FAIL_ONCE.lock().unwrap().push(id);
    let failed = submitter.submit(response(id, "first")).await;
    assert!(matches!(failed, Err(SubmitError::Db(DbError::Writer(_)))), "the pupil is told to try again: {failed:?}");
    assert_eq!(stored(&mut conn).len(), 0, "nothing of the failed batch was committed");
    assert_eq!(watch.writer.restarts(), 1);
    assert_eq!(watch.writer.last_failure().as_deref(), Some("injected fault in the writer"));

    assert!(submitter.submit(response(id, "first")).await.is_ok(), "the same form, sent again, is stored");
    assert!(submitter.submit(response(id, "second")).await.is_ok(), "and so is the next pupil's");
    assert_eq!(stored(&mut conn).len(), 2, "each exactly once");
    assert_eq!(watch.writer.restarts(), 1, "no other failure");
}

/// How many times the faulty checkpoint ran.
static CHECKPOINTS: AtomicUsize = AtomicUsize::new(0);

fn faulty_checkpoint(pool: &Pool) -> Result<(), String> {
    if CHECKPOINTS.fetch_add(1, Ordering::SeqCst) == 0 {
        panic!("injected fault in the checkpoint");
    }
    checkpoint(pool)
}

#[test]
fn a_checkpoint_that_panics_is_counted_and_the_next_ones_run() {
    let database = TestDatabase::create(Backend::Sqlite);
    let watch = Arc::new(ThreadWatch::default());
    let mut checkpoints = Checkpointer::start_watched(database.pool(), watch.clone(), faulty_checkpoint).unwrap();
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    while CHECKPOINTS.load(Ordering::SeqCst) < 4 {
        assert!(std::time::Instant::now() < deadline, "checkpoints stopped after the panic");
        std::thread::sleep(Duration::from_millis(50));
    }
    checkpoints.stop();
    assert_eq!(watch.checkpoint.restarts(), 1);
    assert_eq!(watch.checkpoint.last_failure().as_deref(), Some("injected fault in the checkpoint"));
}

async fn healthz_reports_the_supervised_threads(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let reply = app.get("/healthz").await;
    assert_eq!(reply.status, 200);
    let health: serde_json::Value = serde_json::from_str(&reply.body).unwrap();
    assert_eq!(health["status"], "ok");
    for thread in ["writer", "checkpoint"] {
        assert_eq!(health[thread]["restarts"], 0, "{thread}: {health}");
        assert!(health[thread]["last_failure"].is_null(), "{thread}: {health}");
    }
}

/// Holds the first batch of [`unreachable`] until the test has queued more behind it.
static HOLD: Mutex<Option<std::sync::mpsc::Receiver<()>>> = Mutex::new(None);
/// How many batches [`unreachable`] was given.
static BATCHES: AtomicUsize = AtomicUsize::new(0);

/// A store that finds no connection, as when the pool times out on a database that is down.
fn unreachable(_pool: &Pool, pending: &[NewResponse]) -> Vec<Result<String, SubmitError>> {
    if BATCHES.fetch_add(1, Ordering::SeqCst) == 0 {
        let hold = HOLD.lock().unwrap().take().unwrap();
        hold.recv().unwrap();
    }
    pending.iter().map(|_| Err(no_connection(&"timed out waiting for connection"))).collect()
}

#[actix_rt::test]
async fn submissions_queued_behind_a_batch_that_found_no_connection_are_told_at_once() {
    let database = TestDatabase::create(Backend::Sqlite);
    let (release, hold) = std::sync::mpsc::channel();
    *HOLD.lock().unwrap() = Some(hold);
    let (submitter, _writers) = Submitter::start_watched(database.pool(), Arc::default(), unreachable);
    let id = WaveClassId::random();
    let first = {
        let submitter = submitter.clone();
        actix_rt::spawn(async move { submitter.submit(response(id, "first")).await })
    };
    while BATCHES.load(Ordering::SeqCst) == 0 {
        actix_rt::time::sleep(Duration::from_millis(5)).await; // the writer holds the first batch
    }
    let mut waiting: Vec<_> = ["a", "b", "c"].map(|n| Box::pin(submitter.submit(response(id, n)))).into();
    let mut queued = std::task::Context::from_waker(std::task::Waker::noop());
    for submission in &mut waiting {
        assert!(submission.as_mut().poll(&mut queued).is_pending(), "queued behind the first batch");
    }
    release.send(()).unwrap();
    assert!(matches!(first.await.unwrap(), Err(SubmitError::Db(DbError::Writer(_)))));
    for submission in waiting {
        assert!(matches!(submission.await, Err(SubmitError::Db(DbError::Writer(_)))), "told to try again");
    }
    assert_eq!(BATCHES.load(Ordering::SeqCst), 1, "without waiting for a connection of their own");
}

on_both_backends!(
    a_writer_that_panics_fails_one_batch_stores_none_of_it_and_carries_on,
    healthz_reports_the_supervised_threads,
);
