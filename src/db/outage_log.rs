//! Few log lines while the database is away. When PostgreSQL restarts or the SQLite disk is full,
//! every request fails the same way and the pool retries its connections several times a second: one
//! error line each would bury the line that says what happened, and the operator's disk with it. So
//! the first failure of a kind is logged at once and the rest at most once a [`WINDOW`], each line
//! saying how many like it it stands for.

use std::sync::Mutex;
use std::time::{Duration, Instant};

/// The shortest time between two lines of one kind.
pub const WINDOW: Duration = Duration::from_secs(30);

/// One kind of failure's log budget: a line now and then, counting the ones held back.
#[derive(Debug, Default)]
pub struct LogThrottle {
    state: Mutex<State>,
}

#[derive(Debug, Default)]
struct State {
    last_line: Option<Instant>,
    held_back: u64,
}

impl LogThrottle {
    /// A throttle that has logged nothing yet.
    pub const fn new() -> LogThrottle {
        LogThrottle { state: Mutex::new(State { last_line: None, held_back: 0 }) }
    }

    /// Whether a failure at `now` should be logged: `Some(n)`, with `n` the failures held back since
    /// the last line (this line stands for them too), or `None` to hold this one back.
    pub fn admit(&self, now: Instant) -> Option<u64> {
        // A poisoned lock only means another thread panicked mid-count: the count is still usable.
        let mut state = self.state.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let due = state.last_line.is_none_or(|last| now.saturating_duration_since(last) >= WINDOW);
        if due {
            state.last_line = Some(now);
            Some(std::mem::take(&mut state.held_back))
        } else {
            state.held_back += 1;
            None
        }
    }
}

/// The pool's own failures (opening a connection, a broken one found on checkout), through a
/// [`LogThrottle`]: r2d2's default logs each, which during an outage is several lines a second.
#[derive(Debug, Default)]
pub struct PoolErrors {
    throttle: LogThrottle,
}

impl diesel::r2d2::HandleError<diesel::r2d2::Error> for PoolErrors {
    fn handle_error(&self, error: diesel::r2d2::Error) {
        if let Some(held_back) = self.throttle.admit(Instant::now()) {
            tracing::error!(%error, held_back, "cannot open a database connection");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_failure_is_logged_and_the_rest_once_a_window_with_their_count() {
        let throttle = LogThrottle::new();
        let start = Instant::now();
        assert_eq!(throttle.admit(start), Some(0));
        for second in 1..30 {
            assert_eq!(throttle.admit(start + Duration::from_secs(second)), None, "second {second}");
        }
        assert_eq!(throttle.admit(start + WINDOW), Some(29), "the line stands for the 29 held back");
        assert_eq!(throttle.admit(start + WINDOW + Duration::from_secs(1)), None);
        assert_eq!(throttle.admit(start + WINDOW * 3), Some(1), "a quiet spell: logged at once");
    }

    #[test]
    fn a_clock_read_out_of_order_holds_the_line_back_and_never_panics() {
        let throttle = LogThrottle::new();
        let now = Instant::now() + Duration::from_secs(60);
        assert_eq!(throttle.admit(now), Some(0));
        assert_eq!(throttle.admit(now - Duration::from_secs(10)), None);
    }
}
