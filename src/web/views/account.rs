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
