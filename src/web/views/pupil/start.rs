//! The start screen: choose a language, type the class password.

use maud::{Markup, html};

use super::frame::{Kiosk, pupil_href, pupil_page};
use crate::domain::lang::Lang;

/// The start page, with an optional message key after a refused password.
pub fn start_page(lang: Lang, problem: Option<&str>) -> Markup {
    pupil_page(
        lang,
        &lang.t("pupil-start-title"),
        Kiosk::Plain,
        Some("/"),
        html! {
            p { (lang.t("pupil-start-intro")) }
            p { (lang.t("pupil-start-anonymous")) " " a href=(pupil_href("/privacy", lang)) { (lang.t("privacy-link")) } }
            form.card method="post" action=(pupil_href("/survey/start", lang)) autocomplete="off" {
                @if let Some(key) = problem {
                    p.error.summary role="alert" #password-error { (lang.t(key)) }
                }
                div.field {
                    label for="password" { (lang.t("pupil-password")) }
                    input #password type="text" name="password" required autocomplete="off" autocapitalize="characters"
                        spellcheck="false" maxlength="40" aria-describedby=[problem.map(|_| "password-error")];
                }
                button type="submit" { (lang.t("pupil-start-button")) }
            }
            p.trust-link { a href=(pupil_href("/trust", lang)) { (lang.t("trust-start-link")) } }
            p.staff-link { a href="/login" { (lang.t("start-staff-sign-in")) } }
        },
    )
}
