//! The privacy page for pupils and parents: what is stored, what never is, who sees what, and why no
//! one can trace an answer back.

use maud::{Markup, html};

use super::frame::{Kiosk, pupil_href, pupil_page};
use crate::domain::lang::Lang;
use crate::i18n::count;

/// `GET /privacy`.
pub fn privacy_page(lang: Lang, k: u32) -> Markup {
    let with_k = |key: &str| lang.t_args(key, &[("k", count(k))]);
    pupil_page(
        lang,
        &lang.t("privacy-title"),
        Kiosk::Plain,
        Some("/privacy"),
        html! {
            p { (lang.t("privacy-intro")) }
            h2 { (lang.t("privacy-stored-title")) }
            ul {
                li { (lang.t("privacy-stored-answers")) }
                li { (lang.t("privacy-stored-class")) }
                li { (lang.t("privacy-stored-date")) }
            }
            h2 { (lang.t("privacy-never-title")) }
            ul {
                li { (lang.t("privacy-never-name")) }
                li { (lang.t("privacy-never-device")) }
                li { (lang.t("privacy-never-time")) }
                li { (lang.t("privacy-never-skip")) }
            }
            h2 { (lang.t("privacy-who-title")) }
            ul {
                li { (with_k("privacy-who-school")) }
                li { (lang.t("privacy-who-centre")) }
                li { (lang.t("privacy-who-nobody")) }
            }
            h2 { (lang.t("privacy-why-title")) }
            ul {
                li { (with_k("privacy-why-k")) }
                li { (lang.t("privacy-why-subtraction")) }
                li { (lang.t("privacy-why-same")) }
                li { (lang.t("privacy-why-noise")) }
                li { (lang.t("privacy-why-rounding")) }
                li { (lang.t("privacy-why-signal")) }
                li { (lang.t("privacy-why-period")) }
                li { (lang.t("privacy-why-open")) }
                li { (lang.t("privacy-why-audit")) }
            }
            p { a.button href=(pupil_href("/", lang)) { (lang.t("pupil-back-to-start")) } }
        },
    )
}
