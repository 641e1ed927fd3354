//! The counts of a region: each school's latest closed, materialised wave of one questionnaire
//! version (within one reporting period, for released figures), read in three queries whatever the number of schools (the region overview and the flag
//! run both start here, and a region may hold hundreds of schools).
//!
//! A region of a thousand schools has tens of thousands of classes and half a million indicator rows,
//! so the rows are streamed into their classes, found by hash, instead of being collected and merged
//! through maps keyed by owned strings: the read costs about what the rows cost to decode.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::{DbConnection, with_custom_plans};

/// The backend type shared by SQLite and PostgreSQL connections.
type DbBackend = <DbConnection as diesel::Connection>::Backend;
use super::error::{DbError, DbResult};
use super::instrument_key::stored_version;
use super::schema::{indicator_counts, schools, wave_classes, waves};
use crate::domain::figures::{ClassCounts, SchoolCounts};
use crate::domain::ids::WaveId;
use crate::domain::instrument::InstrumentKey;
use crate::domain::period::ReportingPeriod;
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

/// Waves of one questionnaire version (id, stored version) that are closed and counted, with their
/// schools, ending within `period` and closed before it was published when one is given: what a
/// region's figures are built from, so the stamp and the read always agree. A wave closed after
/// its period was published never joins it, so a published period never changes.
fn counted_waves(
    instrument: &InstrumentKey,
    period: Option<ReportingPeriod>,
) -> DbResult<diesel::dsl::IntoBoxed<'_, diesel::dsl::InnerJoin<waves::table, schools::table>, DbBackend>> {
    let version = stored_version(instrument)?;
    let query = waves::table
        .inner_join(schools::table)
        .into_boxed()
        .filter(waves::instrument_id.eq(instrument.code()))
        .filter(waves::instrument_version.eq(version))
        .filter(waves::closed_at.is_not_null())
        .filter(waves::aggregated_at.is_not_null());
    Ok(match period {
        Some(period) => query
            .filter(waves::closes_on.between(period.first_day(), period.last_day()))
            .filter(waves::closed_at.lt(period.published_at())),
        None => query,
    })
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

/// The stamp of `region`'s counted waves of `instrument` that end in `period`, in one small query.
pub fn stamp(
    conn: &mut DbConnection,
    region: &RegionCode,
    instrument: &InstrumentKey,
    period: ReportingPeriod,
) -> DbResult<CountsStamp> {
    // Planned for its values: its generic plan took 15 ms instead of 2.4 (see `with_custom_plans`).
    with_custom_plans(conn, |conn| {
        let (waves, last_counted): (i64, Option<NaiveDateTime>) = counted_waves(instrument, Some(period))?
            .filter(schools::region_code.eq(region.as_str()))
            .select((diesel::dsl::count_star(), diesel::dsl::max(waves::aggregated_at)))
            .first(conn)?;
        Ok(CountsStamp { waves, last_counted })
    })
}

/// The stamps of every region with counted waves of `instrument` ending in `period`, by region code,
/// in one query (the national overview looks at all regions at once).
pub fn stamps(
    conn: &mut DbConnection,
    instrument: &InstrumentKey,
    period: ReportingPeriod,
) -> DbResult<BTreeMap<String, CountsStamp>> {
    let version = stored_version(instrument)?;
    // The same waves as `counted_waves`, written out: diesel cannot group a boxed query.
    let rows: Vec<(String, i64, Option<NaiveDateTime>)> = with_custom_plans(conn, |conn| {
        Ok(waves::table
            .inner_join(schools::table)
            .filter(waves::instrument_id.eq(instrument.code()))
            .filter(waves::instrument_version.eq(version))
            .filter(waves::closed_at.is_not_null())
            .filter(waves::aggregated_at.is_not_null())
            .filter(waves::closes_on.between(period.first_day(), period.last_day()))
            .filter(waves::closed_at.lt(period.published_at()))
            .group_by(schools::region_code)
            .select((schools::region_code, diesel::dsl::count_star(), diesel::dsl::max(waves::aggregated_at)))
            .load(conn)?)
    })?;
    Ok(rows.into_iter().map(|(region, waves, last_counted)| (region, CountsStamp { waves, last_counted })).collect())
}

