//! `POST /survey/submit`: checks every field against the instrument, then stores the response in one
//! transaction, or stores nothing and says why in the pupil's language ([`submit_response`]). Nothing
//! about the request is logged.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use chrono::Utc;

use super::super::{html_page, see_other};
use super::form::{open, refused_form};
use crate::app::open_form;
use crate::app::submit_response::{self, SubmitRefusal};
use crate::domain::lang::Lang;
use crate::domain::survey::wave::local_date;
use crate::web::lang::request_lang;
use crate::web::views::pupil::notice::{Notice, notice_page};
use crate::web::{AppError, AppState};

/// The form field that carries the token; item ids never start with `_`.
pub const TOKEN_FIELD: &str = "_token";

/// The page that explains a refused submission in `lang`.
fn refused_submission(lang: Lang, refusal: SubmitRefusal) -> HttpResponse {
    let (status, notice) = match refusal {
        SubmitRefusal::BadAnswers => (StatusCode::BAD_REQUEST, Notice::BadAnswers),
        SubmitRefusal::UnknownSeat => (StatusCode::CONFLICT, Notice::Forged),
        SubmitRefusal::Refused(refusal) => (StatusCode::CONFLICT, refusal.into()),
    };
    html_page(status, notice_page(lang, notice))
}

/// `POST /survey/submit`.
pub async fn submit(req: HttpRequest, state: web::Data<AppState>, body: web::Bytes) -> Result<HttpResponse, AppError> {
    let fallback = request_lang(&req);
    let Ok(pairs) = serde_urlencoded::from_bytes::<Vec<(String, String)>>(&body) else {
        return Ok(refused_submission(fallback, SubmitRefusal::BadAnswers));
    };
    let tokens: Vec<&str> = pairs.iter().filter(|(k, _)| k == TOKEN_FIELD).map(|(_, v)| v.as_str()).collect();
    let [token] = tokens[..] else { return Ok(refused_form(fallback, open_form::FormRefusal::Forged)) };
    let grant = match open_form::verify(&state.pupil, token, Utc::now().timestamp()) {
        Ok(grant) => grant,
        Err(refusal) => return Ok(refused_form(fallback, refusal)),
    };
    let lang = grant.lang;
    let form = match submit_response::remembered(&state.pupil, grant) {
        Ok(form) => form,
        Err(grant) => match open(&state, grant).await? {
            Ok(form) => form,
            Err(refusal) => return Ok(refused_form(lang, refusal)),
        },
    };
    let fields = pairs.iter().filter(|(k, _)| k != TOKEN_FIELD).map(|(k, v)| (k.as_str(), v.as_str()));
    let answers = match submit_response::answers(&state.pupil, &state.catalog, &form, fields)? {
        Ok(answers) => answers,
        Err(refusal) => return Ok(refused_submission(lang, refusal)),
    };
    match submit_response::store(&state.submitter, form, &answers, local_date(Utc::now())).await? {
        Ok(()) => Ok(see_other(&format!("/thanks?lang={}", lang.code()))),
        Err(refusal) => Ok(refused_submission(lang, refusal)),
    }
}
