//! Pages that explain why a pupil cannot go on, each with the way back to the start.

use maud::{Markup, html};

use super::frame::{Kiosk, pupil_page, start_href};
use crate::domain::lang::Lang;
use crate::domain::survey::admission::Refusal;

/// Why the pupil stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Notice {
    /// The wave has not started.
    NotOpenYet,
    /// The wave is over.
    Closed,
    /// Every pupil of the class has answered.
    ClassFull,
    /// The single-use code was used.
    CodeUsed,
    /// This form was already submitted (refresh or Back after sending).
    AlreadySent,
    /// The form was open too long.
    Expired,
    /// The form was not one we issued.
    Forged,
    /// An answer that is not on the questionnaire.
    BadAnswers,
    /// The start form was posted from another site's page.
    OtherSite,
    /// A trust box form sent again (Back and Reload on a shared computer), or too old to send.
    TrustSentAgain,
}

impl From<Refusal> for Notice {
    fn from(refusal: Refusal) -> Notice {
        match refusal {
            Refusal::AlreadySent => Notice::AlreadySent,
            Refusal::NotOpenYet => Notice::NotOpenYet,
            Refusal::Closed => Notice::Closed,
            Refusal::CodeUsed => Notice::CodeUsed,
            Refusal::ClassFull => Notice::ClassFull,
        }
    }
}

impl Notice {
    fn keys(self) -> (&'static str, &'static str) {
        match self {
            Notice::NotOpenYet => ("pupil-not-open-title", "pupil-not-open"),
            Notice::Closed => ("pupil-closed-title", "pupil-closed"),
            Notice::ClassFull => ("pupil-full-title", "pupil-full"),
            Notice::CodeUsed => ("pupil-code-used-title", "pupil-code-used"),
            Notice::AlreadySent => ("pupil-already-sent-title", "pupil-already-sent"),
            Notice::Expired => ("pupil-expired-title", "pupil-expired"),
            Notice::Forged => ("pupil-forged-title", "pupil-forged"),
            Notice::BadAnswers => ("pupil-bad-answers-title", "pupil-bad-answers"),
            Notice::OtherSite => ("pupil-other-site-title", "pupil-other-site"),
            Notice::TrustSentAgain => ("trust-sent-again-title", "trust-sent-again"),
        }
    }
}

/// The page for `notice`.
pub fn notice_page(lang: Lang, notice: Notice) -> Markup {
    let (title, text) = notice.keys();
    pupil_page(
        lang,
        &lang.t(title),
        Kiosk::Plain,
        None,
        html! {
            p { (lang.t(text)) }
            p { a.button href=(start_href(lang)) { (lang.t("pupil-back-to-start")) } }
        },
    )
}

/// The pupil-layout page for an error status (used by the error middleware on pupil paths).
pub fn pupil_error_page(lang: Lang, key: &str) -> Markup {
    pupil_page(
        lang,
        &lang.t("pupil-error-title"),
        Kiosk::Plain,
        None,
        html! {
            p { (lang.t(key)) }
            p { a.button href=(start_href(lang)) { (lang.t("pupil-back-to-start")) } }
        },
    )
}
