//! `GET /thanks`: the same page for every pupil, whatever they answered: thanks, help contacts, and the
//! way back to the start for the next pupil. It also tells the browser to drop its caches, the
//! back-forward cache included: Chromium restores `no-store` pages from it, so without this, Back would
//! show the previous pupil's ticked answers on a shared computer.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse};

use super::super::html_page;
use crate::web::lang::request_lang;
use crate::web::views::pupil::thanks::thanks_page;

/// `GET /thanks?lang=..`.
pub async fn show(req: HttpRequest) -> HttpResponse {
    let mut response = html_page(StatusCode::OK, thanks_page(request_lang(&req)));
    response.headers_mut().insert(
        actix_web::http::header::HeaderName::from_static("clear-site-data"),
        actix_web::http::header::HeaderValue::from_static("\"cache\""),
    );
    response
}
