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
    session.insert(USER, user)?;
    session.insert(ISSUED, Utc::now().timestamp())?;
    session.insert(CSRF, random_token())
}

/// The signed-in account id and when the session was issued (seconds since the epoch). The id is
/// stored as its text, as every earlier version stored it, so their cookies still sign in; a value
/// that is not an id is no session.
pub fn signed_in(session: &Session) -> Option<(UserId, i64)> {
    let user = session.get::<UserId>(USER).ok().flatten()?;
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

#[cfg(test)]
mod tests {
    use actix_web::{App, HttpResponse, test as actix_test, web};

    use super::*;

    /// Runs `write` on a fresh session behind the real cookie middleware, then answers with what
    /// `read` makes of a session read back from the cookie it set (`None`: no cookie was set).
    async fn round_trip<W>(write: W, read: fn(&Session) -> String) -> Option<String>
    where
        W: Fn(&Session) + Clone + 'static,
    {
        let app = actix_test::init_service(
            App::new()
                .wrap(middleware(Key::generate(), false, 1))
                .route(
                    "/write",
                    web::get().to(move |session: Session| {
                        let write = write.clone();
                        async move {
                            write(&session);
                            HttpResponse::Ok().finish()
                        }
                    }),
                )
                .route("/read", web::get().to(move |session: Session| async move { read(&session) })),
        )
        .await;
        let set = actix_test::call_service(&app, actix_test::TestRequest::get().uri("/write").to_request()).await;
        let cookie = set.response().cookies().next()?.into_owned();
        let again = actix_test::TestRequest::get().uri("/read").cookie(cookie).to_request();
        let body = actix_test::call_and_read_body(&app, again).await;
        Some(String::from_utf8_lossy(&body).into_owned())
    }

    /// Writes a session as the earlier version did: the user inserted as the string `user`.
    fn earlier(user: String) -> impl Fn(&Session) + Clone + 'static {
        move |session: &Session| {
            session.insert(USER, user.clone()).unwrap();
            session.insert(ISSUED, 1_800_000_000_i64).unwrap();
        }
    }

    fn who(session: &Session) -> String {
        format!("{:?}", signed_in(session))
    }

    #[actix_web::test]
    async fn a_session_written_by_the_earlier_version_still_signs_in() {
        let id = UserId::random();
        let read = round_trip(earlier(id.to_string()), who).await;
        assert_eq!(read, Some(format!("{:?}", Some((id, 1_800_000_000_i64)))));
    }

    #[actix_web::test]
    async fn a_session_whose_user_is_not_an_id_is_signed_out() {
        for bad in ["7", "", "../etc/passwd"] {
            assert_eq!(round_trip(earlier(bad.to_owned()), who).await, Some("None".to_owned()), "{bad}");
        }
    }

    #[actix_web::test]
    async fn a_session_signed_in_now_reads_back() {
        let id = UserId::random();
        let read = round_trip(
            move |session: &Session| sign_in(session, id).unwrap(),
            |session| format!("{:?}", signed_in(session).map(|(user, _)| user)),
        )
        .await;
        assert_eq!(read, Some(format!("{:?}", Some(id))));
    }
}
