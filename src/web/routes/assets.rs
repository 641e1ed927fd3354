//! The stylesheet and the kiosk script, compiled into the binary so it runs from any working directory.

use std::sync::LazyLock;

use actix_web::HttpResponse;
use actix_web::http::header;
use sha2::{Digest, Sha256};

const STYLESHEET: &str = include_str!("../../../static/app.css");
const KIOSK_SCRIPT: &str = include_str!("../../../static/kiosk.js");

/// A short hash of both assets, appended to their URLs so a new release is never hidden by a cache.
static ASSET_VERSION: LazyLock<String> = LazyLock::new(|| {
    let digest = Sha256::new().chain_update(STYLESHEET).chain_update(KIOSK_SCRIPT).finalize();
    hex::encode(&digest[..6])
});

/// The URL of a static asset (`app.css`, `kiosk.js`) with its content version.
pub fn asset_href(name: &str) -> String {
    format!("/static/{name}?v={}", *ASSET_VERSION)
}

/// `GET /static/app.css`.
pub async fn stylesheet() -> HttpResponse {
    HttpResponse::Ok()
        .insert_header((header::CONTENT_TYPE, "text/css; charset=utf-8"))
        .insert_header((header::CACHE_CONTROL, "public, max-age=31536000, immutable"))
        .body(STYLESHEET)
}

/// `GET /static/kiosk.js`: idle reset and "leave now" on shared computers (pages work without it).
pub async fn kiosk_script() -> HttpResponse {
    HttpResponse::Ok()
        .insert_header((header::CONTENT_TYPE, "text/javascript; charset=utf-8"))
        .insert_header((header::CACHE_CONTROL, "public, max-age=31536000, immutable"))
        .body(KIOSK_SCRIPT)
}
