//! `/api/v1/referrals`: the caller's referrals (a centre its region's, a psychologist their school's),
//! one referral with its notes, life-cycle steps (centre staff only) and notes. JSON bodies only, so
//! a cross-site form cannot post here with a session cookie. Every read is audited (`api_referral_list`,
//! `api_referral`); steps and notes are audited where they are stored. A referral of the region names
//! no school: `"place": "region"` with `"school": null`, `"class": null` and `"wave_id": null`.

use actix_web::{HttpResponse, web};
use chrono::Utc;
use serde::Deserialize;
use serde_json::json;

use super::caller::ApiCaller;
use crate::db::audit;
use crate::db::referrals::{self, MoveError, Note, Step};
use crate::domain::ids::ReferralId;
use crate::domain::referral::{
    InboxFilter, Outcome, Referral, ReferralPlace, ReferralScope, ReferralStatus, TransitionError,
};
use crate::web::figures::FigureScope;
use crate::web::nul_text::refuse_nul;
use crate::web::referral_pages::{note_text, scope_subject};
use crate::web::{AppError, AppState};

fn scope(caller: &ApiCaller) -> ReferralScope {
    match &caller.scope {
        FigureScope::School(school) => ReferralScope::School(*school),
        FigureScope::Region(region) => ReferralScope::Region(region.clone()),
    }
}

fn referral_json(r: &Referral, now: chrono::NaiveDateTime) -> serde_json::Value {
    json!({
        "id": r.id.to_string(),
        "region": r.region.as_str(),
        "place": match r.place { ReferralPlace::School(_) => "school", ReferralPlace::Region => "region" },
        "school": r.place.school().map(|school| school.code.clone()),
        "class": r.class().map(|(_, label)| label.clone()),
        "wave_id": r.wave_id.map(|w| w.to_string()),
        "source": r.source.as_str(),
        "severity": r.severity.as_str(),
        "status": r.status.as_str(),
        "flags": r.flags.iter().map(|(id, s)| json!({ "indicator": id, "severity": s.as_str() })).collect::<Vec<_>>(),
        "outcome": r.outcome.as_ref().map(|(kind, _)| kind.clone()),
        "outcome_reason": r.outcome.as_ref().and_then(|(_, reason)| reason.clone()),
        "created_at": r.created_at.and_utc().to_rfc3339(),
        "acknowledge_by": r.acknowledge_by.and_utc().to_rfc3339(),
        "acknowledged_at": r.acknowledged_at.map(|t| t.and_utc().to_rfc3339()),
        "closed_at": r.closed_at.map(|t| t.and_utc().to_rfc3339()),
        "overdue": r.overdue(now),
    })
}

fn note_json(note: &Note) -> serde_json::Value {
    json!({ "id": note.id.to_string(), "author": note.author, "side": note.side, "body": note.body, "at": note.at.and_utc().to_rfc3339() })
}

fn referral_id(raw: &str) -> Result<ReferralId, AppError> {
    ReferralId::parse(raw).ok_or(AppError::NotFound)
}

/// `GET /api/v1/referrals`, in inbox order; recorded as `api_referral_list` on the caller's scope.
pub async fn list(caller: ApiCaller, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let scope = scope(&caller);
    let now = Utc::now().naive_utc();
    let actor = caller.account.id.to_string();
    let found = state
        .db(move |conn| {
            let found = referrals::list(conn, &scope, &InboxFilter::default(), now)?;
            audit::append(conn, &actor, "api_referral_list", &scope_subject(&scope))?;
            Ok(found)
        })
        .await?;
    let items: Vec<serde_json::Value> = found.iter().map(|r| referral_json(r, now)).collect();
    Ok(HttpResponse::Ok().json(json!({ "referrals": items })))
}

