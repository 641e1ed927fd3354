//! PostgreSQL restarted under load (issue 22, faults), on a private cluster of the test's own (the
//! shared server is never stopped; `common::pg_cluster`). While pupils submit to the real `ahual
//! serve`, the database is stopped with `pg_ctl stop -m fast`, then started again; then the same
//! with `-m immediate` (as a crash: PostgreSQL recovers on start). While it is down, pupils get the
//! "try again" page (503, in Kazakh): never a 500 and never a request left without an answer. Once
//! it is back, the same server stores submissions again without a restart; every acknowledged answer
//! is stored exactly once and `ahual verify` passes.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common::pg_cluster::Cluster;
use crate::common::pupil_load::{
    Load, TryAgainMeans, each_acknowledged_stored_once, only_thanks_and_try_again, thanked,
};
use crate::common::serve_load::{Outcome, Server, close_and_verify, open_wave};

fn told_to_try_again(outcome: &Result<Outcome, String>) -> bool {
    matches!(outcome, Ok(Outcome::TryAgain { .. }))
}

#[test]
fn postgres_restarted_fast_and_immediate_under_load_loses_nothing_and_serves_again() {
    let cluster = Cluster::start();
    cluster.create_database("ahual");
    let url = cluster.url("ahual");
    let dir = tempfile::tempdir().unwrap();
    let (wave, passwords) = open_wave(dir.path(), &url, 20, 60);
    let server = Server::start(dir.path(), &url);
    let load = Load::start(&server.base, &passwords, 6);
    load.wait_for("acknowledged before the first stop", 60, thanked);

    for mode in ["fast", "immediate"] {
        cluster.stop(mode);
        load.wait_for_more(&format!("told to try again after a {mode} stop"), 6, told_to_try_again);
        cluster.restart();
        load.wait_for_more(&format!("acknowledged after the {mode} stop"), 60, thanked);
    }
    let attempts = load.stop();

    only_thanks_and_try_again(&attempts, &server.log_tail());
    server.outage_said_briefly(4);
    drop(server);
    let stored = each_acknowledged_stored_once(&url, &attempts, TryAgainMeans::MaybeStored);
    close_and_verify(dir.path(), &url, &wave, stored.len());
}
