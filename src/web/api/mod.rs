//! The JSON API under `/api/v1`: the same released figures under the same rules as the pages,
//! authenticated by the session cookie or a per-user token (`Authorization: Bearer …`), described by
//! `/api/v1/openapi.json`. Errors are JSON (`{"error": key, "message": text}`).

mod caller;
mod group_json;
mod openapi;
mod referral_json;
mod referrals;
mod summary;
mod waves;

pub use caller::ApiCaller;

use actix_web::web;

/// Registers the API routes. Each is a literal call with its pattern: the OpenAPI test and the route
/// fuzz read this list from the source.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(
        web::scope("/api/v1")
            .route("/openapi.json", web::get().to(openapi::document))
            .route("/waves", web::get().to(waves::list))
            .route("/waves/{id}/summary", web::get().to(summary::summary))
            .route("/referrals", web::get().to(referrals::list))
            .route("/referrals/{id}", web::get().to(referrals::show))
            .route("/referrals/{id}/transition", web::post().to(referrals::transition))
            .route("/referrals/{id}/notes", web::post().to(referrals::add_note)),
    );
}
