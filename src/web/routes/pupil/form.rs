//! `GET /survey/{pass}`: the questionnaire for one pupil. Reached by redirect after the password, so
//! refresh re-shows an empty form and Back after submitting finds the token spent. The address carries
//! the pupil's form grant sealed ([`form_pass`]): it names no nonce, code or class; the signed token
//! is only in the page's hidden field.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use chrono::Utc;

use super::super::html_page;
use crate::db::access;
use crate::domain::ids::WaveClassId;
use crate::domain::instrument::{Grade, Instrument};
use crate::domain::lang::Lang;
use crate::domain::survey::admission::{Code, Token};
use crate::domain::survey::form_pass;
use crate::domain::survey::form_token::{FormGrant, TokenError};
use crate::domain::survey::wave::local_date;
use crate::web::form_facts::FormFacts;
use crate::web::lang::request_lang;
use crate::web::survey_pages::survey_response;
use crate::web::views::pupil::notice::{Notice, notice_page};
use crate::web::{AppError, AppState};

/// A verified grant with the wave it opens, or the page that explains why not.
pub enum Opened {
    /// The form may be shown or submitted: the class-in-wave and what its form asks.
    Ready(FormGrant, WaveClassId, FormFacts),
    /// Explain and stop.
    Refused(StatusCode, Lang, Notice),
}

/// The status and notice that explain a refused token or pass.
fn refusal(error: TokenError, fallback: Lang) -> (StatusCode, Lang, Notice) {
    match error {
        TokenError::Forged => (StatusCode::BAD_REQUEST, fallback, Notice::Forged),
        TokenError::Expired => (StatusCode::CONFLICT, fallback, Notice::Expired),
    }
}

/// Checks a submitted token's signature and expiry only; otherwise the status and notice that explain
/// why not.
pub fn verify(state: &AppState, token: &str, fallback: Lang) -> Result<FormGrant, (StatusCode, Lang, Notice)> {
    FormGrant::verify(token, state.signing_key(), Utc::now().timestamp()).map_err(|e| refusal(e, fallback))
}

/// Opens the sealed grant of a form's address ([`form_pass`]); otherwise the status and notice that
/// explain why not.
fn unseal(state: &AppState, pass: &str, fallback: Lang) -> Result<FormGrant, (StatusCode, Lang, Notice)> {
    form_pass::open(pass, state.signing_key(), Utc::now().timestamp()).map_err(|e| refusal(e, fallback))
}

/// Checks a verified grant's seat by the admission rule
/// ([`Seat::admit`](crate::domain::survey::admission::Seat::admit)). The first view of a
/// form this process has just issued trusts the password's check of the same rows
/// ([`crate::web::fresh_grants`]).
pub async fn open(state: &AppState, grant: FormGrant) -> Result<Opened, AppError> {
    let lang = grant.lang;
    let id = WaveClassId::parse(&grant.wave_class_id).ok_or(AppError::BadRequest("error-bad-request"))?;
    if state.fresh_grants.first_view(&grant.nonce)
        && let Some(facts) = state.form_facts.get(id)
    {
        return Ok(Opened::Ready(grant, id, facts));
    }
    let (nonce, code) = (grant.nonce.clone(), grant.code_hash.clone());
    let (found, code) = state
        .db(move |conn| {
            let spent = match &code {
                Some(hash) => Some(!access::code_unused(conn, hash)?),
                None => None,
            };
            Ok((access::form_access(conn, id, &nonce)?, Code::single_use(spent)))
        })
        .await?;
    let Some((access, spent)) = found else {
        return Ok(Opened::Refused(StatusCode::BAD_REQUEST, lang, Notice::Forged));
    };
    let facts = FormFacts::of(&access);
    state.form_facts.remember(access.wave_class_id, facts.clone());
    let token = if spent { Token::Spent } else { Token::Unspent };
    Ok(match access.seat(local_date(Utc::now()), code, token).admit(1) {
        Err(refusal) => Opened::Refused(StatusCode::CONFLICT, lang, refusal.into()),
        Ok(()) => Opened::Ready(grant, access.wave_class_id, facts),
    })
}

/// The instrument and grade that `facts` name.
pub fn instrument_of<'a>(state: &'a AppState, facts: &FormFacts) -> Result<(&'a Instrument, Grade), AppError> {
    let instrument = state
        .catalog
        .get(&facts.instrument)
        .ok_or_else(|| AppError::internal(format!("instrument {} is not loaded", facts.instrument)))?;
    let grade = Grade::from_number(facts.grade).ok_or_else(|| AppError::internal("stored grade out of range"))?;
    Ok((instrument, grade))
}

/// `GET /survey/{pass}`: the form whose grant is sealed in `pass`, carrying the signed token.
pub async fn show(
    req: HttpRequest,
    state: web::Data<AppState>,
    pass: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let grant = match unseal(&state, &pass, request_lang(&req)) {
        Ok(grant) => grant,
        Err((status, lang, notice)) => return Ok(html_page(status, notice_page(lang, notice))),
    };
    match open(&state, grant).await? {
        Opened::Refused(status, lang, notice) => Ok(html_page(status, notice_page(lang, notice))),
        Opened::Ready(grant, _, facts) => {
            let (instrument, grade) = instrument_of(&state, &facts)?;
            let page = state
                .survey_pages
                .page(grant.lang, instrument, grade)
                .ok_or_else(|| AppError::internal("the questionnaire page has no single token slot"))?;
            Ok(survey_response(&req, &page, &grant.sign(state.signing_key())))
        }
    }
}
