//! The pupil page frame.

use maud::{DOCTYPE, Markup, PreEscaped, html};

use crate::domain::lang::Lang;
use crate::web::routes::FORGET_STYLESHEET;
use crate::web::routes::asset_href;

/// How a pupil page behaves on a shared computer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kiosk {
    /// An ordinary page.
    Plain,
    /// The questionnaire: idle reset (script, or a long refresh without script) and a "leave now" button.
    Survey,
    /// After submitting: back to the start by itself after a short while without activity, and the
    /// sent questionnaire is evicted from the back-forward cache (see `routes::pupil::thanks`).
    ReturnSoon,
    /// A trust box page holding words or a receipt: idle reset, a "leave now" button that goes
    /// through a page evicting it from the back-forward cache (`/trust/done`), and the page before it
    /// (the typed message or receipt) evicted the same way.
    Secret,
}

/// Seconds without any input after which kiosk.js returns to the start.
fn idle_seconds(kiosk: Kiosk) -> Option<u32> {
    match kiosk {
        Kiosk::Plain => None,
        Kiosk::Survey | Kiosk::Secret => Some(10 * 60),
        Kiosk::ReturnSoon => Some(30),
    }
}

/// Seconds after which a browser without script returns to the start (no input can postpone it, so
/// the questionnaire gets a long time).
fn no_script_return_seconds(kiosk: Kiosk) -> Option<u32> {
    match kiosk {
        Kiosk::Plain => None,
        Kiosk::Survey => Some(45 * 60),
        Kiosk::Secret => Some(20 * 60),
        Kiosk::ReturnSoon => Some(30),
    }
}

/// The start page of `lang`, where every pupil page leads back to.
pub fn start_href(lang: Lang) -> String {
    pupil_href("/", lang)
}

/// A pupil page's address in `lang`: a pupil's language travels in the URL (never in a cookie the
/// next pupil at the same computer would inherit), so every pupil link is built here.
pub fn pupil_href(path: &str, lang: Lang) -> String {
    format!("{path}?lang={}", lang.code())
}

fn language_links(lang: Lang, path: &str) -> Markup {
    html! {
        nav.langs aria-label=(lang.t("nav-language")) {
            @for other in Lang::ALL {
                a href=(format!("{path}?lang={}", other.code())) lang=(other.code()) hreflang=(other.code())
                    aria-current=[(other == lang).then_some("true")] { (other.native_name()) }
            }
        }
    }
}

/// A whole pupil page. `switch_path` is where language links point (`None`: no switch, e.g. mid-survey).
pub fn pupil_page(lang: Lang, title: &str, kiosk: Kiosk, switch_path: Option<&str>, body: Markup) -> Markup {
    // A page with words or a receipt leaves through `/trust/done`, which evicts it from the
    // back-forward cache before returning to the start.
    let home = if kiosk == Kiosk::Secret { pupil_href("/trust/done", lang) } else { start_href(lang) };
    html! {
        (DOCTYPE)
        html lang=(lang.code()) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                // Not `no-referrer`: under it browsers send `Origin: null` on the start form, which
                // `web/form_origin.rs` cannot tell from another site's forged post. Other sites
                // still get no referrer.
                meta name="referrer" content="same-origin";
                // Without script a refresh returns to the start; with script kiosk.js does it, and any
                // activity postpones it (a timed refresh the reader cannot stop fails WCAG 2.2.1).
                @if let Some(seconds) = no_script_return_seconds(kiosk) {
                    noscript { meta http-equiv="refresh" content=(format!("{seconds};url={home}")); }
                }
                title { (title) " · Ahual" }
                link rel="stylesheet" href=(asset_href("app.css"));
                @if matches!(kiosk, Kiosk::ReturnSoon | Kiosk::Secret) {
                    link rel="stylesheet" href=(FORGET_STYLESHEET);
                }
                @if kiosk != Kiosk::Plain {
                    script src=(asset_href("kiosk.js")) defer {}
                }
            }
            body.pupil data-home=(home) data-idle-seconds=[idle_seconds(kiosk)] {
                header.top {
                    span.brand { "Ahual" }
                    @if let Some(path) = switch_path {
                        (language_links(lang, path))
                    }
                    @if kiosk == Kiosk::Survey {
                        a #leave .button.leave href=(home) { (lang.t("pupil-leave-now")) }
                    }
                    @if kiosk == Kiosk::Secret {
                        a #leave .button.leave href=(home) { (lang.t("pupil-leave-now")) }
                    }
                }
                main #main {
                    h1 { (title) }
                    (body)
                }
                footer.bottom {
                    a href=(pupil_href("/privacy", lang)) { (lang.t("privacy-link")) }
                }
                (PreEscaped(""))
            }
        }
    }
}
