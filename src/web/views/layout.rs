//! The page frame: language switch, role navigation, sign-out, notices, and the main landmark.

use maud::{DOCTYPE, Markup, html};

use crate::domain::account::{Account, RoleScope};
use crate::domain::lang::Lang;
use crate::i18n::arg;
use crate::web::routes::asset_href;

/// What the frame needs to know about the request and the reader.
#[derive(Debug, Clone, Copy)]
pub struct Chrome<'a> {
    /// Reader's language.
    pub lang: Lang,
    /// Anti-forgery token for the sign-out form.
    pub csrf: &'a str,
    /// Current path, for coming back after a language switch.
    pub path: &'a str,
    /// The signed-in account, if any.
    pub account: Option<&'a Account>,
    /// A one-shot notice key.
    pub flash: Option<&'a str>,
}

fn nav_links(account: &Account) -> Vec<(&'static str, &'static str)> {
    let mut links = match account.scope {
        RoleScope::Admin => vec![
            ("/admin", "nav-admin-home"),
            ("/admin/schools", "nav-schools"),
            ("/admin/users", "nav-users"),
            ("/admin/roster", "nav-roster"),
            ("/admin/settings", "nav-settings"),
            ("/admin/outbox", "nav-outbox"),
        ],
        RoleScope::CentreStaff(_) => {
            vec![
                ("/centre", "nav-centre-home"),
                ("/centre/referrals", "nav-referrals"),
                ("/centre/trust", "nav-trust"),
                ("/centre/region", "nav-region"),
                ("/centre/waves", "nav-waves"),
            ]
        }
        RoleScope::National => vec![("/national", "nav-national")],
        RoleScope::Psychologist(_) => {
            vec![
                ("/school", "nav-school-home"),
                ("/school/classes", "nav-classes"),
                ("/school/roster", "nav-roster"),
                ("/school/waves", "nav-waves"),
                ("/school/referrals", "nav-referrals"),
                ("/school/trust", "nav-trust"),
            ]
        }
    };
    if !matches!(account.scope, RoleScope::Admin | RoleScope::National) {
        links.push(("/account/api-token", "nav-api-token"));
    }
    links.push(("/account/security", "nav-security"));
    links.push(("/account/password", "nav-password"));
    links
}

/// The link that switches to `lang` and comes back to `path`.
pub fn lang_switch_href(lang: Lang, path: &str) -> String {
    let next = serde_urlencoded::to_string([("next", path)]).unwrap_or_default();
    format!("/lang/{}?{next}", lang.code())
}

fn header(chrome: &Chrome<'_>) -> Markup {
    let lang = chrome.lang;
    html! {
        header.top {
            a.brand href=(if chrome.account.is_some() { "/home" } else { "/" }) { "Ahual" }
            @if let Some(account) = chrome.account {
                nav.main aria-label=(lang.t("nav-main")) {
                    @for (href, key) in nav_links(account) {
                        @let current = chrome.path == href;
                        a href=(href) aria-current=[current.then_some("page")] { (lang.t(key)) }
                    }
                }
            }
            nav.langs aria-label=(lang.t("nav-language")) {
                @for other in Lang::ALL {
                    a href=(lang_switch_href(other, chrome.path)) lang=(other.code()) hreflang=(other.code())
                        aria-current=[(other == lang).then_some("true")] { (other.native_name()) }
                }
            }
            @if let Some(account) = chrome.account {
                form.signout method="post" action="/logout" {
                    span.who { (lang.t_args("signed-in-as", &[("name", arg(&account.display_name))])) }
                    input type="hidden" name="csrf" value=(chrome.csrf);
                    button type="submit" { (lang.t("sign-out")) }
                }
            }
        }
    }
}

/// A whole page: frame, heading and `body`.
pub fn page(chrome: &Chrome<'_>, title: &str, body: Markup) -> Markup {
    let lang = chrome.lang;
    html! {
        (DOCTYPE)
        html lang=(lang.code()) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="referrer" content="no-referrer";
                title { (title) " · Ahual" }
                link rel="stylesheet" href=(asset_href("app.css"));
            }
            body {
                a.skip href="#main" { (lang.t("skip-to-content")) }
                (header(chrome))
                main #main {
                    @if let Some(flash) = chrome.flash {
                        p.notice role="status" { (lang.t(flash)) }
                    }
                    h1 { (title) }
                    (body)
                }
                footer.bottom {
                    a href=(format!("/privacy?lang={}", lang.code())) { (lang.t("privacy-link")) }
                    " · "
                    a href=(format!("/open?lang={}", lang.code())) { (lang.t("open-link")) }
                    " · Ahual"
                }
            }
        }
    }
}
