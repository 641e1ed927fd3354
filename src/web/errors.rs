//! One error type for the web layer. Each case maps to a status and to a page in the user's language
//! (or a JSON body under `/api/`); internal causes go to the log, never to the user.

use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::{StatusCode, header};
use actix_web::middleware::Next;
use actix_web::{HttpResponse, ResponseError};
use thiserror::Error;

use super::lang::request_lang;
use super::routes::is_pupil_path;
use super::views::errors::error_page;
use super::views::pupil::notice::pupil_error_page;
use crate::db::DbError;

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
    /// Anything else that is our fault.
    #[error("internal error: {0}")]
    Internal(String),
}

impl AppError {
    /// The message key shown to the user for this error.
    pub fn message_key(&self) -> &'static str {
        match self {
            AppError::NotFound | AppError::Db(DbError::NotFound) => "error-not-found",
            AppError::Forbidden => "error-forbidden",
            AppError::Unauthenticated | AppError::Unauthorized => "error-sign-in-required",
            AppError::BadRequest(key) | AppError::Conflict(key) => key,
            AppError::Csrf => "error-form-expired",
            AppError::Db(_) | AppError::Internal(_) => "error-internal",
        }
    }
}

impl ResponseError for AppError {
    fn status_code(&self) -> StatusCode {
        match self {
            AppError::NotFound | AppError::Db(DbError::NotFound) => StatusCode::NOT_FOUND,
            AppError::Forbidden | AppError::Csrf => StatusCode::FORBIDDEN,
            AppError::Unauthenticated => StatusCode::SEE_OTHER,
            AppError::Unauthorized => StatusCode::UNAUTHORIZED,
            AppError::BadRequest(_) => StatusCode::BAD_REQUEST,
            AppError::Conflict(_) => StatusCode::CONFLICT,
            AppError::Db(_) | AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn error_response(&self) -> HttpResponse {
        if self.status_code().is_server_error() {
            tracing::error!(error = %self, "request failed");
        }
        let mut response = HttpResponse::build(self.status_code());
        if let AppError::Unauthenticated = self {
            response.insert_header((header::LOCATION, "/login"));
        }
        response.finish()
    }
}

/// Middleware: replaces the body of every error response (ours, actix's extractor errors such as a
/// body over the limit, unknown routes) with a page in the request's language, or JSON under `/api/`.
pub async fn render_error_pages(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    let response = next.call(req).await?;
    let status = response.status();
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
        builder.content_type("text/html; charset=utf-8").body(pupil_error_page(lang, key).into_string())
    } else {
        builder
            .content_type("text/html; charset=utf-8")
            .body(error_page(lang, status, key, request.path()).into_string())
    };
    Ok(ServiceResponse::new(request, body))
}
