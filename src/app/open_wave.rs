//! Opening a wave: generating each class's password (or a code per pupil), keeping only their hashes,
//! and returning the plain secrets once so they can be printed. Shared by the web form and the CLI.
//! The opening and the number of secrets issued are audited with the wave, never the secrets.

use chrono::{NaiveDate, NaiveDateTime};

use crate::db::DbConnection;
use crate::db::audit;
use crate::db::classes;
use crate::db::waves::{self, ClassSecrets, NewWave, NewWaveClass};
use crate::db::{DbError, DbResult};
use crate::domain::audit::{Actor, AuditAction};
use crate::domain::ids::{ClassId, SchoolId, WaveId};
use crate::domain::instrument::InstrumentKey;
use crate::domain::period::ReportingPeriod;
use crate::domain::school::SchoolClass;
use crate::domain::survey::access_secret;
use crate::domain::survey::wave::AccessMode;

/// What to open.
#[derive(Debug, Clone)]
pub struct WaveRequest {
    /// The school.
    pub school: SchoolId,
    /// The questionnaire version (already checked against the catalogue).
    pub instrument: InstrumentKey,
    /// Passwords or codes.
    pub mode: AccessMode,
    /// First and last day.
    pub dates: (NaiveDate, NaiveDate),
    /// Which classes; empty means every class of the school.
    pub classes: Vec<ClassId>,
    /// The form's one-time id.
    pub creation_nonce: String,
    /// Now.
    pub now: NaiveDateTime,
    /// Who opens it, for the audit log.
    pub opened_by: Actor,
}

/// One class's secrets in plain text, to be shown once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenedClass {
    /// Class label.
    pub label: String,
    /// Grade.
    pub grade: u8,
    /// The class password (password mode).
    pub password: Option<String>,
    /// One code per pupil (codes mode).
    pub codes: Vec<String>,
}

/// The opened wave with its secrets.
#[derive(Debug, Clone)]
pub struct OpenedWave {
    /// The new wave.
    pub wave_id: WaveId,
    /// Its classes, in grade and label order.
    pub classes: Vec<OpenedClass>,
}

/// A new secret whose hash is unused anywhere (passwords and codes share one lookup space).
fn fresh_secret(conn: &mut DbConnection, taken_now: &mut Vec<String>) -> DbResult<(String, String)> {
    loop {
        let secret = access_secret::generate();
        let hash = access_secret::hash(&secret);
        if !taken_now.contains(&hash) && !waves::secret_taken(conn, &hash)? {
            taken_now.push(hash.clone());
            return Ok((secret, hash));
        }
    }
}

/// Opens the wave and records who opened it, in one transaction. Unknown class ids (or ids of another
/// school) are `NotFound`; a repeated nonce is `Duplicate`; a school that already has a wave in the
/// reporting period of the last day asked for is `PeriodTaken`; none of them records anything.
pub fn open_wave(conn: &mut DbConnection, request: &WaveRequest) -> DbResult<OpenedWave> {
    crate::db::write_transaction(conn, |conn| {
        let opened = open_unrecorded(conn, request)?;
        record_opening(conn, request.opened_by, &opened)?;
        Ok(opened)
    })
}

/// [`open_wave`] without the one-wave-per-period rule: for tests that build worlds in which one school
/// has several waves (older data, or a wave opened before the rule); every path a person can reach
/// (the web form, the CLI, the demo, synth) keeps the rule.
pub fn open_wave_in_any_period(conn: &mut DbConnection, request: &WaveRequest) -> DbResult<OpenedWave> {
    crate::db::write_transaction(conn, |conn| {
        let chosen = chosen_classes(conn, request)?;
        let opened = open_chosen(conn, request, &chosen)?;
        record_opening(conn, request.opened_by, &opened)?;
        Ok(opened)
    })
}

/// Opens the wave (one per school and period) without its audit entries, for a caller that records
/// them with [`record_opening`] later in the same transaction (the synthetic load, whose parallel
/// writers would otherwise queue on the head of the audit chain for their whole transaction).
pub(crate) fn open_unrecorded(conn: &mut DbConnection, request: &WaveRequest) -> DbResult<OpenedWave> {
    let chosen = chosen_classes(conn, request)?;
    if waves::period_taken(conn, request.school, ReportingPeriod::containing(request.dates.1), &request.creation_nonce)?
    {
        return Err(DbError::PeriodTaken);
    }
    open_chosen(conn, request, &chosen)
}