/// The latest closed and materialised wave of `instrument` for each school of `region`, whatever its
/// period, with every count: the whole of what [`latest_of`] reads a part of, for checks and benches
/// that compare the two (nothing is released from it).
pub fn latest(conn: &mut DbConnection, region: &RegionCode, instrument: &InstrumentKey) -> DbResult<RegionCounts> {
    read(conn, region, instrument, None, None)
}

/// The latest closed and materialised wave of `instrument` ending in `period` for each school of
/// `region`, with counts: what the region's released figures of that period are built from.
pub fn in_period(
    conn: &mut DbConnection,
    region: &RegionCode,
    instrument: &InstrumentKey,
    period: ReportingPeriod,
) -> DbResult<RegionCounts> {
    read(conn, region, instrument, Some(period), None)
}

/// The latest closed, counted wave of `instrument` for each school of `region`, whatever its period,
/// with only `indicators` in each class's indicator counts, and only where a class has positives (a
/// missing indicator means none). For the flag run, which works on exact counts inside and releases
/// nothing itself: it reads only the indicators that have a flag rule, and needs no zeros.
pub fn latest_of(
    conn: &mut DbConnection,
    region: &RegionCode,
    instrument: &InstrumentKey,
    indicators: &[&str],
) -> DbResult<RegionCounts> {
    read(conn, region, instrument, None, Some(indicators))
}

/// The latest closed, materialised wave of `instrument` for each school of `region`, by school id.
fn chosen_waves(
    conn: &mut DbConnection,
    region: &RegionCode,
    instrument: &InstrumentKey,
    period: Option<ReportingPeriod>,
) -> DbResult<BTreeMap<String, WaveId>> {
    let rows: Vec<(String, WaveId)> = counted_waves(instrument, period)?
        .filter(schools::region_code.eq(region.as_str()))
        .order((waves::school_id, waves::closes_on.desc(), waves::created_at.desc()))
        .select((waves::school_id, waves::id))
        .load(conn)?;
    let mut chosen: BTreeMap<String, WaveId> = BTreeMap::new();
    for (school, wave) in rows {
        if let std::collections::btree_map::Entry::Vacant(slot) = chosen.entry(school) {
            slot.insert(wave);
        }
    }
    Ok(chosen)
}

/// The classes of one school's chosen wave, sorted by class id.
type SchoolSlot = Vec<ClassCounts>;

/// Where each class of a chunk of waves sits: its school's slot and its place there. A class belongs
/// to one school and each school has one chosen wave, so a class id alone finds its counts, and the
/// indicator rows need not carry (and allocate) their wave id.
type ClassPlaces = HashMap<String, (usize, usize)>;

/// Finds the slot of a wave, remembering the last one (rows come grouped by wave, so most lookups
/// are one comparison).
struct WaveLookup<'a> {
    slot_of: &'a HashMap<WaveId, usize>,
    last: Option<(WaveId, usize)>,
}

impl WaveLookup<'_> {
    fn slot(&mut self, wave: WaveId) -> Option<usize> {
        match &self.last {
            Some((last, slot)) if *last == wave => Some(*slot),
            _ => {
                let slot = *self.slot_of.get(&wave)?;
                self.last = Some((wave, slot));
                Some(slot)
            }
        }
    }
}

fn read(
    conn: &mut DbConnection,
    region: &RegionCode,
    instrument: &InstrumentKey,
    period: Option<ReportingPeriod>,
    indicators: Option<&[&str]>,
) -> DbResult<RegionCounts> {
    // Planned for its values, in one snapshot: the generic plans of the chunked reads cost the flag run
    // of a 36,000-class region 80 ms (tests/benches/results/2026-12-05-session14-router/flags.md).
    with_custom_plans(conn, |conn| read_planned(conn, region, instrument, period, indicators))
}

