//! Views of the regional centre.

pub mod region;
pub mod waves;

use maud::{Markup, html};

use crate::domain::school::SchoolSummary;
use crate::domain::school::{Region, School, SchoolClass};
use crate::i18n::arg;
use crate::web::views::layout::{Chrome, page};
use crate::web::views::school::classes::class_table;
use crate::web::views::trust::trust_link;

/// The centre's home: its region and schools.
pub struct CentreHomeView {
    /// The region with its centre.
    pub region: Region,
    /// Schools of the region.
    pub schools: Vec<SchoolSummary>,
    /// Trust box conversations the centre holds that owe the pupil an answer.
    pub trust_owing: usize,
}

/// One school of the region.
pub struct CentreSchoolView {
    /// The school.
    pub school: School,
    /// Its classes.
    pub classes: Vec<SchoolClass>,
}

/// `GET /centre`.
pub fn centre_home(chrome: &Chrome<'_>, view: &CentreHomeView) -> Markup {
    let lang = chrome.lang;
    page(
        chrome,
        view.region.centre_name.get(lang),
        html! {
            p { (lang.t_args("centre-region", &[("region", arg(view.region.name.get(lang)))])) }
            p { (trust_link(lang, "/centre/trust", view.trust_owing)) }
            h2 { (lang.t("centre-schools")) }
            @if view.schools.is_empty() {
                p { (lang.t("schools-none")) }
            } @else {
                table {
                    thead { tr {
                        th scope="col" { (lang.t("field-school-code")) }
                        th scope="col" { (lang.t("field-school-name")) }
                        th scope="col" { (lang.t("col-classes")) }
                    } }
                    tbody {
                        @for s in &view.schools {
                            tr {
                                td { a href=(format!("/centre/schools/{}", s.school.id)) { (s.school.code) } }
                                td { (s.school.name.get(lang)) }
                                td.num { (s.class_count) }
                            }
                        }
                    }
                }
            }
        },
    )
}

/// `GET /centre/schools/{id}`.
pub fn centre_school(chrome: &Chrome<'_>, view: &CentreSchoolView) -> Markup {
    let lang = chrome.lang;
    let title = format!("{} · {}", view.school.code, view.school.name.get(lang));
    page(chrome, &title, html! { (class_table(lang, &view.classes, None)) })
}
