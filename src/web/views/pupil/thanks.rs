//! The thank-you page: identical for everyone, so the screen tells the next pupil nothing.

use maud::{Markup, html};

use super::frame::{Kiosk, pupil_page, start_href};
use super::help::help_with_trust_box;
use crate::domain::lang::Lang;

/// `GET /thanks`.
pub fn thanks_page(lang: Lang) -> Markup {
    pupil_page(
        lang,
        &lang.t("pupil-thanks-title"),
        Kiosk::ReturnSoon,
        None,
        html! {
            p { (lang.t("pupil-thanks")) }
            (help_with_trust_box(lang))
            p { a.button href=(start_href(lang)) { (lang.t("pupil-next-pupil")) } }
        },
    )
}
