//! Survey waves: opening with their access secrets, listing and reading them within a school, closing
//! by hand or at the close date, and finding what a typed password or code opens.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use super::DbConnection;
use super::audit;
use super::error::{DbError, DbResult};
use super::instrument_key::{read_key, stored_version};
use super::schema::{access_codes, classes, wave_classes, waves};
use crate::domain::audit::{Actor, AuditAction};
use crate::domain::ids::{ClassId, SchoolId, WaveClassId, WaveId};
use crate::domain::instrument::InstrumentKey;
use crate::domain::organisation::ClassLabel;
use crate::domain::period::ReportingPeriod;
use crate::domain::survey::wave::AccessMode;
use crate::domain::survey::wave_record::{Wave, WaveClass};

/// The access secrets of one class, hashed.
#[derive(Debug, Clone)]
pub enum ClassSecrets {
    /// The hash of the class password.
    Password(String),
    /// The hashes of the pupils' single-use codes.
    Codes(Vec<String>),
}

/// A class joining a new wave, with its grade and roll frozen.
#[derive(Debug, Clone)]
pub struct NewWaveClass {
    /// The class.
    pub class_id: ClassId,
    /// Its grade now.
    pub grade: u8,
    /// Its roll now.
    pub roll: u16,
    /// Its secrets.
    pub secrets: ClassSecrets,
}

/// Everything needed to open a wave.
#[derive(Debug, Clone)]
pub struct NewWave {
    /// The school.
    pub school_id: SchoolId,
    /// The questionnaire and version the wave freezes.
    pub instrument: InstrumentKey,
    /// Passwords or codes.
    pub mode: AccessMode,
    /// First day.
    pub opens_on: NaiveDate,
    /// Last day.
    pub closes_on: NaiveDate,
    /// The form's one-time id: a repeated post of the same form creates nothing twice.
    pub creation_nonce: String,
    /// The classes.
    pub classes: Vec<NewWaveClass>,
    /// When it was opened.
    pub now: NaiveDateTime,
}

/// Opens a wave; returns its id and the id of each class-in-wave (same order as `classes`).
pub fn create(conn: &mut DbConnection, wave: &NewWave) -> DbResult<(WaveId, Vec<WaveClassId>)> {
    super::write_transaction(conn, |conn| {
        let id = WaveId::random();
        let version = stored_version(&wave.instrument)?;
        diesel::insert_into(waves::table)
            .values((
                waves::id.eq(id),
                waves::school_id.eq(wave.school_id),
                waves::instrument_id.eq(wave.instrument.code()),
                waves::instrument_version.eq(version),
                waves::access_mode.eq(wave.mode.as_str()),
                waves::opens_on.eq(wave.opens_on),
                waves::closes_on.eq(wave.closes_on),
                waves::closed_at.eq(None::<NaiveDateTime>),
                waves::creation_nonce.eq(&wave.creation_nonce),
                waves::created_at.eq(wave.now),
            ))
            .execute(conn)?;
        let mut ids = Vec::with_capacity(wave.classes.len());
        for class in &wave.classes {
            let wc = WaveClassId::random();
            let password = match &class.secrets {
                ClassSecrets::Password(hash) => Some(hash.clone()),
                ClassSecrets::Codes(_) => None,
            };
            diesel::insert_into(wave_classes::table)
                .values((
                    wave_classes::id.eq(wc),
                    wave_classes::wave_id.eq(id),
                    wave_classes::class_id.eq(class.class_id),
                    wave_classes::grade.eq(i32::from(class.grade)),
                    wave_classes::roll.eq(i32::from(class.roll)),
                    wave_classes::password_hash.eq(password),
                    wave_classes::responses.eq(0),
                ))
                .execute(conn)?;
            if let ClassSecrets::Codes(hashes) = &class.secrets {
                for hash in hashes {
                    diesel::insert_into(access_codes::table)
                        .values((
                            access_codes::code_hash.eq(hash),
                            access_codes::wave_class_id.eq(wc),
                            access_codes::used.eq(false),
                        ))
                        .execute(conn)?;
                }
            }
            ids.push(wc);
        }
        Ok((id, ids))
    })
}

