//! A staff member's second factor: checking a code (at sign-in, and before changing the second factor
//! or making an API token), enrolling an authenticator app, renewing recovery codes, removing it where
//! the role allows, and an administrator's reset.
//!
//! Every check of a code counts against the login's throttle, like a password: five wrong codes in
//! fifteen minutes lock the login, so six digits cannot be guessed through the sign-in's second step
//! or through a stolen session's settings pages.

use chrono::NaiveDateTime;

use crate::db::second_factor::{self, Removal};
use crate::db::{DbConnection, DbResult, login_throttle, users};
use crate::domain::audit::Actor;
use crate::domain::ids::UserId;
use crate::domain::login_throttle::is_locked;
use crate::domain::second_factor::recovery::hash_typed;
use crate::domain::second_factor::{RecoveryCode, SecretSeal, TotpSecret, accepted_step};

/// How a typed code was taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CodeCheck {
    /// Right (and now spent).
    Accepted,
    /// Wrong, spent before, or the account has no second factor.
    Wrong,
    /// Too many failures: the login is locked (perhaps by this one).
    Locked,
}

impl CodeCheck {
    /// The message shown when the code was not accepted.
    pub fn refusal_key(self) -> &'static str {
        if self == CodeCheck::Locked { "code-locked" } else { "code-wrong" }
    }
}

fn unix(now: NaiveDateTime) -> u64 {
    u64::try_from(now.and_utc().timestamp()).unwrap_or(0)
}

/// True when `typed` is `user`'s current authenticator code (not used before) or one of their unused
/// recovery codes; either is spent by being accepted.
fn code_is_right(
    conn: &mut DbConnection,
    seal: &SecretSeal,
    user: UserId,
    typed: &str,
    now: NaiveDateTime,
) -> DbResult<bool> {
    if let Some(code_hash) = hash_typed(typed) {
        return second_factor::spend_code(conn, user, &code_hash);
    }
    let stored = second_factor::stored(conn, user)?;
    let Some(secret) = stored.sealed.as_deref().and_then(|sealed| seal.open(user, sealed)) else {
        return Ok(false);
    };
    match accepted_step(&secret, typed, unix(now), stored.last_step) {
        Some(step) => second_factor::spend_step(conn, user, step),
        None => Ok(false),
    }
}

/// Checks a code `user` typed at `now`, under their login's throttle.
pub fn check_code(
    conn: &mut DbConnection,
    seal: &SecretSeal,
    user: UserId,
    typed: &str,
    now: NaiveDateTime,
) -> DbResult<CodeCheck> {
    let (account, _) = users::get(conn, user)?;
    let throttle = login_throttle::load(conn, &account.login)?;
    if is_locked(throttle.as_ref(), now) {
        return Ok(CodeCheck::Locked);
    }
    if account.active && code_is_right(conn, seal, user, typed, now)? {
        login_throttle::clear(conn, &account.login)?;
        return Ok(CodeCheck::Accepted);
    }
    let locked = super::sign_in::count_failure(conn, &account.login, throttle.as_ref(), now)?;
    Ok(if locked { CodeCheck::Locked } else { CodeCheck::Wrong })
}

/// Enrols `secret` (shown to `user` as a QR code) once they typed a code their app made from it:
/// the secret is sealed and stored, and ten recovery codes are made and returned to be shown once.
/// `None` when the typed code is not the app's current one.
pub fn enrol(
    conn: &mut DbConnection,
    seal: &SecretSeal,
    user: UserId,
    secret: &TotpSecret,
    typed: &str,
    now: NaiveDateTime,
) -> DbResult<Option<Vec<RecoveryCode>>> {
    let Some(step) = accepted_step(secret, typed, unix(now), None) else {
        return Ok(None);
    };
    let sealed = seal.seal(user, secret).ok_or_else(|| crate::db::DbError::Corrupt("sealing a secret".into()))?;
    let codes = RecoveryCode::generate_set();
    let hashes: Vec<String> = codes.iter().map(RecoveryCode::hash).collect();
    second_factor::enrol(conn, user, &sealed, step, &hashes)?;
    Ok(Some(codes))
}

/// Replaces `user`'s recovery codes with a new set, returned to be shown once.
pub fn renew_codes(conn: &mut DbConnection, user: UserId) -> DbResult<Vec<RecoveryCode>> {
    let codes = RecoveryCode::generate_set();
    let hashes: Vec<String> = codes.iter().map(RecoveryCode::hash).collect();
    second_factor::renew_codes(conn, user, &hashes)?;
    Ok(codes)
}

/// How many of `user`'s recovery codes are left.
pub fn codes_left(conn: &mut DbConnection, user: UserId) -> DbResult<i64> {
    second_factor::codes_left(conn, user)
}

/// The owner removes their second factor (the caller has checked that their role allows it).
pub fn remove_own(conn: &mut DbConnection, user: UserId) -> DbResult<()> {
    second_factor::remove(conn, user, Removal::ByOwner)
}

/// An administrator (or the operator) resets `user`'s second factor: it is removed, every session
/// of the account ends, and the account must enrol a new one at its next sign-in.
pub fn reset(conn: &mut DbConnection, actor: Actor, user: UserId) -> DbResult<()> {
    second_factor::remove(conn, user, Removal::Reset(actor))
}
