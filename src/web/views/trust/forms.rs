//! The forms of a conversation's page: reply, escalate and close for the desk that holds it, and a
//! note for any desk that may read it. A refused post comes back here with its message beside the
//! form it came from and the words typed into it, so nothing typed is lost.

use maud::{Markup, html};

use super::thread::{Again, AgainForm, ThreadView};
use super::{base, outcome_key};
use crate::domain::lang::Lang;
use crate::domain::trust_box::desk::Desk;
use crate::domain::trust_box::lifecycle::{Holder, Outcome, Status};
use crate::domain::trust_box::text::MESSAGE_LIMIT;
use crate::web::views::components::csrf_field;
use crate::web::views::layout::Chrome;

/// The refusal to show beside `form`, if the post came from it.
fn refused(again: Option<&Again>, form: AgainForm) -> Option<&Again> {
    again.filter(|a| a.form == form)
}

/// A labelled textarea posting `body`, keeping what was typed and tied to its message.
fn text_area(lang: Lang, id: &'static str, label: &'static str, hint: &'static str, again: Option<&Again>) -> Markup {
    let error_id = format!("{id}_error");
    let hint_id = format!("{id}_hint");
    let described = match again {
        Some(_) => format!("{hint_id} {error_id}"),
        None => hint_id.clone(),
    };
    html! {
        div.field.invalid[again.is_some()] {
            label for=(id) { (lang.t(label)) }
            textarea id=(id) name="body" rows="5" maxlength=(MESSAGE_LIMIT) required
                aria-invalid=[again.map(|_| "true")] aria-describedby=(described) {
                (again.map_or("", |a| a.typed.as_str()))
            }
            p.hint id=(hint_id) { (lang.t(hint)) }
            @if let Some(again) = again {
                p.error id=(error_id) { (lang.t(again.key)) }
            }
        }
    }
}

fn reply_form(chrome: &Chrome<'_>, view: &ThreadView<'_>, action: &str) -> Markup {
    let lang = chrome.lang;
    let again = refused(view.again, AgainForm::Reply);
    html! {
        form method="post" action=(format!("{action}/reply")) {
            (csrf_field(chrome.csrf))
            (text_area(lang, "reply", "trust-desk-reply-label", "trust-desk-reply-hint", again))
            button type="submit" { (lang.t("trust-desk-reply-send")) }
        }
    }
}

fn escalate_form(chrome: &Chrome<'_>, action: &str) -> Markup {
    let lang = chrome.lang;
    html! {
        form method="post" action=(format!("{action}/escalate")) {
            (csrf_field(chrome.csrf))
            p.hint { (lang.t("trust-desk-escalate-hint")) }
            button type="submit" { (lang.t("trust-desk-escalate")) }
        }
    }
}

fn close_form(chrome: &Chrome<'_>, view: &ThreadView<'_>, action: &str) -> Markup {
    let lang = chrome.lang;
    let again = refused(view.again, AgainForm::Close);
    html! {
        form method="post" action=(format!("{action}/close")) {
            (csrf_field(chrome.csrf))
            div.field.invalid[again.is_some()] {
                label for="outcome" { (lang.t("trust-desk-outcome")) }
                select id="outcome" name="outcome" required aria-invalid=[again.map(|_| "true")] {
                    option value="" { (lang.t("trust-desk-outcome-choose")) }
                    @for outcome in Outcome::ALL {
                        option value=(outcome.code()) { (lang.t(outcome_key(outcome))) }
                    }
                }
                @if let Some(again) = again {
                    p.error { (lang.t(again.key)) }
                }
            }
            button type="submit" { (lang.t("trust-desk-close")) }
        }
    }
}

/// What the holder may do: reply, escalate (the school, while it holds it) and close; a closed
/// conversation says so instead. A desk that only follows it is told who works it.
pub fn work_forms(chrome: &Chrome<'_>, view: &ThreadView<'_>) -> Markup {
    let lang = chrome.lang;
    let record = &view.thread.record;
    let action = format!("{}/{}", base(view.desk), record.id);
    let school_holds = matches!(view.desk, Desk::School(_)) && record.state.holder == Holder::School;
    html! {
        section.actions aria-labelledby="work-heading" {
            h2 #work-heading { (lang.t("trust-desk-work")) }
            @if !work_shown(view) {
                @if matches!(record.state.status, Status::Closed(_)) {
                    p { (lang.t("trust-desk-is-closed")) }
                } @else {
                    p { (lang.t("trust-desk-followed")) }
                }
            } @else {
                (reply_form(chrome, view, &action))
                @if school_holds { (escalate_form(chrome, &action)) }
                (close_form(chrome, view, &action))
            }
        }
    }
}

/// Whether the holder's forms show: a desk that works the conversation, while it is open.
fn work_shown(view: &ThreadView<'_>) -> bool {
    view.thread.may_work && !matches!(view.thread.record.state.status, Status::Closed(_))
}

/// A note between school and centre, never shown to the pupil: any desk that may read may write one.
/// A refused reply whose form is gone (escalated or closed meanwhile) lands here, words and all.
pub fn note_form(chrome: &Chrome<'_>, view: &ThreadView<'_>) -> Markup {
    let lang = chrome.lang;
    let action = format!("{}/{}/note", base(view.desk), view.thread.record.id);
    let again = refused(view.again, AgainForm::Note)
        .or_else(|| refused(view.again, AgainForm::Reply).filter(|_| !work_shown(view)));
    html! {
        form method="post" action=(action) {
            (csrf_field(chrome.csrf))
            (text_area(lang, "note", "trust-desk-note-label", "trust-desk-note-hint", again))
            button type="submit" { (lang.t("trust-desk-note-send")) }
        }
    }
}
