//! Counts materialised once when a wave closes: respondents per (class, item, option) and positives per
//! (class, indicator). Dashboards, exports and flags read these, so their cost grows with the number of
//! groups, never with the number of responses. Materialising again replaces the counts (idempotent).

use std::collections::BTreeMap;

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::DbConnection;
use super::batch::insert_rows;
use super::error::{DbError, DbResult};
use super::schema::{indicator_counts, item_counts, wave_classes, waves};
use crate::domain::ids::{ClassId, WaveId};
use crate::domain::instrument::{Grade, Instrument};
use crate::domain::recount::{Tallies, decode_stored};
use crate::domain::survey::wave_record::Wave;

#[derive(Insertable)]
#[diesel(table_name = item_counts)]
struct ItemCountRow<'a> {
    wave_id: WaveId,
    class_id: &'a str,
    item_id: &'a str,
    option_value: i32,
    responses: i32,
}

#[derive(Insertable)]
#[diesel(table_name = indicator_counts)]
struct IndicatorCountRow<'a> {
    wave_id: WaveId,
    class_id: &'a str,
    indicator_id: &'a str,
    positives: i32,
    answered: i32,
}

/// The frozen grade of each class of a wave (class id → grade).
pub fn grades_of(conn: &mut DbConnection, wave: WaveId) -> DbResult<BTreeMap<String, u8>> {
    let rows: Vec<(String, i32)> = wave_classes::table
        .filter(wave_classes::wave_id.eq(wave))
        .select((wave_classes::class_id, wave_classes::grade))
        .load(conn)?;
    rows.into_iter()
        .map(|(class, grade)| {
            let grade = u8::try_from(grade).map_err(|_| DbError::Corrupt(format!("grade of class {class}")))?;
            Ok((class, grade))
        })
        .collect()
}

fn tally(conn: &mut DbConnection, wave: &Wave, instrument: &Instrument) -> DbResult<Tallies> {
    let grades = grades_of(conn, wave.id)?;
    let rows = super::responses::answers_of(conn, wave.id)?;
    let mut tallies = Tallies::default();
    for (class, json) in rows {
        let corrupt = || DbError::Corrupt(format!("a response of wave {} cannot be read", wave.id));
        let grade = grades.get(&class).copied().and_then(Grade::from_number).ok_or_else(corrupt)?;
        let answers = decode_stored(instrument, grade, &json).map_err(|_| corrupt())?;
        tallies.add(instrument, &class, &answers);
    }
    Ok(tallies)
}

fn count(n: u32) -> DbResult<i32> {
    i32::try_from(n).map_err(|_| DbError::Corrupt(format!("count {n} out of range")))
}

/// Counts the responses of a closed wave and stores the counts; marks the wave aggregated.
pub fn materialise(conn: &mut DbConnection, wave: &Wave, instrument: &Instrument, now: NaiveDateTime) -> DbResult<()> {
    let tallies = tally(conn, wave, instrument)?;
    let id = wave.id;
    let items = tallies
        .items
        .iter()
        .map(|((class, item, value), n)| {
            Ok(ItemCountRow {
                wave_id: id,
                class_id: class,
                item_id: item,
                option_value: i32::from(*value),
                responses: count(*n)?,
            })
        })
        .collect::<DbResult<Vec<_>>>()?;
    let indicators = tallies
        .indicators
        .iter()
        .map(|((class, indicator), (positives, answered))| {
            Ok(IndicatorCountRow {
                wave_id: id,
                class_id: class,
                indicator_id: indicator,
                positives: count(*positives)?,
                answered: count(*answered)?,
            })
        })
        .collect::<DbResult<Vec<_>>>()?;
    super::write_transaction(conn, |conn| {
        diesel::delete(item_counts::table.filter(item_counts::wave_id.eq(id))).execute(conn)?;
        diesel::delete(indicator_counts::table.filter(indicator_counts::wave_id.eq(id))).execute(conn)?;
        insert_rows!(conn, item_counts::table, items)?;
        insert_rows!(conn, indicator_counts::table, indicators)?;
        diesel::update(waves::table.find(id)).set(waves::aggregated_at.eq(now)).execute(conn)?;
        Ok(())
    })
}

/// Closed waves whose counts are not stored yet (closed by a sweep, or interrupted).
pub fn waiting(conn: &mut DbConnection) -> DbResult<Vec<WaveId>> {
    Ok(waves::table
        .filter(waves::closed_at.is_not_null())
        .filter(waves::aggregated_at.is_null())
        .select(waves::id)
        .load(conn)?)
}

/// Whether a wave's counts are stored.
pub fn is_materialised(conn: &mut DbConnection, wave: WaveId) -> DbResult<bool> {
    let at: Option<NaiveDateTime> = waves::table.find(wave).select(waves::aggregated_at).first(conn)?;
    Ok(at.is_some())
}

/// Positives and answering respondents per (class, indicator) of a wave.
pub fn indicator_counts_of(conn: &mut DbConnection, wave: WaveId) -> DbResult<Vec<(ClassId, String, u32, u32)>> {
    let rows: Vec<(ClassId, String, i32, i32)> = indicator_counts::table
        .filter(indicator_counts::wave_id.eq(wave))
        .select((
            indicator_counts::class_id,
            indicator_counts::indicator_id,
            indicator_counts::positives,
            indicator_counts::answered,
        ))
        .load(conn)?;
    rows.into_iter()
        .map(|(class, indicator, positives, answered)| {
            let corrupt = || DbError::Corrupt(format!("indicator counts of wave {wave}"));
            Ok((
                class,
                indicator,
                positives.try_into().map_err(|_| corrupt())?,
                answered.try_into().map_err(|_| corrupt())?,
            ))
        })
        .collect()
}

/// Respondents per (class, item, option) of a wave.
pub fn item_counts_of(conn: &mut DbConnection, wave: WaveId) -> DbResult<Vec<(ClassId, String, u8, u32)>> {
    let rows: Vec<(ClassId, String, i32, i32)> = item_counts::table
        .filter(item_counts::wave_id.eq(wave))
        .select((item_counts::class_id, item_counts::item_id, item_counts::option_value, item_counts::responses))
        .load(conn)?;
    rows.into_iter()
        .map(|(class, item, value, count)| {
            let corrupt = || DbError::Corrupt(format!("item counts of wave {wave}"));
            Ok((class, item, value.try_into().map_err(|_| corrupt())?, count.try_into().map_err(|_| corrupt())?))
        })
        .collect()
}
