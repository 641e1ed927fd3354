//! A desk's inbox: its conversations, the soonest due first; for a centre also the overdue ones its
//! schools hold (listed so the centre can call the school, never linked: the pupil wrote to the
//! school, and the centre does not read those words).

use std::collections::BTreeMap;

use chrono::NaiveDateTime;
use maud::{Markup, html};

use super::{base, due_cell, holder_key, kept_time, status_text, topic_key, urgency_badge};
use crate::app::trust_box::staff::InboxView;
use crate::domain::ids::SchoolId;
use crate::domain::trust_box::desk::Desk;
use crate::domain::trust_box::record::ConversationRecord;
use crate::web::views::components::scroll_region;
use crate::web::views::layout::{Chrome, page};

/// What the inbox page shows.
pub struct InboxPageView<'a> {
    /// Whose inbox.
    pub desk: &'a Desk,
    /// The use case's lists.
    pub inbox: &'a InboxView,
    /// A centre's schools by id, as "code name", for the overdue list.
    pub schools: &'a BTreeMap<SchoolId, String>,
    /// Now (Kazakhstan time), for the overdue marks.
    pub now: NaiveDateTime,
}

fn own_table(chrome: &Chrome<'_>, view: &InboxPageView<'_>) -> Markup {
    let lang = chrome.lang;
    html! {
        (scroll_region(&lang.t("trust-desk-title"), html! {
            table.referrals {
                caption.visually-hidden { (lang.t("trust-desk-title")) }
                thead { tr {
                    th scope="col" { (lang.t("trust-desk-col-topic")) }
                    th scope="col" { (lang.t("trust-desk-col-urgency")) }
                    th scope="col" { (lang.t("trust-desk-col-status")) }
                    th scope="col" { (lang.t("trust-desk-col-holder")) }
                    th scope="col" { (lang.t("trust-desk-col-arrived")) }
                    th scope="col" { (lang.t("trust-desk-col-due")) }
                } }
                tbody {
                    @for r in &view.inbox.conversations {
                        (own_row(chrome, view, r))
                    }
                }
            }
        }))
    }
}

fn own_row(chrome: &Chrome<'_>, view: &InboxPageView<'_>, r: &ConversationRecord) -> Markup {
    let lang = chrome.lang;
    html! {
        tr.overdue[r.is_overdue(view.now)] {
            td { a href=(format!("{}/{}", base(view.desk), r.id)) { (lang.t(topic_key(r.topic))) } }
            td { (urgency_badge(lang, r)) }
            td { (status_text(lang, r.state.status)) }
            td { (lang.t(holder_key(view.desk, r))) }
            td { (kept_time(r, r.arrived_at)) }
            td { (due_cell(lang, r, view.now)) }
        }
    }
}

fn overdue_in_schools(chrome: &Chrome<'_>, view: &InboxPageView<'_>) -> Markup {
    let lang = chrome.lang;
    html! {
        section aria-labelledby="overdue-heading" {
            h2 #overdue-heading { (lang.t("trust-desk-schools-overdue")) }
            p.hint { (lang.t("trust-desk-schools-overdue-hint")) }
            @if view.inbox.overdue_in_schools.is_empty() {
                p { (lang.t("trust-desk-schools-overdue-none")) }
            } @else {
                (scroll_region(&lang.t("trust-desk-schools-overdue"), html! {
                    table.referrals {
                        thead { tr {
                            th scope="col" { (lang.t("field-school")) }
                            th scope="col" { (lang.t("trust-desk-col-topic")) }
                            th scope="col" { (lang.t("trust-desk-col-due")) }
                        } }
                        tbody {
                            @for r in &view.inbox.overdue_in_schools {
                                tr.overdue {
                                    td { (view.schools.get(&r.school).map_or("", String::as_str)) }
                                    td { (lang.t(topic_key(r.topic))) }
                                    td { (due_cell(lang, r, view.now)) }
                                }
                            }
                        }
                    }
                }))
            }
        }
    }
}

/// `GET /school/trust` or `GET /centre/trust`.
pub fn trust_inbox_page(chrome: &Chrome<'_>, view: &InboxPageView<'_>) -> Markup {
    let lang = chrome.lang;
    let centre = matches!(view.desk, Desk::Centre(_));
    page(
        chrome,
        &lang.t("trust-desk-title"),
        html! {
            p.hint { (lang.t(if centre { "trust-desk-intro-centre" } else { "trust-desk-intro-school" })) }
            p.hint { (lang.t("trust-desk-deadlines")) }
            @if view.inbox.conversations.is_empty() {
                p { (lang.t("trust-desk-none")) }
            } @else {
                (own_table(chrome, view))
            }
            @if centre {
                (overdue_in_schools(chrome, view))
                p { a href="/centre/trust/figures" { (lang.t("nav-trust-figures")) } }
            } @else {
                p { a href="/school/trust/poster" { (lang.t("trust-poster-link")) } }
            }
        },
    )
}
