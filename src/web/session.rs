//! What a staff session holds: the account id, when it was issued, the anti-forgery token and a
//! one-shot notice. Sessions live in a signed, encrypted cookie (no server state to share between
//! instances); the account itself is re-read from the database on every request.

use actix_session::Session;
use actix_session::SessionMiddleware;
use actix_session::config::{CookieContentSecurity, PersistentSession};
use actix_session::storage::CookieSessionStore;
use actix_web::cookie::{Key, SameSite, time::Duration};
use chrono::Utc;

use crate::domain::ids::UserId;

const USER: &str = "uid";
const ISSUED: &str = "iat";
const CSRF: &str = "csrf";
const FLASH: &str = "flash";

/// The session cookie's name.
pub const SESSION_COOKIE: &str = "ahual_session";

/// Builds the session middleware: private (encrypted and signed) cookie, HttpOnly, SameSite=Strict,
/// Secure when served over TLS.
pub fn middleware(key: Key, secure: bool, hours: i64) -> SessionMiddleware<CookieSessionStore> {
    SessionMiddleware::builder(CookieSessionStore::default(), key)
        .cookie_name(SESSION_COOKIE.to_owned())
        .cookie_content_security(CookieContentSecurity::Private)
        .cookie_http_only(true)
        .cookie_same_site(SameSite::Strict)
        .cookie_secure(secure)
        .session_lifecycle(PersistentSession::default().session_ttl(Duration::hours(hours)))
        .build()
}

fn random_token() -> String {
    let mut bytes = [0u8; 32];
    rand::fill(&mut bytes);
    hex::encode(bytes)
}

/// The session's anti-forgery token, created on first use.
pub fn csrf_token(session: &Session) -> String {
    match session.get::<String>(CSRF) {
        Ok(Some(token)) => token,
        _ => {
            let token = random_token();
            // A failed insert only means the next form post is refused as expired.
            let _ = session.insert(CSRF, &token);
            token
        }
    }
}

/// The token stored in the session, without creating one.
pub fn stored_csrf_token(session: &Session) -> Option<String> {
    session.get::<String>(CSRF).ok().flatten()
}

/// Starts a fresh session for `user` (a new cookie, so a planted session id is useless).
pub fn sign_in(session: &Session, user: UserId) -> Result<(), actix_session::SessionInsertError> {
    session.renew();
    session.clear();
    session.insert(USER, user.to_string())?;
    session.insert(ISSUED, Utc::now().timestamp())?;
    session.insert(CSRF, random_token())
}

/// The signed-in account id and when the session was issued (seconds since the epoch).
pub fn signed_in(session: &Session) -> Option<(UserId, i64)> {
    let user = session.get::<String>(USER).ok().flatten().and_then(|id| UserId::parse(&id))?;
    let issued = session.get::<i64>(ISSUED).ok().flatten()?;
    Some((user, issued))
}

/// Ends the session and removes the cookie.
pub fn sign_out(session: &Session) {
    session.purge();
}

/// Leaves a notice (a message key) for the next page.
pub fn set_flash(session: &Session, key: &'static str) {
    let _ = session.insert(FLASH, key);
}

/// Takes the notice left by the previous request, if any.
pub fn take_flash(session: &Session) -> Option<String> {
    session.remove_as::<String>(FLASH).and_then(Result::ok)
}
