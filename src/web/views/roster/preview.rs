//! The preview: every bad cell by row and column (nothing is imported), or every row with whether it
//! creates or updates, and the import button.

use maud::{Markup, html};

use super::kind_key;
use crate::app::roster_upload::PlannedRow;
use crate::domain::lang::Lang;
use crate::domain::roster::headers::Kind;
use crate::domain::roster::problem::Field;
use crate::domain::roster::sheet::CellError;
use crate::i18n::roster::{field_name, problem_text};
use crate::i18n::{arg, count};
use crate::web::views::components::{csrf_field, scroll_region};
use crate::web::views::layout::{Chrome, page};

/// The most planned rows listed; the counts cover them all.
pub const ROWS_SHOWN: usize = 200;

/// The preview page.
pub struct PreviewView {
    /// `/admin/roster` or `/school/roster`.
    pub base: &'static str,
    /// The upload's id.
    pub id: String,
    /// The file's name.
    pub file_name: String,
    /// What it lists.
    pub kind: Kind,
    /// Its number of data rows.
    pub rows: usize,
    /// The headers of the file, by column (to name a bad cell's column).
    pub headers: Vec<String>,
    /// Every bad cell; empty when every row is valid.
    pub errors: Vec<CellError>,
    /// The rows to import, when every row is valid.
    pub planned: Vec<PlannedRow>,
}

fn errors_table(lang: Lang, view: &PreviewView) -> Markup {
    let table = html! {
        table #roster-errors {
            thead { tr {
                th scope="col" { (lang.t("roster-preview-row")) }
                th scope="col" { (lang.t("roster-preview-column")) }
                th scope="col" { (lang.t("roster-preview-value")) }
                th scope="col" { (lang.t("roster-preview-problem")) }
            } }
            tbody {
                @for error in &view.errors {
                    tr {
                        td.num { (error.row) }
                        td {
                            @match (error.letter(), error.column.and_then(|c| view.headers.get(c))) {
                                (Some(letter), Some(header)) if !header.is_empty() => { (letter) " (" (header) ")" }
                                (Some(letter), _) => { (letter) }
                                _ => { (lang.t("roster-preview-whole-row")) }
                            }
                        }
                        td { (error.problem.value) }
                        td { (problem_text(lang, &error.problem)) }
                    }
                }
            }
        }
    };
    scroll_region(&lang.t("roster-preview-problem"), table)
}

/// The fields `app::roster_upload::plan` shows for each row of a kind, in its order.
fn planned_fields(kind: Kind) -> &'static [Field] {
    match kind {
        Kind::Staff => &[Field::Login, Field::DisplayName],
        other => other.fields(),
    }
}

fn planned_table(lang: Lang, view: &PreviewView) -> Markup {
    let table = html! {
        table #roster-rows {
            thead { tr {
                th scope="col" { (lang.t("roster-preview-status")) }
                @for field in planned_fields(view.kind) { th scope="col" { (field_name(lang, *field)) } }
            } }
            tbody {
                @for row in view.planned.iter().take(ROWS_SHOWN) {
                    tr {
                        td { (lang.t(if row.is_new { "roster-preview-new" } else { "roster-preview-update" })) }
                        @for cell in &row.cells { td { (cell) } }
                    }
                }
            }
        }
    };
    scroll_region(&lang.t("roster-preview-status"), table)
}

/// `GET …/roster/{id}` once the columns are known.
pub fn preview_page(chrome: &Chrome<'_>, view: &PreviewView) -> Markup {
    let lang = chrome.lang;
    let kind = lang.t(kind_key(view.kind));
    let file = [("file", arg(&view.file_name)), ("rows", count(view.rows as u32)), ("kind", arg(&kind))];
    let created = view.planned.iter().filter(|r| r.is_new).count();
    let changes = [("created", count(created as u32)), ("updated", count((view.planned.len() - created) as u32))];
    page(
        chrome,
        &lang.t("roster-preview-title"),
        html! {
            p { (lang.t_args("roster-preview-file", &file)) }
            @if !view.errors.is_empty() {
                p.error.summary role="alert" { (lang.t_args("roster-preview-bad", &[("count", count(view.errors.len() as u32))])) }
                (errors_table(lang, view))
            } @else {
                p.notice role="status" { (lang.t("roster-preview-good")) " " (lang.t_args("roster-preview-changes", &changes)) }
                @if view.kind == Kind::Staff { p { (lang.t("roster-preview-passwords")) } }
                form method="post" action=(format!("{}/{}/import", view.base, view.id)) {
                    (csrf_field(chrome.csrf))
                    button type="submit" { (lang.t("roster-apply")) }
                }
                (planned_table(lang, view))
                @if view.planned.len() > ROWS_SHOWN {
                    p { (lang.t_args("roster-preview-shown", &[("shown", count(ROWS_SHOWN as u32))])) }
                }
            }
            p { a href=(view.base) { (lang.t("roster-upload-again")) } }
        },
    )
}
