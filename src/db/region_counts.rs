//! The counts of a region: each school's latest closed, materialised wave of one questionnaire
//! version, read in three queries whatever the number of schools (the region overview and the flag
//! run both start here, and a region may hold hundreds of schools).

use std::collections::BTreeMap;

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::DbConnection;
use super::error::{DbError, DbResult};
use super::schema::{indicator_counts, schools, wave_classes, waves};
use crate::domain::figures::{ClassCounts, SchoolCounts};
use crate::domain::ids::WaveId;
use crate::domain::region::RegionCode;

/// Bind parameters per `IN (...)` list, below SQLite's and PostgreSQL's limits.
pub(super) const CHUNK: usize = 5_000;

/// A region's counts and the wave counted for each school.
#[derive(Debug, Clone, Default)]
pub struct RegionCounts {
    /// Per school (key: school id), its classes (key: class id) with respondents and indicator positives.
    pub schools: Vec<SchoolCounts>,
    /// The wave counted for each school (by school id).
    pub waves: BTreeMap<String, WaveId>,
}

/// What a region's counted waves of one questionnaire version look like from outside: it changes
/// whenever a wave of the region is counted (or counted again), because counting sets
/// `aggregated_at` to the time of counting. Figures computed from [`latest`] stay valid while the
/// stamp is the same, since a counted wave is closed and its counts are frozen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CountsStamp {
    /// How many counted waves the region has.
    pub waves: i64,
    /// When the last of them was counted.
    pub last_counted: Option<NaiveDateTime>,
}

/// The stamp of `region`'s counted waves of `instrument`, in one small query.
pub fn stamp(conn: &mut DbConnection, region: &RegionCode, instrument: (&str, u32)) -> DbResult<CountsStamp> {
    let version = i32::try_from(instrument.1).map_err(|_| DbError::Corrupt("instrument version".into()))?;
    let (waves, last_counted): (i64, Option<NaiveDateTime>) = waves::table
        .inner_join(schools::table)
        .filter(schools::region_code.eq(region.as_str()))
        .filter(waves::instrument_id.eq(instrument.0))
        .filter(waves::instrument_version.eq(version))
        .filter(waves::closed_at.is_not_null())
        .filter(waves::aggregated_at.is_not_null())
        .select((diesel::dsl::count_star(), diesel::dsl::max(waves::aggregated_at)))
        .first(conn)?;
    Ok(CountsStamp { waves, last_counted })
}

/// The stamps of every region with counted waves of `instrument`, by region code, in one query (the
/// national overview looks at all regions at once).
pub fn stamps(conn: &mut DbConnection, instrument: (&str, u32)) -> DbResult<BTreeMap<String, CountsStamp>> {
    let version = i32::try_from(instrument.1).map_err(|_| DbError::Corrupt("instrument version".into()))?;
    let rows: Vec<(String, i64, Option<NaiveDateTime>)> = waves::table
        .inner_join(schools::table)
        .filter(waves::instrument_id.eq(instrument.0))
        .filter(waves::instrument_version.eq(version))
        .filter(waves::closed_at.is_not_null())
        .filter(waves::aggregated_at.is_not_null())
        .group_by(schools::region_code)
        .select((schools::region_code, diesel::dsl::count_star(), diesel::dsl::max(waves::aggregated_at)))
        .load(conn)?;
    Ok(rows.into_iter().map(|(region, waves, last_counted)| (region, CountsStamp { waves, last_counted })).collect())
}

/// The latest closed and materialised wave of `instrument` for each school of `region`, with counts.
pub fn latest(conn: &mut DbConnection, region: &RegionCode, instrument: (&str, u32)) -> DbResult<RegionCounts> {
    let version = i32::try_from(instrument.1).map_err(|_| DbError::Corrupt("instrument version".into()))?;
    let rows: Vec<(String, String)> = waves::table
        .inner_join(schools::table)
        .filter(schools::region_code.eq(region.as_str()))
        .filter(waves::instrument_id.eq(instrument.0))
        .filter(waves::instrument_version.eq(version))
        .filter(waves::closed_at.is_not_null())
        .filter(waves::aggregated_at.is_not_null())
        .order((waves::school_id, waves::closes_on.desc(), waves::created_at.desc()))
        .select((waves::school_id, waves::id))
        .load(conn)?;
    let mut chosen: BTreeMap<String, WaveId> = BTreeMap::new();
    for (school, wave) in rows {
        if let std::collections::btree_map::Entry::Vacant(slot) = chosen.entry(school) {
            slot.insert(WaveId::parse(&wave).ok_or_else(|| DbError::Corrupt(format!("wave id {wave}")))?);
        }
    }
    let school_of: BTreeMap<String, String> = chosen.iter().map(|(s, w)| (w.to_string(), s.clone())).collect();
    let wave_ids: Vec<String> = school_of.keys().cloned().collect();
    let mut classes: BTreeMap<(String, String), ClassCounts> = BTreeMap::new();
    for chunk in wave_ids.chunks(CHUNK) {
        let rows: Vec<(String, String, i32, i32)> = wave_classes::table
            .filter(wave_classes::wave_id.eq_any(chunk))
            .select((wave_classes::wave_id, wave_classes::class_id, wave_classes::grade, wave_classes::responses))
            .load(conn)?;
        for (wave, class, grade, responses) in rows {
            let corrupt = || DbError::Corrupt(format!("wave class {class} of {wave}"));
            let counts = ClassCounts {
                key: class.clone(),
                grade: u8::try_from(grade).map_err(|_| corrupt())?,
                respondents: u32::try_from(responses).map_err(|_| corrupt())?,
                indicators: BTreeMap::new(),
                items: BTreeMap::new(),
            };
            classes.insert((wave, class), counts);
        }
        let rows: Vec<(String, String, String, i32)> = indicator_counts::table
            .filter(indicator_counts::wave_id.eq_any(chunk))
            .select((
                indicator_counts::wave_id,
                indicator_counts::class_id,
                indicator_counts::indicator_id,
                indicator_counts::positives,
            ))
            .load(conn)?;
        for (wave, class, indicator, positives) in rows {
            if let Some(counts) = classes.get_mut(&(wave, class)) {
                let positives = u32::try_from(positives).map_err(|_| DbError::Corrupt("indicator count".into()))?;
                counts.indicators.insert(indicator, positives);
            }
        }
    }
    let mut by_school: BTreeMap<String, Vec<ClassCounts>> = BTreeMap::new();
    for ((wave, _), counts) in classes {
        if let Some(school) = school_of.get(&wave) {
            by_school.entry(school.clone()).or_default().push(counts);
        }
    }
    let schools = chosen
        .keys()
        .map(|school| SchoolCounts { key: school.clone(), classes: by_school.remove(school).unwrap_or_default() })
        .collect();
    Ok(RegionCounts { schools, waves: chosen })
}