/// The classes the request names (every class of the school when it names none); an unknown id, an
/// id of another school, or no class at all is `NotFound`.
fn chosen_classes(conn: &mut DbConnection, request: &WaveRequest) -> DbResult<Vec<SchoolClass>> {
    let mut chosen = classes::list(conn, request.school)?;
    if !request.classes.is_empty() {
        if request.classes.iter().any(|id| !chosen.iter().any(|c| c.id == *id)) {
            return Err(DbError::NotFound);
        }
        chosen.retain(|c| request.classes.contains(&c.id));
    }
    if chosen.is_empty() {
        return Err(DbError::NotFound);
    }
    Ok(chosen)
}

/// Generates the secrets of `chosen` and stores the wave.
fn open_chosen(conn: &mut DbConnection, request: &WaveRequest, chosen: &[SchoolClass]) -> DbResult<OpenedWave> {
    let mut taken_now = Vec::new();
    let mut new_classes = Vec::with_capacity(chosen.len());
    let mut opened = Vec::with_capacity(chosen.len());
    for class in chosen {
        let (secrets, shown) = match request.mode {
            AccessMode::Password => {
                let (secret, hash) = fresh_secret(conn, &mut taken_now)?;
                (ClassSecrets::Password(hash), (Some(secret), Vec::new()))
            }
            AccessMode::Codes => {
                let pairs =
                    (0..class.roll.get()).map(|_| fresh_secret(conn, &mut taken_now)).collect::<DbResult<Vec<_>>>()?;
                let (codes, hashes): (Vec<String>, Vec<String>) = pairs.into_iter().unzip();
                (ClassSecrets::Codes(hashes), (None, codes))
            }
        };
        new_classes.push(NewWaveClass {
            class_id: class.id,
            grade: class.grade.get(),
            roll: class.roll.get(),
            secrets,
        });
        opened.push(OpenedClass {
            label: class.label.to_string(),
            grade: class.grade.get(),
            password: shown.0,
            codes: shown.1,
        });
    }
    let wave = NewWave {
        school_id: request.school,
        instrument: request.instrument.clone(),
        mode: request.mode,
        opens_on: request.dates.0,
        closes_on: request.dates.1,
        creation_nonce: request.creation_nonce.clone(),
        classes: new_classes,
        now: request.now,
    };
    let (wave_id, _) = waves::create(conn, &wave)?;
    Ok(OpenedWave { wave_id, classes: opened })
}

/// Records the opening of `opened` by `actor` and how many secrets it issued: `wave_opened` on
/// `wave:{id}`, then `wave_codes_issued` on `wave:{id}:passwords:{n}` or `wave:{id}:codes:{n}`. The
/// secrets themselves never reach the log.
pub(crate) fn record_opening(conn: &mut DbConnection, actor: Actor, opened: &OpenedWave) -> DbResult<()> {
    let subject = format!("wave:{}", opened.wave_id);
    audit::append(conn, actor, AuditAction::WaveOpened, &subject)?;
    let passwords = opened.classes.iter().filter(|c| c.password.is_some()).count();
    let codes: usize = opened.classes.iter().map(|c| c.codes.len()).sum();
    let issued = if codes > 0 { format!("codes:{codes}") } else { format!("passwords:{passwords}") };
    audit::append(conn, actor, AuditAction::WaveCodesIssued, &format!("{subject}:{issued}"))?;
    Ok(())
}

/// Why a person's request to open a wave is refused, as the form explains it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OpenRefusal {
    /// The same form was posted before: its wave is open already, and nothing opens twice.
    AlreadyOpened,
    /// The school has a wave in that reporting period.
    PeriodTaken,
    /// No class of the school was chosen (or one chosen is not the school's).
    NoClasses,
}

/// [`open_wave`], with the refusals a person can cause told apart from failures of the database.
pub fn open_asked(conn: &mut DbConnection, request: &WaveRequest) -> DbResult<Result<OpenedWave, OpenRefusal>> {
    match open_wave(conn, request) {
        Ok(opened) => Ok(Ok(opened)),
        Err(DbError::Duplicate(_)) => Ok(Err(OpenRefusal::AlreadyOpened)),
        Err(DbError::PeriodTaken) => Ok(Err(OpenRefusal::PeriodTaken)),
        Err(DbError::NotFound) => Ok(Err(OpenRefusal::NoClasses)),
        Err(other) => Err(other),
    }
}
