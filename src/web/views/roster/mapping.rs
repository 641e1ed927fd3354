//! The mapping step: for each column of the file, its header, its first value and a choice of field
//! (or "not imported"), with what is still missing or doubled.

use maud::{Markup, html};

use crate::domain::roster::headers::{Kind, MappingProblem};
use crate::domain::roster::problem::Field;
use crate::i18n::arg;
use crate::i18n::roster::field_name;
use crate::web::views::components::csrf_field;
use crate::web::views::layout::{Chrome, page};

/// One column of the file.
pub struct MappingColumn {
    /// Its letter (`C`).
    pub letter: String,
    /// Its header as written.
    pub header: String,
    /// Its first data row's value.
    pub example: String,
    /// The field chosen or suggested.
    pub chosen: Option<Field>,
}

/// The mapping page.
pub struct MappingView {
    /// `/admin/roster` or `/school/roster`.
    pub base: &'static str,
    /// The upload's id.
    pub id: String,
    /// The file's name.
    pub file_name: String,
    /// What it lists.
    pub kind: Kind,
    /// Its columns.
    pub columns: Vec<MappingColumn>,
    /// What is wrong with the choice so far.
    pub problems: Vec<MappingProblem>,
}

/// `GET …/roster/{id}` while the columns need choosing, and a refused choice.
pub fn mapping_page(chrome: &Chrome<'_>, view: &MappingView) -> Markup {
    let lang = chrome.lang;
    page(
        chrome,
        &lang.t("roster-mapping-title"),
        html! {
            p { (lang.t_args("roster-mapping-intro", &[("file", arg(&view.file_name))])) }
            @if !view.problems.is_empty() {
                // The list inside the alert: a list itself may not take the alert's role.
                div.error.summary role="alert" {
                    ul {
                        @for problem in &view.problems {
                            @let (key, field) = match problem {
                                MappingProblem::Missing(f) => ("roster-mapping-missing", *f),
                                MappingProblem::Twice(f) => ("roster-mapping-twice", *f),
                            };
                            li { (lang.t_args(key, &[("field", arg(&field_name(lang, field)))])) }
                        }
                    }
                }
            }
            form.card method="post" action=(format!("{}/{}/mapping", view.base, view.id)) {
                (csrf_field(chrome.csrf))
                @for (index, column) in view.columns.iter().enumerate() {
                    @let id = format!("col{index}");
                    div.field {
                        label for=(id) {
                            (lang.t_args("roster-mapping-column", &[("letter", arg(&column.letter)), ("header", arg(&column.header))]))
                        }
                        select id=(id) name=(id) aria-describedby=(format!("{id}-example")) {
                            option value="" selected[column.chosen.is_none()] { (lang.t("roster-mapping-ignore")) }
                            @for field in view.kind.fields() {
                                option value=(field.key()) selected[column.chosen == Some(*field)] { (field_name(lang, *field)) }
                            }
                        }
                        p.hint id=(format!("{id}-example")) { (lang.t_args("roster-mapping-example", &[("example", arg(&column.example))])) }
                    }
                }
                button type="submit" { (lang.t("roster-mapping-save")) }
            }
            p { a href=(view.base) { (lang.t("roster-upload-again")) } }
        },
    )
}
