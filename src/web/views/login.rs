//! The staff sign-in page.

use maud::{Markup, html};

use super::components::{TextField, csrf_field};
use super::layout::{Chrome, page};
use crate::web::forms::FieldErrors;

/// What the sign-in form shows: the typed login and, after a refusal, why.
pub struct LoginView<'a> {
    /// Typed login, kept after a refusal (the password never is).
    pub login: &'a str,
    /// A message key: wrong credentials or a lock.
    pub problem: Option<&'static str>,
}

/// The sign-in page.
pub fn login_page(chrome: &Chrome<'_>, view: &LoginView<'_>) -> Markup {
    let lang = chrome.lang;
    let none = FieldErrors::new();
    page(
        chrome,
        &lang.t("sign-in-title"),
        html! {
            p { (lang.t("sign-in-intro")) }
            @if let Some(problem) = view.problem {
                p.error.summary role="alert" { (lang.t(problem)) }
            }
            form.card method="post" action="/login" {
                (csrf_field(chrome.csrf))
                (TextField { name: "login", label: "field-login", value: view.login, kind: "text", required: true }.render(lang, &none))
                (TextField { name: "password", label: "field-password", value: "", kind: "password", required: true }.render(lang, &none))
                button type="submit" { (lang.t("sign-in")) }
            }
        },
    )
}
