//! The questionnaire page: every visible section, each question a fieldset with its legend, radio
//! options and an explicit "prefer not to say"; sensitive sections carry the help contacts, and the
//! instrument's closing text (with the help numbers) stands above the send button. The closing text
//! is on the form rather than on the thank-you page, which must be the same for every pupil whatever
//! questionnaire they answered.

use maud::{Markup, html};

use super::frame::{Kiosk, pupil_page};
use super::help::help_with_trust_box;
use crate::domain::instrument::{Grade, Instrument, Item, Section};
use crate::domain::lang::Lang;

fn question(lang: Lang, item: &Item) -> Markup {
    html! {
        fieldset.q {
            legend { (item.text().get(lang)) }
            @for choice in item.choices() {
                label.opt {
                    input type="radio" name=(item.id()) value=(choice.value());
                    " " (choice.label().get(lang))
                }
            }
            label.opt.decline {
                input type="radio" name=(item.id()) value="";
                " " (lang.t("pupil-skip"))
            }
        }
    }
}

fn section(lang: Lang, section: &Section) -> Markup {
    html! {
        section.part {
            h2 { (section.title().get(lang)) }
            @if let Some(intro) = section.intro() {
                p { (intro.get(lang)) }
            }
            @if section.shows_help_contacts() {
                (help_with_trust_box(lang))
            }
            @for item in section.items() {
                (question(lang, item))
            }
        }
    }
}

/// The survey form for a class of `grade`. It posts to its own address (a form without `action`
/// posts to the page's URL, `/survey/{pass}`, which carries the pupil's sealed grant), so the page
/// holds nothing of the pupil and is the same for every pupil with this questionnaire, grade and
/// language.
pub fn survey_page(lang: Lang, instrument: &Instrument, grade: Grade) -> Markup {
    pupil_page(
        lang,
        instrument.title().get(lang),
        Kiosk::Survey,
        None,
        html! {
            p { (instrument.intro().get(lang)) }
            form method="post" autocomplete="off" {
                @for part in instrument.visible_sections(grade) {
                    (section(lang, part))
                }
                p.outro { (instrument.outro().get(lang)) }
                p.send { button type="submit" { (lang.t("pupil-submit")) } }
            }
        },
    )
}
