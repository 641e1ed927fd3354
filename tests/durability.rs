//! Durability under load (issue 6, part 4): the real `ahual serve` binary takes pupil submissions
//! from several threads through the whole pupil flow, is killed with SIGKILL mid-run and started again.
//! Every submission that got the success answer (the redirect to the thank-you page) must be stored
//! exactly once, and `ahual verify` must find every counter equal to its recount. Each submission
//! carries a unique combination of answers, so each acknowledged one can be found in the database.
//! On SQLite and on PostgreSQL (which must be reachable: the test fails, never skips).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use std::collections::BTreeMap;
use std::net::TcpListener;
use std::process::{Child, Command, Output, Stdio};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common::{Backend, TestDatabase};

/// Items every grade sees, five options each (0 to 4): a submission's number written in base 5.
const ITEMS: [&str; 8] = [
    "victim_physical",
    "victim_verbal",
    "victim_relational",
    "victim_cyber",
    "staff_humiliated",
    "staff_physical",
    "bully_others",
    "witnessed",
];
const CLASSES: usize = 10;
const ROLL: usize = 60;
const WORKERS: u32 = 6;
/// The server is killed once this many submissions were acknowledged (about a fifth of the places).
const KILL_AFTER: usize = 120;
const SURVEYS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/surveys");

fn answers_for(mut n: u32) -> Vec<(&'static str, String)> {
    assert!(n < 5u32.pow(ITEMS.len() as u32), "{n} does not fit eight base-5 digits");
    ITEMS
        .iter()
        .map(|item| {
            let digit = n % 5;
            n /= 5;
            (*item, digit.to_string())
        })
        .collect()
}

/// The submission number stored in a response's answers, if it has all eight items.
fn number_of(answers: &str) -> Option<u32> {
    let map: serde_json::Map<String, serde_json::Value> = serde_json::from_str(answers).ok()?;
    ITEMS.iter().rev().try_fold(0u32, |n, item| Some(n * 5 + u32::try_from(map.get(*item)?.as_u64()?).ok()?))
}

fn ahual(dir: &std::path::Path, url: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ahual"))
        .args(args)
        .current_dir(dir)
        .env("AHUAL_DATABASE_URL", url)
        .env("AHUAL_SURVEYS_DIR", SURVEYS)
        .env("AHUAL_LOG", "warn")
        .output()
        .unwrap()
}

fn roster() -> String {
    let mut text = String::from(
        "[[school]]\ncode = \"SCH-0001\"\nregion = \"KZ-71\"\nname = { kk = \"Мектеп\", ru = \"Школа\", en = \"School\" }\n",
    );
    for n in 0..CLASSES {
        text.push_str(&format!(
            "\n[[class]]\nschool = \"SCH-0001\"\nlabel = \"7{}\"\ngrade = 7\nroll = {ROLL}\n",
            char::from(b'A' + n as u8)
        ));
    }
    text
}

/// A running `ahual serve`, killed when dropped so a failing test leaves no process behind.
struct Server {
    child: Child,
    base: String,
}

impl Server {
    fn start(dir: &std::path::Path, url: &str) -> Server {
        let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let child = Command::new(env!("CARGO_BIN_EXE_ahual"))
            .args(["serve", "--bind", &format!("127.0.0.1:{port}")])
            .current_dir(dir)
            .env("AHUAL_DATABASE_URL", url)
            .env("AHUAL_SURVEYS_DIR", SURVEYS)
            .env("AHUAL_SECRET_KEY", "ab".repeat(64))
            .env("AHUAL_LOG", "warn")
            .env("AHUAL_WORKERS", "2")
            .stdout(Stdio::null())
            .spawn()
            .unwrap();
        let server = Server { child, base: format!("http://127.0.0.1:{port}") };
        let give_up = Instant::now() + Duration::from_secs(60);
        while agent().get(&server.base).call().is_err() {
            assert!(Instant::now() < give_up, "the server did not start at {}", server.base);
            std::thread::sleep(Duration::from_millis(50));
        }
        server
    }

    fn kill(&mut self) {
        self.child.kill().unwrap(); // SIGKILL: no shutdown handler runs
        self.child.wait().unwrap();
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if self.child.try_wait().ok().flatten().is_none() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .max_redirects(0)
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(20)))
        .build()
        .into()
}

fn location(response: &ureq::http::Response<ureq::Body>) -> Option<String> {
    response.headers().get("location").and_then(|v| v.to_str().ok()).map(str::to_owned)
}

/// One pupil: start page, password, form, answers. Ok(true) when the answer was the thank-you redirect.
fn submit(agent: &ureq::Agent, base: &str, password: &str, n: u32) -> Result<bool, ureq::Error> {
    agent.get(format!("{base}/?lang=kk")).call()?.body_mut().read_to_string()?;
    let started = agent.post(format!("{base}/survey/start?lang=kk")).send_form([("password", password)])?;
    let Some(form) = location(&started).filter(|l| l.starts_with("/survey/")) else { return Ok(false) };
    let mut page = agent.get(format!("{base}{form}")).call()?;
    let body = page.body_mut().read_to_string()?;
    if page.status() != 200 {
        return Ok(false);
    }
    if !body.contains("<form method=\"post\"") {
        return Ok(false);
    }
    // The form posts to its own address.
    let mut sent = agent.post(format!("{base}{form}")).send_form(answers_for(n))?;
    let thanked = sent.status() == 303 && location(&sent).is_some_and(|l| l.starts_with("/thanks"));
    sent.body_mut().read_to_string()?;
    Ok(thanked)
}

