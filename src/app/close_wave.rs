//! Closing a wave, sealing it, materialising its counts and running the flags: the one path every closer uses
//! (the psychologist's button, the close-date sweep, the CLI and the demo).

use chrono::NaiveDateTime;

use super::run_flags::{self, FlagContext};
use crate::db::DbConnection;
use crate::db::aggregates;
use crate::db::{DbError, DbResult};
use crate::db::{wave_flags, wave_sealing, waves};
use crate::domain::audit::Actor;
use crate::domain::ids::{SchoolId, WaveId};
use crate::domain::survey::catalog::Catalog;

/// Seals a closed wave ([`wave_sealing`]: its codes purged, its responses rewritten in key order),
/// then materialises its counts with its own instrument version from the sealed rows.
pub fn materialise(conn: &mut DbConnection, wave: WaveId, catalog: &Catalog, now: NaiveDateTime) -> DbResult<()> {
    wave_sealing::seal(conn, wave)?;
    let wave = waves::get(conn, wave, None)?;
    let instrument = catalog
        .get(&wave.instrument)
        .ok_or_else(|| DbError::Corrupt(format!("instrument {} is not loaded", wave.instrument)))?;
    aggregates::materialise(conn, &wave, instrument, now)
}

/// Closes a wave (of `school`, when given) as `actor` (audited), stores its counts and runs the flags
/// of its region; false if it was already closed.
pub fn close(
    conn: &mut DbConnection,
    wave: WaveId,
    school: Option<SchoolId>,
    actor: Actor,
    ctx: &FlagContext,
    now: NaiveDateTime,
) -> DbResult<bool> {
    let changed = waves::close(conn, wave, school, actor, now)?;
    materialise(conn, wave, &ctx.catalog, now)?;
    run_flags::run(conn, wave, ctx, now)?;
    Ok(changed)
}

/// Materialises every closed wave still waiting for its counts and runs the flags still due; returns
/// how many waves it finished.
pub fn catch_up(conn: &mut DbConnection, ctx: &FlagContext, now: NaiveDateTime) -> DbResult<usize> {
    let waiting = aggregates::waiting(conn)?;
    for wave in &waiting {
        materialise(conn, *wave, &ctx.catalog, now)?;
    }
    let unflagged = wave_flags::waiting(conn)?;
    for wave in &unflagged {
        // A run over an earlier wave of the same region may have assessed this one already.
        if !wave_flags::is_flagged(conn, *wave)? {
            run_flags::run(conn, *wave, ctx, now)?;
        }
    }
    Ok(waiting.len().max(unflagged.len()))
}
