//! `/api/v1/referrals`: the caller's referrals (a centre its region's, a psychologist their school's),
//! one referral with its notes, life-cycle steps (centre staff only) and notes. JSON bodies only, so
//! a cross-site form cannot post here with a session cookie. Every read is audited (`api_referral_list`,
//! `api_referral`); steps and notes are audited where they are stored. A referral of the region names
//! no school: `"place": "region"` with `"school": null`, `"class": null` and `"wave_id": null`.

use actix_web::{HttpResponse, web};
use chrono::Utc;
use serde::Deserialize;
use utoipa::ToSchema;

use super::caller::ApiCaller;
use super::openapi::{ApiErrorBody, IdPath};
use super::referral_json::{ReferralJson, ReferralList, closing_outcome_schema, next_status_schema};
use crate::app::move_referral::{Step, move_referral};
use crate::app::note_referral;
use crate::app::read_referrals::{self, referral_scope};
use crate::domain::audit::AuditAction;
use crate::domain::ids::{ReferralId, UserId};
use crate::domain::referral::{InboxFilter, NoteText, ReferralScope};
use crate::web::nul_text::refuse_nul;
use crate::web::referral_pages::{move_refused, note_refused, step_refused};
use crate::web::{AppError, AppState};

fn scope(caller: &ApiCaller) -> ReferralScope {
    referral_scope(&caller.scope)
}

/// `GET /api/v1/referrals`, in inbox order; recorded as `api_referral_list` on the caller's scope.
#[utoipa::path(get, path = "/referrals", operation_id = "list_referrals",
    summary = "Referrals in the caller's scope (a centre: its region; a psychologist: their school)",
    responses((status = 200, description = "the caller's referrals, most severe first, then by deadline", body = ReferralList)))]
pub async fn list(caller: ApiCaller, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let scope = scope(&caller);
    let now = Utc::now().naive_utc();
    let actor = caller.account.id;
    let found = state
        .use_case(move |conn| {
            read_referrals::inbox(conn, &scope, &InboxFilter::default(), actor, AuditAction::ApiReferralList, now)
        })
        .await?;
    let referrals = found.iter().map(|r| ReferralJson::of(r, now)).collect();
    Ok(HttpResponse::Ok().json(ReferralList { referrals }))
}

/// The referral with its notes; when `look` names an actor, the read is recorded as `api_referral` (a
/// step or a note answered with the referral is recorded where it is stored instead).
async fn one(
    state: &AppState,
    scope: ReferralScope,
    id: ReferralId,
    look: Option<UserId>,
) -> Result<HttpResponse, AppError> {
    let now = Utc::now().naive_utc();
    let (referral, notes) = state
        .use_case(move |conn| {
            read_referrals::one(conn, &scope, id, look.map(|actor| (actor, AuditAction::ApiReferral)), now)
        })
        .await?;
    Ok(HttpResponse::Ok().json(ReferralJson::of(&referral, now).with_notes(&notes)))
}

/// `GET /api/v1/referrals/{id}`, with its notes; recorded as `api_referral`.
#[utoipa::path(get, path = "/referrals/{id}", operation_id = "show_referral", summary = "One referral with its notes", params(IdPath),
    responses((status = 200, description = "the referral with its notes", body = ReferralJson)))]
pub async fn show(
    caller: ApiCaller,
    state: web::Data<AppState>,
    id: web::Path<ReferralId>,
) -> Result<HttpResponse, AppError> {
    one(&state, scope(&caller), id.into_inner(), Some(caller.account.id)).await
}

/// The body of a transition.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TransitionBody {
    #[schema(schema_with = next_status_schema)]
    to: String,
    #[schema(schema_with = closing_outcome_schema)]
    outcome: Option<String>,
    /// required with no_action
    reason: Option<String>,
    #[schema(max_length = 4000)]
    note: Option<String>,
}

/// `POST /api/v1/referrals/{id}/transition` (centre staff): 409 with a message when refused.
#[utoipa::path(post, path = "/referrals/{id}/transition", operation_id = "move_referral", summary = "Move a referral one step (centre staff only)",
    params(IdPath), request_body = TransitionBody,
    responses(
        (status = 200, description = "moved; the referral as it now stands", body = ReferralJson),
        (status = 400, description = "not JSON, an unknown field or status", body = ApiErrorBody),
        (status = 409, description = "not the next step of new → acknowledged → in_progress → closed, or closing without an outcome (no_action needs a reason)", body = ApiErrorBody),
    ))]
pub async fn transition(
    caller: ApiCaller,
    state: web::Data<AppState>,
    id: web::Path<ReferralId>,
    body: web::Json<TransitionBody>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let scope = scope(&caller);
    if !matches!(scope, ReferralScope::Region(_)) {
        return Err(AppError::Forbidden);
    }
    let texts = [body.outcome.as_deref(), body.reason.as_deref(), body.note.as_deref()];
    refuse_nul(std::iter::once(body.to.as_str()).chain(texts.into_iter().flatten()))?;
    let step = Step::asked(&body.to, body.outcome.as_deref(), body.reason.as_deref(), body.note.as_deref())
        .map_err(step_refused)?;
    let actor = caller.account.id;
    let now = Utc::now().naive_utc();
    let check = scope.clone();
    state.use_case(move |conn| move_referral(conn, &check, id, &step, actor, now).map_err(move_refused)).await?;
    one(&state, scope, id, None).await
}

/// The body of a note.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NoteBody {
    #[schema(max_length = 4000)]
    body: String,
}

/// `POST /api/v1/referrals/{id}/notes`: 201 with the referral and its notes.
#[utoipa::path(post, path = "/referrals/{id}/notes", operation_id = "add_note", summary = "Add a note (centre staff or the school's psychologist)",
    params(IdPath), request_body = NoteBody,
    responses(
        (status = 201, description = "added; the referral with its notes", body = ReferralJson),
        (status = 400, description = "empty or longer than 4,000 characters", body = ApiErrorBody),
    ))]
pub async fn add_note(
    caller: ApiCaller,
    state: web::Data<AppState>,
    id: web::Path<ReferralId>,
    body: web::Json<NoteBody>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    refuse_nul([body.body.as_str()])?;
    let note = NoteText::parse(&body.body).map_err(note_refused)?;
    let scope = scope(&caller);
    let author = caller.account.id;
    let now = Utc::now().naive_utc();
    let check = scope.clone();
    state.use_case(move |conn| note_referral::add_note(conn, &check, id, author, &note, now)).await?;
    let mut response = one(&state, scope, id, None).await?;
    *response.status_mut() = actix_web::http::StatusCode::CREATED;
    Ok(response)
}