/// Submits from `WORKERS` threads until the server stops answering; returns the acknowledged numbers.
fn load_until_killed(server: &mut Server, passwords: &[String]) -> Vec<u32> {
    let acknowledged = Arc::new(Mutex::new(Vec::new()));
    let count = Arc::new(AtomicUsize::new(0));
    let stop = Arc::new(AtomicBool::new(false));
    let workers: Vec<_> = (0..WORKERS)
        .map(|worker| {
            let (acknowledged, count, stop) = (acknowledged.clone(), count.clone(), stop.clone());
            let (base, passwords) = (server.base.clone(), passwords.to_vec());
            std::thread::spawn(move || {
                let agent = agent();
                for seq in 0u32.. {
                    if stop.load(Ordering::SeqCst) {
                        break;
                    }
                    let n = worker * 10_000 + seq;
                    let password = &passwords[(worker + seq) as usize % passwords.len()];
                    match submit(&agent, &base, password, n) {
                        Ok(true) => {
                            acknowledged.lock().unwrap().push(n);
                            count.fetch_add(1, Ordering::SeqCst);
                        }
                        Ok(false) => {}
                        Err(_) => break, // the server is gone
                    }
                }
            })
        })
        .collect();
    let give_up = Instant::now() + Duration::from_secs(120);
    while count.load(Ordering::SeqCst) < KILL_AFTER {
        assert!(Instant::now() < give_up, "only {} submissions in two minutes", count.load(Ordering::SeqCst));
        assert!(!workers.iter().all(|w| w.is_finished()), "every worker stopped before the kill");
        std::thread::sleep(Duration::from_millis(5));
    }
    let running = workers.iter().filter(|w| !w.is_finished()).count();
    server.kill();
    stop.store(true, Ordering::SeqCst);
    for worker in workers {
        worker.join().unwrap();
    }
    assert!(running > 0, "the kill came while pupils were submitting");
    Arc::try_unwrap(acknowledged).unwrap().into_inner().unwrap()
}

fn stored_numbers(url: &str) -> BTreeMap<u32, usize> {
    use ahual::db::schema::responses;
    use diesel::prelude::*;
    let pool = ahual::db::connect(&ahual::db::DatabaseUrl::parse(url).unwrap(), 1).unwrap();
    let rows: Vec<String> = responses::table.select(responses::answers).load(&mut pool.get().unwrap()).unwrap();
    let mut seen = BTreeMap::new();
    for answers in rows {
        let n = number_of(&answers).unwrap_or_else(|| panic!("a stored response that no pupil sent: {answers}"));
        *seen.entry(n).or_insert(0) += 1;
    }
    seen
}

fn every_acknowledged_submission_survives_sigkill(backend: Backend) {
    let db = TestDatabase::create(backend);
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("roster.toml"), roster()).unwrap();
    let imported = ahual(dir.path(), &db.url, &["import", "roster.toml"]);
    assert!(imported.status.success(), "{}", String::from_utf8_lossy(&imported.stderr));
    let opened = ahual(
        dir.path(),
        &db.url,
        &["wave", "open", "--school", "SCH-0001", "--instrument", "school-climate", "--json"],
    );
    let opened: serde_json::Value = serde_json::from_slice(&opened.stdout).unwrap();
    let passwords: Vec<String> =
        opened["classes"].as_array().unwrap().iter().map(|c| c["password"].as_str().unwrap().to_owned()).collect();
    assert_eq!(passwords.len(), CLASSES);

    let mut server = Server::start(dir.path(), &db.url);
    let mut acknowledged = load_until_killed(&mut server, &passwords);

    let mut server = Server::start(dir.path(), &db.url);
    let again = agent();
    for (i, password) in passwords.iter().enumerate() {
        let n = 300_000 + i as u32;
        if submit(&again, &server.base, password, n).unwrap() {
            acknowledged.push(n);
        }
    }
    assert!(acknowledged.iter().any(|n| *n >= 300_000), "the restarted server takes submissions");
    server.kill();

    let stored = stored_numbers(&db.url);
    for n in &acknowledged {
        assert_eq!(stored.get(n), Some(&1), "acknowledged submission {n} is stored exactly once");
    }
    assert!(stored.values().all(|count| *count == 1), "no submission is stored twice");

    let wave = opened["wave_id"].as_str().unwrap();
    let closed = ahual(dir.path(), &db.url, &["wave", "close", wave]);
    assert!(closed.status.success(), "{}", String::from_utf8_lossy(&closed.stderr));
    let verified = ahual(dir.path(), &db.url, &["verify"]);
    let report = String::from_utf8_lossy(&verified.stdout);
    assert_eq!(verified.status.code(), Some(0), "{report}{}", String::from_utf8_lossy(&verified.stderr));
    assert!(report.contains(&format!("{} response(s): 0 difference(s)", stored.len())), "{report}");
}

#[test]
fn sqlite_every_acknowledged_submission_survives_sigkill() {
    every_acknowledged_submission_survives_sigkill(Backend::Sqlite);
}

#[test]
fn postgres_every_acknowledged_submission_survives_sigkill() {
    every_acknowledged_submission_survives_sigkill(Backend::Postgres);
}
