//! `/centre`: the regional centre's view of its own region. Every handler takes [`CentreUser`] (the
//! trust box's, shared with the school, are registered with it), and every query is filtered by its
//! region.
//!
//! [`CentreUser`]: crate::web::auth::CentreUser

mod home;
mod referrals;
mod region;
mod school;
mod waves;

use actix_web::web;

use super::{trust, trust_figures};
use crate::web::auth::CentreUser;

/// Routes under `/centre`.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("", web::get().to(home::show))
        .route("/schools/{id}", web::get().to(school::show))
        .route("/region", web::get().to(region::show))
        .route("/waves", web::get().to(waves::list))
        .route("/waves/{id}", web::get().to(waves::show))
        .route("/waves/{id}/figures.csv", web::get().to(waves::export))
        .route("/referrals", web::get().to(referrals::list))
        .route("/referrals/{id}", web::get().to(referrals::show))
        .route("/referrals/{id}/transition", web::post().to(referrals::transition))
        .route("/referrals/{id}/notes", web::post().to(referrals::add_note))
        .route("/trust", web::get().to(trust::list::<CentreUser>))
        // Before `/trust/{id}`, which would take `figures` for an id.
        .route("/trust/figures", web::get().to(trust_figures::centre))
        .route("/trust/{id}", web::get().to(trust::show::<CentreUser>))
        .route("/trust/{id}/reply", web::post().to(trust::reply::<CentreUser>))
        .route("/trust/{id}/note", web::post().to(trust::note::<CentreUser>))
        .route("/trust/{id}/close", web::post().to(trust::close::<CentreUser>));
}
