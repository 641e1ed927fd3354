//! `GET /thanks`: the same page for every pupil, whatever they answered: thanks, help contacts, and the
//! way back to the start for the next pupil.
//!
//! `GET /thanks/forget.css`: the thank-you page loads this empty stylesheet so that Back cannot bring the
//! sent questionnaire back on a shared computer. Chromium keeps even `no-store` pages in its
//! back-forward cache, ticks and all; it drops them when the site's cache is cleared or a cookie
//! changes *after* the page was stored. Only a request made by the thank-you page itself comes late
//! enough (a header on `/thanks` arrives before the questionnaire is stored), and a stylesheet works
//! without JavaScript and on old browsers. It does both: `Clear-Site-Data: "cache"` (honoured over
//! HTTPS and on loopback) and a cookie set and deleted in the same answer (honoured over plain HTTP
//! too), so no cookie stays on the computer.

use actix_web::http::StatusCode;
use actix_web::http::header::{self, HeaderValue};
use actix_web::{HttpRequest, HttpResponse};

use super::super::html_page;
use crate::web::lang::request_lang;
use crate::web::views::pupil::thanks::thanks_page;

/// Where the thank-you page's eviction stylesheet lives.
pub const FORGET_STYLESHEET: &str = "/thanks/forget.css";

/// `GET /thanks?lang=..`.
pub async fn show(req: HttpRequest) -> HttpResponse {
    html_page(StatusCode::OK, thanks_page(request_lang(&req)))
}

/// `GET /thanks/forget.css`: an empty stylesheet whose headers evict the sent questionnaire from the
/// back-forward cache.
pub async fn forget() -> HttpResponse {
    HttpResponse::Ok()
        .insert_header((header::CONTENT_TYPE, HeaderValue::from_static("text/css; charset=utf-8")))
        .insert_header((header::CACHE_CONTROL, HeaderValue::from_static("no-store")))
        .insert_header(("clear-site-data", HeaderValue::from_static("\"cache\"")))
        .append_header((
            header::SET_COOKIE,
            HeaderValue::from_static("ahual_forget=1; Path=/; HttpOnly; SameSite=Strict"),
        ))
        .append_header((
            header::SET_COOKIE,
            HeaderValue::from_static("ahual_forget=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0"),
        ))
        .body("")
}
