//! The questionnaire page: every visible section, each question a fieldset with its legend, radio
//! options and an explicit "prefer not to say"; sensitive sections carry the help contacts, and the
//! instrument's closing text (with the help numbers) stands above the send button. The closing text
//! is on the form rather than on the thank-you page, which must be the same for every pupil whatever
//! questionnaire they answered.

use maud::{Markup, html};

use super::frame::{Kiosk, pupil_page};
use super::help::help_contacts;
use crate::domain::instrument::{Grade, Instrument, Item, Section};
use crate::domain::lang::Lang;
use crate::web::routes::pupil_token_field;

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
                (help_contacts(lang))
            }
            @for item in section.items() {
                (question(lang, item))
            }
        }
    }
}

/// The survey form for a class of `grade`, posting back with `token`.
pub fn survey_page(lang: Lang, instrument: &Instrument, grade: Grade, token: &str) -> Markup {
    let code = lang.code();
    pupil_page(
        lang,
        instrument.title().get(lang),
        Kiosk::Survey,
        None,
        html! {
            p { (instrument.intro().get(lang)) }
            form method="post" action=(format!("/survey/submit?lang={code}")) autocomplete="off" {
                input type="hidden" name=(pupil_token_field()) value=(token);
                @for part in instrument.visible_sections(grade) {
                    (section(lang, part))
                }
                p.outro { (instrument.outro().get(lang)) }
                p.send { button type="submit" { (lang.t("pupil-submit")) } }
            }
        },
    )
}
