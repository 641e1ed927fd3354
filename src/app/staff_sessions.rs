//! A staff member's sessions: started when a sign-in is complete, listed on the account page, ended
//! one by one or all but the current one.

use chrono::NaiveDateTime;

use crate::db::staff_sessions::{self, SessionRow};
use crate::db::{DbConnection, DbResult};
use crate::domain::ids::UserId;
use crate::domain::staff_session::{device_of, hash_secret};

/// Records the session whose cookie carries `secret` as `user`'s, started on the device whose
/// browser sent `user_agent` (only the browser and system are kept).
pub fn start(
    conn: &mut DbConnection,
    secret: &str,
    user: UserId,
    user_agent: &str,
    now: NaiveDateTime,
) -> DbResult<()> {
    staff_sessions::start(conn, &hash_secret(secret), user, &device_of(user_agent), now)
}

/// Ends the session whose cookie carries `secret` (signing out).
pub fn end(conn: &mut DbConnection, secret: &str) -> DbResult<()> {
    staff_sessions::end(conn, &hash_secret(secret))
}

/// `user`'s sessions that still sign in (started since `since`), and which of them is the one whose
/// cookie carries `secret`.
pub fn list(
    conn: &mut DbConnection,
    user: UserId,
    secret: &str,
    since: NaiveDateTime,
) -> DbResult<(Vec<SessionRow>, String)> {
    Ok((staff_sessions::list(conn, user, since)?, hash_secret(secret)))
}

/// Ends `user`'s session `which` (an id from [`list`]), or every one but the current one when
/// `which` is `None`; returns how many ended.
pub fn end_others(conn: &mut DbConnection, user: UserId, secret: &str, which: Option<&str>) -> DbResult<usize> {
    staff_sessions::end_by_owner(conn, user, &hash_secret(secret), which)
}

/// What the account's security page shows: its sessions that still sign in (started since `since`),
/// the id of the one whose cookie carries `secret`, and how many recovery codes are left.
pub fn overview(
    conn: &mut DbConnection,
    user: UserId,
    secret: &str,
    since: NaiveDateTime,
) -> DbResult<(Vec<SessionRow>, String, i64)> {
    let (rows, current) = list(conn, user, secret, since)?;
    Ok((rows, current, crate::db::second_factor::codes_left(conn, user)?))
}
