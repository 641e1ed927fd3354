//! The URL tree. Files mirror it: one file per page or action. Each staff handler takes its role
//! extractor, so the route table below is also the access table.

mod account;
mod admin;
mod api_token;
mod assets;
mod centre;
mod health;
mod home;
mod language;
mod login;
mod national;
mod open;
mod pupil;
mod roster;
mod school;
mod second_factor;
mod security;
mod trust;
mod trust_figures;

use actix_web::web;

use super::errors::AppError;

/// Registers every route.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/static/app.css", web::get().to(assets::stylesheet))
        .route("/static/kiosk.js", web::get().to(assets::kiosk_script))
        .route("/healthz", web::get().to(health::health))
        .configure(pupil::configure)
        .configure(crate::web::api::configure)
        .route("/home", web::get().to(home::role_home))
        .route("/lang/{code}", web::get().to(language::switch))
        .route("/login", web::get().to(login::show))
        .route("/login", web::post().to(login::submit))
        .route("/login/code", web::get().to(login::show_code))
        .route("/login/code", web::post().to(login::submit_code))
        .route("/logout", web::post().to(login::sign_out))
        .route("/account/security", web::get().to(security::show))
        .route("/account/sessions/end", web::post().to(security::end))
        .route("/account/two-factor", web::get().to(second_factor::show))
        .route("/account/two-factor", web::post().to(second_factor::enrol))
        .route("/account/two-factor/codes", web::post().to(second_factor::renew_codes))
        .route("/account/two-factor/remove", web::post().to(second_factor::remove))
        .route("/account/password", web::get().to(account::show))
        .route("/account/password", web::post().to(account::change))
        .route("/account/api-token", web::get().to(api_token::show))
        .route("/account/api-token", web::post().to(api_token::change))
        .service(web::scope("/admin").configure(admin::configure))
        .route("/national", web::get().to(national::show))
        .route("/national/trust", web::get().to(trust_figures::national))
        .route("/national/centres", web::get().to(open::national_centres))
        .route("/open", web::get().to(open::index))
        .route("/open/{region}", web::get().to(open::region))
        .route("/open/{region}/figures.csv", web::get().to(open::region_csv))
        .service(web::scope("/centre").configure(centre::configure))
        .service(web::scope("/school").configure(school::configure));
}

pub use assets::asset_href;
pub use pupil::{FORGET_STYLESHEET, is_pupil_path, pattern_routed_by_hand};

/// Unknown paths: the 404 page in the reader's language.
pub async fn not_found() -> Result<&'static str, AppError> {
    Err(AppError::NotFound)
}

/// An HTML page with a status (422 for a refused form, 200 otherwise).
pub(crate) fn html_page(status: actix_web::http::StatusCode, markup: maud::Markup) -> actix_web::HttpResponse {
    actix_web::HttpResponse::build(status).content_type("text/html; charset=utf-8").body(markup.into_string())
}

/// Post-redirect-get: every redirect goes through the one checked function.
pub(crate) use super::redirect::see_other;
