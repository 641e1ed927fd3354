//! Which waves the flags have run over, and the reporting period of each: the rows a flag run reads
//! and marks ([`crate::app::run_flags`]).

use std::collections::BTreeMap;

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::DbConnection;
use super::error::DbResult;
use super::region_counts::{CHUNK, RegionCounts};
use super::schema::waves as waves_table;
use crate::domain::ids::WaveId;
use crate::domain::period::ReportingPeriod;

/// The reporting period of each wave counted in `counts` (the period that holds its last day).
pub fn periods_of(conn: &mut DbConnection, counts: &RegionCounts) -> DbResult<BTreeMap<WaveId, ReportingPeriod>> {
    let ids: Vec<WaveId> = counts.waves.values().copied().collect();
    let mut periods = BTreeMap::new();
    for chunk in ids.chunks(CHUNK) {
        let rows: Vec<(WaveId, chrono::NaiveDate)> = waves_table::table
            .filter(waves_table::id.eq_any(chunk))
            .select((waves_table::id, waves_table::closes_on))
            .load(conn)?;
        periods.extend(rows.into_iter().map(|(id, last_day)| (id, ReportingPeriod::containing(last_day))));
    }
    Ok(periods)
}

/// Records that the flags have run over the waves `assessed`.
pub fn mark_flagged(conn: &mut DbConnection, assessed: &[WaveId], now: NaiveDateTime) -> DbResult<()> {
    for chunk in assessed.chunks(CHUNK) {
        diesel::update(waves_table::table.filter(waves_table::id.eq_any(chunk)))
            .set(waves_table::flagged_at.eq(now))
            .execute(conn)?;
    }
    Ok(())
}

/// Whether the flags have run over `wave` (by its own close or a run over its region).
pub fn is_flagged(conn: &mut DbConnection, wave: WaveId) -> DbResult<bool> {
    let at: Option<NaiveDateTime> = waves_table::table.find(wave).select(waves_table::flagged_at).first(conn)?;
    Ok(at.is_some())
}

/// Closed, counted waves whose flags have not run (the process stopped in between).
pub fn waiting(conn: &mut DbConnection) -> DbResult<Vec<WaveId>> {
    Ok(waves_table::table
        .filter(waves_table::aggregated_at.is_not_null())
        .filter(waves_table::flagged_at.is_null())
        .select(waves_table::id)
        .load(conn)?)
}
