//! The trust box's poster: one printable page a psychologist puts up in the school, in Kazakh,
//! Russian and English together (a poster cannot ask which language its reader speaks), with the
//! address, the school's code and the help lines. It names the school and nothing else: no class, no
//! wave, no person.

use maud::{Markup, html};

use crate::domain::lang::Lang;
use crate::web::views::layout::{Chrome, page};

/// What the poster prints.
pub struct PosterView<'a> {
    /// Where pupils write (`…/trust`).
    pub address: &'a str,
    /// The school's code, typed on the trust box's form.
    pub school_code: &'a str,
}

/// The poster page; the staff page's header and footer are not printed.
pub fn trust_poster_page(chrome: &Chrome<'_>, view: &PosterView<'_>) -> Markup {
    let lang = chrome.lang;
    page(
        chrome,
        &lang.t("trust-poster-title"),
        html! {
            p.no-print.hint { (lang.t("trust-poster-print")) }
            @for reader in Lang::ALL {
                section.poster lang=(reader.code()) {
                    h2 { (reader.t("trust-write-title")) }
                    p { (reader.t("trust-write-intro")) }
                    p.big { (view.address) }
                    p { (reader.t("trust-school-code")) ": " strong.secret { (view.school_code) } }
                    p { strong { "112" } " — " (reader.t("help-112")) " · " strong { "150" } " — " (reader.t("help-150")) " · " strong { "111" } " — " (reader.t("help-111")) }
                }
            }
        },
    )
}
