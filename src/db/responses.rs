//! Storing one pupil's response, all or nothing: the form's nonce is spent, the wave must be open,
//! a code (in codes mode) is spent, the class's count rises only below its roll, and the row is
//! written with nothing that identifies the pupil.
//!
//! A single-use code is spent by deleting its row, in the response's transaction. An update (`used =
//! true`) would leave a live row written by that transaction: on PostgreSQL its `xmin` would equal the
//! response's, and a database reader holding the printed list of codes (who got which) could join each
//! pupil to their answers. A deleted row is no longer visible to any query, so no row of the database
//! names the code that admitted a response. (A dead tuple keeps its `xmax` on the page until `VACUUM`,
//! and the write-ahead log keeps every change: those are a superuser's or a backup reader's view, not a
//! database reader's; see `docs/privacy.md`.)

use chrono::NaiveDate;
use diesel::prelude::*;

use super::DbConnection;
use super::access::{self, Access};
use super::batch::insert_rows;
use super::error::DbError;
use super::form_tokens;
use super::instrument_key::stored_version;
use super::schema::{access_codes, responses, wave_classes};
use crate::domain::ids::{ClassId, WaveClassId, WaveId};
use crate::domain::lang::Lang;
use crate::domain::survey::admission::{Code, Refusal, Token};

/// One response to store.
#[derive(Debug, Clone)]
pub struct NewResponse {
    /// Where the pupil answered.
    pub wave_class_id: WaveClassId,
    /// The form token's nonce, issued ahead ([`super::form_tokens::issue`]) and spent here.
    pub nonce: String,
    /// The single-use code to spend, in codes mode.
    pub code_hash: Option<String>,
    /// The language the pupil answered in.
    pub lang: Lang,
    /// The day (in Kazakhstan), never the time.
    pub today: NaiveDate,
    /// The checked answers as a JSON object `{"item": value}`.
    pub answers_json: String,
}

/// Why a response was not stored; either way nothing was written.
#[derive(Debug)]
pub enum SubmitError {
    /// Refused by the admission rule ([`Seat::admit`](crate::domain::survey::admission::Seat::admit)).
    Refused(Refusal),
    /// The class-in-wave does not exist (a forged or long-deleted form).
    UnknownSeat,
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

#[derive(Insertable)]
#[diesel(table_name = responses)]
pub(super) struct ResponseRow<'a> {
    pub(super) id: String,
    wave_id: WaveId,
    class_id: ClassId,
    instrument_version: i32,
    lang: &'static str,
    submitted_on: NaiveDate,
    answers: &'a str,
}

/// What every stored response of one class-in-wave names: its wave, its class and the questionnaire
/// version; shared by one submission, a bulk load and a group-commit batch (`response_set`).
pub(super) struct RowNames {
    wave_id: WaveId,
    class_id: ClassId,
    version: i32,
}

impl RowNames {
    /// The names of a response to `access`.
    pub(super) fn of(access: &Access) -> Result<RowNames, DbError> {
        let version = stored_version(&access.wave.instrument)?;
        Ok(RowNames { wave_id: access.wave.id, class_id: access.class_id, version })
    }

    /// A new response with a random id, answered in `lang` on `today`.
    pub(super) fn row<'a>(&'a self, lang: Lang, today: NaiveDate, answers: &'a str) -> ResponseRow<'a> {
        ResponseRow {
            id: uuid::Uuid::new_v4().to_string(),
            wave_id: self.wave_id,
            class_id: self.class_id,
            instrument_version: self.version,
            lang: lang.code(),
            submitted_on: today,
            answers,
        }
    }
}

/// Counts `added` more responses of a class-in-wave, or refuses them when they would pass its roll.
/// The admission rule ([`Seat::admit`](crate::domain::survey::admission::Seat::admit)) has already said yes on the counts read in this transaction;
/// this conditional update is its mirror at the moment of writing, which keeps the ceiling when
/// another writer counted in between (PostgreSQL lets two transactions read the same count).
pub(super) fn count_within_roll(
    conn: &mut DbConnection,
    wave_class: WaveClassId,
    added: i32,
) -> Result<(), SubmitError> {
    let counted = diesel::update(
        wave_classes::table.find(wave_class).filter((wave_classes::responses + added).le(wave_classes::roll)),
    )
    .set(wave_classes::responses.eq(wave_classes::responses + added))
    .execute(conn)?;
    if counted == 1 { Ok(()) } else { Err(SubmitError::Refused(Refusal::ClassFull)) }
}

