//! `POST /survey/submit`: where the questionnaire of the previous release posted, with its signed
//! token in the `_token` field. A pupil whose form was served before an upgrade can still send it: the
//! token is verified (signature and expiry) and the same use case runs as for
//! `POST /survey/{pass}` ([`super::send`]). Forms live two hours, so this route can be removed one
//! release after the one that made the form post to its own address. Nothing about the request is
//! logged.

use actix_web::{HttpRequest, HttpResponse, web};
use chrono::Utc;

use super::form::refused_form;
use super::send::{deliver, fields_of, refused_submission};
use crate::app::open_form::{self, FormRefusal};
use crate::app::submit_response::SubmitRefusal;
use crate::web::lang::request_lang;
use crate::web::{AppError, AppState};

/// The form field that carried the token; item ids never start with `_`.
const TOKEN_FIELD: &str = "_token";

/// `POST /survey/submit`, from a form served by the previous release.
pub async fn submit(req: HttpRequest, state: web::Data<AppState>, body: web::Bytes) -> Result<HttpResponse, AppError> {
    let fallback = request_lang(&req);
    let Some(pairs) = fields_of(&body) else { return Ok(refused_submission(fallback, SubmitRefusal::BadAnswers)) };
    let tokens: Vec<&str> = pairs.iter().filter(|(k, _)| k == TOKEN_FIELD).map(|(_, v)| v.as_str()).collect();
    let [token] = tokens[..] else { return Ok(refused_form(fallback, FormRefusal::Forged)) };
    let grant = match open_form::verify(&state.pupil, token, Utc::now().timestamp()) {
        Ok(grant) => grant,
        Err(refusal) => return Ok(refused_form(fallback, refusal)),
    };
    let fields = pairs.iter().filter(|(k, _)| k != TOKEN_FIELD).map(|(k, v)| (k.as_str(), v.as_str()));
    deliver(&state, grant, fields).await
}
