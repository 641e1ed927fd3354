//! Pupil routes (the survey and the trust box): no account, no cookie, no log line. The language travels in the URL (`?lang=`) and in
//! the form's sealed grant, so nothing is left on a shared computer for the next pupil.

mod form;
mod privacy;
mod send;
mod start;
mod submit;
mod survey_scope;
mod thanks;
mod trust_back;
mod trust_form;
mod trust_write;

use actix_web::web;

/// Registers the pupil routes.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/", web::get().to(start::show))
        .service(web::scope("/survey").configure(survey_scope::configure))
        .route("/thanks", web::get().to(thanks::show))
        .route(thanks::FORGET_STYLESHEET, web::get().to(thanks::forget))
        .route("/privacy", web::get().to(privacy::show))
        .route("/trust", web::get().to(trust_write::show))
        .route("/trust", web::post().to(trust_write::write))
        .route("/trust/back", web::get().to(trust_back::show))
        .route("/trust/back", web::post().to(trust_back::open))
        .route("/trust/back/write", web::post().to(trust_back::write_again))
        .route("/trust/done", web::get().to(trust_back::done));
}

pub use survey_scope::pattern_routed_by_hand;
pub use thanks::FORGET_STYLESHEET;

/// True for paths whose pages use the pupil layout (error pages included).
pub fn is_pupil_path(path: &str) -> bool {
    path == "/"
        || path.starts_with("/survey")
        || path.starts_with("/thanks")
        || path == "/privacy"
        || path == "/trust"
        || path.starts_with("/trust/")
}
