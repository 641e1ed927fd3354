//! The roster import's pages, shared by administrators (`/admin/roster`) and psychologists
//! (`/school/roster`): the upload form with its templates, the column mapping, the preview naming
//! every bad cell (or the rows to create and update), and the result. No script: plain forms that
//! old browsers send as they are.

pub mod mapping;
pub mod preview;
pub mod upload;

use maud::{Markup, html};

use crate::domain::lang::Lang;
use crate::domain::roster::headers::Kind;
use crate::i18n::count;
use crate::web::views::layout::{Chrome, page};

/// The message key naming a kind.
pub fn kind_key(kind: Kind) -> &'static str {
    match kind {
        Kind::Schools => "roster-kind-schools",
        Kind::Classes => "roster-kind-classes",
        Kind::Staff => "roster-kind-staff",
    }
}

/// The result of an import.
pub struct ResultView {
    /// `/admin/roster` or `/school/roster`.
    pub base: &'static str,
    /// Schools, classes and accounts created.
    pub created: usize,
    /// Schools, classes and accounts updated.
    pub updated: usize,
}

/// `POST …/roster/{id}/import`, when it is done.
pub fn result_page(chrome: &Chrome<'_>, view: &ResultView) -> Markup {
    let lang = chrome.lang;
    let counts = [("created", count(view.created as u32)), ("updated", count(view.updated as u32))];
    page(
        chrome,
        &lang.t("roster-result-title"),
        html! {
            p.notice role="status" { (lang.t_args("roster-result-counts", &counts)) }
            p { a href=(view.base) { (lang.t("roster-upload-again")) } }
        },
    )
}

/// An upload that is not the reader's, has expired or was imported already: "not found" (as for any
/// id that names nothing the reader may see), and why an upload of theirs may have gone.
pub fn expired_page(chrome: &Chrome<'_>, base: &str) -> Markup {
    let lang: Lang = chrome.lang;
    page(
        chrome,
        &lang.t("roster-title"),
        html! {
            p.error role="alert" { (lang.t("error-not-found")) " " (lang.t("roster-expired")) }
            p { a href=(base) { (lang.t("roster-upload-again")) } }
        },
    )
}
