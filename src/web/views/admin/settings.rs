//! The settings page: configuration in force and the centres' addresses.

use maud::{Markup, html};

use crate::domain::school::Region;
use crate::web::views::components::csrf_field;
use crate::web::views::layout::{Chrome, page};

/// What the settings page shows.
pub struct SettingsView {
    /// SQLite or PostgreSQL.
    pub backend: &'static str,
    /// Disclosure threshold.
    pub k: u32,
    /// Public address.
    pub public_url: String,
    /// Session length.
    pub session_hours: i64,
    /// Instrument folder.
    pub surveys_dir: String,
    /// Regions with centres.
    pub regions: Vec<Region>,
    /// A refused address: (region code, message key, what was typed).
    pub problem: Option<(String, &'static str, String)>,
}

/// `GET /admin/settings`.
pub fn settings_page(chrome: &Chrome<'_>, view: &SettingsView) -> Markup {
    let lang = chrome.lang;
    page(
        chrome,
        &lang.t("settings-title"),
        html! {
            p { (lang.t("settings-intro")) }
            dl.settings {
                div { dt { (lang.t("settings-backend")) } dd { (view.backend) } }
                div { dt { (lang.t("settings-k")) } dd { (view.k) } }
                div { dt { (lang.t("settings-public-url")) } dd { (view.public_url) } }
                div { dt { (lang.t("settings-session-hours")) } dd { (view.session_hours) } }
                div { dt { (lang.t("settings-surveys-dir")) } dd { (view.surveys_dir) } }
            }
            h2 { (lang.t("settings-centres")) }
            table.stack {
                thead { tr {
                    th scope="col" { (lang.t("field-region")) }
                    th scope="col" { (lang.t("col-centre")) }
                    th scope="col" { (lang.t("field-email")) }
                } }
                tbody {
                    @for r in &view.regions {
                        @let problem = view.problem.as_ref().filter(|(code, _, _)| *code == r.code.as_str());
                        tr {
                            td { (r.name.get(lang)) " (" (r.code) ")" }
                            td { (r.centre_name.get(lang)) }
                            td {
                                form.inline method="post" action=(format!("/admin/settings/centres/{}", r.code)) {
                                    (csrf_field(chrome.csrf))
                                    @let id = format!("email-{}", r.code);
                                    label.visually-hidden for=(id) { (lang.t("field-email")) }
                                    input id=(id) type="email" name="email" autocomplete="off"
                                        value=(problem.map_or(r.centre_email.as_str(), |(_, _, typed)| typed.as_str()))
                                        aria-invalid=[problem.map(|_| "true")];
                                    button type="submit" { (lang.t("action-save")) }
                                    @if let Some((_, key, _)) = problem {
                                        p.error { (lang.t(key)) }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        },
    )
}
