//! Every staff member changes their own password: the current one is checked first, and the change
//! is audited as `password_set` with the account as its own actor. Sessions issued before the change
//! stop working. Argon2 work is the caller's to run off the async workers, with no connection held.

use crate::db::{DbConnection, DbResult, account_changes, users};
use crate::domain::account::NewPassword;
use crate::domain::audit::Actor;
use crate::domain::ids::UserId;
use crate::domain::password::verify_password;

/// The password an account has now, as stored (a salted hash), to check what was typed against it.
pub struct CurrentPassword(String);

impl CurrentPassword {
    /// True when `typed` is the account's password (argon2: slow on purpose).
    pub fn admits(&self, typed: &str) -> bool {
        verify_password(typed, &self.0)
    }
}

/// The current password of the account with `login`, or `None` if the account is gone.
pub fn current_password(conn: &mut DbConnection, login: &str) -> DbResult<Option<CurrentPassword>> {
    Ok(users::find_credentials(conn, login)?.map(|c| CurrentPassword(c.password_hash)))
}

/// Replaces `user`'s password with `password_hash` (made by `domain::password::hash_password`),
/// recorded as set by `user` themselves.
pub fn set_own_password(conn: &mut DbConnection, user: UserId, password_hash: &str) -> DbResult<()> {
    account_changes::set_password(conn, Actor::User(user), user, password_hash, NewPassword::OwnChoice)
}
