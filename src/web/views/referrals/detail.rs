//! One referral: what it is about, its evidence (`evidence.rs`: released figures only, with the
//! class's trend), the notes between centre and school, and, for the centre, the next step of its life cycle. A referral
//! of the region shows no school, class, wave or figure, and says only what it is about.

use chrono::NaiveDateTime;
use maud::{Markup, html};

use super::evidence::{Evidence, evidence_section};
use super::{Side, indicator_label, outcome_key, school_text, severity_badge, status_key, subject_text, when};
use crate::domain::referral::{Note, Outcome, Referral, ReferralStatus};
use crate::domain::survey::catalog::Catalog;
use crate::web::views::components::csrf_field;
use crate::web::views::layout::{Chrome, page};

/// Everything the referral page shows.
pub struct ReferralPageView<'a> {
    /// Centre or school.
    pub side: Side,
    /// The referral.
    pub referral: &'a Referral,
    /// Its notes, oldest first.
    pub notes: &'a [Note],
    /// Its evidence.
    pub evidence: &'a Evidence,
    /// The instruments, for indicator names.
    pub catalog: &'a Catalog,
    /// Now, for the overdue mark.
    pub now: NaiveDateTime,
}

fn actions(chrome: &Chrome<'_>, view: &ReferralPageView<'_>) -> Markup {
    let lang = chrome.lang;
    let action = format!("{}/{}/transition", view.side.base(), view.referral.id);
    let note = html! {
        div.field {
            label for="step-note" { (lang.t("referral-note-optional")) }
            textarea id="step-note" name="note" rows="3" maxlength="4000" {}
        }
    };
    html! {
        @if view.side == Side::Centre {
            section.actions aria-labelledby="actions-heading" {
                h2 #actions-heading { (lang.t("referral-next-step")) }
                @match view.referral.status {
                    ReferralStatus::New => form method="post" action=(action) {
                        (csrf_field(chrome.csrf))
                        input type="hidden" name="to" value="acknowledged";
                        (note)
                        button type="submit" { (lang.t("referral-acknowledge")) }
                    },
                    ReferralStatus::Acknowledged => form method="post" action=(action) {
                        (csrf_field(chrome.csrf))
                        input type="hidden" name="to" value="in_progress";
                        (note)
                        button type="submit" { (lang.t("referral-start")) }
                    },
                    ReferralStatus::InProgress => form method="post" action=(action) {
                        (csrf_field(chrome.csrf))
                        input type="hidden" name="to" value="closed";
                        fieldset.field {
                            legend { (lang.t("referral-outcome")) }
                            @for value in Outcome::KINDS {
                                label.opt { input type="radio" name="outcome" value=(value) required; (lang.t(outcome_key(value))) }
                            }
                        }
                        div.field {
                            label for="reason" { (lang.t("referral-reason")) }
                            textarea id="reason" name="reason" rows="2" maxlength="2000" {}
                        }
                        (note)
                        button type="submit" { (lang.t("referral-close")) }
                    },
                    ReferralStatus::Closed => p { (lang.t("referral-is-closed")) },
                }
            }
        }
    }
}

fn notes(chrome: &Chrome<'_>, view: &ReferralPageView<'_>) -> Markup {
    let lang = chrome.lang;
    html! {
        section.notes aria-labelledby="notes-heading" {
            h2 #notes-heading { (lang.t("referral-notes")) }
            @if view.notes.is_empty() {
                p { (lang.t("referral-notes-none")) }
            } @else {
                ol.notes {
                    @for note in view.notes {
                        li {
                            p.meta { strong { (note.author) } " · " (lang.t(if note.side == "centre" { "referral-side-centre" } else { "referral-side-school" })) " · " (when(note.at)) }
                            p.body { (note.body) }
                        }
                    }
                }
            }
            form method="post" action=(format!("{}/{}/notes", view.side.base(), view.referral.id)) {
                (csrf_field(chrome.csrf))
                div.field {
                    label for="body" { (lang.t("referral-note-add")) }
                    textarea id="body" name="body" rows="4" maxlength="4000" required {}
                    p.hint { (lang.t("referral-note-hint")) }
                }
                button type="submit" { (lang.t("referral-note-send")) }
            }
        }
    }
}

/// `GET /centre/referrals/{id}` or `GET /school/referrals/{id}`.
pub fn referral_page(chrome: &Chrome<'_>, view: &ReferralPageView<'_>) -> Markup {
    let lang = chrome.lang;
    let r = view.referral;
    let title = format!("{} · {}", subject_text(lang, r), school_text(lang, r));
    page(
        chrome,
        &title,
        html! {
            p { a href=(view.side.base()) { "← " (lang.t("referrals-title")) } }
            dl.settings {
                div { dt { (lang.t("col-severity")) } dd { (severity_badge(lang, r.severity)) } }
                div { dt { (lang.t("col-status")) } dd { (lang.t(status_key(r.status))) } }
                div {
                    dt { (lang.t("col-acknowledge-by")) }
                    dd { (when(r.acknowledge_by)) @if r.overdue(view.now) { " " strong.overdue-mark { (lang.t("referral-overdue")) } } }
                }
                div { dt { (lang.t("referral-created")) } dd { (when(r.created_at)) } }
            }
            @if !r.flags.is_empty() {
                p { (lang.t("col-signals")) ": "
                    @for (i, (id, severity)) in r.flags.iter().enumerate() {
                        @if i > 0 { ", " }
                        (indicator_label(view.catalog, lang, id)) " (" (lang.t(super::severity_key(*severity))) ")"
                    }
                }
            } @else {
                p { (lang.t("referral-manual")) }
            }
            @if let Some((outcome, reason)) = &r.outcome {
                p { (lang.t("referral-outcome")) ": " strong { (lang.t(outcome_key(outcome))) }
                    @if let Some(reason) = reason { " — " (reason) } }
            }
            (actions(chrome, view))
            (evidence_section(lang, r, view.evidence, view.catalog))
            (notes(chrome, view))
        },
    )
}
