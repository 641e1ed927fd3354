//! One conversation as staff read it: what it is about, where it stands, every message with who wrote
//! it and when, and the forms that work it (`forms.rs`).

use std::collections::BTreeMap;

use chrono::NaiveDateTime;
use maud::{Markup, html};

use super::forms::{note_form, work_forms};
use super::{base, due_cell, holder_key, kept_time, minute, status_text, topic_key, urgency_badge};
use crate::app::trust_box::staff::{StaffMessage, StaffThread};
use crate::domain::ids::UserId;
use crate::domain::lang::Lang;
use crate::domain::trust_box::desk::Desk;
use crate::domain::trust_box::record::{ConversationRecord, MessageKind};
use crate::web::views::layout::{Chrome, page};

/// Which form a refused post came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AgainForm {
    /// The reply to the pupil.
    Reply,
    /// A note between staff.
    Note,
    /// Passing it to the centre.
    Escalate,
    /// Closing it with an outcome.
    Close,
}

/// A refused post shown again: why, which form, and what was typed there (kept so nothing is lost).
/// No `Debug`: the words must not reach a log line.
#[derive(Clone)]
pub struct Again {
    /// The message key of the reason.
    pub key: &'static str,
    /// The form it came from.
    pub form: AgainForm,
    /// The words typed into it ("" for forms without words).
    pub typed: String,
}

/// Everything the conversation page shows.
pub struct ThreadView<'a> {
    /// Who is reading.
    pub desk: &'a Desk,
    /// The conversation after this look.
    pub thread: &'a StaffThread,
    /// Staff authors' display names.
    pub authors: &'a BTreeMap<UserId, String>,
    /// Now (Kazakhstan time), for the overdue mark.
    pub now: NaiveDateTime,
    /// A refused post, shown again.
    pub again: Option<&'a Again>,
}

fn facts(lang: Lang, view: &ThreadView<'_>) -> Markup {
    let r = &view.thread.record;
    html! {
        dl.settings {
            div { dt { (lang.t("trust-desk-col-urgency")) } dd {
                (urgency_badge(lang, r))
                @if r.in_danger { " " strong { (lang.t("trust-desk-in-danger")) } }
            } }
            div { dt { (lang.t("trust-desk-col-status")) } dd { (status_text(lang, r.state.status)) } }
            div { dt { (lang.t("trust-desk-col-holder")) } dd { (lang.t(holder_key(view.desk, r))) } }
            div { dt { (lang.t("trust-desk-col-arrived")) } dd { (kept_time(r, r.arrived_at)) } }
            div { dt { (lang.t("trust-desk-col-due")) } dd { (due_cell(lang, r, view.now)) } }
            @if r.came_back {
                div { dt { (lang.t("trust-desk-came-back")) } dd { (lang.t("trust-desk-yes")) } }
            }
        }
    }
}

/// Who wrote `m`, and when, as its line above the words.
fn byline(lang: Lang, view: &ThreadView<'_>, record: &ConversationRecord, m: &StaffMessage) -> String {
    let who = match m.message.kind {
        MessageKind::Pupil => {
            return format!("{} · {}", lang.t("trust-desk-by-pupil"), kept_time(record, m.message.written_at));
        }
        MessageKind::Reply => lang.t("trust-desk-by-reply"),
        MessageKind::Note => lang.t("trust-desk-by-note"),
    };
    let author = m.message.author.and_then(|a| view.authors.get(&a)).map(String::as_str);
    match author {
        Some(name) => format!("{who} · {name} · {}", minute(m.message.written_at)),
        None => format!("{who} · {}", minute(m.message.written_at)),
    }
}

fn messages(lang: Lang, view: &ThreadView<'_>) -> Markup {
    let record = &view.thread.record;
    html! {
        section.notes aria-labelledby="messages-heading" {
            h2 #messages-heading { (lang.t("trust-desk-messages")) }
            ol.notes {
                @for m in &view.thread.messages {
                    li.note[m.message.kind == MessageKind::Note] {
                        p.meta { (byline(lang, view, record, m)) }
                        @match &m.text {
                            Some(text) => p.body { (text.as_str()) },
                            None => p.body { em { (lang.t("trust-desk-deleted")) } },
                        }
                    }
                }
            }
        }
    }
}

/// `GET /school/trust/{id}` or `GET /centre/trust/{id}` (and a refused post shown again).
pub fn trust_thread_page(chrome: &Chrome<'_>, view: &ThreadView<'_>) -> Markup {
    let lang = chrome.lang;
    let record = &view.thread.record;
    page(
        chrome,
        &lang.t(topic_key(record.topic)),
        html! {
            p { a href=(base(view.desk)) { "← " (lang.t("trust-desk-title")) } }
            @if let Some(again) = view.again {
                p.error.summary role="alert" { (lang.t(again.key)) }
            }
            (facts(lang, view))
            (messages(lang, view))
            (work_forms(chrome, view))
            section.notes aria-labelledby="note-heading" {
                h2 #note-heading { (lang.t("trust-desk-note-heading")) }
                (note_form(chrome, view))
            }
        },
    )
}
