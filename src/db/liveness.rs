//! Whether a pooled PostgreSQL connection is still worth handing out, known without asking the server
//! on every checkout.
//!
//! A ping per checkout cost a busy PostgreSQL about a tenth of its pupils per second (1,166 -> 1,280/s
//! without it on the bench machine, in `BENCHMARKS.md` as of `f84d978`; later runs are in
//! `tests/benches/results/HISTORY.md`): a pupil's flow checks out two or three connections, each ping
//! a round trip and a wake-up of a server process. Yet a connection returned a moment ago has just
//! answered, and one that failed because its server went away says so in the error. So each
//! connection carries a [`Liveness`] record, fed by diesel's instrumentation: the pool discards a
//! connection that saw its server go, and pings only one that has been idle for a while (after a
//! restart or a failover, those are the ones whose server may have gone unseen).

use std::time::{Duration, Instant};

use diesel::connection::{Instrumentation, InstrumentationEvent};
use diesel::result::{DatabaseErrorKind, Error};

/// How long a returned connection is trusted without a ping.
pub const TRUSTED_WHILE_IDLE: Duration = Duration::from_secs(1);

/// What the pool knows about one connection's server.
#[derive(Debug)]
pub struct Liveness {
    /// A query failed because the server closed the connection (restart, failover, terminated).
    lost: bool,
    /// When the connection last went back to the pool.
    returned_at: Instant,
}

impl Liveness {
    /// A record for a connection that has just been opened.
    pub fn new() -> Liveness {
        Liveness { lost: false, returned_at: Instant::now() }
    }

    /// Whether the connection's server has gone.
    pub fn is_lost(&self) -> bool {
        self.lost
    }

    /// Notes that the connection went back to the pool.
    pub fn returned(&mut self) {
        self.returned_at = Instant::now();
    }

    /// Whether a checkout should ask the server first: the connection has been idle longer than
    /// `trusted`, long enough for its server to have gone unnoticed.
    pub fn needs_ping(&self, trusted: Duration) -> bool {
        self.returned_at.elapsed() >= trusted
    }

    /// Notes a failed query: the connection is lost when the server closed it, so that nothing more
    /// can run on it; any other error (a refused row, a missing one) says nothing about the connection.
    pub fn failed(&mut self, error: &Error) {
        self.lost |= matches!(error, Error::DatabaseError(DatabaseErrorKind::ClosedConnection, _));
    }
}

impl Default for Liveness {
    fn default() -> Self {
        Liveness::new()
    }
}

impl Instrumentation for Liveness {
    fn on_connection_event(&mut self, event: InstrumentationEvent<'_>) {
        if let InstrumentationEvent::FinishQuery { error: Some(error), .. } = event {
            self.failed(error);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_closed_connection_error_marks_it_lost_and_other_errors_do_not() {
        let mut liveness = Liveness::new();
        liveness.failed(&Error::NotFound);
        liveness.failed(&Error::DatabaseError(DatabaseErrorKind::UniqueViolation, Box::new("spent".to_owned())));
        assert!(!liveness.is_lost(), "a refused or missing row says nothing about the connection");
        liveness.failed(&Error::DatabaseError(DatabaseErrorKind::ClosedConnection, Box::new("gone".to_owned())));
        assert!(liveness.is_lost());
    }

    #[test]
    fn a_connection_is_pinged_only_after_it_has_been_idle() {
        let mut liveness = Liveness::new();
        liveness.returned();
        assert!(!liveness.needs_ping(Duration::from_secs(60)), "just returned");
        assert!(liveness.needs_ping(Duration::ZERO), "idle at least as long as trusted");
    }
}
