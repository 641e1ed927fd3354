//! One error type for the web layer. Each case maps to a status and to a page in the user's language
//! (or a JSON body under `/api/`); internal causes go to the log, never to the user.

use std::borrow::Cow;
use std::time::Instant;

use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::{StatusCode, header};
use actix_web::middleware::Next;
use actix_web::{HttpResponse, ResponseError};
use thiserror::Error;

use super::failure::{Cause, Failure, cause_chain};
use super::lang::request_lang;
use super::request_log::is_staff_path;
use super::routes::is_pupil_path;
use super::routes::pattern_routed_by_hand;
use super::views::errors::error_page;
use super::views::pupil::notice::pupil_error_page;
use crate::app::error::UseCaseError;
use crate::db::DbError;
use crate::db::outage_log::LogThrottle;

/// What went wrong while answering a request.
#[derive(Debug, Error)]
pub enum AppError {
    /// Nothing here, or nothing the caller may know exists.
    #[error("not found")]
    NotFound,
    /// Signed in, but the role does not reach this.
    #[error("forbidden")]
    Forbidden,
    /// Not signed in: sent to the sign-in page.
    #[error("sign-in required")]
    Unauthenticated,
    /// Signed in with a password someone else set: sent to choose their own before anything else.
    #[error("the password must be changed first")]
    PasswordChangeRequired,
    /// Signed in to an account that must enrol a second factor first (its role or a reset requires
    /// one): sent to enrol before anything else.
    #[error("a second factor must be enrolled first")]
    SecondFactorRequired,
    /// An API call without a valid session or token: 401, never a redirect.
    #[error("API credentials required")]
    Unauthorized,
    /// The request itself is wrong; the key names the message.
    #[error("bad request: {0}")]
    BadRequest(&'static str),
    /// The request clashes with the current state; the key names the message.
    #[error("conflict: {0}")]
    Conflict(&'static str),
    /// A form without a valid anti-forgery token.
    #[error("missing or wrong CSRF token")]
    Csrf,
    /// A database failure.
    #[error(transparent)]
    Db(#[from] DbError),
    /// Anything else that is our fault: what failed, where, and the error that caused it (see
    /// [`AppError::internal`] and [`AppError::failed`]).
    #[error("internal error: {0}")]
    Internal(#[source] Failure),
}

impl AppError {
    /// A broken promise of our own, with no error behind it (an instrument that should be loaded is
    /// not, say). Records the caller's file and line for the log.
    #[track_caller]
    pub fn internal(what: impl Into<Cow<'static, str>>) -> AppError {
        AppError::Internal(Failure::new(what))
    }

    /// `what` failed because of `source`, which the log line shows with its whole chain. Records the
    /// caller's file and line; call it in a closure (`map_err(|e| AppError::failed("…", e))`) so the
    /// line is yours rather than `map_err`'s.
    #[track_caller]
    pub fn failed(what: impl Into<Cow<'static, str>>, source: impl Into<Cause>) -> AppError {
        AppError::Internal(Failure::caused_by(what, source))
    }

    /// The message key shown to the user for this error.
    pub fn message_key(&self) -> &'static str {
        match self {
            AppError::NotFound | AppError::Db(DbError::NotFound) => "error-not-found",
            AppError::Forbidden => "error-forbidden",
            AppError::Unauthenticated | AppError::Unauthorized => "error-sign-in-required",
            AppError::PasswordChangeRequired => "password-reset-notice",
            AppError::SecondFactorRequired => "second-factor-required-notice",
            AppError::BadRequest(key) | AppError::Conflict(key) => key,
            AppError::Csrf => "error-form-expired",
            AppError::Db(db) if db.is_unavailable() => "error-unavailable",
            AppError::Db(_) | AppError::Internal(_) => "error-internal",
        }
    }
}

/// Where an account whose password was reset is sent, and the only staff page it may use (with
/// signing out and switching language, which need no account).
pub const PASSWORD_PAGE: &str = "/account/password";

/// Where an account that must enrol a second factor is sent, and the only staff page it may use
/// (besides the password page, signing out and switching language).
pub const SECOND_FACTOR_PAGE: &str = "/account/two-factor";

/// What a 503 asks a client to wait: about as long as PostgreSQL takes to restart.
const RETRY_AFTER_SECONDS: u32 = 30;

/// The pupil's wording of a message shown on a pupil's page (informal, and about the system rather
/// than the database).
fn pupil_key(key: &'static str) -> &'static str {
    match key {
        "error-unavailable" => "pupil-unavailable",
        other => other,
    }
}

impl From<UseCaseError> for AppError {
    fn from(error: UseCaseError) -> AppError {
        match error {
            UseCaseError::Db(db) => AppError::Db(db),
            other => AppError::failed("a use case failed", other),
        }
    }
}

impl ResponseError for AppError {
    fn status_code(&self) -> StatusCode {
        match self {
            AppError::NotFound | AppError::Db(DbError::NotFound) => StatusCode::NOT_FOUND,
            AppError::Forbidden | AppError::Csrf => StatusCode::FORBIDDEN,
            AppError::Unauthenticated | AppError::PasswordChangeRequired | AppError::SecondFactorRequired => {
                StatusCode::SEE_OTHER
            }
            AppError::Unauthorized => StatusCode::UNAUTHORIZED,
            AppError::BadRequest(_) => StatusCode::BAD_REQUEST,
            AppError::Conflict(_) => StatusCode::CONFLICT,
            AppError::Db(db) if db.is_unavailable() => StatusCode::SERVICE_UNAVAILABLE,
            AppError::Db(_) | AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn error_response(&self) -> HttpResponse {
        let mut response = HttpResponse::build(self.status_code());
        match self {
            AppError::Unauthenticated => {
                response.insert_header((header::LOCATION, "/login"));
            }
            AppError::PasswordChangeRequired => {
                response.insert_header((header::LOCATION, PASSWORD_PAGE));
            }
            AppError::SecondFactorRequired => {
                response.insert_header((header::LOCATION, SECOND_FACTOR_PAGE));
            }
            AppError::Db(db) if db.is_unavailable() => {
                response.insert_header((header::RETRY_AFTER, RETRY_AFTER_SECONDS));
            }
            _ => {}
        }
        response.finish()
    }
}

/// The 503s of a database outage, logged a line now and then rather than one each.
static UNAVAILABLE_LINES: LogThrottle = LogThrottle::new();

/// Writes one error line for a 5xx (the 503s of an outage: a warning now and then): its status,
/// method, route pattern and whole cause chain, and for our own failures the file and line that
/// raised them, so no failure is silent or undebuggable. Only staff paths are named as they were
/// asked; every other path (a pupil's holds a form pass) only by its route's pattern
/// (`/survey/{pass}`). No query string, address or user agent is ever logged.
fn log_failure<B>(response: &ServiceResponse<B>) {
    let request = response.request();
    let status = response.status().as_u16();
    let method = request.method().as_str();
    let error = response.response().error();
    let ours = error.and_then(|e| e.as_error::<AppError>());
    let cause = match (ours, error) {
        (Some(app_error), _) => cause_chain(app_error),
        (None, Some(other)) => other.to_string(),
        (None, None) => "no cause recorded".to_owned(),
    };
    let at = match ours {
        Some(AppError::Internal(failure)) => failure.at().to_string(),
        _ => "(not raised as an internal error)".to_owned(),
    };
    let pattern = request.match_pattern();
    let by_hand = || pattern_routed_by_hand(request.path());
    let route = pattern.as_deref().or_else(by_hand).unwrap_or("(no route)");
    if matches!(ours, Some(AppError::Db(db)) if db.is_unavailable()) {
        // An outage, not a fault of ours: every request meets it, so a line now and then says so.
        if let Some(held_back) = UNAVAILABLE_LINES.admit(Instant::now()) {
            tracing::warn!(status, method, route, %cause, held_back, "database unavailable: asked to try again");
        }
    } else if is_staff_path(request.path()) {
        tracing::error!(status, method, route, path = request.path(), %cause, %at, "request failed");
    } else {
        tracing::error!(status, method, route, %cause, %at, "request failed");
    }
}

/// Middleware: logs every 5xx (see `log_failure`) and replaces the body of every error response (ours,
/// actix's extractor errors such as a body over the limit, unknown routes) with a page in the request's
/// language, or JSON under `/api/`.
pub async fn render_error_pages(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    let response = next.call(req).await?;
    let status = response.status();
    if status.is_server_error() {
        log_failure(&response);
    }
    // Pages a handler rendered itself (a refused form, say) pass through; only errors are replaced.
    if response.response().error().is_none() || status.is_redirection() {
        return Ok(response.map_into_boxed_body());
    }
    let key = match response.response().error().and_then(|e| e.as_error::<AppError>()) {
        Some(app_error) => app_error.message_key(),
        None => match status {
            StatusCode::NOT_FOUND => "error-not-found",
            StatusCode::PAYLOAD_TOO_LARGE => "error-too-large",
            StatusCode::METHOD_NOT_ALLOWED => "error-not-found",
            s if s.is_client_error() => "error-bad-request",
            _ => "error-internal",
        },
    };
    let (request, old) = response.into_parts();
    let lang = request_lang(&request);
    let mut builder = HttpResponse::build(status);
    for (name, value) in old.headers() {
        if name != header::CONTENT_TYPE && name != header::CONTENT_LENGTH {
            builder.append_header((name.clone(), value.clone()));
        }
    }
    let body = if request.path().starts_with("/api/") {
        builder.json(serde_json::json!({ "error": key, "message": lang.t(key) }))
    } else if is_pupil_path(request.path()) {
        builder.content_type("text/html; charset=utf-8").body(pupil_error_page(lang, pupil_key(key)).into_string())
    } else {
        builder
            .content_type("text/html; charset=utf-8")
            .body(error_page(lang, status, key, request.path()).into_string())
    };
    Ok(ServiceResponse::new(request, body))
}

#[cfg(test)]
mod tests {
    use std::io::Write;
    use std::sync::{Arc, Mutex};

    use actix_web::http::StatusCode;
    use actix_web::middleware::from_fn;
    use actix_web::test::{TestRequest, call_service, init_service};
    use actix_web::{App, HttpResponse, web};

    use super::{AppError, render_error_pages};

    #[derive(Clone, Default)]
    struct Captured(Arc<Mutex<Vec<u8>>>);

    impl Write for Captured {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0.lock().map_err(|_| std::io::Error::other("poisoned"))?.extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    async fn staff_failure() -> Result<HttpResponse, AppError> {
        let disk = std::io::Error::other("the disk is on fire");
        let db = crate::db::DbError::Writer(format!("commit failed: {disk}"));
        Err(AppError::failed("loading the wave", db))
    }

    async fn pupil_failure() -> Result<HttpResponse, AppError> {
        Err(AppError::internal("a seal broke"))
    }

    /// The fault of issue 22: a header that cannot be built fails the response outside `AppError`.
    async fn broken_header() -> HttpResponse {
        HttpResponse::SeeOther().insert_header(("location", "/home\nSet-Cookie: x=1")).finish()
    }

    #[actix_web::test]
    async fn every_500_is_logged_with_its_cause_chain_and_route_and_a_pupil_path_only_by_its_pattern() {
        let captured = Captured::default();
        let writer = captured.clone();
        let subscriber = tracing_subscriber::fmt()
            .with_max_level(tracing::Level::ERROR)
            .with_writer(move || writer.clone())
            .with_ansi(false)
            .finish();
        let _guard = tracing::subscriber::set_default(subscriber);
        let app = init_service(
            App::new()
                .wrap(from_fn(render_error_pages))
                .route("/school/waves/{id}", web::get().to(staff_failure))
                // The form's address is routed by hand, as the server does (`survey_scope`).
                .service(web::scope("/survey").default_service(web::to(pupil_failure)))
                .route("/lang/{code}", web::get().to(broken_header)),
        )
        .await;
        for uri in ["/school/waves/wave-123", "/survey/SECRETPASS?lang=ru", "/lang/en?next=x"] {
            let response = call_service(&app, TestRequest::get().uri(uri).to_request()).await;
            assert_eq!(response.status(), StatusCode::INTERNAL_SERVER_ERROR, "{uri}");
        }
        let logs = String::from_utf8_lossy(&captured.0.lock().map(|l| l.clone()).unwrap_or_default()).into_owned();
        let lines: Vec<&str> = logs.lines().collect();
        assert_eq!(lines.len(), 3, "one line per failure:\n{logs}");
        assert!(lines.iter().all(|l| l.contains("ERROR")), "{logs}");
        let chain = "internal error: loading the wave: submission writer: commit failed: the disk is on fire";
        assert!(lines[0].contains(chain) && lines[0].contains("/school/waves/wave-123"), "{logs}");
        assert!(lines[0].contains("/school/waves/{id}") && lines[0].contains("method=\"GET\""), "{logs}");
        assert!(lines[0].contains("src/web/errors.rs:"), "the line that raised it: {logs}");
        assert!(lines[1].contains("a seal broke") && lines[1].contains("/survey/{pass}"), "{logs}");
        assert!(!logs.contains("SECRETPASS") && !logs.contains("lang=ru"), "a pupil's path is never logged: {logs}");
        assert!(lines[2].contains("/lang/{code}") && lines[2].contains("header"), "{logs}");
        assert!(!logs.contains("/lang/en") && !logs.contains("next=x"), "nor a language switch's: {logs}");
    }

    async fn database_gone() -> Result<HttpResponse, AppError> {
        Err(AppError::Db(crate::db::DbError::Writer("commit failed: database or disk is full".into())))
    }

    /// A database that cannot take the request now (issue 22: a full disk, PostgreSQL restarting)
    /// is a 503 with a "try again" page in the reader's words, not a 500 that blames the code.
    #[actix_web::test]
    async fn an_unavailable_database_asks_pupils_and_staff_to_try_again() {
        use crate::domain::lang::Lang;
        let app = init_service(
            App::new()
                .wrap(from_fn(render_error_pages))
                .route("/school/waves/{id}", web::get().to(database_gone))
                .service(web::scope("/survey").default_service(web::to(database_gone))),
        )
        .await;
        for (uri, lang, key) in [
            ("/survey/PASS?lang=ru", Lang::Ru, "pupil-unavailable"),
            ("/school/waves/w?lang=kk", Lang::Kk, "error-unavailable"),
        ] {
            let response = call_service(&app, TestRequest::get().uri(uri).to_request()).await;
            assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE, "{uri}");
            assert!(response.headers().contains_key("retry-after"), "{uri}");
            let body = actix_web::test::read_body(response).await;
            let page = String::from_utf8_lossy(&body);
            assert!(page.contains(&lang.t(key)), "{uri}: {page}");
        }
    }
}
