//! The upload form: what the file lists, the file, the limits, and the templates to start from.

use maud::{Markup, html};

use super::kind_key;
use crate::domain::lang::Lang;
use crate::domain::roster::headers::Kind;
use crate::domain::roster::table::{MAX_ROWS, MAX_UPLOAD_BYTES};
use crate::i18n::count;
use crate::web::views::components::csrf_field;
use crate::web::views::layout::{Chrome, page};

/// The upload page.
pub struct UploadView {
    /// `/admin/roster` or `/school/roster`.
    pub base: &'static str,
    /// The kinds this reader may import.
    pub kinds: Vec<Kind>,
    /// The kind chosen before (kept after a refusal).
    pub chosen: Option<Kind>,
    /// Why the last upload was refused, in the reader's language.
    pub error: Option<String>,
}

fn columns_key(kind: Kind) -> &'static str {
    match kind {
        Kind::Schools => "roster-columns-schools",
        Kind::Classes => "roster-columns-classes",
        Kind::Staff => "roster-columns-staff",
    }
}

fn kind_choice(lang: Lang, view: &UploadView) -> Markup {
    html! {
        @if let [only] = view.kinds.as_slice() {
            input type="hidden" name="kind" value=(only.key());
        } @else {
            fieldset.field {
                legend { (lang.t("roster-kind")) }
                @for kind in &view.kinds {
                    label.choice {
                        input type="radio" name="kind" value=(kind.key()) required
                            checked[view.chosen == Some(*kind)];
                        " " (lang.t(kind_key(*kind)))
                    }
                }
            }
        }
    }
}

/// `GET /admin/roster`, `GET /school/roster`, and a refused upload.
pub fn upload_page(chrome: &Chrome<'_>, view: &UploadView) -> Markup {
    let lang = chrome.lang;
    let intro = if view.kinds.len() == 1 { "roster-intro-school" } else { "roster-intro" };
    let limits = [("mb", count((MAX_UPLOAD_BYTES >> 20) as u32)), ("rows", count(MAX_ROWS as u32))];
    page(
        chrome,
        &lang.t("roster-title"),
        html! {
            p { (lang.t(intro)) }
            p { (lang.t_args("roster-limits", &limits)) }
            form.card method="post" action=(view.base) enctype="multipart/form-data" {
                (csrf_field(chrome.csrf))
                @if let Some(error) = &view.error {
                    p.error.summary #upload-error role="alert" { (error) }
                }
                (kind_choice(lang, view))
                div.field.invalid[view.error.is_some()] {
                    label for="file" { (lang.t("roster-file")) }
                    input #file type="file" name="file" required
                        accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                        aria-describedby=[view.error.as_ref().map(|_| "upload-error")];
                }
                button type="submit" { (lang.t("roster-upload")) }
            }
            h2 { (lang.t("roster-templates")) }
            p { (lang.t("roster-templates-intro")) }
            @for kind in &view.kinds {
                h3 { (lang.t(kind_key(*kind))) }
                p { (lang.t(columns_key(*kind))) }
                ul {
                    @for (template_lang, key) in [(Lang::Kk, "roster-template-kk"), (Lang::Ru, "roster-template-ru"), (Lang::En, "roster-template-en")] {
                        li { a href=(format!("{}/templates/{}-{}.csv", view.base, kind.key(), template_lang.code())) download { (lang.t(key)) } }
                    }
                }
            }
        },
    )
}
