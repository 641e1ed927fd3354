//! Supervised threads (issue 22, faults): a panic injected into the submission writer fails only
//! the batch in hand, whose pupils are told to try again, stores nothing of it (on both backends),
//! and the next submission is stored by the same writer; a panic injected into the checkpoint
//! thread is counted and checkpoints go on; `/healthz` reports both threads.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::sync::Arc;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use ahual::db::checkpoint::{Checkpointer, checkpoint};
use ahual::db::group_commit::{Submitter, store_batch, store_with_writer_settings};
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

on_both_backends!(
    a_writer_that_panics_fails_one_batch_stores_none_of_it_and_carries_on,
    healthz_reports_the_supervised_threads,
);
