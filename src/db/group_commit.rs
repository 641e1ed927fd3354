//! Group commit of pupils' submissions, on both backends.
//!
//! With `synchronous = FULL` every SQLite commit waits for one flush of the write-ahead log, and SQLite
//! has one writer at a time, so one response per transaction caps a school at one response per flush
//! (about 2 ms on this kind of disk: ~500/s). Here a writer thread takes every submission that is
//! waiting, stores them in one transaction (a refused one rolls back alone, exactly as
//! [`responses::submit`] on its own: see [`store_batch`]), commits once, and only then answers each
//! caller. So every acknowledged response is still durable before its "thank you", and a batch costs
//! one flush. A writer never waits for company: a lone submission is committed at once; batches form
//! only while a flush is running.
//!
//! PostgreSQL groups concurrent commits into one WAL flush only by luck of timing (`commit_delay` is 0
//! by default); one transaction per submission on 16 pooled connections reached 640-770 submissions/s
//! on the 2-core bench machine. So PostgreSQL groups too, and writes each batch as one statement
//! ([`response_statement`]). Every instance has its own writer, so several instances still share the
//! load.
//!
//! What a batch's shared transaction id tells a database reader (PostgreSQL's `xmin`, issue 17): every
//! row a transaction writes carries its id, so the responses of one batch share one, with the counter
//! rows of their classes. It tells that those responses were committed together (they arrived within
//! one flush of each other) and, since ids grow, which batch came before which: submission order at
//! the grain of a batch, exactly as it is for a batch of one. It does not tell which code or form
//! admitted which response: a submission deletes its code and its issued nonce
//! ([`super::form_tokens`]) rather than writing them, so no live code or token row is written by a
//! response's transaction, whether the batch holds one response or 256. The order is what is left,
//! while the wave is open; closing the wave rewrites its responses in key order in one transaction
//! ([`crate::app::close_wave`]), after which they all share one id and none tells submission order.

use std::sync::{Arc, Mutex, mpsc};
use std::thread::JoinHandle;

use tokio::sync::oneshot;

use super::connection::Pool;
use super::responses::{self, NewResponse, SubmitError};
use super::supervision::ThreadWatch;
use super::{DbConnection, DbError};
use super::{response_set, response_statement};

/// The most submissions one commit carries; more wait for the next.
const MAX_BATCH: usize = 256;

/// Writers on PostgreSQL. Once a batch became one statement, one writer stored the most (bench
/// machine, flat out: 3,297/s with one, 2,358/s with two, 2,521/s with four): more writers split the
/// rush into smaller batches, each a statement and a flush of its own, and wait on each other's
/// counters. The statement locks its classes' counters in the order of their ids, so writers of
/// several instances never wait for each other in a circle.
pub const POSTGRES_WRITERS: usize = 1;

type Reply = oneshot::Sender<Result<String, SubmitError>>;

/// What the writers' queue carries: a submission and where its answer goes, or the signal to stop.
enum Queued {
    Submission(NewResponse, Reply),
    Stop,
}

/// Stores responses: through the group-commit writer on SQLite, directly on PostgreSQL.
#[derive(Clone)]
pub enum Submitter {
    /// One transaction per submission on a pooled connection.
    PerRequest(Pool),
    /// Submissions queue for the writer threads.
    Grouped(Queue),
}

/// The writers' queue, as submitters hold it.
#[derive(Clone)]
pub struct Queue(mpsc::Sender<Queued>);

/// The running writer threads of a [`Submitter`]. Dropping it (or [`Writers::stop`]) lets each writer
/// finish the batch it holds, ends the threads and waits for them; submissions still queued then, or
/// sent later, are answered "the writer has stopped". So a server that stops, or a test app that is
/// dropped, leaves no writer behind, whoever still holds a clone of the submitter.
pub struct Writers {
    queue: mpsc::Sender<Queued>,
    threads: Vec<JoinHandle<()>>,
}

impl Writers {
    /// Ends the writers after their current batches and waits for them.
    pub fn stop(&mut self) {
        for _ in &self.threads {
            // One signal per writer: each takes one and ends (a writer that has ended takes none).
            let _ = self.queue.send(Queued::Stop);
        }
        for thread in self.threads.drain(..) {
            if thread.join().is_err() {
                tracing::error!("a submission writer panicked");
            }
        }
    }
}

impl Drop for Writers {
    fn drop(&mut self) {
        self.stop();
    }
}

impl Submitter {
    /// Starts the writer threads over `pool`: one on SQLite, which takes one writer at a time
    /// anyway, [`POSTGRES_WRITERS`] on PostgreSQL. They run until the returned [`Writers`] is
    /// stopped or dropped. Should none start, submissions fall back to one transaction each:
    /// slower, equally durable.
    pub fn start(pool: Pool) -> (Submitter, Writers) {
        Submitter::start_watched(pool, Arc::default(), store_with_writer_settings)
    }

