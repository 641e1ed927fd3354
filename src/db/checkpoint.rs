//! SQLite's WAL checkpoints, moved off the pupils' writer.
//!
//! By default SQLite checkpoints inside the commit that pushes the WAL past 1,000 pages: that commit
//! copies the WAL into the database file and syncs it while holding the write lock, so every pupil
//! whose answer waits behind it waits too. Under a steady 2,000 submissions/s that made the slowest
//! 1% of submissions take over 100 ms while the median took 7 ms. The writer thread now turns the
//! automatic checkpoint off on its connection, and this thread checkpoints in `PASSIVE` mode every
//! quarter second, which copies what it can without waiting for, or blocking, the writer.
//!
//! A passive checkpoint never lets the WAL start over under a steady load: SQLite rewinds the WAL
//! only when a writer begins after a checkpoint copied every frame, and with commits arriving every
//! few milliseconds new frames are always there first. The 30-minute soak (issue 22) found the WAL at
//! 4.5 GB after four minutes at 1,000 submissions/s and the server's memory climbing with its index.
//! So once the WAL holds more than [`RESTART_FRAMES`], the thread checkpoints in `RESTART` mode: it
//! waits (under the busy timeout) for the writer and the readers of older frames and copies the rest,
//! so the next commit writes from the start of the file again. That pause is the price of a bounded
//! WAL. The file is rewound, not emptied: with a `TRUNCATE` checkpoint (the first fix) the slowest
//! 1% of submissions at 2,000/s went from 9 to 70 ms, and with `RESTART` to 41-50 ms (BENCHMARKS.md),
//! presumably because after an emptying every commit grows the file again and its sync must write
//! the file's size as well as its data (not measured apart). `journal_size_limit`
//! (`connection::SQLITE_SETTINGS`) cuts the file back should a late rewind have let it grow far past
//! the limit.

use std::sync::Arc;
use std::sync::mpsc::{self, RecvTimeoutError};
use std::thread::JoinHandle;
use std::time::Duration;

use diesel::connection::SimpleConnection;

use super::Pool;
use super::supervision::ThreadWatch;

/// How often the WAL is copied back into the database file.
const EVERY: Duration = Duration::from_millis(250);

/// WAL frames past which a checkpoint waits to rewind the WAL (64 MB of 4 KB pages).
pub const RESTART_FRAMES: i64 = 16_384;

/// What the writer runs on its connection before each batch (SQLite only): no checkpoint inside its
/// commits, since the [`Checkpointer`] takes care of them.
pub(super) const WRITER_SETTINGS: &str = "PRAGMA wal_autocheckpoint = 0;";

/// The running checkpoint thread. Dropping it (or [`Checkpointer::stop`]) ends the thread and waits
/// for it, so a server that stops, or a test app that is dropped, leaves no thread behind.
pub struct Checkpointer {
    stop: Option<mpsc::Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

impl Checkpointer {
    /// Starts the checkpoint thread over an SQLite `pool` (the application does, on SQLite only); the
    /// writer's own commits no longer checkpoint (see [`WRITER_SETTINGS`]). `None`, with an error in
    /// the log, when the system refuses a thread: the WAL then grows until a restart checkpoints it.
    pub fn start(pool: Pool) -> Option<Checkpointer> {
        Checkpointer::start_watched(pool, Arc::default(), checkpoint)
    }

    /// [`Checkpointer::start`], each checkpoint run by `run` under `watch.checkpoint`: one that
    /// panics is logged and counted, and the next comes a period later (`db::supervision`). `run`
    /// is [`checkpoint`] but for tests that inject a fault.
    pub fn start_watched(pool: Pool, watch: Arc<ThreadWatch>, run: CheckpointRun) -> Option<Checkpointer> {
        let (stop, stopped) = mpsc::channel();
        let started = std::thread::Builder::new()
            .name("ahual-checkpoint".into())
            .spawn(move || checkpoint_until_stopped(&pool, &stopped, &watch, run));
        match started {
            Ok(thread) => Some(Checkpointer { stop: Some(stop), thread: Some(thread) }),
            Err(e) => {
                tracing::error!("cannot start the checkpoint thread: {e}");
                None
            }
        }
    }

