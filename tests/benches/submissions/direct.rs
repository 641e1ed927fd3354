//! The physical limit (issue 6, part 2b): the rows one submission writes — the spent form token (its
//! issued row deleted), the class counter below its roll, the response — written straight into the same kind of database with
//! no HTTP, no checks and no rendering, each submission counted only once its commit returned. Run
//! twice: one submission per transaction, and grouped (`batch` submissions per commit, as the server's
//! SQLite group commit does), because a minimal program may group commits too; the limit is the
//! faster of the two. Connections come from the production pool, so SQLite gets the same PRAGMAs (WAL,
//! `synchronous = FULL`). Form nonces are issued ahead in blocks of the server's size
//! (`app::form_nonces::BLOCK`), outside the timed commit, as the server issues them.

use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use ahual::app::form_nonces::BLOCK;
use ahual::db::DatabaseUrl;
use ahual::db::DbConnection;
use ahual::db::schema::{responses, unspent_form_tokens, wave_classes};
use chrono::Utc;
use diesel::prelude::*;

use super::answers::{Questionnaire, Sequence};
use super::prepare::{DirectClass, ROLL};

/// What the direct writers achieved in the measured window.
#[derive(Debug, Default)]
pub struct DirectOutcome {
    /// Writer threads (each with its own connection).
    pub threads: usize,
    /// Submissions per commit.
    pub batch: usize,
    /// The next submission number after this run (a later run starts there, on fresh roll places).
    pub next: u64,
    /// Committed submissions.
    pub completed: u64,
    /// Failed transactions.
    pub errors: u64,
    /// Latency of each counted transaction.
    pub commit: Vec<Duration>,
    /// Length of the measured window.
    pub window: Duration,
    /// Whether the school ran out of roll before the end (the figure is then still a rate, over less work).
    pub ran_out: bool,
}

/// The wave the rows belong to.
pub struct Target<'a> {
    /// `waves.id`.
    pub wave_id: &'a str,
    /// Its classes.
    pub classes: &'a [DirectClass],
}

/// How the direct writers run.
#[derive(Debug, Clone, Copy)]
pub struct Writers {
    /// Threads, each with its own connection.
    pub threads: usize,
    /// Submissions per commit.
    pub batch: usize,
    /// The first submission number (places already used by an earlier run are skipped).
    pub first: u64,
}

/// Writes submissions from `writers.threads` threads for `warmup + measure`, counting those in the window.
pub fn run(
    url: &DatabaseUrl,
    target: &Target,
    questionnaire: &Questionnaire,
    writers: Writers,
    (warmup, measure): (Duration, Duration),
) -> anyhow::Result<DirectOutcome> {
    let Writers { threads, batch, first } = writers;
    let batch = batch.max(1);
    let pool = ahual::db::connect(url, u32::try_from(threads)?)?;
    let next = AtomicU64::new(first);
    let outcome = Mutex::new(DirectOutcome { threads, batch, window: measure, ..DirectOutcome::default() });
    let started = Instant::now();
    let (counted_from, ends_at) = (started + warmup, started + warmup + measure);
    std::thread::scope(|scope| -> anyhow::Result<()> {
        let mut writers = Vec::new();
        for index in 0..threads {
            let mut conn = pool.get()?;
            let (next, outcome) = (&next, &outcome);
            writers.push(scope.spawn(move || {
                let mut seq = Sequence::new(index as u64 * 7919 + 1);
                let (mut commits, mut errors, mut ran_out) = (Vec::new(), 0, false);
                let mut nonces: Vec<String> = Vec::new();
                while Instant::now() < ends_at {
                    while nonces.len() < batch {
                        match ahual::db::form_tokens::issue(&mut conn, BLOCK, Utc::now().date_naive()) {
                            Ok(block) => nonces.extend(block),
                            Err(e) => {
                                eprintln!("issuing form nonces failed: {e}");
                                return;
                            }
                        }
                    }
                    let start = next.fetch_add(batch as u64, Ordering::Relaxed);
                    let mut rows = Vec::with_capacity(batch);
                    for n in start..start + batch as u64 {
                        match usize::try_from(n / ROLL).ok().and_then(|i| target.classes.get(i)) {
                            Some(class) => {
                                rows.push((n, class, questionnaire.json(class.grade, &mut seq), nonces.pop()))
                            }
                            None => ran_out = true,
                        }
                    }
                    if ran_out {
                        break;
                    }
                    let begun = Instant::now();
                    let written = write_batch(&mut conn, target.wave_id, &rows);
                    let done = Instant::now();
                    if done < counted_from || done > ends_at {
                        continue;
                    }
                    match written {
                        Ok(()) => commits.extend(std::iter::repeat_n(done - begun, rows.len())),
                        Err(e) => {
                            errors += 1;
                            if errors == 1 {
                                eprintln!("direct write failed: {e}");
                            }
                        }
                    }
                }
                if let Ok(mut outcome) = outcome.lock() {
                    outcome.completed += commits.len() as u64;
                    outcome.commit.extend(commits);
                    outcome.errors += errors;
                    outcome.ran_out |= ran_out;
                }
            }));
        }
        for writer in writers {
            writer.join().map_err(|_| anyhow::anyhow!("a writer thread panicked"))?;
        }
        Ok(())
    })?;
    let mut outcome = outcome.into_inner().map_err(|_| anyhow::anyhow!("poisoned"))?;
    outcome.next = next.into_inner();
    if outcome.ran_out {
        outcome.window = outcome.window.min(started.elapsed().saturating_sub(warmup));
    }
    Ok(outcome)
}

/// Several submissions' rows in one transaction, committed before it returns.
fn write_batch(
    conn: &mut DbConnection,
    wave_id: &str,
    rows: &[(u64, &DirectClass, String, Option<String>)],
) -> Result<(), diesel::result::Error> {
    ahual::db::write_transaction(conn, |conn| {
        for (n, class, answers, nonce) in rows {
            write_one(conn, wave_id, class, answers, nonce.as_deref().unwrap_or_default(), *n)?;
        }
        Ok(())
    })
}

/// One submission's rows (inside the caller's transaction).
fn write_one(
    conn: &mut DbConnection,
    wave_id: &str,
    class: &DirectClass,
    answers: &str,
    nonce: &str,
    n: u64,
) -> Result<(), diesel::result::Error> {
    let today = Utc::now().date_naive();
    if diesel::delete(unspent_form_tokens::table.find(nonce)).execute(conn)? != 1 {
        return Err(diesel::result::Error::RollbackTransaction);
    }
    let counted = diesel::update(
        wave_classes::table.find(&class.wave_class_id).filter(wave_classes::responses.lt(wave_classes::roll)),
    )
    .set(wave_classes::responses.eq(wave_classes::responses + 1))
    .execute(conn)?;
    if counted != 1 {
        return Err(diesel::result::Error::RollbackTransaction);
    }
    diesel::insert_into(responses::table)
        .values((
            responses::id.eq(uuid::Uuid::new_v4().to_string()),
            responses::wave_id.eq(wave_id),
            responses::class_id.eq(&class.class_id),
            responses::instrument_version.eq(1),
            responses::lang.eq(if n.is_multiple_of(2) { "kk" } else { "ru" }),
            responses::submitted_on.eq(today),
            responses::answers.eq(answers),
        ))
        .execute(conn)?;
    Ok(())
}
