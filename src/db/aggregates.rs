//! Counts materialised once when a wave closes: respondents per (class, item, option) and positives per
//! (class, indicator). Dashboards, exports and flags read these, so their cost grows with the number of
//! groups, never with the number of responses. Materialising again replaces the counts (idempotent).

use std::collections::BTreeMap;

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::DbConnection;
use super::error::{DbError, DbResult};
use super::schema::{indicator_counts, item_counts, responses, wave_classes, waves};
use crate::domain::ids::{ClassId, WaveId};
use crate::domain::instrument::{Grade, IndicatorOutcome, Instrument, evaluate_indicators, parse_answers};
use crate::domain::survey::wave_record::Wave;

#[derive(Default)]
struct Tallies {
    items: BTreeMap<(String, String, u8), i32>,
    indicators: BTreeMap<(String, String), (i32, i32)>,
}

fn tally(conn: &mut DbConnection, wave: &Wave, instrument: &Instrument) -> DbResult<Tallies> {
    let grades: BTreeMap<String, i32> = wave_classes::table
        .filter(wave_classes::wave_id.eq(wave.id.to_string()))
        .select((wave_classes::class_id, wave_classes::grade))
        .load::<(String, i32)>(conn)?
        .into_iter()
        .collect();
    let rows: Vec<(String, String)> = responses::table
        .filter(responses::wave_id.eq(wave.id.to_string()))
        .select((responses::class_id, responses::answers))
        .load(conn)?;
    let mut tallies = Tallies::default();
    for (class, json) in rows {
        let corrupt = || DbError::Corrupt(format!("a response of wave {} cannot be read", wave.id));
        let grade =
            grades.get(&class).and_then(|g| u8::try_from(*g).ok()).and_then(Grade::from_number).ok_or_else(corrupt)?;
        let map: serde_json::Map<String, serde_json::Value> = serde_json::from_str(&json).map_err(|_| corrupt())?;
        let pairs: Vec<(String, String)> = map.into_iter().map(|(k, v)| (k, v.to_string())).collect();
        let answers = parse_answers(instrument, grade, pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())))
            .map_err(|_| corrupt())?;
        for (item, value) in answers.iter() {
            *tallies.items.entry((class.clone(), item.to_owned(), value)).or_default() += 1;
        }
        for (indicator, outcome) in evaluate_indicators(instrument, &answers) {
            let entry = tallies.indicators.entry((class.clone(), indicator.to_owned())).or_default();
            match outcome {
                IndicatorOutcome::Positive => *entry = (entry.0 + 1, entry.1 + 1),
                IndicatorOutcome::Negative => entry.1 += 1,
                IndicatorOutcome::NotAnswered => {}
            }
        }
    }
    Ok(tallies)
}

/// Counts the responses of a closed wave and stores the counts; marks the wave aggregated.
pub fn materialise(conn: &mut DbConnection, wave: &Wave, instrument: &Instrument, now: NaiveDateTime) -> DbResult<()> {
    let tallies = tally(conn, wave, instrument)?;
    let id = wave.id.to_string();
    super::write_transaction(conn, |conn| {
        diesel::delete(item_counts::table.filter(item_counts::wave_id.eq(&id))).execute(conn)?;
        diesel::delete(indicator_counts::table.filter(indicator_counts::wave_id.eq(&id))).execute(conn)?;
        for ((class, item, value), count) in &tallies.items {
            diesel::insert_into(item_counts::table)
                .values((
                    item_counts::wave_id.eq(&id),
                    item_counts::class_id.eq(class),
                    item_counts::item_id.eq(item),
                    item_counts::option_value.eq(i32::from(*value)),
                    item_counts::responses.eq(count),
                ))
                .execute(conn)?;
        }
        for ((class, indicator), (positives, answered)) in &tallies.indicators {
            diesel::insert_into(indicator_counts::table)
                .values((
                    indicator_counts::wave_id.eq(&id),
                    indicator_counts::class_id.eq(class),
                    indicator_counts::indicator_id.eq(indicator),
                    indicator_counts::positives.eq(positives),
                    indicator_counts::answered.eq(answered),
                ))
                .execute(conn)?;
        }
        diesel::update(waves::table.find(&id)).set(waves::aggregated_at.eq(now)).execute(conn)?;
        Ok(())
    })
}

/// Closed waves whose counts are not stored yet (closed by a sweep, or interrupted).
pub fn waiting(conn: &mut DbConnection) -> DbResult<Vec<WaveId>> {
    let ids: Vec<String> = waves::table
        .filter(waves::closed_at.is_not_null())
        .filter(waves::aggregated_at.is_null())
        .select(waves::id)
        .load(conn)?;
    Ok(ids.iter().filter_map(|id| WaveId::parse(id)).collect())
}

/// Whether a wave's counts are stored.
pub fn is_materialised(conn: &mut DbConnection, wave: WaveId) -> DbResult<bool> {
    let at: Option<NaiveDateTime> = waves::table.find(wave.to_string()).select(waves::aggregated_at).first(conn)?;
    Ok(at.is_some())
}

/// Positives and answering respondents per (class, indicator) of a wave.
pub fn indicator_counts_of(conn: &mut DbConnection, wave: WaveId) -> DbResult<Vec<(ClassId, String, u32, u32)>> {
    let rows: Vec<(String, String, i32, i32)> = indicator_counts::table
        .filter(indicator_counts::wave_id.eq(wave.to_string()))
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
                ClassId::parse(&class).ok_or_else(corrupt)?,
                indicator,
                positives.try_into().map_err(|_| corrupt())?,
                answered.try_into().map_err(|_| corrupt())?,
            ))
        })
        .collect()
}

/// Respondents per (class, item, option) of a wave.
pub fn item_counts_of(conn: &mut DbConnection, wave: WaveId) -> DbResult<Vec<(ClassId, String, u8, u32)>> {
    let rows: Vec<(String, String, i32, i32)> = item_counts::table
        .filter(item_counts::wave_id.eq(wave.to_string()))
        .select((item_counts::class_id, item_counts::item_id, item_counts::option_value, item_counts::responses))
        .load(conn)?;
    rows.into_iter()
        .map(|(class, item, value, count)| {
            let corrupt = || DbError::Corrupt(format!("item counts of wave {wave}"));
            Ok((
                ClassId::parse(&class).ok_or_else(corrupt)?,
                item,
                value.try_into().map_err(|_| corrupt())?,
                count.try_into().map_err(|_| corrupt())?,
            ))
        })
        .collect()
}
