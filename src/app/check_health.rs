//! A load balancer or a script asks whether this instance can serve: it can when its database answers.
//! It also tells whether a supervised thread (the submission writers, the checkpoint thread) failed
//! and carried on, so an operator knows to read the log.

use diesel::RunQueryDsl;

use crate::db::supervision::{ThreadWatch, Watch};
use crate::db::{DbConnection, DbResult};

/// Whether the database answers at all: one trivial query.
pub fn database_answers(conn: &mut DbConnection) -> DbResult<()> {
    diesel::sql_query("SELECT 1").execute(conn)?;
    Ok(())
}

/// How one supervised thread has fared since the process started.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ThreadHealth {
    /// How many times its work panicked and the thread carried on.
    pub restarts: u64,
    /// Why it last did (a literal reason only), if it did.
    pub last_failure: Option<String>,
}

/// The submission writers' and the checkpoint thread's health, in that order.
pub fn threads(watch: &ThreadWatch) -> [(&'static str, ThreadHealth); 2] {
    let health = |w: &Watch| ThreadHealth { restarts: w.restarts(), last_failure: w.last_failure() };
    [("writer", health(&watch.writer)), ("checkpoint", health(&watch.checkpoint))]
}
