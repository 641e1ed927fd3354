//! `/admin`: the deployment's schools, users, settings, roster imports and notification outbox. Every
//! handler takes [`AdminUser`].
//!
//! [`AdminUser`]: crate::web::auth::AdminUser

mod home;
mod outbox;
mod schools;
mod settings;
mod users;

use actix_web::web;

use super::roster;
use crate::web::auth::AdminUser;

/// Routes under `/admin`.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("", web::get().to(home::show))
        .route("/schools", web::get().to(schools::list))
        .route("/schools", web::post().to(schools::create))
        .route("/schools/{id}", web::get().to(schools::edit))
        .route("/schools/{id}", web::post().to(schools::update))
        .route("/users", web::get().to(users::list))
        .route("/users", web::post().to(users::create))
        .route("/users/{id}", web::get().to(users::edit))
        .route("/users/{id}", web::post().to(users::update))
        .route("/users/{id}/password", web::post().to(users::set_password))
        .route("/users/{id}/two-factor/reset", web::post().to(users::reset_second_factor))
        .route("/outbox", web::get().to(outbox::show))
        .route("/outbox/{id}/retry", web::post().to(outbox::retry))
        .route("/roster", web::get().to(roster::show::<AdminUser>))
        .route("/roster", web::post().to(roster::upload::<AdminUser>))
        .route("/roster/templates/{name}", web::get().to(roster::template::<AdminUser>))
        .route("/roster/{id}", web::get().to(roster::step::<AdminUser>))
        .route("/roster/{id}/mapping", web::post().to(roster::map::<AdminUser>))
        .route("/roster/{id}/import", web::post().to(roster::import::<AdminUser>))
        .route("/settings", web::get().to(settings::show))
        .route("/settings/centres/{code}", web::post().to(settings::set_centre_email));
}
