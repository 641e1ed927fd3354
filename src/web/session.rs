//! What a staff session holds: the account id, when it was issued, the secret that names its row in
//! the database (`db::staff_sessions`, so it can be listed and ended from elsewhere), the
//! anti-forgery token and a one-shot notice. Between the password and the second factor it holds
//! only the account waiting for its code; during an enrolment, the secret being enrolled. The cookie
//! is signed and encrypted; the account itself is re-read from the database on every request.

use actix_session::Session;
use actix_session::SessionMiddleware;
use actix_session::config::{CookieContentSecurity, PersistentSession};
use actix_session::storage::CookieSessionStore;
use actix_web::cookie::{Key, SameSite, time::Duration};
use chrono::Utc;

use crate::domain::ids::UserId;

const USER: &str = "uid";
const ISSUED: &str = "iat";
const SECRET: &str = "sid";
const PENDING: &str = "pending_uid";
const PENDING_AT: &str = "pending_at";
const ENROLLING: &str = "enrolling";
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

/// Starts a fresh session for `user` (a new cookie, so a planted session id is useless) and returns
/// the secret it carries, for the caller to record with `app::staff_sessions::start`.
pub fn sign_in(session: &Session, user: UserId) -> Result<String, actix_session::SessionInsertError> {
    let secret = crate::domain::staff_session::generate_secret();
    session.renew();
    session.clear();
    session.insert(USER, user)?;
    session.insert(ISSUED, Utc::now().timestamp())?;
    session.insert(SECRET, &secret)?;
    session.insert(CSRF, random_token())?;
    Ok(secret)
}

/// A signed-in session as its cookie holds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignedIn {
    /// The account.
    pub user: UserId,
    /// When the session was issued (seconds since the epoch).
    pub issued: i64,
    /// The secret naming its row in `staff_sessions`.
    pub secret: String,
}

/// The signed-in session, if any. The id is stored as its text, as every earlier version stored it;
/// a value that is not an id is no session, and a session of a version without server-side rows (no
/// secret) is no session either: its holder signs in again.
pub fn signed_in(session: &Session) -> Option<SignedIn> {
    let user = session.get::<UserId>(USER).ok().flatten()?;
    let issued = session.get::<i64>(ISSUED).ok().flatten()?;
    let secret = session.get::<String>(SECRET).ok().flatten()?;
    Some(SignedIn { user, issued, secret })
}

/// Seconds a password stays good for the second step of its sign-in.
pub const PENDING_SECONDS: i64 = 5 * 60;

/// Remembers that `user` typed the right password and must now type a code: a fresh cookie that
/// signs no one in.
pub fn await_second_factor(session: &Session, user: UserId) -> Result<(), actix_session::SessionInsertError> {
    session.renew();
    session.clear();
    session.insert(PENDING, user)?;
    session.insert(PENDING_AT, Utc::now().timestamp())?;
    session.insert(CSRF, random_token())
}

/// The account waiting for its code, if its password was typed less than [`PENDING_SECONDS`] ago.
pub fn pending_second_factor(session: &Session) -> Option<UserId> {
    let user = session.get::<UserId>(PENDING).ok().flatten()?;
    let at = session.get::<i64>(PENDING_AT).ok().flatten()?;
    (Utc::now().timestamp() - at <= PENDING_SECONDS).then_some(user)
}

/// Keeps the secret being enrolled (hex) between the enrolment page and its form, so the QR code a
/// person scanned is the one their code is checked against.
pub fn set_enrolling(session: &Session, secret_hex: &str) {
    // A failed insert only means the next post asks to scan a new code.
    let _ = session.insert(ENROLLING, secret_hex);
}

/// The secret being enrolled, if any.
pub fn enrolling(session: &Session) -> Option<String> {
    session.get::<String>(ENROLLING).ok().flatten()
}

/// Forgets the secret being enrolled (it is stored, or abandoned).
pub fn clear_enrolling(session: &Session) {
    session.remove(ENROLLING);
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

    /// Writes a session as an earlier version did: the user inserted as the string `user`, with the
    /// server-side secret when `secret` is given.
    fn earlier(user: String, secret: Option<&'static str>) -> impl Fn(&Session) + Clone + 'static {
        move |session: &Session| {
            session.insert(USER, user.clone()).unwrap();
            session.insert(ISSUED, 1_800_000_000_i64).unwrap();
            if let Some(secret) = secret {
                session.insert(SECRET, secret).unwrap();
            }
        }
    }

    fn who(session: &Session) -> String {
        format!("{:?}", signed_in(session).map(|s| (s.user, s.issued, s.secret)))
    }

    #[actix_web::test]
    async fn a_session_with_its_user_stored_as_text_still_reads_back() {
        let id = UserId::random();
        let read = round_trip(earlier(id.to_string(), Some("s3cret")), who).await;
        assert_eq!(read, Some(format!("{:?}", Some((id, 1_800_000_000_i64, "s3cret".to_owned())))));
    }

    #[actix_web::test]
    async fn a_session_from_before_server_side_sessions_signs_no_one_in() {
        let read = round_trip(earlier(UserId::random().to_string(), None), who).await;
        assert_eq!(read, Some("None".to_owned()));
    }

    #[actix_web::test]
    async fn a_password_waiting_for_its_code_signs_no_one_in() {
        let id = UserId::random();
        let read = round_trip(
            move |session: &Session| await_second_factor(session, id).unwrap(),
            |session| format!("{:?} {:?}", signed_in(session).map(|s| s.user), pending_second_factor(session)),
        )
        .await;
        assert_eq!(read, Some(format!("None {:?}", Some(id))));
    }

    #[actix_web::test]
    async fn a_session_whose_user_is_not_an_id_is_signed_out() {
        for bad in ["7", "", "../etc/passwd"] {
            assert_eq!(
                round_trip(earlier(bad.to_owned(), Some("s3cret")), who).await,
                Some("None".to_owned()),
                "{bad}"
            );
        }
    }

    #[actix_web::test]
    async fn a_session_signed_in_now_reads_back() {
        let id = UserId::random();
        let read = round_trip(
            move |session: &Session| drop(sign_in(session, id).unwrap()),
            |session| format!("{:?}", signed_in(session).map(|s| s.user)),
        )
        .await;
        assert_eq!(read, Some(format!("{:?}", Some(id))));
    }
}
