//! An administrator's first page: how much the deployment holds. Counts only, no figure.

use crate::db::schools::{self, SchoolFilter};
use crate::db::{DbConnection, DbResult, users};

/// How many schools, classes and staff accounts the deployment has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DeploymentCounts {
    /// Schools.
    pub schools: usize,
    /// Classes of every school.
    pub classes: i64,
    /// Staff accounts, active or not.
    pub users: i64,
}

/// Counts what the deployment holds.
pub fn counts(conn: &mut DbConnection) -> DbResult<DeploymentCounts> {
    let all = schools::list(conn, SchoolFilter::All)?;
    Ok(DeploymentCounts {
        schools: all.len(),
        classes: all.iter().map(|s| s.class_count).sum(),
        users: users::count(conn)?,
    })
}
