//! Who is asking: the account behind a staff session or an API token. Every staff request asks, so
//! each answer is one query (and, every few minutes, a write marking the session seen). A session
//! whose account is gone, disabled, or whose password changed after it was issued is void, and so
//! is one whose row was ended (signed out elsewhere, or its account's second factor reset); so is a
//! token of a disabled account.

use chrono::{Duration, NaiveDateTime};

use crate::db::staff_sessions::{self, SEEN_GRANULARITY};
use crate::db::{DbConnection, DbResult, users};
use crate::domain::account::Account;
use crate::domain::api_token;
use crate::domain::ids::UserId;
use crate::domain::staff_session::hash_secret;

/// When a session was issued and how long one lasts, to judge it against its account.
#[derive(Debug, Clone, Copy)]
pub struct SessionAge {
    /// When it was issued (Unix seconds, as the session cookie keeps it).
    pub issued: i64,
    /// Now (Unix seconds).
    pub now: i64,
    /// The longest a session lasts.
    pub max_age: Duration,
}

impl SessionAge {
    /// True when the session is older than a session may be, or older than the account's password.
    fn is_void_for(&self, password_changed_at: NaiveDateTime) -> bool {
        self.issued < password_changed_at.and_utc().timestamp() || self.now - self.issued > self.max_age.num_seconds()
    }
}

/// The account signed in as `user` by the session whose cookie carries `secret`, of `age`, or `None`
/// when the session no longer holds (the account is gone or disabled, its password changed since,
/// the session is too old or was ended); the caller then ends the session. Marks the session seen
/// when its last mark is older than [`SEEN_GRANULARITY`].
pub fn session_account(
    conn: &mut DbConnection,
    user: UserId,
    secret: &str,
    age: SessionAge,
) -> DbResult<Option<Account>> {
    let id = hash_secret(secret);
    let Some((account, password_changed_at, last_seen)) = users::get_in_session(conn, user, &id)? else {
        return Ok(None);
    };
    if !account.active || age.is_void_for(password_changed_at) {
        return Ok(None);
    }
    let now = chrono::DateTime::from_timestamp(age.now, 0).map(|t| t.naive_utc()).unwrap_or(last_seen);
    if now - last_seen > SEEN_GRANULARITY {
        staff_sessions::touch(conn, &id, now)?;
    }
    Ok(Some(account))
}

/// The active account whose API token is `token`, or `None` for an unknown token or a disabled
/// account.
pub fn token_account(conn: &mut DbConnection, token: &str) -> DbResult<Option<Account>> {
    Ok(users::find_by_api_token(conn, &api_token::hash(token))?.filter(|account| account.active))
}
