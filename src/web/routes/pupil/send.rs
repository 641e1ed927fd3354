//! `POST /survey/{pass}`: the questionnaire posts to its own address, whose sealed grant
//! ([`form_pass`](crate::domain::survey::form_pass)) is opened exactly as the page's `GET` opens it
//! (same expiry, same refusals). Every field is checked against the questionnaire, then the response
//! is stored in one transaction, or nothing is stored and the page says why in the pupil's language
//! ([`submit_response`]). Nothing about the request is logged.
//!
//! So the page carries nothing of the pupil: it is the same bytes for every pupil with the same
//! questionnaire, grade and language, rendered and gzipped once ([`crate::web::survey_pages`]).

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse};
use chrono::Utc;

use super::super::{html_page, see_other};
use super::form::{open, refused_form};
use crate::app::open_form;
use crate::app::submit_response::{self, SubmitRefusal};
use crate::domain::lang::Lang;
use crate::domain::survey::form_token::FormGrant;
use crate::domain::survey::wave::local_date;
use crate::web::lang::request_lang;
use crate::web::views::pupil::notice::{Notice, notice_page};
use crate::web::{AppError, AppState};

/// The sent form's fields, name and value, in the order sent; `None` when the body is not a form.
pub(super) fn fields_of(body: &[u8]) -> Option<Vec<(String, String)>> {
    serde_urlencoded::from_bytes(body).ok()
}

/// The page that explains a refused submission in `lang`.
pub(super) fn refused_submission(lang: Lang, refusal: SubmitRefusal) -> HttpResponse {
    let (status, notice) = match refusal {
        SubmitRefusal::BadAnswers => (StatusCode::BAD_REQUEST, Notice::BadAnswers),
        SubmitRefusal::UnknownSeat => (StatusCode::CONFLICT, Notice::Forged),
        SubmitRefusal::Refused(refusal) => (StatusCode::CONFLICT, refusal.into()),
    };
    html_page(status, notice_page(lang, notice))
}

/// `POST /survey/{pass}`.
pub async fn send(req: &HttpRequest, state: &AppState, pass: &str, body: &[u8]) -> Result<HttpResponse, AppError> {
    let grant = match open_form::unseal(&state.pupil, pass, Utc::now().timestamp()) {
        Ok(grant) => grant,
        Err(refusal) => return Ok(refused_form(request_lang(req), refusal)),
    };
    let Some(fields) = fields_of(body) else { return Ok(refused_submission(grant.lang, SubmitRefusal::BadAnswers)) };
    deliver(state, grant, fields.iter().map(|(k, v)| (k.as_str(), v.as_str()))).await
}

/// Stores the `fields` sent with the verified `grant`'s form: straight to the writer when this process
/// remembers the form, after one read of its wave otherwise; a redirect to the thank-you page, or the
/// refusal's page.
pub(super) async fn deliver<'a>(
    state: &AppState,
    grant: FormGrant,
    fields: impl IntoIterator<Item = (&'a str, &'a str)>,
) -> Result<HttpResponse, AppError> {
    let lang = grant.lang;
    let form = match submit_response::remembered(&state.pupil, grant) {
        Ok(form) => form,
        Err(grant) => match open(state, grant).await? {
            Ok(form) => form,
            Err(refusal) => return Ok(refused_form(lang, refusal)),
        },
    };
    let answers = match submit_response::answers(&state.pupil, &state.catalog, &form, fields)? {
        Ok(answers) => answers,
        Err(refusal) => return Ok(refused_submission(lang, refusal)),
    };
    match submit_response::store(&state.submitter, form, &answers, local_date(Utc::now())).await? {
        Ok(()) => Ok(see_other(&format!("/thanks?lang={}", lang.code()))),
        Err(refusal) => Ok(refused_submission(lang, refusal)),
    }
}
