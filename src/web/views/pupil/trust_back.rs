//! Coming back to the trust box with the receipt: the form, the conversation with its replies, and
//! the page that leaves it without a trace on the computer (issue 19, `docs/trust-box.md`).

use maud::{Markup, html};

use super::frame::{Kiosk, pupil_href, pupil_page, start_href};
use crate::app::trust_box::pupil::PupilThread;
use crate::domain::lang::Lang;
use crate::domain::trust_box::lifecycle::Status;
use crate::domain::trust_box::receipt::PIN_DIGITS;
use crate::domain::trust_box::record::MessageKind;
use crate::domain::trust_box::text::MESSAGE_LIMIT;

/// `GET /trust/back`, and the same form with a problem (a message key) after a refused post; its form
/// carries `token`, a fresh single-use form token (`domain::trust_box::form_token`).
pub fn back_page(lang: Lang, problem: Option<&str>, token: &str) -> Markup {
    pupil_page(
        lang,
        &lang.t("trust-back-title"),
        Kiosk::Secret,
        Some("/trust/back"),
        html! {
            p { (lang.t("trust-back-intro")) }
            form.card method="post" action=(pupil_href("/trust/back", lang)) autocomplete="off" {
                input type="hidden" name="form" value=(token);
                @if let Some(key) = problem {
                    p.error.summary role="alert" #back_error { (lang.t(key)) }
                }
                div.field {
                    label for="receipt" { (lang.t("trust-receipt")) }
                    input #receipt type="text" name="receipt" required maxlength="40" inputmode="numeric"
                        autocomplete="off" spellcheck="false" aria-describedby=[problem.map(|_| "back_error")];
                }
                div.field {
                    label for="pin" { (lang.t("trust-pin-again")) }
                    input #pin type="password" name="pin" inputmode="numeric" autocomplete="off" maxlength=(PIN_DIGITS.1);
                }
                button type="submit" { (lang.t("trust-open")) }
            }
            p { a href=(pupil_href("/trust", lang)) { (lang.t("trust-write-link")) } }
        },
    )
}

fn status_key(status: Status) -> &'static str {
    match status {
        Status::New | Status::Read => "trust-status-waiting",
        Status::Answered => "trust-status-answered",
        Status::Closed(_) => "trust-status-closed",
    }
}

/// The conversation as the pupil reads it, with the form to write again (which carries the receipt
/// and PIN in the page only, never in an address, and `token`, a fresh single-use form token), and
/// `problem` (a message key) after a refused post.
pub fn thread_page(
    lang: Lang,
    thread: &PupilThread,
    receipt: &str,
    pin: &str,
    problem: Option<&str>,
    token: &str,
) -> Markup {
    pupil_page(
        lang,
        &lang.t("trust-thread-title"),
        Kiosk::Secret,
        None,
        html! {
            p.status { (lang.t(status_key(thread.status))) }
            @for message in &thread.messages {
                article class=(if message.kind == MessageKind::Pupil { "message mine" } else { "message reply" }) {
                    h2 {
                        (lang.t(if message.kind == MessageKind::Pupil { "trust-you-wrote" } else { "trust-reply" }))
                        " · " (message.day.format("%d.%m.%Y").to_string())
                    }
                    @if let Some(text) = &message.text {
                        p.words { (text.as_str()) }
                    } @else {
                        p.deleted { (lang.t("trust-deleted")) }
                    }
                }
            }
            @if matches!(thread.status, Status::Closed(_)) {
                p { (lang.t("trust-closed-note")) " " a href=(pupil_href("/trust", lang)) { (lang.t("trust-write-link")) } }
            } @else {
                form.card method="post" action=(pupil_href("/trust/back/write", lang)) autocomplete="off" {
                    @if let Some(key) = problem {
                        p.error.summary role="alert" { (lang.t(key)) }
                    }
                    input type="hidden" name="form" value=(token);
                    input type="hidden" name="receipt" value=(receipt);
                    input type="hidden" name="pin" value=(pin);
                    div.field {
                        label for="text" { (lang.t("trust-write-again")) }
                        textarea #text name="text" rows="6" required maxlength=(MESSAGE_LIMIT) {}
                    }
                    button type="submit" { (lang.t("trust-send")) }
                }
            }
        },
    )
}

/// `GET /trust/done`: the way out of a trust box page, which evicts it (and the page before it) from
/// the back-forward cache, then returns to the start.
pub fn done_page(lang: Lang) -> Markup {
    pupil_page(
        lang,
        &lang.t("trust-done-title"),
        Kiosk::ReturnSoon,
        None,
        html! {
            p { (lang.t("trust-done")) }
            p { a.button href=(start_href(lang)) { (lang.t("pupil-back-to-start")) } }
        },
    )
}
