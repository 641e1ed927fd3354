//! A load balancer or a script asks whether this instance can serve: it can when its database answers.

use diesel::RunQueryDsl;

use crate::db::{DbConnection, DbResult};

/// Whether the database answers at all: one trivial query.
pub fn database_answers(conn: &mut DbConnection) -> DbResult<()> {
    diesel::sql_query("SELECT 1").execute(conn)?;
    Ok(())
}
