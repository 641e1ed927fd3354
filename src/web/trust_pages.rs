//! What the trust box's staff pages do (issue 19), for the school's and the centre's desk alike: the
//! inbox, a conversation's page, and each step posted from it, over the use cases of
//! `app::trust_box::staff`. The handlers (`routes::trust`) only say whose desk it is. The words typed are checked here (`MessageText::parse`) and
//! never logged; a conversation the desk may not read is "not found" (the use case says so).

use std::collections::BTreeMap;

use actix_session::Session;
use actix_web::HttpResponse;
use actix_web::http::StatusCode;
use chrono::Utc;
use serde::Deserialize;

use super::errors::AppError;
use super::page::Page;
use super::routes::{html_page, see_other};
use super::session::set_flash;
use super::state::AppState;
use super::views::trust::{Again, AgainForm, InboxPageView, ThreadView, base, trust_inbox_page, trust_thread_page};
use crate::app::browse_organisation;
use crate::app::error::UseCaseError;
use crate::app::trust_box::staff::{self, ActRefusal, StaffAction};
use crate::domain::account::Account;
use crate::domain::ids::{ConversationId, SchoolId};
use crate::domain::survey::wave::local_time;
use crate::domain::trust_box::desk::Desk;
use crate::domain::trust_box::lifecycle::{Outcome, StepRefused};
use crate::domain::trust_box::text::{MessageText, TextError};

/// The reply and note forms: the words. No `Debug`: the words must not reach a log line.
#[derive(Default, Deserialize)]
#[serde(default)]
pub struct TextForm {
    /// What was typed.
    pub body: String,
}

/// The close form: the outcome's code.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct CloseForm {
    /// One of `Outcome::code`.
    pub outcome: String,
}

/// A step as posted, before its words or outcome are checked. No `Debug`, for the same reason.
pub enum Posted {
    /// Words for the pupil.
    Reply(String),
    /// Words for the other desk.
    Note(String),
    /// Pass it to the centre.
    Escalate,
    /// Close it with the outcome whose code this is.
    Close(String),
}

impl Posted {
    fn form(&self) -> AgainForm {
        match self {
            Posted::Reply(_) => AgainForm::Reply,
            Posted::Note(_) => AgainForm::Note,
            Posted::Escalate => AgainForm::Escalate,
            Posted::Close(_) => AgainForm::Close,
        }
    }

    fn typed(&self) -> String {
        match self {
            Posted::Reply(typed) | Posted::Note(typed) => typed.clone(),
            Posted::Escalate | Posted::Close(_) => String::new(),
        }
    }

    /// The use case's action, or the message key of why the post is not one.
    fn action(&self) -> Result<StaffAction, &'static str> {
        match self {
            Posted::Reply(typed) => MessageText::parse(typed).map(StaffAction::Reply).map_err(text_refused),
            Posted::Note(typed) => MessageText::parse(typed).map(StaffAction::Note).map_err(text_refused),
            Posted::Escalate => Ok(StaffAction::Escalate),
            Posted::Close(code) => {
                Outcome::from_code(code.trim()).map(StaffAction::Close).ok_or("trust-desk-outcome-required")
            }
        }
    }

    fn done(&self) -> &'static str {
        match self {
            Posted::Reply(_) => "trust-desk-flash-replied",
            Posted::Note(_) => "trust-desk-flash-noted",
            Posted::Escalate => "trust-desk-flash-escalated",
            Posted::Close(_) => "trust-desk-flash-closed",
        }
    }
}

fn text_refused(error: TextError) -> &'static str {
    match error {
        TextError::Empty => "trust-desk-text-empty",
        TextError::TooLong => "trust-desk-text-too-long",
        TextError::Control => "trust-desk-text-control",
    }
}