    /// [`Submitter::start`], with each batch stored by `store` under `watch.writer`: a batch whose
    /// storing panics is answered with an error (nothing of it was committed) and the writer goes on
    /// with the next (`db::supervision`). `store` is [`store_with_writer_settings`] but for tests
    /// that inject a fault.
    pub fn start_watched(pool: Pool, watch: Arc<ThreadWatch>, store: StoreBatch) -> (Submitter, Writers) {
        let (sender, receiver) = mpsc::channel();
        // One look at the backend (none if the database does not answer yet: one writer).
        let postgres = pool.get().ok().map(|conn| matches!(*conn, DbConnection::Postgresql(_)));
        let receiver = Arc::new(Mutex::new(receiver));
        let mut threads = Vec::new();
        for n in 0..if postgres == Some(true) { POSTGRES_WRITERS } else { 1 } {
            let (writer_pool, queue, watch) = (pool.clone(), receiver.clone(), watch.clone());
            match std::thread::Builder::new()
                .name(format!("ahual-submit-writer-{n}"))
                .spawn(move || write(&writer_pool, &queue, &watch, store))
            {
                Ok(thread) => threads.push(thread),
                Err(e) => tracing::error!("cannot start a submission writer: {e}"),
            }
        }
        let submitter = if threads.is_empty() {
            tracing::error!("no submission writer runs, committing one by one");
            Submitter::PerRequest(pool)
        } else {
            Submitter::Grouped(Queue(sender.clone()))
        };
        (submitter, Writers { queue: sender, threads })
    }

    /// Stores `response`; returns once it is committed (or refused, or failed).
    pub async fn submit(&self, response: NewResponse) -> Result<String, SubmitError> {
        match self {
            Submitter::PerRequest(pool) => {
                let pool = pool.clone();
                actix_web::web::block(move || responses::submit(&mut *pool.get().map_err(DbError::from)?, &response))
                    .await
                    .map_err(|e| SubmitError::Db(DbError::Writer(format!("blocking task failed: {e}"))))?
            }
            Submitter::Grouped(queue) => {
                let (reply, answer) = oneshot::channel();
                queue.0.send(Queued::Submission(response, reply)).map_err(|_| stopped())?;
                answer.await.map_err(|_| stopped())?
            }
        }
    }
}

fn stopped() -> SubmitError {
    SubmitError::Db(DbError::Writer("it has stopped".into()))
}

/// How a writer stores one batch: one result per submission, in order.
pub type StoreBatch = fn(&Pool, &[NewResponse]) -> Vec<Result<String, SubmitError>>;

/// Stores a batch on a pooled connection with the writer's settings (on SQLite, no checkpoint inside
/// its commits: they run on their own thread, checkpoint.rs).
pub fn store_with_writer_settings(pool: &Pool, pending: &[NewResponse]) -> Vec<Result<String, SubmitError>> {
    match pool.get() {
        Ok(mut conn) => {
            if let DbConnection::Sqlite(lite) = &mut *conn {
                let _ = diesel::connection::SimpleConnection::batch_execute(lite, super::checkpoint::WRITER_SETTINGS);
            }
            store_batch(&mut conn, pending)
        }
        Err(e) => pending.iter().map(|_| Err(no_connection(&e))).collect(),
    }
}

/// How the writer says that it had no connection to store with: the pool found none within its
/// timeout (the database down or restarting).
const NO_CONNECTION: &str = "no connection: ";

/// The error of a submission that could not be stored for want of a connection (`cause`, the pool's).
pub fn no_connection(cause: &dyn std::fmt::Display) -> SubmitError {
    SubmitError::Db(DbError::Writer(format!("{NO_CONNECTION}{cause}")))
}

/// Whether every one of a batch's `results` failed for want of a connection.
fn none_connected(results: &[Result<String, SubmitError>]) -> bool {
    results.iter().all(|r| matches!(r, Err(SubmitError::Db(DbError::Writer(m))) if m.starts_with(NO_CONNECTION)))
}

/// Answers every submission waiting in the queue with `no_connection`, without storing: the batch
/// before them waited a whole pool timeout for a connection and got none, so each of them would
/// wait as long again, one batch after another, only to be told the same. Returns true when it met
/// the signal to stop.
fn tell_the_waiting(queue: &Mutex<mpsc::Receiver<Queued>>) -> bool {
    let Ok(queue) = queue.lock() else { return true };
    loop {
        match queue.try_recv() {
            Ok(Queued::Submission(_, reply)) => {
                let _ = reply.send(Err(no_connection(&"the previous batch found the database unreachable")));
            }
            Ok(Queued::Stop) => return true,
            Err(_) => return false,
        }
    }
}