fn read_planned(
    conn: &mut DbConnection,
    region: &RegionCode,
    instrument: &InstrumentKey,
    period: Option<ReportingPeriod>,
    indicators: Option<&[&str]>,
) -> DbResult<RegionCounts> {
    let chosen = chosen_waves(conn, region, instrument, period)?;
    let wave_ids: Vec<WaveId> = chosen.values().copied().collect();
    let slot_of: HashMap<WaveId, usize> = wave_ids.iter().enumerate().map(|(slot, w)| (*w, slot)).collect();
    let mut slots: Vec<SchoolSlot> = vec![SchoolSlot::new(); wave_ids.len()];
    for (first, chunk) in wave_ids.chunks(CHUNK).enumerate().map(|(n, chunk)| (n * CHUNK, chunk)) {
        read_classes(conn, chunk, &slot_of, &mut slots)?;
        let mut places = ClassPlaces::new();
        for (index, slot) in slots[first..first + chunk.len()].iter_mut().enumerate() {
            slot.sort_by(|a, b| a.key.cmp(&b.key));
            places.extend(slot.iter().enumerate().map(|(at, c)| (c.key.clone(), (first + index, at))));
        }
        read_indicators(conn, chunk, indicators, &places, &mut slots)?;
    }
    let schools = chosen
        .iter()
        .zip(slots)
        .map(|((school, wave), slot)| SchoolCounts { key: school.clone(), wave: wave.to_string(), classes: slot })
        .collect();
    Ok(RegionCounts { schools, waves: chosen })
}

/// Adds the classes of the waves `chunk` to their schools' slots.
fn read_classes(
    conn: &mut DbConnection,
    chunk: &[WaveId],
    slot_of: &HashMap<WaveId, usize>,
    slots: &mut [SchoolSlot],
) -> DbResult<()> {
    let mut lookup = WaveLookup { slot_of, last: None };
    let rows = wave_classes::table
        .filter(wave_classes::wave_id.eq_any(chunk))
        .select((
            wave_classes::wave_id,
            wave_classes::class_id,
            wave_classes::grade,
            wave_classes::responses,
            wave_classes::roll,
        ))
        .load_iter::<(WaveId, String, i32, i32, i32), diesel::connection::DefaultLoadingMode>(conn)?;
    for row in rows {
        let (wave, class, grade, responses, roll) = row?;
        let (Ok(grade), Ok(respondents), Ok(roll)) =
            (u8::try_from(grade), u32::try_from(responses), u32::try_from(roll))
        else {
            return Err(DbError::Corrupt(format!("wave class {class} of {wave}")));
        };
        let (indicators, items) = (BTreeMap::new(), BTreeMap::new());
        let counts = ClassCounts { key: class, grade, respondents, roll: Some(roll), indicators, items };
        if let Some(slot) = lookup.slot(wave) {
            slots[slot].push(counts);
        }
    }
    Ok(())
}

/// Adds the indicator positives of the waves `chunk` (only `indicators`, when given) to their classes.
fn read_indicators(
    conn: &mut DbConnection,
    chunk: &[WaveId],
    indicators: Option<&[&str]>,
    places: &ClassPlaces,
    slots: &mut [SchoolSlot],
) -> DbResult<()> {
    let mut query = indicator_counts::table
        .filter(indicator_counts::wave_id.eq_any(chunk))
        .select((indicator_counts::class_id, indicator_counts::indicator_id, indicator_counts::positives))
        .into_boxed();
    if let Some(wanted) = indicators {
        // A class without a row has no positives, which is all the flag run reads.
        query = query
            .filter(indicator_counts::indicator_id.eq_any(wanted.to_vec()))
            .filter(indicator_counts::positives.gt(0));
    }
    let rows = query.load_iter::<(String, String, i32), diesel::connection::DefaultLoadingMode>(conn)?;
    for row in rows {
        let (class, indicator, positives) = row?;
        if let Some(&(slot, at)) = places.get(&class) {
            let positives = u32::try_from(positives).map_err(|_| DbError::Corrupt("indicator count".into()))?;
            slots[slot][at].indicators.insert(indicator, positives);
        }
    }
    Ok(())
}
