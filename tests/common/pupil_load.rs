//! Pupils submitting from several threads while a test causes a fault, and what the database must
//! hold afterwards: each acknowledged submission exactly once.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use super::serve_load::{Outcome, agent, number_of, submit};

/// Every submission number stored, with how many times.
pub fn stored_numbers(url: &str) -> BTreeMap<u32, usize> {
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

/// What pupils got, attempt by attempt: the number sent and how it ended, or the transport error
/// (no answer at all).
pub type Attempts = Vec<(u32, Result<Outcome, String>)>;

/// Pupils submitting from several threads until stopped; submission `n` of worker `w` is numbered
/// `w * 10_000 + n` (a worker stops at its 10,000th). A transport error (no answer) is recorded and
/// the pupil tries the next.
pub struct Load {
    attempts: Arc<Mutex<Attempts>>,
    stop: Arc<AtomicBool>,
    workers: Vec<JoinHandle<()>>,
}

impl Load {
    pub fn start(base: &str, passwords: &[String], workers: u32) -> Load {
        assert!(workers <= 30, "numbers from 300,000 are the tests' own");
        let attempts: Arc<Mutex<Attempts>> = Arc::default();
        let stop = Arc::new(AtomicBool::new(false));
        let workers = (0..workers)
            .map(|worker| {
                let (attempts, stop) = (attempts.clone(), stop.clone());
                let (base, passwords) = (base.to_owned(), passwords.to_vec());
                std::thread::spawn(move || {
                    let agent = agent();
                    for seq in 0u32..10_000 {
                        if stop.load(Ordering::SeqCst) {
                            break;
                        }
                        let n = worker * 10_000 + seq;
                        let password = &passwords[(worker + seq) as usize % passwords.len()];
                        let outcome = submit(&agent, &base, password, n).map_err(|e| e.to_string());
                        if outcome.is_err() {
                            std::thread::sleep(Duration::from_millis(20));
                        }
                        attempts.lock().unwrap().push((n, outcome));
                    }
                })
            })
            .collect();
        Load { attempts, stop, workers }
    }

    /// Every attempt that has ended so far.
    pub fn so_far(&self) -> Attempts {
        self.attempts.lock().unwrap().clone()
    }

    /// How many attempts so far ended as `pick` says.
    pub fn count(&self, pick: impl Fn(&Result<Outcome, String>) -> bool) -> usize {
        self.attempts.lock().unwrap().iter().filter(|(_, outcome)| pick(outcome)).count()
    }

    /// Waits until `count(pick)` reaches `at_least`, at most two minutes; panics naming `what` if not.
    pub fn wait_for(&self, what: &str, at_least: usize, pick: impl Fn(&Result<Outcome, String>) -> bool) {
        let limit = Duration::from_secs(120);
        let give_up = Instant::now() + limit;
        while self.count(&pick) < at_least {
            assert!(Instant::now() < give_up, "{what}: only {} of {at_least} in {limit:?}", self.count(&pick));
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    /// Waits until `more` attempts than now ended as `pick` says (see [`Load::wait_for`]).
    pub fn wait_for_more(&self, what: &str, more: usize, pick: impl Fn(&Result<Outcome, String>) -> bool) {
        let now = self.count(&pick);
        self.wait_for(what, now + more, pick);
    }

    /// Stops the pupils, waits for them, and returns every attempt in the order they ended.
    pub fn stop(self) -> Attempts {
        self.stop.store(true, Ordering::SeqCst);
        for worker in self.workers {
            worker.join().unwrap();
        }
        Arc::try_unwrap(self.attempts).unwrap().into_inner().unwrap()
    }
}

/// Asserts that every attempt ended in the thank-you or the "try again" page: no other error page,
/// and no request left without an answer; shows the server's `log` when not.
pub fn only_thanks_and_try_again(attempts: &Attempts, log: &str) {
    let others: Vec<_> =
        attempts.iter().filter(|(_, o)| !matches!(o, Ok(Outcome::Thanked | Outcome::TryAgain { .. }))).collect();
    let shown = &others[..others.len().min(5)];
    assert!(others.is_empty(), "only thank-you and try-again pages: {shown:?}\n{log}");
}

/// Whether an attempt was acknowledged.
pub fn thanked(outcome: &Result<Outcome, String>) -> bool {
    matches!(outcome, Ok(Outcome::Thanked))
}

/// Whether a "try again" answer to the answers themselves promises that they were not stored. On
/// SQLite it does: a failed batch commits nothing. When PostgreSQL goes down during a commit, the
/// commit may be durable on the server while the connection is cut before it says so: stored, and
/// the pupil told to try again (the form is spent, so trying again says "already sent").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TryAgainMeans {
    NotStored,
    MaybeStored,
}

/// Asserts that every acknowledged attempt is stored exactly once, that nothing is stored twice,
/// and, as `try_again` says, that no attempt whose answers got the "try again" page was stored;
/// returns what is stored.
pub fn each_acknowledged_stored_once(url: &str, attempts: &Attempts, try_again: TryAgainMeans) -> BTreeMap<u32, usize> {
    let stored = stored_numbers(url);
    for (n, outcome) in attempts {
        match outcome {
            Ok(Outcome::Thanked) => assert_eq!(stored.get(n), Some(&1), "acknowledged submission {n} is stored once"),
            Ok(Outcome::TryAgain { answers_sent: true }) if try_again == TryAgainMeans::NotStored => {
                assert_eq!(stored.get(n), None, "submission {n} was told to try again, yet stored")
            }
            _ => {}
        }
    }
    assert!(stored.values().all(|count| *count == 1), "no submission is stored twice");
    stored
}
