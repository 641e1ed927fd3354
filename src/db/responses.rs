//! Storing one pupil's response, all or nothing: the form's nonce is spent, the wave must be open,
//! a code (in codes mode) is marked used, the class's count rises only below its roll, and the row is
//! written with nothing that identifies the pupil.

use chrono::NaiveDate;
use diesel::prelude::*;

use super::DbConnection;
use super::error::DbError;
use super::schema::{access_codes, responses, spent_form_tokens, wave_classes};
use super::waves;
use crate::domain::ids::{WaveClassId, WaveId};
use crate::domain::lang::Lang;
use crate::domain::survey::wave::WaveStatus;

/// One response to store.
#[derive(Debug, Clone)]
pub struct NewResponse {
    /// Where the pupil answered.
    pub wave_class_id: WaveClassId,
    /// The form token's nonce.
    pub nonce: String,
    /// A day after which the nonce may be forgotten.
    pub nonce_expires_on: NaiveDate,
    /// The single-use code to spend, in codes mode.
    pub code_hash: Option<String>,
    /// The language the pupil answered in.
    pub lang: Lang,
    /// The day (in Kazakhstan), never the time.
    pub today: NaiveDate,
    /// The checked answers as a JSON object `{"item": value}`.
    pub answers_json: String,
}

/// Why a response was not stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// This form was already submitted.
    AlreadySubmitted,
    /// The wave is closed or not yet open.
    WaveNotOpen,
    /// The class already has as many responses as pupils.
    ClassFull,
    /// The single-use code was already used.
    CodeUsed,
    /// The class-in-wave does not exist.
    Unknown,
}

/// A refusal or a database failure; either way nothing was written.
#[derive(Debug)]
pub enum SubmitError {
    /// Refused by a rule.
    Refused(Refusal),
    /// The database failed.
    Db(DbError),
}

impl From<diesel::result::Error> for SubmitError {
    fn from(error: diesel::result::Error) -> Self {
        SubmitError::Db(DbError::from(error))
    }
}

impl From<DbError> for SubmitError {
    fn from(error: DbError) -> Self {
        SubmitError::Db(error)
    }
}

/// Stores the response in one transaction; returns its random id.
pub fn submit(conn: &mut DbConnection, response: &NewResponse) -> Result<String, SubmitError> {
    conn.transaction(|conn| {
        // Written first so SQLite takes the write lock at once (and waits for it) rather than upgrading.
        match diesel::insert_into(spent_form_tokens::table)
            .values((
                spent_form_tokens::nonce.eq(&response.nonce),
                spent_form_tokens::expires_on.eq(response.nonce_expires_on),
            ))
            .execute(conn)
            .map_err(DbError::from)
        {
            Err(DbError::Duplicate(_)) => return Err(SubmitError::Refused(Refusal::AlreadySubmitted)),
            other => other?,
        };
        let access =
            waves::access_by_id(conn, response.wave_class_id, None)?.ok_or(SubmitError::Refused(Refusal::Unknown))?;
        if access.wave.status(response.today) != WaveStatus::Open {
            return Err(SubmitError::Refused(Refusal::WaveNotOpen));
        }
        if let Some(code) = &response.code_hash {
            let spent = diesel::update(
                access_codes::table
                    .find(code)
                    .filter(access_codes::wave_class_id.eq(response.wave_class_id.to_string()))
                    .filter(access_codes::used.eq(false)),
            )
            .set(access_codes::used.eq(true))
            .execute(conn)?;
            if spent != 1 {
                return Err(SubmitError::Refused(Refusal::CodeUsed));
            }
        }
        let counted = diesel::update(
            wave_classes::table
                .find(response.wave_class_id.to_string())
                .filter(wave_classes::responses.lt(wave_classes::roll)),
        )
        .set(wave_classes::responses.eq(wave_classes::responses + 1))
        .execute(conn)?;
        if counted != 1 {
            return Err(SubmitError::Refused(Refusal::ClassFull));
        }
        let id = uuid::Uuid::new_v4().to_string();
        let class_id: String =
            wave_classes::table.find(response.wave_class_id.to_string()).select(wave_classes::class_id).first(conn)?;
        diesel::insert_into(responses::table)
            .values((
                responses::id.eq(&id),
                responses::wave_id.eq(access.wave.id.to_string()),
                responses::class_id.eq(class_id),
                responses::instrument_version.eq(access.wave.instrument_version as i32),
                responses::lang.eq(response.lang.code()),
                responses::submitted_on.eq(response.today),
                responses::answers.eq(&response.answers_json),
            ))
            .execute(conn)?;
        Ok(id)
    })
}

/// Forgets spent nonces whose forms can no longer be submitted anyway.
pub fn forget_spent_tokens(conn: &mut DbConnection, today: NaiveDate) -> Result<usize, DbError> {
    Ok(diesel::delete(spent_form_tokens::table.filter(spent_form_tokens::expires_on.lt(today))).execute(conn)?)
}

/// A stored response as read back for tests, exports of raw counts and recounts (never shown to staff).
#[derive(Debug, Clone, Queryable)]
pub struct StoredResponse {
    /// Random id.
    pub id: String,
    /// Wave id.
    pub wave_id: String,
    /// Class id.
    pub class_id: String,
    /// Instrument version.
    pub instrument_version: i32,
    /// Language.
    pub lang: String,
    /// Day.
    pub submitted_on: NaiveDate,
    /// Answers as JSON.
    pub answers: String,
}

/// The class and answers of every response of a wave, for counting (never rendered one by one).
pub fn answers_of(conn: &mut DbConnection, wave: WaveId) -> Result<Vec<(String, String)>, DbError> {
    Ok(responses::table
        .filter(responses::wave_id.eq(wave.to_string()))
        .select((responses::class_id, responses::answers))
        .load(conn)?)
}

/// Every response of a wave (for aggregation and verification; never rendered one by one).
pub fn of_wave(conn: &mut DbConnection, wave: &str) -> Result<Vec<StoredResponse>, DbError> {
    Ok(responses::table
        .filter(responses::wave_id.eq(wave))
        .select((
            responses::id,
            responses::wave_id,
            responses::class_id,
            responses::instrument_version,
            responses::lang,
            responses::submitted_on,
            responses::answers,
        ))
        .load(conn)?)
}
