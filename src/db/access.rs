//! What a class password, a code or a form token opens: the class-in-wave with its wave and counts,
//! read in one query for each path a pupil takes, and turned into the [`Seat`] that the admission
//! rule ([`crate::domain::survey::admission`]) decides on.

use chrono::NaiveDate;
use diesel::prelude::*;

use super::DbConnection;
use super::error::{DbError, DbResult};
use super::schema::{access_codes, unspent_form_tokens, wave_classes, waves};
use super::waves::WaveRow;
use crate::domain::ids::{ClassId, WaveClassId};
use crate::domain::survey::admission::{Code, Seat, Token};
use crate::domain::survey::wave_record::Wave;

/// What a class password or code opens.
#[derive(Debug, Clone)]
pub struct Access {
    /// The class-in-wave.
    pub wave_class_id: WaveClassId,
    /// The class itself, which a stored response names (read here so a submission needs no second
    /// look-up).
    pub class_id: ClassId,
    /// The wave.
    pub wave: Wave,
    /// The class's grade at wave time.
    pub grade: u8,
    /// Roll ceiling.
    pub roll: u16,
    /// Responses so far.
    pub responses: u32,
    /// For a single-use code: its hash and whether it was used.
    pub code: Option<(String, bool)>,
}

impl Access {
    /// The seat this access gives a pupil on `today` ([`Seat::admit`] decides), with the single-use
    /// code and the form token as the asking path knows them.
    pub fn seat(&self, today: NaiveDate, code: Code, token: Token) -> Seat {
        Seat { wave: self.wave.status(today), roll: u32::from(self.roll), responses: self.responses, code, token }
    }
}

/// Finds what the hashed secret opens: a class password, else an access code.
pub fn find_access(conn: &mut DbConnection, secret_hash: &str) -> DbResult<Option<Access>> {
    // The class password first, with its wave in the same query: that is every pupil of a class.
    let by_password: Option<AccessRow> = with_wave()
        .filter(wave_classes::password_hash.eq(secret_hash))
        .select(access_columns())
        .first(conn)
        .optional()?;
    if let Some(row) = by_password {
        return into_access(row, None).map(Some);
    }
    let code: Option<(WaveClassId, bool)> = access_codes::table
        .find(secret_hash)
        .select((access_codes::wave_class_id, access_codes::used))
        .first(conn)
        .optional()?;
    match code {
        Some((id, used)) => access_by_id(conn, id, Some((secret_hash.to_owned(), used))),
        None => Ok(None),
    }
}

/// Every class-in-wave joined to its wave: the one join each way in reads its seat from.
fn with_wave() -> diesel::dsl::InnerJoin<wave_classes::table, waves::table> {
    wave_classes::table.inner_join(waves::table)
}

/// A class-in-wave with its wave, as [`access_columns`] selects it.
type AccessRow = (WaveRow, WaveClassId, ClassId, i32, i32, i32);

/// The columns of [`AccessRow`].
type AccessColumns = (
    diesel::dsl::AsSelect<WaveRow, <DbConnection as diesel::Connection>::Backend>,
    wave_classes::id,
    wave_classes::class_id,
    wave_classes::grade,
    wave_classes::roll,
    wave_classes::responses,
);

/// What an [`Access`] is read from.
fn access_columns() -> AccessColumns {
    (
        WaveRow::as_select(),
        wave_classes::id,
        wave_classes::class_id,
        wave_classes::grade,
        wave_classes::roll,
        wave_classes::responses,
    )
}

fn into_access(
    (wave, id, class_id, grade, roll, responses): AccessRow,
    code: Option<(String, bool)>,
) -> DbResult<Access> {
    let corrupt = || DbError::Corrupt(format!("wave class {id}"));
    Ok(Access {
        wave_class_id: id,
        class_id,
        wave: wave.into_wave()?,
        grade: u8::try_from(grade).map_err(|_| corrupt())?,
        roll: u16::try_from(roll).map_err(|_| corrupt())?,
        responses: u32::try_from(responses).map_err(|_| corrupt())?,
        code,
    })
}

/// The wave and counts behind a class-in-wave (for a form token), with the code if one is carried.
pub fn access_by_id(
    conn: &mut DbConnection,
    id: WaveClassId,
    code: Option<(String, bool)>,
) -> DbResult<Option<Access>> {
    let row: Option<AccessRow> =
        with_wave().filter(wave_classes::id.eq(id)).select(access_columns()).first(conn).optional()?;
    row.map(|row| into_access(row, code)).transpose()
}

/// The wave and counts behind each of several classes-in-wave, in one query (a group-commit batch
/// checks all its classes at once); an unknown id is simply missing from the answer.
pub fn access_many(conn: &mut DbConnection, ids: &[WaveClassId]) -> DbResult<Vec<Access>> {
    let rows: Vec<AccessRow> = with_wave().filter(wave_classes::id.eq_any(ids)).select(access_columns()).load(conn)?;
    rows.into_iter().map(|row| into_access(row, None)).collect()
}

/// What a form page checks before it is shown, in one query: the class-in-wave with its wave, and
/// whether the form token with `nonce` was already spent (Back after submitting): its issued row is gone.
pub fn form_access(conn: &mut DbConnection, id: WaveClassId, nonce: &str) -> DbResult<Option<(Access, bool)>> {
    let spent = diesel::dsl::not(diesel::dsl::exists(unspent_form_tokens::table.find(nonce.to_owned())));
    let (wave, wave_class_id, class_id, grade, roll, responses) = access_columns();
    let row: Option<(WaveRow, WaveClassId, ClassId, i32, i32, i32, bool)> = with_wave()
        .filter(wave_classes::id.eq(id))
        .select((wave, wave_class_id, class_id, grade, roll, responses, spent))
        .first(conn)
        .optional()?;
    row.map(|(wave, id, class_id, grade, roll, responses, spent)| {
        into_access((wave, id, class_id, grade, roll, responses), None).map(|access| (access, spent))
    })
    .transpose()
}

/// Whether the code with this hash is still unused (for checking a form before showing it): a code is
/// spent by deleting its row, so an unused code is one that is still there.
pub fn code_unused(conn: &mut DbConnection, code_hash: &str) -> DbResult<bool> {
    Ok(diesel::select(diesel::dsl::exists(access_codes::table.find(code_hash))).get_result(conn)?)
}
