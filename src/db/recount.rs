//! What `ahual verify` reads: every wave with the facts its recount needs, and the counters as stored
//! (class response counters, spent codes of an open wave, materialised item and indicator counts). The comparison
//! itself is `domain::recount`.

use diesel::prelude::*;

use super::DbConnection;
use super::aggregates::{grades_of, indicator_counts_of, item_counts_of};
use super::error::{DbError, DbResult};
use super::instrument_key::read_key;
use super::schema::{access_codes, wave_classes, waves};
use crate::domain::ids::{WaveClassId, WaveId};
use crate::domain::instrument::InstrumentKey;
use crate::domain::recount::{Counter, CounterSet, WaveFacts};

/// One wave to check: its instrument and the facts of its recount.
#[derive(Debug, Clone)]
pub struct WaveToCheck {
    /// The wave.
    pub id: WaveId,
    /// The wave's questionnaire version, to recount materialised counts with.
    pub instrument: InstrumentKey,
    /// Codes mode, aggregated, grades.
    pub facts: WaveFacts,
}

/// Every wave of the database, oldest first.
pub fn waves(conn: &mut DbConnection) -> DbResult<Vec<WaveId>> {
    Ok(waves::table.order((waves::created_at, waves::id)).select(waves::id).load(conn)?)
}

/// The facts of one wave.
pub fn wave_to_check(conn: &mut DbConnection, wave: WaveId) -> DbResult<WaveToCheck> {
    type Row = (String, i32, String, Option<chrono::NaiveDateTime>, Option<chrono::NaiveDateTime>);
    let (instrument, version, mode, aggregated, closed): Row = waves::table
        .find(wave)
        .select((
            waves::instrument_id,
            waves::instrument_version,
            waves::access_mode,
            waves::aggregated_at,
            waves::closed_at,
        ))
        .first(conn)?;
    let instrument = read_key(instrument, version).map_err(|_| DbError::Corrupt(format!("version of wave {wave}")))?;
    // A closed wave's codes are purged ([`super::wave_sealing`]): nothing is left to count them by.
    let codes = mode == "codes" && closed.is_none();
    let facts = WaveFacts { codes, aggregated: aggregated.is_some(), grades: grades_of(conn, wave)? };
    Ok(WaveToCheck { id: wave, instrument, facts })
}

fn value(n: i64, what: &str) -> DbResult<u64> {
    u64::try_from(n).map_err(|_| DbError::Corrupt(format!("negative {what}")))
}

/// The counters of `wave` as stored: materialised counts only when `facts.aggregated`, spent codes only
/// in codes mode (an open wave's: the roll less the codes still there).
pub fn stored(conn: &mut DbConnection, wave: WaveId, facts: &WaveFacts) -> DbResult<CounterSet> {
    let mut counters = CounterSet::new();
    let classes: Vec<(WaveClassId, String, i32, i32)> = wave_classes::table
        .filter(wave_classes::wave_id.eq(wave))
        .select((wave_classes::id, wave_classes::class_id, wave_classes::roll, wave_classes::responses))
        .load(conn)?;
    for (wave_class, class, roll, responses) in classes {
        if facts.codes {
            // One code per pupil on the roll was issued, and a spent code is deleted.
            let unused: i64 =
                access_codes::table.filter(access_codes::wave_class_id.eq(wave_class)).count().get_result(conn)?;
            counters
                .insert(Counter::UsedCodes { class: class.clone() }, value(i64::from(roll) - unused, "used codes")?);
        }
        counters.insert(Counter::ClassResponses { class }, value(i64::from(responses), "responses")?);
    }
    if !facts.aggregated {
        return Ok(counters);
    }
    for (class, item, option, n) in item_counts_of(conn, wave)? {
        counters.insert(Counter::ItemOption { class: class.to_string(), item, option }, u64::from(n));
    }
    for (class, indicator, positives, answered) in indicator_counts_of(conn, wave)? {
        let class = class.to_string();
        let positive = Counter::IndicatorPositives { class: class.clone(), indicator: indicator.clone() };
        counters.insert(positive, u64::from(positives));
        counters.insert(Counter::IndicatorAnswered { class, indicator }, u64::from(answered));
    }
    Ok(counters)
}
