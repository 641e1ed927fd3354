//! Signed-in staff sessions (`domain::staff_session`): started at sign-in, checked on every staff
//! request, listed on the account page, ended by signing out (one, the others, or all of an account
//! when its password or second factor is reset), and swept once older than a session may live.

use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;

use super::DbConnection;
use super::account_changes::user_subject;
use super::audit;
use super::error::DbResult;
use super::schema::staff_sessions;
use crate::domain::audit::{Actor, AuditAction};
use crate::domain::ids::UserId;

/// How stale `last_seen_at` may get before a request refreshes it: a staff page costs no write,
/// and the list is still right to a few minutes.
pub const SEEN_GRANULARITY: Duration = Duration::minutes(5);

/// A session as its owner's list shows it.
#[derive(Debug, Clone, PartialEq, Eq, Queryable)]
pub struct SessionRow {
    /// The hash of its cookie's secret (compared with the current one to mark "this session").
    pub id: String,
    /// Browser and system.
    pub device: String,
    /// When it signed in.
    pub created_at: NaiveDateTime,
    /// Its last request, to [`SEEN_GRANULARITY`].
    pub last_seen_at: NaiveDateTime,
}

/// Starts the session whose secret hashes to `id` for `user`.
pub fn start(conn: &mut DbConnection, id: &str, user: UserId, device: &str, now: NaiveDateTime) -> DbResult<()> {
    diesel::insert_into(staff_sessions::table)
        .values((
            staff_sessions::id.eq(id),
            staff_sessions::user_id.eq(user),
            staff_sessions::device.eq(device),
            staff_sessions::created_at.eq(now),
            staff_sessions::last_seen_at.eq(now),
        ))
        .execute(conn)?;
    Ok(())
}

/// Marks the session `id` as seen at `now`.
pub fn touch(conn: &mut DbConnection, id: &str, now: NaiveDateTime) -> DbResult<()> {
    diesel::update(staff_sessions::table.find(id)).set(staff_sessions::last_seen_at.eq(now)).execute(conn)?;
    Ok(())
}

/// Every session of `user` started since `since` (older ones no longer sign in), the latest seen
/// first.
pub fn list(conn: &mut DbConnection, user: UserId, since: NaiveDateTime) -> DbResult<Vec<SessionRow>> {
    Ok(staff_sessions::table
        .filter(staff_sessions::user_id.eq(user))
        .filter(staff_sessions::created_at.ge(since))
        .order((staff_sessions::last_seen_at.desc(), staff_sessions::created_at.desc()))
        .select((staff_sessions::id, staff_sessions::device, staff_sessions::created_at, staff_sessions::last_seen_at))
        .load(conn)?)
}

/// Ends the session `id` (signing out).
pub fn end(conn: &mut DbConnection, id: &str) -> DbResult<()> {
    diesel::delete(staff_sessions::table.find(id)).execute(conn)?;
    Ok(())
}

/// Ends every session of `user` but `keep` (the one asking, if any), without an audit entry: what a
/// password change does to the account's other sessions.
pub fn end_all_but(conn: &mut DbConnection, user: UserId, keep: Option<&str>) -> DbResult<usize> {
    let mine = staff_sessions::table.filter(staff_sessions::user_id.eq(user));
    Ok(match keep {
        Some(keep) => diesel::delete(mine.filter(staff_sessions::id.ne(keep))).execute(conn)?,
        None => diesel::delete(mine).execute(conn)?,
    })
}

/// The owner ends one of their other sessions (`Some(id)`) or all of them but this one (`None`),
/// recorded as `sessions_ended`; returns how many ended (an id that is not theirs ends nothing).
pub fn end_by_owner(conn: &mut DbConnection, user: UserId, current: &str, which: Option<&str>) -> DbResult<usize> {
    super::write_transaction(conn, |conn| {
        let ended = match which {
            Some(id) if id != current => {
                diesel::delete(staff_sessions::table.find(id).filter(staff_sessions::user_id.eq(user))).execute(conn)?
            }
            Some(_) => 0,
            None => end_all_but(conn, user, Some(current))?,
        };
        if ended > 0 {
            audit::append(conn, Actor::User(user), AuditAction::SessionsEnded, &user_subject(user))?;
        }
        Ok(ended)
    })
}

/// The longest any session may live (`session_hours` allows at most two weeks).
pub const LONGEST: Duration = Duration::days(14);

/// Deletes the sessions started before `before` (they can no longer sign anyone in).
pub fn sweep(conn: &mut DbConnection, before: NaiveDateTime) -> DbResult<usize> {
    Ok(diesel::delete(staff_sessions::table.filter(staff_sessions::created_at.lt(before))).execute(conn)?)
}
