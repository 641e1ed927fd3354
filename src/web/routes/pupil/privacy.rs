//! `GET /privacy`: the anonymity promises in plain words for pupils and parents.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};

use super::super::html_page;
use crate::web::AppState;
use crate::web::lang::request_lang;
use crate::web::views::pupil::privacy::privacy_page;

/// `GET /privacy?lang=..`.
pub async fn show(req: HttpRequest, state: web::Data<AppState>) -> HttpResponse {
    html_page(StatusCode::OK, privacy_page(request_lang(&req), state.settings.k.get()))
}
