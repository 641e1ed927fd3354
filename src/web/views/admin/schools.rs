//! School list, creation and editing for administrators.

use maud::{Markup, html};

use crate::domain::lang::Lang;
use crate::domain::school::SchoolSummary;
use crate::domain::school::{Region, School, SchoolClass};
use crate::web::forms::FieldErrors;
use crate::web::forms::school::SchoolForm;
use crate::web::views::components::{TextField, csrf_field, form_problems, select_field};
use crate::web::views::layout::{Chrome, page};
use crate::web::views::school::classes::class_table;

/// Everything the school list shows.
pub struct SchoolListView {
    /// Schools with class counts.
    pub schools: Vec<SchoolSummary>,
    /// Regions, for names and the select.
    pub regions: Vec<Region>,
    /// The creation form as typed.
    pub form: SchoolForm,
    /// Its problems.
    pub errors: FieldErrors,
}

/// One school's edit page.
pub struct SchoolEditView {
    /// The stored school.
    pub school: School,
    /// Its classes.
    pub classes: Vec<SchoolClass>,
    /// Regions for the select.
    pub regions: Vec<Region>,
    /// The form as typed or stored.
    pub form: SchoolForm,
    /// Its problems.
    pub errors: FieldErrors,
}

fn region_name(regions: &[Region], school: &School, lang: Lang) -> String {
    regions.iter().find(|r| r.code == school.region).map(|r| r.name.get(lang).to_owned()).unwrap_or_default()
}

fn region_options(regions: &[Region], lang: Lang) -> Vec<(String, String)> {
    let mut options = vec![(String::new(), lang.t("choose-region"))];
    options.extend(regions.iter().map(|r| (r.code.to_string(), format!("{} ({})", r.name.get(lang), r.code))));
    options
}

fn school_fields(lang: Lang, form: &SchoolForm, errors: &FieldErrors, regions: &[Region]) -> Markup {
    html! {
        (TextField { name: "code", label: "field-school-code", value: &form.code, kind: "text", required: true }.render(lang, errors))
        (select_field(lang, errors, "region", "field-region", &region_options(regions, lang), &form.region))
        (TextField { name: "name_kk", label: "field-name-kk", value: &form.name_kk, kind: "text", required: true }.render(lang, errors))
        (TextField { name: "name_ru", label: "field-name-ru", value: &form.name_ru, kind: "text", required: true }.render(lang, errors))
        (TextField { name: "name_en", label: "field-name-en", value: &form.name_en, kind: "text", required: true }.render(lang, errors))
    }
}

/// `GET /admin/schools`.
pub fn school_list_page(chrome: &Chrome<'_>, view: &SchoolListView) -> Markup {
    let lang = chrome.lang;
    page(
        chrome,
        &lang.t("schools-title"),
        html! {
            @if view.schools.is_empty() {
                p { (lang.t("schools-none")) }
            } @else {
                table {
                    thead { tr {
                        th scope="col" { (lang.t("field-school-code")) }
                        th scope="col" { (lang.t("field-school-name")) }
                        th scope="col" { (lang.t("field-region")) }
                        th scope="col" { (lang.t("col-classes")) }
                    } }
                    tbody {
                        @for s in &view.schools {
                            tr {
                                td { a href=(format!("/admin/schools/{}", s.school.id)) { (s.school.code) } }
                                td { (s.school.name.get(lang)) }
                                td { (region_name(&view.regions, &s.school, lang)) }
                                td.num { (s.class_count) }
                            }
                        }
                    }
                }
            }
            h2 { (lang.t("schools-add")) }
            form.card method="post" action="/admin/schools" novalidate {
                (csrf_field(chrome.csrf))
                (form_problems(lang, &view.errors))
                (school_fields(lang, &view.form, &view.errors, &view.regions))
                button type="submit" { (lang.t("action-create")) }
            }
        },
    )
}

/// `GET /admin/schools/{id}`.
pub fn school_edit_page(chrome: &Chrome<'_>, view: &SchoolEditView) -> Markup {
    let lang = chrome.lang;
    let title = format!("{} · {}", view.school.code, view.school.name.get(lang));
    page(
        chrome,
        &title,
        html! {
            form.card method="post" action=(format!("/admin/schools/{}", view.school.id)) novalidate {
                (csrf_field(chrome.csrf))
                (form_problems(lang, &view.errors))
                (school_fields(lang, &view.form, &view.errors, &view.regions))
                button type="submit" { (lang.t("action-save")) }
            }
            h2 { (lang.t("nav-classes")) }
            (class_table(lang, &view.classes, None))
        },
    )
}
