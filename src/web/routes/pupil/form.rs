//! `GET /survey/{pass}`: the questionnaire for one pupil. Reached by redirect after the password, so
//! refresh re-shows an empty form and Back after submitting finds the form spent. The address carries
//! the pupil's form grant sealed ([`form_pass`](crate::domain::survey::form_pass)): it names no nonce,
//! code or class. The form posts back to the same address ([`super::send`]), so the page itself
//! carries nothing of the pupil.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse};
use chrono::Utc;

use super::super::html_page;
use crate::app::open_form::{self, FormRefusal, ReadyForm};
use crate::domain::lang::Lang;
use crate::domain::survey::form_token::FormGrant;
use crate::domain::survey::wave::local_date;
use crate::web::lang::request_lang;
use crate::web::survey_pages::survey_response;
use crate::web::views::pupil::notice::{Notice, notice_page};
use crate::web::{AppError, AppState};

/// The page that explains a refused form in `lang`.
pub fn refused_form(lang: Lang, refusal: FormRefusal) -> HttpResponse {
    let (status, notice) = match refusal {
        FormRefusal::Forged => (StatusCode::BAD_REQUEST, Notice::Forged),
        FormRefusal::Expired => (StatusCode::CONFLICT, Notice::Expired),
        FormRefusal::Refused(refusal) => (StatusCode::CONFLICT, refusal.into()),
    };
    html_page(status, notice_page(lang, notice))
}

/// The verified `grant`'s form, ready or refused ([`open_form`]): from memory on its first view,
/// otherwise checked over a connection.
pub async fn open(state: &AppState, grant: FormGrant) -> Result<Result<ReadyForm, FormRefusal>, AppError> {
    match open_form::fresh_view(&state.pupil, grant) {
        Ok(ready) => Ok(Ok(ready)),
        Err(grant) => {
            let (pupil, today) = (state.pupil.clone(), local_date(Utc::now()));
            state.use_case(move |conn| open_form::check(conn, &pupil, grant, today)).await
        }
    }
}

/// `GET /survey/{pass}`: the form whose grant is sealed in `pass`.
pub async fn show(req: &HttpRequest, state: &AppState, pass: &str) -> Result<HttpResponse, AppError> {
    let grant = match open_form::unseal(&state.pupil, pass, Utc::now().timestamp()) {
        Ok(grant) => grant,
        Err(refusal) => return Ok(refused_form(request_lang(req), refusal)),
    };
    let lang = grant.lang;
    let ready = match open(state, grant).await? {
        Ok(ready) => ready,
        Err(refusal) => return Ok(refused_form(lang, refusal)),
    };
    let (instrument, grade) = ready.facts.instrument(&state.catalog)?;
    Ok(survey_response(req, &state.survey_pages.page(lang, instrument, grade)))
}
