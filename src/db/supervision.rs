//! The threads that must not die: the submission writers and SQLite's checkpoint thread.
//!
//! A panic in a writer used to end its thread: every pupil after it got an error page until the
//! server was restarted, and on SQLite a dead checkpoint thread let the WAL grow without bound. Now
//! each batch and each checkpoint runs under a [`Watch`]: a panic fails only the work in hand (the
//! batch's pupils are told to try again; nothing of the batch was committed), is logged, counted
//! and kept for `/healthz`, and the thread carries on with the next. Stopping works as before.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};

/// One kind of supervised thread: how often its work failed by panicking, and the last reason.
#[derive(Debug, Default)]
pub struct Watch {
    restarts: AtomicU64,
    last: Mutex<Option<String>>,
}

impl Watch {
    /// Runs `work`; a panic in it is caught, logged as `what` failing, counted, and `None` is
    /// returned so the caller can fail just this piece of work and go on.
    pub fn guarded<T>(&self, what: &str, work: impl FnOnce() -> T) -> Option<T> {
        match catch_unwind(AssertUnwindSafe(work)) {
            Ok(done) => Some(done),
            Err(payload) => {
                // A literal message names the fault; a formatted one may carry data (a pupil's
                // answers among them), so it is neither logged nor kept.
                let reason =
                    payload.downcast_ref::<&'static str>().map_or("a formatted panic message (withheld)", |m| m);
                self.restarts.fetch_add(1, Ordering::Relaxed);
                if let Ok(mut last) = self.last.lock() {
                    *last = Some(reason.to_owned());
                }
                tracing::error!(
                    thread = what,
                    reason,
                    "a supervised thread panicked; it carries on with the next piece of work"
                );
                None
            }
        }
    }

    /// How many times its work panicked since the process started.
    pub fn restarts(&self) -> u64 {
        self.restarts.load(Ordering::Relaxed)
    }

    /// Why it last panicked, if it did.
    pub fn last_failure(&self) -> Option<String> {
        self.last.lock().ok().and_then(|last| last.clone())
    }
}

/// The watches of one process's supervised threads, shared with `/healthz`.
#[derive(Debug, Default)]
pub struct ThreadWatch {
    /// The submission writers (one on SQLite, `POSTGRES_WRITERS` on PostgreSQL).
    pub writer: Watch,
    /// SQLite's checkpoint thread.
    pub checkpoint: Watch,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_fails_only_its_work_and_is_counted_with_a_literal_reason() {
        let watch = Watch::default();
        assert_eq!(watch.guarded("test", || 7), Some(7));
        assert_eq!(watch.guarded("test", || -> i32 { panic!("injected fault") }), None);
        assert_eq!(watch.restarts(), 1);
        assert_eq!(watch.last_failure().as_deref(), Some("injected fault"));
        let secret = "answers of a pupil";
        assert_eq!(watch.guarded("test", || -> i32 { panic!("{secret}") }), None);
        assert_eq!(watch.restarts(), 2);
        assert!(!watch.last_failure().unwrap_or_default().contains(secret), "a formatted message is withheld");
        assert_eq!(watch.guarded("test", || 8), Some(8), "and the work goes on");
    }
}
