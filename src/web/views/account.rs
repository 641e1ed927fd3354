//! The page where staff change their own password.

use maud::{Markup, html};

use super::components::{TextField, csrf_field, form_problems};
use super::layout::{Chrome, page};
use crate::web::forms::FieldErrors;

/// `GET /account/password`.
pub fn password_page(chrome: &Chrome<'_>, errors: &FieldErrors) -> Markup {
    let lang = chrome.lang;
    page(
        chrome,
        &lang.t("password-title"),
        html! {
            @if chrome.account.is_some_and(|a| a.must_change_password) {
                p.notice role="status" { (lang.t("password-reset-notice")) }
            }
            form.card method="post" action="/account/password" novalidate {
                (csrf_field(chrome.csrf))
                (form_problems(lang, errors))
                (TextField { name: "current", label: "field-current-password", value: "", kind: "password", required: true }.render(lang, errors))
                (TextField { name: "new", label: "field-new-password", value: "", kind: "password", required: true }.render(lang, errors))
                (TextField { name: "repeat", label: "field-repeat-password", value: "", kind: "password", required: true }.render(lang, errors))
                button type="submit" { (lang.t("action-change-password")) }
            }
        },
    )
}

/// `GET /account/api-token`; `new_token` is shown once, right after creation.
pub fn api_token_page(chrome: &Chrome<'_>, has_token: bool, new_token: Option<&str>) -> Markup {
    let lang = chrome.lang;
    page(
        chrome,
        &lang.t("api-token-title"),
        html! {
            p { (lang.t("api-token-intro")) " " code { "/api/v1/openapi.json" } }
            @if let Some(token) = new_token {
                p.notice role="status" { (lang.t("api-token-shown-once")) }
                p { code.secret-token { (token) } }
            } @else {
                p { (lang.t(if has_token { "api-token-exists" } else { "api-token-none" })) }
            }
            form.inline method="post" action="/account/api-token" {
                (csrf_field(chrome.csrf))
                button type="submit" name="action" value="create" { (lang.t("api-token-create")) }
                @if has_token {
                    button.secondary type="submit" name="action" value="revoke" { (lang.t("api-token-revoke")) }
                }
            }
        },
    )
}
