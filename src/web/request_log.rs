//! One log line per staff request, and none per pupil request.
//!
//! A staff request runs inside a `staff_request` span naming its method and route pattern (never the
//! concrete path or query), the signed-in role once an extractor has found it, and at the end its
//! status and latency, written as one `info` line; a 500's error line inside it carries the same
//! context. Pupil routes (`/`, `/survey/…`, `/thanks`, `/privacy`, `/lang/…`) and the assets and
//! health check they share get no span and no line, so the log tells nothing about when or how a pupil
//! answered. Staff areas are listed rather than pupil ones, so a new route is silent until it is
//! named here.

use std::time::Instant;

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::middleware::Next;
use tracing::Instrument;
use tracing::field::Empty;

use crate::domain::account::Role;

/// The first segment of every staff path: sign-in, the role areas and the API.
const STAFF_AREAS: [&str; 9] =
    ["/home", "/login", "/logout", "/account", "/admin", "/centre", "/school", "/national", "/api"];

/// True for the paths staff use (see [`STAFF_AREAS`]); false for pupils' and shared ones.
pub fn is_staff_path(path: &str) -> bool {
    STAFF_AREAS.iter().any(|area| path.strip_prefix(area).is_some_and(|rest| rest.is_empty() || rest.starts_with('/')))
}

/// Middleware: runs a staff request inside its span and writes its line when it is answered; passes
/// every other request through untouched.
pub async fn staff_spans(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<impl MessageBody + 'static>, actix_web::Error> {
    if !is_staff_path(req.path()) {
        return next.call(req).await;
    }
    let route = req.match_pattern().unwrap_or_else(|| "(no route)".to_owned());
    let span = tracing::info_span!(
        "staff_request",
        method = req.method().as_str(),
        route = route.as_str(),
        role = Empty,
        status = Empty,
        latency_ms = Empty,
    );
    let started = Instant::now();
    let answer = span.in_scope(|| next.call(req)).instrument(span.clone()).await;
    let status = match &answer {
        Ok(response) => response.status(),
        Err(error) => error.as_response_error().status_code(),
    };
    span.record("status", status.as_u16());
    let latency_ms = started.elapsed().as_secs_f64() * 1000.0;
    span.record("latency_ms", tracing::field::display(format_args!("{latency_ms:.1}")));
    span.in_scope(|| tracing::info!("staff request answered"));
    answer
}

/// Names the signed-in role on the current staff request's span (the role extractors call it; outside
/// a staff request it does nothing).
pub fn record_role(role: Role) {
    tracing::Span::current().record("role", role.as_str());
}

#[cfg(test)]
mod tests {
    use super::is_staff_path;

    #[test]
    fn staff_areas_are_named_and_pupil_paths_are_not() {
        for staff in ["/login", "/school/waves/1", "/centre", "/api/v1/figures", "/account/password", "/home"] {
            assert!(is_staff_path(staff), "{staff}");
        }
        for other in ["/", "/survey/PASS", "/survey/start", "/thanks", "/privacy", "/lang/ru", "/static/app.css"] {
            assert!(!is_staff_path(other), "{other}");
        }
        assert!(!is_staff_path("/schoolbag"), "a prefix counts only as a whole segment");
    }
}