/// The referral with its notes; when `look` names an actor, the read is recorded as `api_referral` (a
/// step or a note answered with the referral is recorded where it is stored instead).
async fn one(
    state: &AppState,
    scope: ReferralScope,
    id: ReferralId,
    look: Option<String>,
) -> Result<HttpResponse, AppError> {
    let now = Utc::now().naive_utc();
    let (referral, notes) = state
        .db(move |conn| {
            let referral = referrals::get(conn, &scope, id, now)?;
            let notes = referrals::notes(conn, id)?;
            if let Some(actor) = look {
                audit::append(conn, &actor, "api_referral", &format!("referral:{id}"))?;
            }
            Ok((referral, notes))
        })
        .await?;
    let mut body = referral_json(&referral, now);
    body["notes"] = notes.iter().map(note_json).collect();
    Ok(HttpResponse::Ok().json(body))
}

/// `GET /api/v1/referrals/{id}`, with its notes; recorded as `api_referral`.
pub async fn show(
    caller: ApiCaller,
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    one(&state, scope(&caller), referral_id(&id)?, Some(caller.account.id.to_string())).await
}

/// The body of a transition.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TransitionBody {
    to: String,
    outcome: Option<String>,
    reason: Option<String>,
    note: Option<String>,
}

/// `POST /api/v1/referrals/{id}/transition` (centre staff): 409 with a message when refused.
pub async fn transition(
    caller: ApiCaller,
    state: web::Data<AppState>,
    id: web::Path<String>,
    body: web::Json<TransitionBody>,
) -> Result<HttpResponse, AppError> {
    let id = referral_id(&id)?;
    let scope = scope(&caller);
    if !matches!(scope, ReferralScope::Region(_)) {
        return Err(AppError::Forbidden);
    }
    let texts = [body.outcome.as_deref(), body.reason.as_deref(), body.note.as_deref()];
    refuse_nul(std::iter::once(body.to.as_str()).chain(texts.into_iter().flatten()))?;
    let to = ReferralStatus::parse(body.to.trim()).ok_or(AppError::BadRequest("error-bad-request"))?;
    let outcome = match (to, body.outcome.as_deref()) {
        (ReferralStatus::Closed, Some(kind)) => {
            Some(Outcome::parse(kind, body.reason.as_deref()).map_err(|e| AppError::Conflict(e.message_key()))?)
        }
        (ReferralStatus::Closed, None) => {
            return Err(AppError::Conflict(TransitionError::OutcomeRequired.message_key()));
        }
        _ => None,
    };
    let note = match body.note.as_deref().map(str::trim).filter(|n| !n.is_empty()) {
        Some(note) => Some(note_text(note)?),
        None => None,
    };
    let step = Step { to, outcome, note };
    let actor = caller.account.id;
    let now = Utc::now().naive_utc();
    let check = scope.clone();
    match state.db(move |conn| Ok(referrals::move_to(conn, &check, id, &step, actor, now))).await? {
        Ok(_) => one(&state, scope, id, None).await,
        Err(MoveError::Refused(refusal)) => Err(AppError::Conflict(refusal.message_key())),
        Err(MoveError::Db(error)) => Err(error.into()),
    }
}

/// The body of a note.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NoteBody {
    body: String,
}

/// `POST /api/v1/referrals/{id}/notes`: 201 with the referral and its notes.
pub async fn add_note(
    caller: ApiCaller,
    state: web::Data<AppState>,
    id: web::Path<String>,
    body: web::Json<NoteBody>,
) -> Result<HttpResponse, AppError> {
    let id = referral_id(&id)?;
    refuse_nul([body.body.as_str()])?;
    let text = note_text(&body.body)?;
    let scope = scope(&caller);
    let author = caller.account.id;
    let now = Utc::now().naive_utc();
    let check = scope.clone();
    state.db(move |conn| referrals::add_note(conn, &check, id, author, &text, now)).await?;
    let mut response = one(&state, scope, id, None).await?;
    *response.status_mut() = actix_web::http::StatusCode::CREATED;
    Ok(response)
}
