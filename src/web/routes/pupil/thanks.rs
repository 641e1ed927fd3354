//! `GET /thanks`: the same page for every pupil, whatever they answered: thanks, help contacts, and the
//! way back to the start for the next pupil.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse};

use super::super::html_page;
use crate::web::lang::request_lang;
use crate::web::views::pupil::thanks::thanks_page;

/// `GET /thanks?lang=..`.
pub async fn show(req: HttpRequest) -> HttpResponse {
    html_page(StatusCode::OK, thanks_page(request_lang(&req)))
}
