//! What the centre's and the school's referral routes share: loading a referral within the caller's
//! scope, rendering its page and adding a note. Each side's routes add what only it may do. Every
//! list and every referral shown is recorded in the audit log, in the database call that reads it.

use actix_session::Session;
use actix_web::HttpResponse;
use actix_web::http::StatusCode;
use chrono::Utc;

use super::errors::AppError;
use super::figures::FigureScope;
use super::page::Page;
use super::referral_evidence;
use super::routes::{html_page, see_other};
use super::session::set_flash;
use super::state::AppState;
use super::views::referrals::{ListView, ReferralPageView, Side, referral_list_page, referral_page};
use crate::db::{audit, referrals};
use crate::domain::account::Account;
use crate::domain::audit::AuditAction;
use crate::domain::ids::ReferralId;
use crate::domain::referral::{InboxFilter, ReferralScope};

/// The note form.
#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct NoteForm {
    /// The note.
    pub body: String,
}

/// Longest note accepted, in characters.
pub const NOTE_LIMIT: usize = 4_000;

/// The figure scope matching a referral scope.
pub fn figure_scope(scope: &ReferralScope) -> FigureScope {
    match scope {
        ReferralScope::Region(region) => FigureScope::Region(region.clone()),
        ReferralScope::School(school) => FigureScope::School(*school),
    }
}

/// The referral id from a path segment; anything else is "not found".
pub fn referral_id(raw: &str) -> Result<ReferralId, AppError> {
    ReferralId::parse(raw).ok_or(AppError::NotFound)
}

/// The subject of an audit entry for a look at the referrals of `scope`: `school:{id}` or
/// `region:{code}`.
pub fn scope_subject(scope: &ReferralScope) -> String {
    match scope {
        ReferralScope::School(school) => format!("school:{school}"),
        ReferralScope::Region(region) => format!("region:{region}"),
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
    let wanted = filter.clone();
    let actor = account.id.to_string();
    let found = state
        .db(move |conn| {
            let found = referrals::list(conn, &scope, &wanted, now)?;
            audit::append(conn, &actor, AuditAction::ViewReferralList, &scope_subject(&scope))?;
            Ok(found)
        })
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

/// One referral's page for `scope`, recorded as `view_referral` before its evidence is built, so a
/// referral without evidence is recorded too; a referral outside it is "not found" and not recorded.
pub async fn show(
    state: &AppState,
    page: &Page,
    account: &Account,
    side: Side,
    scope: ReferralScope,
    id: ReferralId,
) -> Result<HttpResponse, AppError> {
    let check = scope.clone();
    let actor = account.id.to_string();
    let now = Utc::now().naive_utc();
    let (referral, notes) = state
        .db(move |conn| {
            let referral = referrals::get(conn, &check, id, now)?;
            let notes = referrals::notes(conn, id)?;
            audit::append(conn, &actor, AuditAction::ViewReferral, &format!("referral:{id}"))?;
            Ok((referral, notes))
        })
        .await?;
    let evidence = referral_evidence::load(state, &referral, figure_scope(&scope)).await?;
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

/// A note's text, trimmed; empty or too long is a 400 page.
pub fn note_text(body: &str) -> Result<String, AppError> {
    let body = body.trim();
    if body.is_empty() {
        return Err(AppError::BadRequest("referral-note-empty"));
    }
    if body.chars().count() > NOTE_LIMIT {
        return Err(AppError::BadRequest("referral-note-too-long"));
    }
    Ok(body.to_owned())
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
    let body = note_text(body)?;
    let author = account.id;
    let now = Utc::now().naive_utc();
    state.db(move |conn| referrals::add_note(conn, &scope, id, author, &body, now)).await?;
    set_flash(session, "flash-note-added");
    Ok(see_other(&format!("{}/{id}#notes-heading", side.base())))
}
