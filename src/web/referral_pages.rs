//! What the centre's and the school's referral routes share: the inbox page, a referral's page and
//! adding a note, each over its use case in `app`. Each side's routes add what only it may do.

use actix_session::Session;
use actix_web::HttpResponse;
use actix_web::http::StatusCode;
use chrono::Utc;

use super::errors::AppError;
use super::page::Page;
use super::routes::{html_page, see_other};
use super::session::set_flash;
use super::state::AppState;
use super::views::referrals::{Evidence, ListView, ReferralPageView, Side, referral_list_page, referral_page};
use crate::app::move_referral::{MoveError, StepError};
use crate::app::{note_referral, read_referrals};
use crate::domain::account::Account;
use crate::domain::audit::AuditAction;
use crate::domain::ids::ReferralId;
use crate::domain::referral::{InboxFilter, NoteError, NoteText, ReferralScope};

/// The note form.
#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct NoteForm {
    /// The note.
    pub body: String,
}

/// A note that is not one is a 400 page (or JSON error) with its message.
pub fn note_refused(error: NoteError) -> AppError {
    AppError::BadRequest(error.message_key())
}

/// A step that is not one: an unknown status is a bad request, a refused step a conflict.
pub fn step_refused(error: StepError) -> AppError {
    match error {
        StepError::UnknownStatus => AppError::BadRequest("error-bad-request"),
        StepError::Refused(refusal) => AppError::Conflict(refusal.message_key()),
        StepError::Note(note) => note_refused(note),
    }
}

/// A step the life cycle refused is a conflict with its message.
pub fn move_refused(error: MoveError) -> AppError {
    match error {
        MoveError::Refused(refusal) => AppError::Conflict(refusal.message_key()),
        MoveError::Db(error) => error.into(),
    }
}

/// The list page of `scope`, filtered; the look is recorded as `view_referral_list`.
pub async fn list(
    state: &AppState,
    page: &Page,
    account: &Account,
    side: Side,
    scope: ReferralScope,
    filter: InboxFilter,
    schools: Vec<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let now = Utc::now().naive_utc();
    let (wanted, actor) = (filter.clone(), account.id);
    let found = state
        .use_case(move |conn| read_referrals::inbox(conn, &scope, &wanted, actor, AuditAction::ViewReferralList, now))
        .await?;
    let indicators: Vec<String> = state
        .catalog
        .latest_all()
        .iter()
        .flat_map(|i| i.flag_rules().iter().map(|r| r.indicator().to_owned()))
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    let view = ListView {
        side,
        referrals: &found,
        filter: &filter,
        schools: &schools,
        indicators: &indicators,
        now,
        catalog: &state.catalog,
    };
    Ok(html_page(StatusCode::OK, referral_list_page(&page.chrome(Some(account)), &view)))
}

/// One referral's page for `scope` (see [`read_referrals::page`]); a referral outside it is "not
/// found" and not recorded.
pub async fn show(
    state: &AppState,
    page: &Page,
    account: &Account,
    side: Side,
    scope: ReferralScope,
    id: ReferralId,
) -> Result<HttpResponse, AppError> {
    let (with, actor, now) = (state.figure_context(), account.id, Utc::now().naive_utc());
    let (referral, notes, evidence) =
        state.use_case(move |conn| read_referrals::page(conn, &with, &scope, id, actor, now)).await?;
    let evidence = Evidence::drawn(evidence);
    let view = ReferralPageView {
        side,
        referral: &referral,
        notes: &notes,
        evidence: &evidence,
        catalog: &state.catalog,
        now,
    };
    Ok(html_page(StatusCode::OK, referral_page(&page.chrome(Some(account)), &view)))
}

/// Adds a note and goes back to the referral.
pub async fn add_note(
    state: &AppState,
    session: &Session,
    account: &Account,
    side: Side,
    scope: ReferralScope,
    id: ReferralId,
    body: &str,
) -> Result<HttpResponse, AppError> {
    let note = NoteText::parse(body).map_err(note_refused)?;
    let (author, now) = (account.id, Utc::now().naive_utc());
    state.use_case(move |conn| note_referral::add_note(conn, &scope, id, author, &note, now)).await?;
    set_flash(session, "flash-note-added");
    Ok(see_other(&format!("{}/{id}#notes-heading", side.base())))
}
