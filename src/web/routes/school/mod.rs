//! `/school`: the psychologist's own school. Every handler takes [`PsychologistUser`], and every
//! query is filtered by its school.
//!
//! [`PsychologistUser`]: crate::web::auth::PsychologistUser

mod classes;
mod home;
mod waves;

use actix_web::web;

/// Routes under `/school`.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("", web::get().to(home::show))
        .route("/classes", web::get().to(classes::list))
        .route("/classes", web::post().to(classes::create))
        .route("/classes/{id}", web::get().to(classes::edit))
        .route("/classes/{id}", web::post().to(classes::update))
        .route("/waves", web::get().to(waves::list))
        .route("/waves", web::post().to(waves::create))
        .route("/waves/new", web::get().to(waves::new))
        .route("/waves/{id}", web::get().to(waves::show))
        .route("/waves/{id}/close", web::post().to(waves::close))
        .route("/waves/{id}/figures.csv", web::get().to(waves::export));
}