fn act_refused(refusal: ActRefusal) -> &'static str {
    match refusal {
        ActRefusal::NotTheHolder => "trust-desk-not-holder",
        ActRefusal::Step(StepRefused::AlreadyClosed) => "trust-desk-already-closed",
        ActRefusal::Step(StepRefused::NotTheSchools) => "trust-desk-not-schools",
        ActRefusal::Moved => "trust-desk-moved",
    }
}

/// The inbox of `desk`, audited by the use case; a centre's also lists its schools' overdue ones.
pub async fn inbox(state: &AppState, page: &Page, account: &Account, desk: Desk) -> Result<HttpResponse, AppError> {
    let (wanted, actor, now) = (desk.clone(), account.id, Utc::now());
    let (found, schools) = state
        .use_case(move |conn| {
            let found = staff::inbox(conn, &wanted, actor, now)?;
            let schools = match &wanted {
                Desk::Centre(region) => browse_organisation::schools_of(conn, region)?,
                Desk::School(_) => Vec::new(),
            };
            Ok::<_, UseCaseError>((found, schools))
        })
        .await?;
    let names: BTreeMap<SchoolId, String> = schools
        .into_iter()
        .map(|s| (s.school.id, format!("{} {}", s.school.code, s.school.name.get(page.lang))))
        .collect();
    let view = InboxPageView { desk: &desk, inbox: &found, schools: &names, now: local_time(now) };
    Ok(html_page(StatusCode::OK, trust_inbox_page(&page.chrome(Some(account)), &view)))
}

/// Conversation `id` as `desk` reads it (a look, audited and marking a new one read), answered with
/// `status`, with a refused post shown again when there is one.
pub async fn conversation(
    state: &AppState,
    page: &Page,
    account: &Account,
    desk: Desk,
    id: ConversationId,
    again: Option<Again>,
    status: StatusCode,
) -> Result<HttpResponse, AppError> {
    let (key, wanted, actor, now) = (state.trust_box.clone(), desk.clone(), account.id, Utc::now());
    let (thread, authors) = state
        .use_case(move |conn| {
            let thread = staff::open(conn, &key, &wanted, actor, id, now)?;
            let authors = staff::author_names(conn, &thread)?;
            Ok::<_, UseCaseError>((thread, authors))
        })
        .await?;
    let view =
        ThreadView { desk: &desk, thread: &thread, authors: &authors, now: local_time(now), again: again.as_ref() };
    Ok(html_page(status, trust_thread_page(&page.chrome(Some(account)), &view)))
}

/// Takes the `posted` step on conversation `id` for `desk`: back to the conversation (303) when
/// taken; the page again with the reason when the words or outcome are not one (400, nothing stored)
/// or the step is refused (409); "not found" when the desk may not read it.
pub async fn act(
    state: &AppState,
    session: &Session,
    page: &Page,
    account: &Account,
    desk: Desk,
    id: ConversationId,
    posted: Posted,
) -> Result<HttpResponse, AppError> {
    // Shown again, the page is the conversation's: its language switch comes back to it, not here.
    let page = &Page { path: format!("{}/{id}", base(&desk)), ..page.clone() };
    let action = match posted.action() {
        Ok(action) => action,
        Err(key) => {
            let again = Again { key, form: posted.form(), typed: posted.typed() };
            return conversation(state, page, account, desk, id, Some(again), StatusCode::BAD_REQUEST).await;
        }
    };
    let (key, wanted, actor, now) = (state.trust_box.clone(), desk.clone(), account.id, Utc::now());
    let taken = state.use_case(move |conn| staff::act(conn, &key, &wanted, actor, id, &action, now)).await?;
    match taken {
        Ok(_) => {
            set_flash(session, posted.done());
            Ok(see_other(&format!("{}/{id}", base(&desk))))
        }
        Err(refusal) => {
            let again = Again { key: act_refused(refusal), form: posted.form(), typed: posted.typed() };
            conversation(state, page, account, desk, id, Some(again), StatusCode::CONFLICT).await
        }
    }
}
