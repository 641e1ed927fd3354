//! Error pages: what happened, in the reader's language, and a way back. Never an internal detail.

use actix_web::http::StatusCode;
use maud::{Markup, html};

use super::layout::{Chrome, page};
use crate::domain::lang::Lang;

/// The page for an error status with the message `key`.
pub fn error_page(lang: Lang, status: StatusCode, key: &str, path: &str) -> Markup {
    let chrome = Chrome { lang, csrf: "", path, account: None, flash: None };
    let title = lang.t(match status.as_u16() {
        403 => "error-title-forbidden",
        404 => "error-title-not-found",
        409 => "error-title-conflict",
        413 => "error-title-too-large",
        s if s < 500 => "error-title-bad-request",
        503 => "error-title-unavailable",
        _ => "error-title-internal",
    });
    page(
        &chrome,
        &title,
        html! {
            p.error-message { (lang.t(key)) }
            p { a href="/home" { (lang.t("error-back-home")) } }
        },
    )
}
