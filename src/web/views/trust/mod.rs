//! The trust box's staff pages (issue 19, `docs/trust-box.md`): a desk's inbox ([`inbox`]) and one
//! conversation with the forms that work it ([`thread`]). The school's psychologist and the centre see
//! the same pages; which forms show follows `domain::trust_box::desk::Desk`'s `may_work`.

mod figures;
mod forms;
mod inbox;
mod poster;
mod thread;

pub use figures::{FiguresPageView, trust_figures_page};
pub use inbox::{InboxPageView, trust_inbox_page};
pub use poster::{PosterView, trust_poster_page};
pub use thread::{Again, AgainForm, ThreadView, trust_thread_page};

use chrono::NaiveDateTime;
use maud::{Markup, html};

use crate::domain::lang::Lang;
use crate::domain::trust_box::desk::Desk;
use crate::domain::trust_box::lifecycle::{Holder, Outcome, Status};
use crate::domain::trust_box::record::ConversationRecord;
use crate::domain::trust_box::topic::{Addressee, Topic, Urgency};
use crate::i18n::count;

/// Where a desk's trust box pages live.
pub fn base(desk: &Desk) -> &'static str {
    match desk {
        Desk::School(_) => "/school/trust",
        Desk::Centre(_) => "/centre/trust",
    }
}

/// The message key of a topic.
pub fn topic_key(topic: Topic) -> &'static str {
    match topic {
        Topic::Bullying => "trust-desk-topic-bullying",
        Topic::HarmAtHome => "trust-desk-topic-harm-at-home",
        Topic::SelfHarm => "trust-desk-topic-self-harm",
        Topic::Other => "trust-desk-topic-other",
    }
}

/// The message key of a status (the outcome is shown beside a closed one).
pub fn status_key(status: Status) -> &'static str {
    match status {
        Status::New => "trust-desk-status-new",
        Status::Read => "trust-desk-status-read",
        Status::Answered => "trust-desk-status-answered",
        Status::Closed(_) => "trust-desk-status-closed",
    }
}

/// The message key of an outcome.
pub fn outcome_key(outcome: Outcome) -> &'static str {
    match outcome {
        Outcome::HelpGiven => "trust-desk-outcome-help-given",
        Outcome::ReferredOn => "trust-desk-outcome-referred-on",
        Outcome::Misuse => "trust-desk-outcome-misuse",
        Outcome::NoReplyPossible => "trust-desk-outcome-no-reply-possible",
    }
}

/// Who holds a conversation, as the reading desk says it: the school's own list says "with the
/// centre" for one it escalated; the centre's says whether the pupil wrote to it or a school passed
/// it on.
pub fn holder_key(desk: &Desk, record: &ConversationRecord) -> &'static str {
    match (desk, record.state.holder, record.addressee) {
        (Desk::School(_), Holder::School, _) => "trust-desk-holder-you",
        (Desk::School(_), Holder::Centre, _) => "trust-desk-holder-centre",
        (Desk::Centre(_), _, Addressee::CentreOnly) => "trust-desk-holder-written-to-centre",
        (Desk::Centre(_), _, Addressee::School) => "trust-desk-holder-passed-on",
    }
}

/// The status, with the outcome of a closed conversation.
pub fn status_text(lang: Lang, status: Status) -> String {
    match status.outcome() {
        Some(outcome) => format!("{} · {}", lang.t(status_key(status)), lang.t(outcome_key(outcome))),
        None => lang.t(status_key(status)),
    }
}

/// The urgency badge: urgent ones stand out in words, not only in colour.
pub fn urgency_badge(lang: Lang, record: &ConversationRecord) -> Markup {
    html! {
        @match record.urgency() {
            Urgency::Urgent => span.badge.severity-urgent { (lang.t("trust-desk-urgent")) },
            Urgency::Ordinary => span.badge.severity-watch { (lang.t("trust-desk-ordinary")) },
        }
    }
}

/// A pupil's time as it is kept: the day of an ordinary message, the day and hour of an urgent one
/// (`domain::trust_box::arrival`), so the page never claims more precision than is stored.
pub fn kept_time(record: &ConversationRecord, at: NaiveDateTime) -> String {
    match record.urgency() {
        Urgency::Urgent => at.format("%Y-%m-%d %H:00").to_string(),
        Urgency::Ordinary => at.format("%Y-%m-%d").to_string(),
    }
}

/// A staff time or a deadline (Kazakhstan time, to the minute).
pub fn minute(at: NaiveDateTime) -> String {
    at.format("%Y-%m-%d %H:%M").to_string()
}

/// The deadline, with an "overdue" mark in words when staff owe an answer past it at `now`.
pub fn due_cell(lang: Lang, record: &ConversationRecord, now: NaiveDateTime) -> Markup {
    html! {
        @match record.due_at {
            Some(due) => {
                (minute(due))
                @if record.is_overdue(now) { " " strong.overdue-mark { (lang.t("trust-desk-overdue")) } }
            }
            None => { (lang.t("trust-desk-no-deadline")) }
        }
    }
}

/// The home page's link to the trust box, with how many conversations owe the pupil an answer.
pub fn trust_link(lang: Lang, href: &str, owing: usize) -> Markup {
    let owing = u32::try_from(owing).unwrap_or(u32::MAX);
    html! {
        a href=(href) { (lang.t("nav-trust")) }
        " · "
        @if owing == 0 {
            (lang.t("trust-desk-owing-none"))
        } @else {
            strong { (lang.t_args("trust-desk-owing", &[("count", count(owing))])) }
        }
    }
}
