//! A staff member signs in with a login and a password, under the login throttle (five failures in
//! fifteen minutes lock the login for fifteen, across every instance sharing the database). The
//! answer never says which part was wrong, and a login that does not exist costs as much password
//! work as one that does.
//!
//! Three steps, so no pooled connection waits on argon2: [`begin`] reads the throttle and the
//! account, [`Attempt::check`] checks the password (run it off the async workers), [`finish`]
//! clears or counts the failure.

use chrono::NaiveDateTime;

use crate::db::users::Credentials;
use crate::db::{DbConnection, DbResult, login_throttle, users};
use crate::domain::ids::UserId;
use crate::domain::login_throttle::{ThrottleState, after_failure, is_locked};
use crate::domain::password::{verify_against_nothing, verify_password};

/// The login is locked: no password is checked until the lock ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Locked;

/// How a sign-in ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignIn {
    /// The password is right and the account active: start a session for it.
    SignedIn(UserId),
    /// The password is right and the account active, and it has a second factor: ask for a code
    /// (`app::second_factor::check_code`) before starting a session.
    NeedsCode(UserId),
    /// Wrong login, wrong password or a disabled account, not telling which.
    Wrong,
    /// Too many failures: the login is locked (perhaps by this one).
    Locked,
}

/// A sign-in whose password is still to be checked.
pub struct Attempt {
    login: String,
    now: NaiveDateTime,
    throttle: Option<ThrottleState>,
    credentials: Option<Credentials>,
}

/// A sign-in whose password has been checked, to be recorded by [`finish`].
pub struct Checked {
    login: String,
    now: NaiveDateTime,
    throttle: Option<ThrottleState>,
    admitted: Option<(UserId, bool)>,
}

/// Starts a sign-in of `login` (already normalised) at `now`, or refuses it while the login is locked.
pub fn begin(conn: &mut DbConnection, login: String, now: NaiveDateTime) -> DbResult<Result<Attempt, Locked>> {
    let throttle = login_throttle::load(conn, &login)?;
    if is_locked(throttle.as_ref(), now) {
        return Ok(Err(Locked));
    }
    let credentials = users::find_credentials(conn, &login)?;
    Ok(Ok(Attempt { login, now, throttle, credentials }))
}

impl Attempt {
    /// Checks `password` against the account (argon2: slow on purpose, so run it off the async
    /// workers); an unknown login spends the same work on nothing.
    pub fn check(self, password: &str) -> Checked {
        let admitted = match &self.credentials {
            Some(c) if c.account.active && verify_password(password, &c.password_hash) => {
                Some((c.account.id, c.account.has_second_factor))
            }
            _ => {
                verify_against_nothing(password);
                None
            }
        };
        Checked { login: self.login, now: self.now, throttle: self.throttle, admitted }
    }
}

/// Records the checked sign-in: a success forgets the login's failures, a failure counts one (and
/// may lock the login).
pub fn finish(conn: &mut DbConnection, checked: Checked) -> DbResult<SignIn> {
    if let Some((id, has_second_factor)) = checked.admitted {
        // A right password with a code still to come clears nothing: wrong codes keep counting
        // against the login until one is right.
        if has_second_factor {
            return Ok(SignIn::NeedsCode(id));
        }
        login_throttle::clear(conn, &checked.login)?;
        return Ok(SignIn::SignedIn(id));
    }
    let locked = count_failure(conn, &checked.login, checked.throttle.as_ref(), checked.now)?;
    Ok(if locked { SignIn::Locked } else { SignIn::Wrong })
}

/// Counts one failure against `login` (whose throttle was `before`) at `now`, for a wrong password
/// here and a wrong code in `app::second_factor`; true when the login is now locked.
pub(crate) fn count_failure(
    conn: &mut DbConnection,
    login: &str,
    before: Option<&ThrottleState>,
    now: NaiveDateTime,
) -> DbResult<bool> {
    let next = after_failure(before, now);
    login_throttle::save(conn, login, &next)?;
    Ok(is_locked(Some(&next), now))
}
