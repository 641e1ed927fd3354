//! Class lists and the class form.

use maud::{Markup, html};

use crate::domain::lang::Lang;
use crate::domain::school::SchoolClass;
use crate::web::forms::FieldErrors;
use crate::web::forms::class::ClassForm;
use crate::web::views::components::{TextField, csrf_field, form_problems};
use crate::web::views::layout::{Chrome, page};

/// The class list with the creation form.
pub struct ClassListView {
    /// Classes of the school.
    pub classes: Vec<SchoolClass>,
    /// The creation form as typed.
    pub form: ClassForm,
    /// Its problems.
    pub errors: FieldErrors,
}

/// One class's edit page.
pub struct ClassEditView {
    /// The stored class.
    pub class: SchoolClass,
    /// The form as typed or stored.
    pub form: ClassForm,
    /// Its problems.
    pub errors: FieldErrors,
}

/// A table of classes; with `edit_base` each label links to its edit page.
pub fn class_table(lang: Lang, classes: &[SchoolClass], edit_base: Option<&str>) -> Markup {
    html! {
        @if classes.is_empty() {
            p { (lang.t("classes-none")) }
        } @else {
            table {
                thead { tr {
                    th scope="col" { (lang.t("field-class-label")) }
                    th scope="col" { (lang.t("field-grade")) }
                    th scope="col" { (lang.t("field-roll")) }
                } }
                tbody {
                    @for c in classes {
                        tr {
                            td {
                                @if let Some(base) = edit_base {
                                    a href=(format!("{base}/{}", c.id)) { (c.label) }
                                } @else {
                                    (c.label)
                                }
                            }
                            td.num { (c.grade.get()) }
                            td.num { (c.roll.get()) }
                        }
                    }
                }
            }
        }
    }
}

fn class_fields(lang: Lang, form: &ClassForm, errors: &FieldErrors) -> Markup {
    html! {
        (TextField { name: "label", label: "field-class-label", value: &form.label, kind: "text", required: true }.render(lang, errors))
        (TextField { name: "grade", label: "field-grade", value: &form.grade, kind: "number", required: true }.render(lang, errors))
        (TextField { name: "roll", label: "field-roll", value: &form.roll, kind: "number", required: true }.render(lang, errors))
    }
}

/// `GET /school/classes`.
pub fn class_list_page(chrome: &Chrome<'_>, view: &ClassListView) -> Markup {
    let lang = chrome.lang;
    page(
        chrome,
        &lang.t("classes-title"),
        html! {
            (class_table(lang, &view.classes, Some("/school/classes")))
            h2 { (lang.t("classes-add")) }
            form.card method="post" action="/school/classes" novalidate {
                (csrf_field(chrome.csrf))
                (form_problems(lang, &view.errors))
                (class_fields(lang, &view.form, &view.errors))
                button type="submit" { (lang.t("action-create")) }
            }
        },
    )
}

/// `GET /school/classes/{id}`.
pub fn class_edit_page(chrome: &Chrome<'_>, view: &ClassEditView) -> Markup {
    let lang = chrome.lang;
    let title = format!("{} · {}", lang.t("field-class-label"), view.class.label);
    page(
        chrome,
        &title,
        html! {
            form.card method="post" action=(format!("/school/classes/{}", view.class.id)) novalidate {
                (csrf_field(chrome.csrf))
                (form_problems(lang, &view.errors))
                (class_fields(lang, &view.form, &view.errors))
                button type="submit" { (lang.t("action-save")) }
            }
            p { a href="/school/classes" { (lang.t("back-to-classes")) } }
        },
    )
}