#[derive(Queryable, Selectable)]
#[diesel(table_name = waves)]
pub(super) struct WaveRow {
    id: WaveId,
    school_id: SchoolId,
    instrument_id: String,
    instrument_version: i32,
    access_mode: String,
    opens_on: NaiveDate,
    closes_on: NaiveDate,
    closed_at: Option<NaiveDateTime>,
}

impl WaveRow {
    pub(super) fn into_wave(self) -> DbResult<Wave> {
        let corrupt = |what: &str| DbError::Corrupt(format!("wave {}: bad {what}", self.id));
        Ok(Wave {
            id: self.id,
            school_id: self.school_id,
            mode: AccessMode::parse(&self.access_mode).ok_or_else(|| corrupt("mode"))?,
            instrument: read_key(self.instrument_id, self.instrument_version).map_err(|_| corrupt("version"))?,
            opens_on: self.opens_on,
            closes_on: self.closes_on,
            closed: self.closed_at.is_some(),
        })
    }
}

/// The waves of a school, newest first.
pub fn list_for_school(conn: &mut DbConnection, school: SchoolId) -> DbResult<Vec<Wave>> {
    let rows = waves::table
        .filter(waves::school_id.eq(school))
        .order((waves::opens_on.desc(), waves::created_at.desc()))
        .select(WaveRow::as_select())
        .load(conn)?;
    rows.into_iter().map(WaveRow::into_wave).collect()
}

/// The waves of every school of a region, newest first.
pub fn list_for_region(conn: &mut DbConnection, region: &crate::domain::region::RegionCode) -> DbResult<Vec<Wave>> {
    use super::schema::schools;
    let rows = waves::table
        .inner_join(schools::table)
        .filter(schools::region_code.eq(region.as_str()))
        .order((waves::closes_on.desc(), waves::created_at.desc()))
        .select(WaveRow::as_select())
        .load(conn)?;
    rows.into_iter().map(WaveRow::into_wave).collect()
}

/// One wave, only if it belongs to `school` (when given).
pub fn get(conn: &mut DbConnection, id: WaveId, school: Option<SchoolId>) -> DbResult<Wave> {
    let mut query = waves::table.find(id).select(WaveRow::as_select()).into_boxed();
    if let Some(school) = school {
        query = query.filter(waves::school_id.eq(school));
    }
    query.first(conn)?.into_wave()
}

/// The classes of a wave with their counts, ordered by grade and label.
pub fn classes_of(conn: &mut DbConnection, wave: WaveId) -> DbResult<Vec<WaveClass>> {
    let rows: Vec<(WaveClassId, ClassId, String, i32, i32, i32)> = wave_classes::table
        .inner_join(classes::table)
        .filter(wave_classes::wave_id.eq(wave))
        .order((wave_classes::grade, classes::label))
        .select((
            wave_classes::id,
            wave_classes::class_id,
            classes::label,
            wave_classes::grade,
            wave_classes::roll,
            wave_classes::responses,
        ))
        .load(conn)?;
    rows.into_iter()
        .map(|(id, class_id, label, grade, roll, responses)| {
            let corrupt = || DbError::Corrupt(format!("wave class {id}"));
            Ok(WaveClass {
                id,
                class_id,
                label: ClassLabel::parse(&label).map_err(|_| corrupt())?,
                grade: u8::try_from(grade).map_err(|_| corrupt())?,
                roll: u16::try_from(roll).map_err(|_| corrupt())?,
                responses: u32::try_from(responses).map_err(|_| corrupt())?,
            })
        })
        .collect()
}

