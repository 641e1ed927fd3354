//! `/school`: the psychologist's own school. Every handler takes [`PsychologistUser`] (the trust
//! box's, shared with the centre, are registered with it), and every query is filtered by its school.
//!
//! [`PsychologistUser`]: crate::web::auth::PsychologistUser

mod classes;
mod home;
mod referrals;
mod trust_poster;
mod waves;

use actix_web::web;

use super::{roster, trust};
use crate::web::auth::PsychologistUser;

/// Routes under `/school`.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("", web::get().to(home::show))
        .route("/classes", web::get().to(classes::list))
        .route("/classes", web::post().to(classes::create))
        .route("/classes/{id}", web::get().to(classes::edit))
        .route("/classes/{id}", web::post().to(classes::update))
        .route("/roster", web::get().to(roster::show::<PsychologistUser>))
        .route("/roster", web::post().to(roster::upload::<PsychologistUser>))
        .route("/roster/templates/{name}", web::get().to(roster::template::<PsychologistUser>))
        .route("/roster/{id}", web::get().to(roster::step::<PsychologistUser>))
        .route("/roster/{id}/mapping", web::post().to(roster::map::<PsychologistUser>))
        .route("/roster/{id}/import", web::post().to(roster::import::<PsychologistUser>))
        .route("/waves", web::get().to(waves::list))
        .route("/waves", web::post().to(waves::create))
        .route("/waves/new", web::get().to(waves::new))
        .route("/waves/{id}", web::get().to(waves::show))
        .route("/waves/{id}/close", web::post().to(waves::close))
        .route("/waves/{id}/figures.csv", web::get().to(waves::export))
        .route("/referrals", web::get().to(referrals::list))
        .route("/referrals", web::post().to(referrals::create))
        .route("/referrals/new", web::get().to(referrals::new))
        .route("/referrals/{id}", web::get().to(referrals::show))
        .route("/referrals/{id}/notes", web::post().to(referrals::add_note))
        .route("/trust", web::get().to(trust::list::<PsychologistUser>))
        // Before `/trust/{id}`, which would take `poster` for an id.
        .route("/trust/poster", web::get().to(trust_poster::show))
        .route("/trust/{id}", web::get().to(trust::show::<PsychologistUser>))
        .route("/trust/{id}/reply", web::post().to(trust::reply::<PsychologistUser>))
        .route("/trust/{id}/note", web::post().to(trust::note::<PsychologistUser>))
        .route("/trust/{id}/escalate", web::post().to(trust::escalate))
        .route("/trust/{id}/close", web::post().to(trust::close::<PsychologistUser>));
}
