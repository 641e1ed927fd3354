//! A pupil sends their form: every field is checked against the questionnaire, then the response is
//! stored by the writer in one transaction, or nothing is stored and the refusal says why.
//!
//! The questionnaire and grade are remembered from the form page ([`super::form_facts`]), so a
//! submission goes straight to the writer ([`remembered`]), whose transaction checks everything that
//! can change (spent token, wave open, roll, used code) by the admission rule. Only when this process
//! has not seen the form (a restart, another instance) are the wave's rows read first
//! ([`super::open_form::check`]). Nothing about a submission is logged.

use chrono::NaiveDate;

use super::error::{UseCaseError, UseCaseResult};
use super::open_form::ReadyForm;
use super::pupil_path::PupilPath;
use crate::db::group_commit::Submitter;
use crate::db::responses::{NewResponse, SubmitError};
use crate::domain::instrument::{Answers, parse_answers};
use crate::domain::survey::admission::Refusal;
use crate::domain::survey::catalog::Catalog;
use crate::domain::survey::form_token::FormGrant;

/// Why a response was not stored; nothing was.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SubmitRefusal {
    /// A field that is not on the pupil's questionnaire, or a value outside its options.
    BadAnswers,
    /// The form's class-in-wave does not exist (a forged or long-deleted form).
    UnknownSeat,
    /// The admission rule refuses the form's seat as the writer found it.
    Refused(Refusal),
}

/// The form as this process remembers it from its page, ready for the writer without a read;
/// otherwise the grant back, for [`super::open_form::check`].
pub fn remembered(path: &PupilPath, grant: FormGrant) -> Result<ReadyForm, FormGrant> {
    match path.facts.get(grant.wave_class_id) {
        Some(facts) => Ok(ReadyForm { grant, facts }),
        None => Err(grant),
    }
}

/// The sent `fields` (the form's own fields already removed) checked against the form's
/// questionnaire and grade. From now on any view of the form reads the wave again: a form being sent
/// is no longer fresh.
pub fn answers<'a>(
    path: &PupilPath,
    catalog: &Catalog,
    form: &ReadyForm,
    fields: impl IntoIterator<Item = (&'a str, &'a str)>,
) -> UseCaseResult<Result<Answers, SubmitRefusal>> {
    path.fresh.submitted(&form.grant.nonce);
    let (instrument, grade) = form.facts.instrument(catalog)?;
    Ok(parse_answers(instrument, grade, fields).map_err(|_| SubmitRefusal::BadAnswers))
}

/// Stores the checked `answers` of `form` on the pupil's day `today` through the writer; returns once
/// the response is committed, or refused (nothing stored).
pub async fn store(
    submitter: &Submitter,
    form: ReadyForm,
    answers: &Answers,
    today: NaiveDate,
) -> UseCaseResult<Result<(), SubmitRefusal>> {
    let answers_json =
        serde_json::Value::Object(answers.iter().map(|(item, value)| (item.to_owned(), value.into())).collect())
            .to_string();
    let grant = form.grant;
    let response = NewResponse {
        wave_class_id: grant.wave_class_id,
        nonce: grant.nonce,
        code_hash: grant.code_hash,
        lang: grant.lang,
        today,
        answers_json,
    };
    match submitter.submit(response).await {
        Ok(_) => Ok(Ok(())),
        Err(SubmitError::Refused(refusal)) => Ok(Err(SubmitRefusal::Refused(refusal))),
        Err(SubmitError::UnknownSeat) => Ok(Err(SubmitRefusal::UnknownSeat)),
        Err(SubmitError::Db(error)) => Err(UseCaseError::Db(error)),
    }
}
