//! `/account/security`: the account's second factor (enrolled or not, required or not, recovery
//! codes left) and its signed-in sessions, each of which can be ended from here.

use chrono::NaiveDateTime;
use maud::{Markup, html};

use super::components::csrf_field;
use super::layout::{Chrome, page};
use super::referrals::when;
use super::second_factor::code_field;

/// One signed-in session as listed.
pub struct SessionLine {
    /// Its id (the hash of its secret), to end it.
    pub id: String,
    /// Browser and system; empty when unknown.
    pub device: String,
    /// When it signed in.
    pub created_at: NaiveDateTime,
    /// Its last request, to a few minutes.
    pub last_seen_at: NaiveDateTime,
    /// It is the session asking.
    pub current: bool,
}

/// What the page shows.
pub struct SecurityView<'a> {
    /// The account has an authenticator.
    pub has_second_factor: bool,
    /// Its role (or a reset) requires one, so it cannot be removed.
    pub required: bool,
    /// Unused recovery codes.
    pub codes_left: i64,
    /// The account's sessions, the latest seen first.
    pub sessions: &'a [SessionLine],
    /// Why the last code typed here was refused: the form (`renew`, `remove`) and the message.
    pub problem: Option<(&'static str, &'static str)>,
}

/// `GET /account/security`.
pub fn security_page(chrome: &Chrome<'_>, view: &SecurityView<'_>) -> Markup {
    let lang = chrome.lang;
    let problem_of = |form: &str| view.problem.filter(|(f, _)| *f == form).map(|(_, key)| key);
    page(
        chrome,
        &lang.t("security-title"),
        html! {
            section aria-labelledby="factor" {
                h2 #factor { (lang.t("second-factor-heading")) }
                @if view.has_second_factor {
                    p { (lang.t("second-factor-on")) }
                    p { (lang.t_args("recovery-codes-left", &[("count", crate::i18n::count(u32::try_from(view.codes_left).unwrap_or(0)))])) }
                    form.card method="post" action="/account/two-factor/codes" novalidate {
                        (csrf_field(chrome.csrf))
                        (code_field(lang, "code", "field-code", problem_of("renew")))
                        button type="submit" { (lang.t("recovery-codes-renew")) }
                    }
                    p { a href="/account/two-factor" { (lang.t("second-factor-replace")) } }
                    @if !view.required {
                        form.card method="post" action="/account/two-factor/remove" novalidate {
                            (csrf_field(chrome.csrf))
                            (code_field(lang, "code", "field-code", problem_of("remove")))
                            button.secondary type="submit" { (lang.t("second-factor-remove")) }
                        }
                    }
                } @else {
                    p { (lang.t(if view.required { "second-factor-off-required" } else { "second-factor-off" })) }
                    p { a.button href="/account/two-factor" { (lang.t("second-factor-enrol")) } }
                }
            }
            section aria-labelledby="sessions" {
                h2 #sessions { (lang.t("sessions-heading")) }
                p { (lang.t("sessions-intro")) }
                table.stack {
                    caption.visually-hidden { (lang.t("sessions-heading")) }
                    thead { tr {
                        th scope="col" { (lang.t("sessions-device")) }
                        th scope="col" { (lang.t("sessions-signed-in")) }
                        th scope="col" { (lang.t("sessions-last-seen")) }
                        th scope="col" { span.visually-hidden { (lang.t("sessions-action")) } }
                    } }
                    tbody {
                        @for line in view.sessions {
                            tr {
                                td {
                                    @if line.device.is_empty() { (lang.t("sessions-device-unknown")) } @else { (line.device) }
                                }
                                td { (when(line.created_at)) }
                                td { (when(line.last_seen_at)) }
                                td {
                                    @if line.current {
                                        strong { (lang.t("sessions-this-one")) }
                                    } @else {
                                        form.inline method="post" action="/account/sessions/end" {
                                            (csrf_field(chrome.csrf))
                                            input type="hidden" name="session" value=(line.id);
                                            button.secondary type="submit" { (lang.t("sessions-end-one")) }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
                @if view.sessions.iter().any(|line| !line.current) {
                    form method="post" action="/account/sessions/end" {
                        (csrf_field(chrome.csrf))
                        input type="hidden" name="session" value="others";
                        button type="submit" { (lang.t("sessions-end-others")) }
                    }
                }
            }
        },
    )
}
