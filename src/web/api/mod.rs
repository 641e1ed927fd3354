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

pub use caller::{ApiCaller, token_hash};

use actix_web::web;

/// Declares the API's routes once: [`ROUTES`] lists them and `api_routes` registers exactly those,
/// so the test that holds the OpenAPI document to `ROUTES` holds it to what the server answers.
macro_rules! api_routes {
    ($($method:ident $path:literal => $handler:path),* $(,)?) => {
        /// Every API route as (method, path under `/api/v1`); the document itself is not one.
        pub const ROUTES: &[(&str, &str)] = &[$((stringify!($method), $path)),*];

        fn api_routes(scope: actix_web::Scope) -> actix_web::Scope {
            scope$(.route($path, web::$method().to($handler)))*
        }
    };
}

api_routes! {
    get "/waves" => waves::list,
    get "/waves/{id}/summary" => summary::summary,
    get "/referrals" => referrals::list,
    get "/referrals/{id}" => referrals::show,
    post "/referrals/{id}/transition" => referrals::transition,
    post "/referrals/{id}/notes" => referrals::add_note,
}

/// Registers the API routes and the document that describes them.
pub fn configure(cfg: &mut web::ServiceConfig) {
    let scope = web::scope("/api/v1").route("/openapi.json", web::get().to(openapi::document));
    cfg.service(api_routes(scope));
}
