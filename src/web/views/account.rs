//! The page where staff change their own password.

use maud::{Markup, html};

use super::components::{TextField, csrf_field, form_problems};
use super::layout::{Chrome, page};
use super::second_factor::code_field;
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

/// What the API token page shows.
pub struct TokenView<'a> {
    /// The account has a token now (never which).
    pub has_token: bool,
    /// The token just made, shown this once.
    pub new_token: Option<&'a str>,
    /// Why the code typed to make one was refused.
    pub problem: Option<&'static str>,
}

/// `GET /account/api-token`. Making a token takes a code of the account's second factor; an account
/// without one is sent to enrol first.
pub fn api_token_page(chrome: &Chrome<'_>, view: &TokenView<'_>) -> Markup {
    let lang = chrome.lang;
    let (has_token, new_token) = (view.has_token, view.new_token);
    let has_second_factor = chrome.account.is_some_and(|a| a.has_second_factor);
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
            @if has_second_factor {
                form.card method="post" action="/account/api-token" novalidate {
                    (csrf_field(chrome.csrf))
                    (code_field(lang, "code", "field-code", view.problem))
                    button type="submit" name="action" value="create" { (lang.t("api-token-create")) }
                }
            } @else {
                p.notice { (lang.t("api-token-needs-second-factor")) " " a href="/account/two-factor" { (lang.t("second-factor-enrol")) } }
            }
            @if has_token {
                form.inline method="post" action="/account/api-token" {
                    (csrf_field(chrome.csrf))
                    button.secondary type="submit" name="action" value="revoke" { (lang.t("api-token-revoke")) }
                }
            }
        },
    )
}
