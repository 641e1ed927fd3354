//! The `/survey` scope: `POST /survey/start` (the class password), `POST /survey/submit` (forms of the
//! previous release), and `GET` and `POST /survey/{pass}` (the form page and the filled form), the last
//! two routed by hand as the scope's default service instead of by a `{pass}` pattern.
//!
//! Why by hand: the router matches a dynamic pattern with a regular expression run over the whole
//! path, and a pass is a long sealed grant. As two `{pass}` routes (the page, then the post, each
//! tried in turn) it cost about a sixth of the server's processor time per submission (`perf` under
//! `cargo bench --bench submissions`); a prefix match and one split cost nothing. The fuzz's route
//! reader (`tests/fuzz_routes/table.rs`) knows this default service stands for both routes.

use actix_web::http::Method;
use actix_web::{HttpRequest, HttpResponse, web};

use super::{form, send, start, submit};
use crate::web::{AppError, AppState};

/// Registers the routes under `/survey`.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/start", web::post().to(start::begin))
        .route("/submit", web::post().to(submit::submit))
        .default_service(web::to(form_address));
}

/// The pattern a path under the scope's default service stands for, for the error log (the router
/// knows no pattern there, and a pupil's path itself is never logged).
pub fn pattern_routed_by_hand(path: &str) -> Option<&'static str> {
    path.strip_prefix("/survey").and_then(pass_of).map(|_| "/survey/{pass}")
}

/// The pass in `tail` (what follows `/survey`): one non-empty segment after the slash, or `None`.
fn pass_of(tail: &str) -> Option<&str> {
    let pass = tail.strip_prefix('/')?;
    (!pass.is_empty() && !pass.contains('/')).then_some(pass)
}

/// Every `/survey/…` request the scope's own routes did not take: the form page (`GET`) or the filled
/// form (`POST`) of the pass in the path; any other path or method names nothing.
pub async fn form_address(
    req: HttpRequest,
    state: web::Data<AppState>,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let Some(pass) = pass_of(req.match_info().unprocessed()) else { return Err(AppError::NotFound) };
    match *req.method() {
        Method::GET => form::show(&req, &state, pass).await,
        Method::POST => send::send(&req, &state, pass, &body).await,
        _ => Err(AppError::NotFound),
    }
}

#[cfg(test)]
mod tests {
    use super::{pass_of, pattern_routed_by_hand};

    #[test]
    fn a_pass_is_one_non_empty_segment_after_the_scope() {
        assert_eq!(pass_of("/AbC-_9"), Some("AbC-_9"));
        assert_eq!(pass_of(""), None);
        assert_eq!(pass_of("/"), None);
        assert_eq!(pass_of("/a/b"), None);
        assert_eq!(pass_of("/a/"), None);
        assert_eq!(pass_of("a"), None);
    }

    #[test]
    fn only_a_form_address_is_named_as_the_form_pattern() {
        assert_eq!(pattern_routed_by_hand("/survey/AbC"), Some("/survey/{pass}"));
        assert_eq!(pattern_routed_by_hand("/survey/a/b"), None);
        assert_eq!(pattern_routed_by_hand("/surveyX"), None);
        assert_eq!(pattern_routed_by_hand("/thanks"), None);
    }
}
