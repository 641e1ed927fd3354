//! Durability under load (issue 6, part 4): the real `ahual serve` binary takes pupil submissions
//! from several threads through the whole pupil flow, is killed with SIGKILL mid-run and started again.
//! Every submission that got the success answer (the redirect to the thank-you page) must be stored
//! exactly once, and `ahual verify` must find every counter equal to its recount. Each submission
//! carries a unique combination of answers, so each acknowledged one can be found in the database
//! (`common::serve_load`). On SQLite and on PostgreSQL (which must be reachable: the test fails,
//! never skips).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common::pupil_load::{Load, TryAgainMeans, each_acknowledged_stored_once, thanked};
use crate::common::serve_load::{Outcome, Server, agent, close_and_verify, open_wave, submit};
use crate::common::{Backend, TestDatabase};

const CLASSES: usize = 10;
const ROLL: usize = 60;
const WORKERS: u32 = 6;
/// The server is killed once this many submissions were acknowledged (about a fifth of the places).
const KILL_AFTER: usize = 120;

fn every_acknowledged_submission_survives_sigkill(backend: Backend) {
    let db = TestDatabase::create(backend);
    let dir = tempfile::tempdir().unwrap();
    let (wave, passwords) = open_wave(dir.path(), &db.url, CLASSES, ROLL);

    let mut server = Server::start(dir.path(), &db.url);
    let load = Load::start(&server.base, &passwords, WORKERS);
    load.wait_for("acknowledged before the kill", KILL_AFTER, thanked);
    server.kill();
    let mut attempts = load.stop();

    let server = Server::start(dir.path(), &db.url);
    let again = agent();
    for (i, password) in passwords.iter().enumerate() {
        let n = 300_000 + i as u32;
        attempts.push((n, submit(&again, &server.base, password, n).map_err(|e| e.to_string())));
    }
    assert!(
        attempts.iter().any(|(n, outcome)| *n >= 300_000 && outcome == &Ok(Outcome::Thanked)),
        "the restarted server takes submissions"
    );
    drop(server);

    let stored = each_acknowledged_stored_once(&db.url, &attempts, TryAgainMeans::MaybeStored);
    close_and_verify(dir.path(), &db.url, &wave, stored.len());
}

#[test]
fn sqlite_every_acknowledged_submission_survives_sigkill() {
    every_acknowledged_submission_survives_sigkill(Backend::Sqlite);
}

#[test]
fn postgres_every_acknowledged_submission_survives_sigkill() {
    every_acknowledged_submission_survives_sigkill(Backend::Postgres);
}
