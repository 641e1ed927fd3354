//! The trust box's writing page and the receipt that answers it (issue 19, `docs/trust-box.md`).

use maud::{Markup, html};

use super::frame::{Kiosk, pupil_href, pupil_page};
use super::help::help_contacts;
use crate::domain::lang::Lang;
use crate::domain::trust_box::receipt::PIN_DIGITS;
use crate::domain::trust_box::text::MESSAGE_LIMIT;
use crate::domain::trust_box::topic::{Addressee, Topic, Urgency};

/// What the pupil typed and chose, shown again with the problems when something was wrong, so nothing
/// typed is lost.
#[derive(Debug, Clone, Default)]
pub struct Draft {
    /// The school code as typed.
    pub school: String,
    /// The topic chosen, if any.
    pub topic: Option<Topic>,
    /// The addressee chosen, if any.
    pub addressee: Option<Addressee>,
    /// "I am in danger right now".
    pub in_danger: bool,
    /// The words as typed.
    pub text: String,
}

/// The message key of each topic's label.
pub fn topic_key(topic: Topic) -> &'static str {
    match topic {
        Topic::Bullying => "trust-topic-bullying",
        Topic::HarmAtHome => "trust-topic-harm-at-home",
        Topic::SelfHarm => "trust-topic-self-harm",
        Topic::Other => "trust-topic-other",
    }
}

fn addressee_key(addressee: Addressee) -> &'static str {
    match addressee {
        Addressee::School => "trust-to-school",
        Addressee::CentreOnly => "trust-to-centre",
    }
}

/// `GET /trust` (and the same page with `problems`, message keys, after a refused post), its form
/// carrying `token`, a fresh single-use form token (`domain::trust_box::form_token`).
pub fn write_page(lang: Lang, draft: &Draft, problems: &[&str], token: &str) -> Markup {
    let (fewest, most) = PIN_DIGITS;
    pupil_page(
        lang,
        &lang.t("trust-write-title"),
        Kiosk::Secret,
        Some("/trust"),
        html! {
            p { (lang.t("trust-write-intro")) }
            p.warning { strong { (lang.t("trust-no-names")) } }
            form.card method="post" action=(pupil_href("/trust", lang)) autocomplete="off" {
                input type="hidden" name="form" value=(token);
                @if !problems.is_empty() {
                    // The alert wraps the list: `role` on the <ul> itself would unmake it a list.
                    div.error.summary role="alert" #trust-problems {
                        ul { @for key in problems { li { (lang.t(key)) } } }
                    }
                }
                div.field {
                    label for="school" { (lang.t("trust-school-code")) }
                    p.hint #school_hint { (lang.t("trust-school-code-hint")) }
                    input #school type="text" name="school" value=(draft.school) required maxlength="40"
                        autocomplete="off" autocapitalize="characters" spellcheck="false" aria-describedby="school_hint";
                }
                fieldset.field {
                    legend { (lang.t("trust-topic")) }
                    @for topic in Topic::ALL {
                        label.choice {
                            input type="radio" name="topic" value=(topic.code()) required checked[draft.topic == Some(topic)];
                            " " (lang.t(topic_key(topic)))
                        }
                    }
                }
                fieldset.field {
                    legend { (lang.t("trust-to")) }
                    @for addressee in [Addressee::School, Addressee::CentreOnly] {
                        label.choice {
                            input type="radio" name="to" value=(addressee.code()) required checked[draft.addressee == Some(addressee)];
                            " " (lang.t(addressee_key(addressee)))
                        }
                    }
                }
                div.field.check.danger {
                    input #danger type="checkbox" name="danger" value="1" checked[draft.in_danger];
                    label for="danger" { (lang.t("trust-in-danger")) }
                    // Shown at once when ticked, by CSS alone (`#danger:checked ~ .danger-now`).
                    div.danger-now role="note" {
                        p { strong { (lang.t("trust-danger-call")) } }
                        (help_contacts(lang))
                    }
                }
                div.field {
                    label for="text" { (lang.t("trust-text")) }
                    textarea #text name="text" rows="8" required maxlength=(MESSAGE_LIMIT) { (draft.text) }
                }
                div.field {
                    label for="pin" { (lang.t("trust-pin")) }
                    p.hint #pin_hint { (lang.t_args("trust-pin-hint", &[("fewest", fewest.into()), ("most", most.into())])) }
                    input #pin type="password" name="pin" inputmode="numeric" autocomplete="off"
                        maxlength=(most) aria-describedby="pin_hint";
                }
                button type="submit" { (lang.t("trust-send")) }
            }
            p { a href=(pupil_href("/trust/back", lang)) { (lang.t("trust-come-back-link")) } }
        },
    )
}

/// The answer to a stored message: the receipt, once, and when to come back.
pub fn receipt_page(lang: Lang, receipt: &str, with_pin: bool, urgency: Urgency) -> Markup {
    pupil_page(
        lang,
        &lang.t("trust-sent-title"),
        Kiosk::Secret,
        None,
        html! {
            p { (lang.t("trust-receipt-is")) }
            p.receipt { strong { (receipt) } }
            p { (lang.t("trust-receipt-keep")) }
            @if with_pin {
                p { (lang.t("trust-receipt-with-pin")) }
            }
            p {
                (lang.t(match urgency {
                    Urgency::Urgent => "trust-answer-within-hours",
                    Urgency::Ordinary => "trust-answer-within-days",
                }))
            }
            p { (lang.t("trust-come-back-how")) }
            (help_contacts(lang))
            p { a.button href=(pupil_href("/trust/done", lang)) { (lang.t("trust-written-down")) } }
        },
    )
}