/// Stores the response in one transaction; returns its random id.
pub fn submit(conn: &mut DbConnection, response: &NewResponse) -> Result<String, SubmitError> {
    conn.transaction(|conn| submit_unguarded(conn, response))
}

/// Stores the response inside the caller's transaction, without a savepoint of its own: cheaper,
/// but after an error or a refusal some of its rows may be written, so the caller must then roll
/// the whole transaction back (the group-commit writer's fast path; [`submit`] otherwise).
pub fn submit_unguarded(conn: &mut DbConnection, response: &NewResponse) -> Result<String, SubmitError> {
    // Spent first so SQLite takes the write lock at once (and waits for it) rather than upgrading.
    if !form_tokens::spend(conn, &response.nonce).map_err(DbError::from)? {
        return Err(SubmitError::Refused(Refusal::AlreadySent));
    }
    let answers = [(response.lang, response.answers_json.as_str())];
    let mut ids = store(conn, response.wave_class_id, response.today, response.code_hash.as_deref(), &answers)?;
    ids.pop().ok_or(SubmitError::UnknownSeat)
}

/// Stores several responses of one class-in-wave in one transaction, through the same checks,
/// counter and insert as [`submit`] (without form nonces or codes): for bulk loads such as
/// `ahual synth`, where one statement per chunk instead of several per response is what makes millions
/// of rows affordable. All or nothing; refused as a whole when they would exceed the roll.
pub fn submit_many(
    conn: &mut DbConnection,
    wave_class: WaveClassId,
    today: NaiveDate,
    answers: &[(Lang, &str)],
) -> Result<usize, SubmitError> {
    super::write_transaction(conn, |conn| store(conn, wave_class, today, None, answers).map(|ids| ids.len()))
}

/// The common part of a submission: the code (if any) is spent, the admission rule decides on the
/// seat as read in this transaction, and the class's count rises within its roll; then the rows are
/// written with random ids. Runs inside the caller's transaction, whose form token (if any) is already
/// spent.
fn store(
    conn: &mut DbConnection,
    wave_class: WaveClassId,
    today: NaiveDate,
    code_hash: Option<&str>,
    answers: &[(Lang, &str)],
) -> Result<Vec<String>, SubmitError> {
    let access = access::access_by_id(conn, wave_class, None)?.ok_or(SubmitError::UnknownSeat)?;
    let code = match code_hash {
        // Deleted, not marked: see the module documentation.
        Some(code) => Code::single_use(Some(
            diesel::delete(access_codes::table.find(code).filter(access_codes::wave_class_id.eq(wave_class)))
                .execute(conn)?
                != 1,
        )),
        None => Code::ClassPassword,
    };
    let added = u32::try_from(answers.len()).map_err(|_| SubmitError::Refused(Refusal::ClassFull))?;
    access.seat(today, code, Token::Unspent).admit(added).map_err(SubmitError::Refused)?;
    count_within_roll(conn, wave_class, i32::try_from(added).map_err(|_| SubmitError::Refused(Refusal::ClassFull))?)?;
    let names = RowNames::of(&access)?;
    let rows: Vec<ResponseRow> = answers.iter().map(|(lang, json)| names.row(*lang, today, json)).collect();
    match rows.as_slice() {
        // One pupil's response: a statement of fixed shape, which both backends keep prepared.
        [row] => diesel::insert_into(responses::table).values(row).execute(conn).map(|_| ())?,
        _ => insert_rows!(conn, responses::table, rows).map(|_| ())?,
    }
    Ok(rows.into_iter().map(|row| row.id).collect())
}

/// A stored response as read back for tests, exports of raw counts and recounts (never shown to staff).
#[derive(Debug, Clone, Queryable)]
pub struct StoredResponse {
    /// Random id.
    pub id: String,
    /// Wave id.
    pub wave_id: WaveId,
    /// Class id.
    pub class_id: ClassId,
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
        .filter(responses::wave_id.eq(wave))
        .select((responses::class_id, responses::answers))
        .load(conn)?)
}

/// Every response of a wave (for aggregation and verification; never rendered one by one).
pub fn of_wave(conn: &mut DbConnection, wave: WaveId) -> Result<Vec<StoredResponse>, DbError> {
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