/// Closes a wave (of `school`, when given) by hand as `actor`, recording `wave_closed` in the same
/// transaction; false (and nothing recorded) when it was already closed.
pub fn close(
    conn: &mut DbConnection,
    id: WaveId,
    school: Option<SchoolId>,
    actor: Actor,
    now: NaiveDateTime,
) -> DbResult<bool> {
    super::write_transaction(conn, |conn| {
        get(conn, id, school)?;
        let changed = diesel::update(waves::table.find(id).filter(waves::closed_at.is_null()))
            .set(waves::closed_at.eq(now))
            .execute(conn)?;
        if changed == 1 {
            audit::append(conn, actor, AuditAction::WaveClosed, &format!("wave:{id}"))?;
        }
        Ok(changed == 1)
    })
}

/// Moves a closed wave to earlier `dates` (its responses' day to the new last day, its closing to
/// noon of that day), as if it had run then: for the demo and tests, which need a wave in a
/// reporting period already published. A wave still open is `NotFound`: only a finished wave's
/// dates may move.
pub fn backdate(conn: &mut DbConnection, id: WaveId, dates: (NaiveDate, NaiveDate)) -> DbResult<()> {
    use super::schema::responses;
    super::write_transaction(conn, |conn| {
        let wave = waves::table.find(id).filter(waves::closed_at.is_not_null());
        let closed_at = dates.1.and_hms_opt(12, 0, 0).unwrap_or_default();
        let moved = diesel::update(wave)
            .set((waves::opens_on.eq(dates.0), waves::closes_on.eq(dates.1), waves::closed_at.eq(closed_at)))
            .execute(conn)?;
        if moved != 1 {
            return Err(DbError::NotFound);
        }
        diesel::update(responses::table.filter(responses::wave_id.eq(id)))
            .set(responses::submitted_on.eq(dates.1))
            .execute(conn)?;
        Ok(())
    })
}

/// Closes every open wave whose last day is before `today`, recording each as `wave_closed` by the
/// `scheduler` in the same transaction; returns the ids it closed.
pub fn close_due(conn: &mut DbConnection, today: NaiveDate, now: NaiveDateTime) -> DbResult<Vec<WaveId>> {
    super::write_transaction(conn, |conn| {
        let due: Vec<WaveId> = waves::table
            .filter(waves::closed_at.is_null())
            .filter(waves::closes_on.lt(today))
            .select(waves::id)
            .load(conn)?;
        let mut subjects = Vec::with_capacity(due.len());
        for id in &due {
            let changed = diesel::update(waves::table.find(*id).filter(waves::closed_at.is_null()))
                .set(waves::closed_at.eq(now))
                .execute(conn)?;
            if changed == 1 {
                subjects.push(format!("wave:{id}"));
            }
        }
        let subjects: Vec<&str> = subjects.iter().map(String::as_str).collect();
        audit::append_all(conn, Actor::Scheduler, AuditAction::WaveClosed, &subjects)?;
        Ok(due)
    })
}

/// Whether a class password or code already hashes to `hash` (passwords and codes share one lookup
/// space, so a new secret must be unused in both).
pub fn secret_taken(conn: &mut DbConnection, hash: &str) -> DbResult<bool> {
    let as_password: i64 = wave_classes::table.filter(wave_classes::password_hash.eq(hash)).count().get_result(conn)?;
    let as_code: i64 = access_codes::table.find(hash).count().get_result(conn)?;
    Ok(as_password + as_code > 0)
}

/// Whether `school` has a wave in `period` that counts: one still open, or one that got answers. A
/// wave closed with none (opened by mistake) does not stand in the way of another; the wave created
/// with `creation_nonce` (the same form sent twice) is left to the duplicate check.
pub fn period_taken(
    conn: &mut DbConnection,
    school: SchoolId,
    period: ReportingPeriod,
    creation_nonce: &str,
) -> DbResult<bool> {
    let rows: Vec<(Option<NaiveDateTime>, i32)> = waves::table
        .inner_join(wave_classes::table)
        .filter(waves::school_id.eq(school))
        .filter(waves::closes_on.between(period.first_day(), period.last_day()))
        .filter(waves::creation_nonce.ne(creation_nonce))
        .select((waves::closed_at, wave_classes::responses))
        .load(conn)?;
    Ok(rows.iter().any(|(closed_at, responses)| closed_at.is_none() || *responses > 0))
}
