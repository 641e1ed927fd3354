//! Coming back to the trust box: `GET /trust/back` (the form), `POST /trust/back` (the conversation,
//! for the right receipt and PIN), `POST /trust/back/write` (writing again), and `GET /trust/done`
//! (the way out that leaves nothing behind). Each form is taken once (`super::trust_form`): sent again
//! from the tab's history, it shows nothing. Wrong receipts and PINs get one answer and are
//! throttled with wrong class passwords; writing again has a pace of its own per address
//! (`domain::trust_box::pace`). Nothing about the request is logged.

use std::net::IpAddr;
use std::time::Instant;

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use chrono::Utc;
use serde::Deserialize;

use super::super::html_page;
use super::start::{client, with_start_policy};
use super::trust_form::{fresh, refused_post};
use super::trust_write::text_problem;
use crate::app::trust_box::pupil::{self, AgainRefusal, PupilThread};
use crate::domain::lang::Lang;
use crate::domain::trust_box::pace::Writing;
use crate::domain::trust_box::receipt::{Pin, Receipt};
use crate::domain::trust_box::text::MessageText;
use crate::web::lang::request_lang;
use crate::web::views::pupil::trust_back::{back_page, done_page, thread_page};
use crate::web::{AppError, AppState};

/// `GET /trust/back`.
pub async fn show(req: HttpRequest) -> HttpResponse {
    with_start_policy(html_page(StatusCode::OK, back_page(request_lang(&req), None, &fresh())))
}

/// `GET /trust/done`.
pub async fn done(req: HttpRequest) -> HttpResponse {
    html_page(StatusCode::OK, done_page(request_lang(&req)))
}

/// The receipt form (and the same two fields, hidden, on the form to write again).
#[derive(Deserialize)]
pub struct BackForm {
    /// The form's single-use token.
    #[serde(default)]
    form: String,
    #[serde(default)]
    receipt: String,
    #[serde(default)]
    pin: String,
    #[serde(default)]
    text: String,
}

/// The receipt and PIN a form names, when both could be ones.
fn credentials(form: &BackForm) -> Option<(Receipt, Option<Pin>)> {
    Some((Receipt::parse(&form.receipt)?, Pin::parse(&form.pin).ok()?))
}

/// The page that refuses a wrong receipt or PIN (one answer for both), counted against the client's
/// budget for wrong secrets.
fn not_found(state: &AppState, lang: Lang, client: Option<IpAddr>, now: Instant) -> HttpResponse {
    state.pupil.tried_wrong(client, now);
    html_page(StatusCode::UNAUTHORIZED, back_page(lang, Some("trust-not-found"), &fresh()))
}

/// The page that refuses a client over its budget for wrong secrets.
fn too_many_attempts(lang: Lang) -> HttpResponse {
    html_page(StatusCode::TOO_MANY_REQUESTS, back_page(lang, Some("pupil-too-many-attempts"), &fresh()))
}

/// The conversation of the form's receipt and PIN, or the page that refuses (throttled, or one answer
/// for every wrong receipt or PIN, counted against the client's budget).
async fn thread_of(
    req: &HttpRequest,
    state: &AppState,
    form: &BackForm,
) -> Result<Result<PupilThread, HttpResponse>, AppError> {
    let (lang, client, now) = (request_lang(req), client(req, &state.settings.trusted_proxies), Instant::now());
    if !state.pupil.allows(client, now) {
        return Ok(Err(too_many_attempts(lang)));
    }
    let found = match credentials(form) {
        Some((receipt, pin)) => {
            let key = state.trust_box.clone();
            state.use_case(move |conn| pupil::read(conn, &key, &receipt, pin.as_ref())).await?
        }
        None => None,
    };
    Ok(found.ok_or_else(|| not_found(state, lang, client, now)))
}

fn shown(lang: Lang, status: StatusCode, thread: &PupilThread, form: &BackForm, problem: Option<&str>) -> HttpResponse {
    let receipt = Receipt::parse(&form.receipt).map(|r| r.display()).unwrap_or_default();
    with_start_policy(html_page(status, thread_page(lang, thread, &receipt, form.pin.trim(), problem, &fresh())))
}

/// `POST /trust/back`: the conversation with its replies (403 from another site, 409 for a form sent
/// before, nothing shown).
pub async fn open(
    req: HttpRequest,
    state: web::Data<AppState>,
    form: web::Form<BackForm>,
) -> Result<HttpResponse, AppError> {
    // Another site's page must not spend this address's budget for wrong receipts, nor read a thread.
    if let Some(refused) = refused_post(&req, &state, &form.form).await? {
        return Ok(refused);
    }
    Ok(match thread_of(&req, &state, &form).await? {
        Ok(thread) => shown(request_lang(&req), StatusCode::OK, &thread, &form, None),
        Err(refused) => with_start_policy(refused),
    })
}

/// `POST /trust/back/write`: a further message; the conversation again, with it or with the problem.
/// In order: the form's token (409 for a form sent before, nothing read or stored), the pace of
/// writing and the budget for wrong secrets (429, nothing read or stored), the receipt's form, the
/// words, then one use case that writes (when the words are fine) and reads the conversation once to
/// show it: 200 with the new message, 400 beside the problem with the words, 409 when it is closed,
/// 401 for a wrong receipt or PIN.
pub async fn write_again(
    req: HttpRequest,
    state: web::Data<AppState>,
    form: web::Form<BackForm>,
) -> Result<HttpResponse, AppError> {
    let lang = request_lang(&req);
    if let Some(refused) = refused_post(&req, &state, &form.form).await? {
        return Ok(refused);
    }
    let (client, now) = (client(&req, &state.settings.trusted_proxies), Instant::now());
    if !state.pupil.may_write(Writing::Again, client, now) {
        let page = back_page(lang, Some("trust-error-too-many-again"), &fresh());
        return Ok(with_start_policy(html_page(StatusCode::TOO_MANY_REQUESTS, page)));
    }
    if !state.pupil.allows(client, now) {
        return Ok(with_start_policy(too_many_attempts(lang)));
    }
    let Some((receipt, pin)) = credentials(&form) else {
        return Ok(with_start_policy(not_found(&state, lang, client, now)));
    };
    let (text, problem) = match MessageText::parse(&form.text) {
        Ok(text) => (Some(text), None),
        Err(error) => (None, Some(text_problem(error))),
    };
    let (key, plan) = (state.trust_box.clone(), state.notify.clone());
    let (stored, thread) = state
        .use_case(move |conn| {
            let stored = match &text {
                Some(text) => Some(pupil::write_again(conn, &key, &plan, &receipt, pin.as_ref(), text, Utc::now())?),
                None => None,
            };
            pupil::read(conn, &key, &receipt, pin.as_ref()).map(|thread| (stored, thread))
        })
        .await?;
    let status = match stored {
        None => StatusCode::BAD_REQUEST,
        Some(Ok(())) => {
            state.pupil.wrote(Writing::Again, client, now);
            StatusCode::OK
        }
        Some(Err(AgainRefusal::Closed)) => StatusCode::CONFLICT,
        Some(Err(AgainRefusal::NotFound)) => StatusCode::UNAUTHORIZED,
    };
    Ok(match thread {
        Some(thread) if status != StatusCode::UNAUTHORIZED => shown(lang, status, &thread, &form, problem),
        _ => with_start_policy(not_found(&state, lang, client, now)),
    })
}
