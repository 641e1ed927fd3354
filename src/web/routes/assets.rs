//! The stylesheet and the kiosk script, compiled into the binary so it runs from any working directory.

use actix_web::HttpResponse;
use actix_web::http::header;

const STYLESHEET: &str = include_str!("../../../static/app.css");
const KIOSK_SCRIPT: &str = include_str!("../../../static/kiosk.js");

/// `GET /static/app.css`.
pub async fn stylesheet() -> HttpResponse {
    HttpResponse::Ok()
        .insert_header((header::CONTENT_TYPE, "text/css; charset=utf-8"))
        .insert_header((header::CACHE_CONTROL, "public, max-age=3600"))
        .body(STYLESHEET)
}

/// `GET /static/kiosk.js`: idle reset and "leave now" on shared computers (pages work without it).
pub async fn kiosk_script() -> HttpResponse {
    HttpResponse::Ok()
        .insert_header((header::CONTENT_TYPE, "text/javascript; charset=utf-8"))
        .insert_header((header::CACHE_CONTROL, "public, max-age=3600"))
        .body(KIOSK_SCRIPT)
}