/// A writer thread: a batch of whatever is waiting, one commit, then the answers. Writers take turns
/// at the queue; while one commits, the next gathers the submissions that arrive meanwhile.
fn write(pool: &Pool, queue: &Mutex<mpsc::Receiver<Queued>>, watch: &ThreadWatch, store: StoreBatch) {
    loop {
        let (mut batch, mut stop) = {
            let Ok(queue) = queue.lock() else { return };
            let Ok(Queued::Submission(response, reply)) = queue.recv() else { return };
            let mut batch = vec![(response, reply)];
            let mut stop = false;
            while batch.len() < MAX_BATCH && !stop {
                match queue.try_recv() {
                    Ok(Queued::Submission(response, reply)) => batch.push((response, reply)),
                    Ok(Queued::Stop) => stop = true,
                    Err(_) => break,
                }
            }
            (batch, stop)
        };
        // Counters locked in one order by every writer (a stable sort keeps a class's own order).
        batch.sort_by_key(|(response, _)| response.wave_class_id);
        let (pending, replies): (Vec<NewResponse>, Vec<Reply>) = batch.into_iter().unzip();
        // A panic rolls the batch back (its connection, dropped while panicking, is not reused) and
        // fails only this batch; the writer goes on.
        let results = watch.writer.guarded("submission writer", || store(pool, &pending)).unwrap_or_else(|| {
            pending.iter().map(|_| Err(SubmitError::Db(DbError::Writer("it failed on this batch".into())))).collect()
        });
        let unreachable = none_connected(&results);
        for (reply, result) in replies.into_iter().zip(results) {
            let _ = reply.send(result);
        }
        if unreachable && !stop {
            stop = tell_the_waiting(queue);
        }
        if stop {
            return;
        }
    }
}

/// Stores the batch; when its commit fails, none is stored and every caller gets the error. Almost
/// every batch is refused nothing, so it is first written as a set: on PostgreSQL as one statement
/// that commits on its own ([`response_statement`]), on SQLite in one transaction of a few statements
/// ([`response_set`]). What the set refuses or fails is stored again with a savepoint per response,
/// so a refused response rolls back alone and every caller gets its own answer. Public for the tests
/// of every way.
pub fn store_batch(conn: &mut DbConnection, pending: &[NewResponse]) -> Vec<Result<String, SubmitError>> {
    let in_one_statement = match conn {
        DbConnection::Postgresql(pg) if response_statement::fits(pending) => {
            Some(response_statement::store(pg, pending))
        }
        _ => None,
    };
    match in_one_statement {
        Some(Ok(stored)) => return refused_again_one_by_one(conn, pending, stored),
        // Nothing was stored (a spent token, say): each on its own says which.
        Some(Err(_)) => return commit_each_guarded(conn, &pending.iter().collect::<Vec<_>>()),
        None => {}
    }
    let mut ids = Vec::with_capacity(pending.len());
    let mut some_refused = false;
    let fast = super::write_transaction(conn, |conn| {
        let stored = match pending {
            // One response: statements of fixed shape, which both backends keep prepared.
            [one] => responses::submit_unguarded(conn, one).map(|id| vec![id]),
            _ => response_set::store_set(conn, pending),
        };
        match stored {
            Ok(stored) => {
                ids = stored;
                Ok(())
            }
            Err(_) => {
                some_refused = true;
                Err(diesel::result::Error::RollbackTransaction)
            }
        }
    });
    match fast {
        Ok(()) => ids.into_iter().map(Ok).collect(),
        Err(_) if some_refused => commit_each_guarded(conn, &pending.iter().collect::<Vec<_>>()),
        Err(e) => failed(pending.len(), &e),
    }
}

/// The answers for a batch whose `stored` ids the set statement returned; the responses it did not
/// store (their class full, closed or unknown) go again one by one, each for its own refusal.
fn refused_again_one_by_one(
    conn: &mut DbConnection,
    pending: &[NewResponse],
    stored: Vec<Option<String>>,
) -> Vec<Result<String, SubmitError>> {
    let refused: Vec<&NewResponse> =
        pending.iter().zip(&stored).filter(|(_, id)| id.is_none()).map(|(r, _)| r).collect();
    let mut again = if refused.is_empty() { Vec::new() } else { commit_each_guarded(conn, &refused) }.into_iter();
    stored
        .into_iter()
        .map(|id| match id {
            Some(id) => Ok(id),
            None => again.next().unwrap_or_else(|| Err(SubmitError::Db(DbError::Writer("a lost answer".into())))),
        })
        .collect()
}

/// Stores each response in its own savepoint of one transaction.
fn commit_each_guarded(conn: &mut DbConnection, pending: &[&NewResponse]) -> Vec<Result<String, SubmitError>> {
    let mut results = Vec::with_capacity(pending.len());
    let committed = super::write_transaction(conn, |conn| {
        results.extend(pending.iter().map(|response| responses::submit(conn, response)));
        Ok::<_, diesel::result::Error>(())
    });
    match committed {
        Ok(()) => results,
        Err(e) => failed(pending.len(), &e),
    }
}

fn failed(count: usize, error: &diesel::result::Error) -> Vec<Result<String, SubmitError>> {
    (0..count).map(|_| Err(SubmitError::Db(DbError::Writer(format!("commit failed: {error}"))))).collect()
}
