//! The psychologist's home.

use maud::{Markup, html};

use crate::domain::school::{Region, School, SchoolClass};
use crate::i18n::arg;
use crate::web::views::layout::{Chrome, page};
use crate::web::views::trust::trust_link;

/// The school with its centre and classes.
pub struct SchoolHomeView {
    /// The school.
    pub school: School,
    /// Its region and centre.
    pub region: Region,
    /// Its classes.
    pub classes: Vec<SchoolClass>,
    /// Trust box conversations that owe the pupil an answer.
    pub trust_owing: usize,
}

/// `GET /school`.
pub fn school_home(chrome: &Chrome<'_>, view: &SchoolHomeView) -> Markup {
    let lang = chrome.lang;
    let pupils: u32 = view.classes.iter().map(|c| u32::from(c.roll.get())).sum();
    page(
        chrome,
        view.school.name.get(lang),
        html! {
            dl.figures {
                div { dt { (lang.t("field-school-code")) } dd { (view.school.code) } }
                div { dt { (lang.t("field-region")) } dd { (view.region.name.get(lang)) } }
                div { dt { (lang.t("col-classes")) } dd { (view.classes.len()) } }
                div { dt { (lang.t("col-pupils")) } dd { (pupils) } }
            }
            p { (lang.t_args("school-centre", &[("centre", arg(view.region.centre_name.get(lang)))])) }
            ul.actions {
                li { a href="/school/classes" { (lang.t("school-manage-classes")) } }
                li { (trust_link(lang, "/school/trust", view.trust_owing)) }
            }
        },
    )
}
