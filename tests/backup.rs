//! Backup and restore (issue 22, faults). On SQLite, `ahual backup PATH` copies the database while
//! pupils submit to the real `ahual serve`: the copy holds every submission acknowledged before the
//! backup started, each once, and `ahual verify` and `ahual audit verify` pass on it; the command
//! never writes over a file and sends a PostgreSQL database to `pg_dump`. On PostgreSQL, a database
//! with the demo's data makes the round trip `pg_dump -Fc` / `pg_restore` into a fresh database on a
//! private cluster (`common::pg_cluster`, which fails without PostgreSQL's programs), and `ahual
//! verify` and `ahual audit verify` pass on the restored one (docs/operations.md says how).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use ahual::db::schema::{audit_log, responses};
use diesel::prelude::*;
use std::path::Path;
use std::process::Output;

use crate::common::pg_cluster::Cluster;
use crate::common::pupil_load::{Load, stored_numbers, thanked};
use crate::common::serve_load::{Outcome, Server, ahual, open_wave};

fn succeeded(what: &str, output: &Output) -> String {
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(output.status.success(), "{what}: {stdout}{}", String::from_utf8_lossy(&output.stderr));
    stdout
}

/// `ahual verify` and `ahual audit verify` pass on the database at `url`; returns verify's report.
fn both_checks_pass(dir: &Path, url: &str) -> String {
    let audit = succeeded("audit verify", &ahual(dir, url, &["audit", "verify"]));
    assert!(audit.starts_with("audit log intact") && !audit.contains(" 0 entries"), "{audit}");
    succeeded("verify", &ahual(dir, url, &["verify"]))
}

#[test]
fn sqlite_a_backup_taken_while_pupils_submit_holds_every_earlier_answer_and_passes_both_checks() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("ahual.db").display());
    let (_, passwords) = open_wave(dir.path(), &url, 20, 60);
    let server = Server::start(dir.path(), &url);
    let load = Load::start(&server.base, &passwords, 6);
    load.wait_for("acknowledged before the backup", 100, thanked);

    let before: Vec<u32> = load.so_far().into_iter().filter(|(_, o)| thanked(o)).map(|(n, _)| n).collect();
    let copy = dir.path().join("copy.db");
    let backup = ahual(dir.path(), &url, &["backup", copy.to_str().unwrap()]);
    succeeded("backup", &backup);
    load.wait_for_more("acknowledged after the backup", 50, thanked);
    let attempts = load.stop();
    drop(server);
    assert!(attempts.iter().all(|(_, o)| matches!(o, Ok(Outcome::Thanked))), "no pupil was turned away");

    let copy_url = format!("sqlite://{}", copy.display());
    let in_copy = stored_numbers(&copy_url);
    for n in &before {
        assert_eq!(in_copy.get(n), Some(&1), "submission {n}, acknowledged before the backup, is in the copy once");
    }
    let everything = stored_numbers(&url);
    assert!(in_copy.len() < everything.len(), "the pupils went on submitting after the copy was made");
    assert!(in_copy.keys().all(|n| everything.contains_key(n)), "the copy holds nothing the database does not");
    let report = both_checks_pass(dir.path(), &copy_url);
    assert!(report.contains(&format!("{} response(s): 0 difference(s)", in_copy.len())), "{report}");

    let again = ahual(dir.path(), &url, &["backup", copy.to_str().unwrap()]);
    assert!(!again.status.success(), "an existing file is never overwritten");
    assert!(String::from_utf8_lossy(&again.stderr).contains("already exists"));
    assert_eq!(stored_numbers(&copy_url), in_copy, "and the copy is as it was");
}

#[test]
fn postgres_refuses_ahual_backup_and_names_pg_dump() {
    let dir = tempfile::tempdir().unwrap();
    let db = crate::common::TestDatabase::create(crate::common::Backend::Postgres);
    let refused = ahual(dir.path(), &db.url, &["backup", dir.path().join("copy.db").to_str().unwrap()]);
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("pg_dump -Fc"), "{refused:?}");
    assert!(!dir.path().join("copy.db").exists());
}

fn counts(url: &str) -> (i64, i64) {
    let pool = ahual::db::connect(&ahual::db::DatabaseUrl::parse(url).unwrap(), 1).unwrap();
    let mut conn = pool.get().unwrap();
    let answers = responses::table.count().get_result(&mut conn).unwrap();
    let audited = audit_log::table.count().get_result(&mut conn).unwrap();
    (answers, audited)
}

#[test]
fn postgres_a_dump_restored_into_a_fresh_database_passes_both_checks() {
    let cluster = Cluster::start();
    cluster.create_database("source");
    let source = cluster.url("source");
    let dir = tempfile::tempdir().unwrap();
    succeeded("migrate", &ahual(dir.path(), &source, &["migrate"]));
    {
        let pool = ahual::db::connect(&ahual::db::DatabaseUrl::parse(&source).unwrap(), 1).unwrap();
        ahual::demo::ensure_demo(&mut pool.get().unwrap(), &crate::common::flags()).unwrap();
    }
    let (answers, audited) = counts(&source);
    assert!(answers > 0 && audited > 0, "the demo wrote answers ({answers}) and audit entries ({audited})");

    let dump = cluster.scratch().join("ahual.dump");
    cluster.run("pg_dump", &["-Fc", "-d", "source", "-f", dump.to_str().unwrap()]);
    cluster.create_database("restored");
    cluster.run("pg_restore", &["--no-owner", "-d", "restored", dump.to_str().unwrap()]);

    let restored = cluster.url("restored");
    assert_eq!(counts(&restored), (answers, audited), "every answer and audit entry came back");
    let report = both_checks_pass(dir.path(), &restored);
    assert!(report.contains(&format!("{answers} response(s): 0 difference(s)")), "{report}");
}
