//! Help contacts, the same for every pupil: 111, 150, the school psychologist, 112 in danger.

use maud::{Markup, html};

use super::frame::pupil_href;
use crate::domain::lang::Lang;

/// The help box shown after submitting and inside sensitive sections.
pub fn help_contacts(lang: Lang) -> Markup {
    html! {
        aside.help aria-label=(lang.t("help-title")) {
            h2 { (lang.t("help-title")) }
            ul {
                li { strong { "111" } " — " (lang.t("help-111")) }
                li { strong { "150" } " — " (lang.t("help-150")) }
                li { (lang.t("help-psychologist")) }
                li { strong { "112" } " — " (lang.t("help-112")) }
            }
        }
    }
}

/// The help box with the way to the trust box, for the survey's sensitive sections and the thank-you
/// page. The link opens a new tab, so a pupil in the middle of the questionnaire loses nothing, and
/// carries nothing of the survey (no wave, class or form) into the message.
pub fn help_with_trust_box(lang: Lang) -> Markup {
    html! {
        (help_contacts(lang))
        p.trust-link {
            a href=(pupil_href("/trust", lang)) target="_blank" rel="noopener noreferrer" {
                (lang.t("trust-help-link"))
            }
        }
    }
}