    /// Ends the thread (after the checkpoint it may be running) and waits for it.
    pub fn stop(&mut self) {
        self.stop.take();
        if let Some(thread) = self.thread.take()
            && thread.join().is_err()
        {
            tracing::error!("the checkpoint thread panicked");
        }
    }
}

impl Drop for Checkpointer {
    fn drop(&mut self) {
        self.stop();
    }
}

/// How the thread checkpoints once.
pub type CheckpointRun = fn(&Pool) -> Result<(), String>;

fn checkpoint_until_stopped(pool: &Pool, stopped: &mpsc::Receiver<()>, watch: &ThreadWatch, run: CheckpointRun) {
    // Any message, or the sender's drop, is the signal; until then, one checkpoint per period.
    while let Err(RecvTimeoutError::Timeout) = stopped.recv_timeout(EVERY) {
        if let Some(Err(e)) = watch.checkpoint.guarded("checkpoint", || run(pool)) {
            tracing::warn!("WAL checkpoint: {e}");
        }
    }
}

/// What `PRAGMA wal_checkpoint` answers: frames in the WAL (`-1` when it could not run).
#[derive(diesel::QueryableByName)]
struct Outcome {
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    log: i64,
}

/// One passive checkpoint on a pooled connection, and one that rewinds the WAL when it has grown
/// past [`RESTART_FRAMES`].
pub fn checkpoint(pool: &Pool) -> Result<(), String> {
    checkpoint_past(pool, RESTART_FRAMES)
}

/// [`checkpoint`] with the WAL rewound once it holds more than `restart_frames` frames.
pub fn checkpoint_past(pool: &Pool, restart_frames: i64) -> Result<(), String> {
    use diesel::RunQueryDsl;
    let mut conn = pool.get().map_err(|e| e.to_string())?;
    let passive: Vec<Outcome> =
        diesel::sql_query("PRAGMA wal_checkpoint(PASSIVE)").load(&mut *conn).map_err(|e| e.to_string())?;
    if passive.first().is_some_and(|outcome| outcome.log > restart_frames) {
        conn.batch_execute("PRAGMA wal_checkpoint(RESTART);").map_err(|e| e.to_string())?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::DatabaseUrl;

    /// With the writer's settings the data stays in the WAL (the commits copy nothing back); one
    /// passive checkpoint moves it into the database file.
    #[test]
    fn the_writer_leaves_the_wal_alone_and_the_checkpoint_copies_it_back() {
        let dir = tempfile::tempdir().expect("temp dir");
        let file = dir.path().join("checkpoint.db");
        let pool = super::super::connect(&DatabaseUrl::Sqlite(file.clone()), 2).expect("pool");
        {
            let mut writer = pool.get().expect("connection");
            writer.batch_execute(WRITER_SETTINGS).expect("writer settings");
            writer.batch_execute("CREATE TABLE filler (text TEXT NOT NULL);").expect("table");
            for _ in 0..1500 {
                writer
                    .batch_execute("INSERT INTO filler (text) VALUES (printf('%.4000c', 'x'));")
                    .expect("one commit of one 4 KB row");
            }
        }
        let size = || std::fs::metadata(&file).expect("database file").len();
        let before = size();
        assert!(
            before < 100_000,
            "1,500 commits of 4 KB (past the default 1,000-page checkpoint) stayed in the WAL: {before} bytes"
        );
        checkpoint(&pool).expect("checkpoint");
        assert!(size() > 5_000_000, "the checkpoint copied them: {} bytes", size());
    }

    /// Past the limit the WAL is rewound: the next commits write from its start, so the file stops
    /// growing and the frames SQLite counts start again from nought; below it the passive checkpoint
    /// leaves the WAL as it was.
    #[test]
    fn a_wal_past_the_limit_is_rewound() {
        use diesel::RunQueryDsl;
        let dir = tempfile::tempdir().expect("temp dir");
        let file = dir.path().join("rewind.db");
        let wal = dir.path().join("rewind.db-wal");
        let pool = super::super::connect(&DatabaseUrl::Sqlite(file), 2).expect("pool");
        let mut writer = pool.get().expect("connection");
        writer.batch_execute(WRITER_SETTINGS).expect("writer settings");
        writer.batch_execute("CREATE TABLE filler (text TEXT NOT NULL);").expect("table");
        let fill = |writer: &mut crate::db::PooledConnection, rows: usize| {
            for _ in 0..rows {
                writer.batch_execute("INSERT INTO filler (text) VALUES (printf('%.4000c', 'x'));").expect("a row");
            }
        };
        let frames = |writer: &mut crate::db::PooledConnection| {
            let outcome: Vec<Outcome> =
                diesel::sql_query("PRAGMA wal_checkpoint(PASSIVE)").load(&mut **writer).expect("frames");
            outcome.first().expect("one row").log
        };
        fill(&mut writer, 50);
        checkpoint_past(&pool, 1_000).expect("checkpoint");
        fill(&mut writer, 50);
        assert!(frames(&mut writer) >= 100, "under the limit the WAL goes on from where it was");
        let grown = std::fs::metadata(&wal).expect("the WAL").len();
        checkpoint_past(&pool, 60).expect("checkpoint");
        let kept = std::fs::metadata(&wal).expect("the WAL").len();
        assert_eq!(kept, grown, "rewound, not emptied: the next commits reuse the file's blocks");
        fill(&mut writer, 5);
        let after = frames(&mut writer);
        assert!((5..20).contains(&after), "past the limit the next commits write from the start: {after} frames");
        let size = std::fs::metadata(&wal).expect("the WAL").len();
        assert!(size <= grown, "over its old frames, not past them: {size} > {grown} bytes");
    }
}
