//! `POST /survey/submit`: checks every field against the instrument, then stores the response in one
//! transaction, or stores nothing and says why in the pupil's language. Nothing about the request is
//! logged.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use chrono::Utc;

use super::super::{html_page, see_other};
use super::form::{Opened, instrument_of, open, verify};
use crate::db::responses::{NewResponse, SubmitError};
use crate::domain::ids::WaveClassId;
use crate::domain::instrument::parse_answers;
use crate::domain::survey::wave::local_date;
use crate::web::lang::request_lang;
use crate::web::views::pupil::notice::{Notice, notice_page};
use crate::web::{AppError, AppState};

/// The form field that carries the token; item ids never start with `_`.
pub const TOKEN_FIELD: &str = "_token";

fn refused(status: StatusCode, lang: crate::domain::lang::Lang, notice: Notice) -> Result<HttpResponse, AppError> {
    Ok(html_page(status, notice_page(lang, notice)))
}

/// `POST /survey/submit`.
pub async fn submit(req: HttpRequest, state: web::Data<AppState>, body: web::Bytes) -> Result<HttpResponse, AppError> {
    let fallback = request_lang(&req);
    let Ok(pairs) = serde_urlencoded::from_bytes::<Vec<(String, String)>>(&body) else {
        return refused(StatusCode::BAD_REQUEST, fallback, Notice::BadAnswers);
    };
    let tokens: Vec<&str> = pairs.iter().filter(|(k, _)| k == TOKEN_FIELD).map(|(_, v)| v.as_str()).collect();
    let [token] = tokens[..] else { return refused(StatusCode::BAD_REQUEST, fallback, Notice::Forged) };
    let grant = match verify(&state, token, fallback) {
        Ok(grant) => grant,
        Err((status, lang, notice)) => return refused(status, lang, notice),
    };
    let remembered = WaveClassId::parse(&grant.wave_class_id).and_then(|id| state.form_facts.get(id).map(|f| (id, f)));
    // The questionnaire and grade are remembered from the form page; the writer's transaction checks
    // everything that can change. Only when this process has not seen the form (a restart, another
    // instance) are the wave's rows read first.
    let (grant, wave_class_id, (instrument, grade)) = match remembered {
        Some((id, facts)) => (grant, id, instrument_of(&state, &facts)?),
        None => match open(&state, grant).await? {
            Opened::Ready(grant, id, facts) => (grant, id, instrument_of(&state, &facts)?),
            Opened::Refused(status, lang, notice) => return refused(status, lang, notice),
        },
    };
    let lang = grant.lang;
    state.fresh_grants.submitted(&grant.nonce);
    let fields = pairs.iter().filter(|(k, _)| k != TOKEN_FIELD).map(|(k, v)| (k.as_str(), v.as_str()));
    let Ok(answers) = parse_answers(instrument, grade, fields) else {
        return refused(StatusCode::BAD_REQUEST, lang, Notice::BadAnswers);
    };
    let answers_json =
        serde_json::Value::Object(answers.iter().map(|(item, value)| (item.to_owned(), value.into())).collect())
            .to_string();
    let today = local_date(Utc::now());
    let new = NewResponse { wave_class_id, nonce: grant.nonce, code_hash: grant.code_hash, lang, today, answers_json };
    match state.submitter.submit(new).await {
        Ok(_) => Ok(see_other(&format!("/thanks?lang={}", lang.code()))),
        Err(SubmitError::Refused(refusal)) => refused(StatusCode::CONFLICT, lang, refusal.into()),
        Err(SubmitError::UnknownSeat) => refused(StatusCode::CONFLICT, lang, Notice::Forged),
        Err(SubmitError::Db(error)) => Err(AppError::Db(error)),
    }
}
