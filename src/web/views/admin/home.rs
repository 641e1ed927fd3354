//! The administrator's home.

use maud::{Markup, html};

use crate::web::views::layout::{Chrome, page};

/// Figures about the deployment (organisation only; no answers).
pub struct AdminHomeView {
    /// Number of schools.
    pub schools: usize,
    /// Number of classes.
    pub classes: i64,
    /// Number of staff accounts.
    pub users: i64,
    /// The disclosure threshold in force.
    pub k: u32,
}

/// `GET /admin`.
pub fn admin_home(chrome: &Chrome<'_>, view: &AdminHomeView) -> Markup {
    let lang = chrome.lang;
    page(
        chrome,
        &lang.t("admin-home-title"),
        html! {
            dl.figures {
                div { dt { (lang.t("admin-count-schools")) } dd { (view.schools) } }
                div { dt { (lang.t("admin-count-classes")) } dd { (view.classes) } }
                div { dt { (lang.t("admin-count-users")) } dd { (view.users) } }
                div { dt { (lang.t("settings-k")) } dd { (view.k) } }
            }
            ul.actions {
                li { a href="/admin/schools" { (lang.t("nav-schools")) } }
                li { a href="/admin/users" { (lang.t("nav-users")) } }
                li { a href="/admin/settings" { (lang.t("nav-settings")) } }
            }
        },
    )
}
