//! Stores the login throttle state, so a lock holds across every app instance sharing the database.

use diesel::prelude::*;

use super::DbConnection;
use super::error::DbResult;
use super::schema::login_throttle;
use crate::domain::login_throttle::ThrottleState;

/// The remembered failures of a login, if any.
pub fn load(conn: &mut DbConnection, login: &str) -> DbResult<Option<ThrottleState>> {
    let row = login_throttle::table
        .find(login)
        .select((login_throttle::failures, login_throttle::window_started_at, login_throttle::locked_until))
        .first(conn)
        .optional()?;
    Ok(row.map(|(failures, window_started_at, locked_until)| ThrottleState {
        failures,
        window_started_at,
        locked_until,
    }))
}

/// Writes the state after a failure (insert or replace).
pub fn save(conn: &mut DbConnection, login: &str, state: &ThrottleState) -> DbResult<()> {
    super::write_transaction(conn, |conn| {
        diesel::delete(login_throttle::table.find(login)).execute(conn)?;
        diesel::insert_into(login_throttle::table)
            .values((
                login_throttle::login.eq(login),
                login_throttle::failures.eq(state.failures),
                login_throttle::window_started_at.eq(state.window_started_at),
                login_throttle::locked_until.eq(state.locked_until),
            ))
            .execute(conn)?;
        Ok(())
    })
}

/// Forgets the failures after a successful sign-in.
pub fn clear(conn: &mut DbConnection, login: &str) -> DbResult<()> {
    diesel::delete(login_throttle::table.find(login)).execute(conn)?;
    Ok(())
}
