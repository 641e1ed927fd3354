//! Loading the released figures of one wave for a page, the API or an export, always the same way:
//! counts from the database, the disclosure engine, and an audit entry for the look.

use std::collections::BTreeMap;

use chrono::Utc;

use super::errors::AppError;
use super::state::AppState;
use crate::db::schools::{self, SchoolFilter};
use crate::db::{aggregates, audit, waves};
use crate::domain::audit::AuditAction;
use crate::domain::disclosure::{GroupReport, GroupTally, K, Level, WaveState, disclose};
use crate::domain::figures::{ClassCounts, SCHOOL_KEY, school_report};
use crate::domain::ids::{SchoolId, UserId, WaveId};
use crate::domain::region::RegionCode;
use crate::domain::school::School;
use crate::domain::survey::wave::{WaveStatus, local_date};
use crate::domain::survey::wave_record::{Wave, WaveClass};

/// Whose figures a caller may see: one school (psychologist) or one region (centre staff).
#[derive(Debug, Clone)]
pub enum FigureScope {
    /// A psychologist's school.
    School(SchoolId),
    /// A centre's region.
    Region(RegionCode),
}

/// The wave (and its school) if it lies in `scope`; otherwise `NotFound`, never "forbidden".
pub fn wave_in_scope(
    conn: &mut crate::db::DbConnection,
    wave: WaveId,
    scope: &FigureScope,
) -> Result<(Wave, School), crate::db::DbError> {
    let wave = match scope {
        FigureScope::School(school) => waves::get(conn, wave, Some(*school))?,
        FigureScope::Region(_) => waves::get(conn, wave, None)?,
    };
    let filter = match scope {
        FigureScope::School(_) => SchoolFilter::All,
        FigureScope::Region(region) => SchoolFilter::Region(region),
    };
    let school = schools::get(conn, wave.school_id, filter)?;
    Ok((wave, school))
}

/// A wave with its released figures, ready for a view.
pub struct WaveFigures {
    /// The wave.
    pub wave: Wave,
    /// Its school.
    pub school: School,
    /// Its classes (labels and frozen grades; never their counts in a view).
    pub classes: Vec<WaveClass>,
    /// The disclosure report: school at the root, classes as parts.
    pub report: GroupReport<String>,
    /// The threshold used.
    pub k: K,
}

impl WaveFigures {
    /// The label of a class key, for views.
    pub fn label(&self, key: &str) -> String {
        self.classes.iter().find(|c| c.class_id.to_string() == key).map(|c| c.label.to_string()).unwrap_or_default()
    }
}

/// The participation of an open wave, the only figures it has: the school and each class (keyed by
/// class id) in bands. Each class is banded within its roll at wave time, which the wave page shows
/// beside it, so that no band cut by the roll says less than `k` counts; the school shows what its
/// classes' bands add up to.
///
/// # Errors
/// `Internal` when the engine refuses the counts (a class above its roll cannot be stored).
pub fn participation(classes: &[WaveClass], k: K) -> Result<GroupReport<String>, AppError> {
    let class =
        |c: &WaveClass| GroupTally::new(Level::Class, c.class_id.to_string(), c.responses).with_roll(u32::from(c.roll));
    let total = classes.iter().map(|c| c.responses).sum();
    let tally =
        GroupTally::new(Level::School, SCHOOL_KEY.to_owned(), total).with_parts(classes.iter().map(class).collect());
    disclose(&tally, k, WaveState::Open).map_err(|e| AppError::failed("disclosing an open wave's counts", e))
}

/// Why figures are not available yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotYet {
    /// The wave is open or scheduled: participation bands only.
    Open,
    /// Closed, but the counts are still being materialised.
    Preparing,
}

/// Loads the figures of `wave` within `scope`, recording the look as `action` by `actor`.
pub async fn load(
    state: &AppState,
    wave: WaveId,
    scope: FigureScope,
    actor: UserId,
    action: AuditAction,
) -> Result<Result<WaveFigures, NotYet>, AppError> {
    let loaded = compute(state, wave, scope).await?;
    if loaded.is_ok() {
        let subject = format!("wave:{wave}");
        state.db(move |conn| audit::append(conn, &actor.to_string(), action, &subject)).await?;
    }
    Ok(loaded)
}

/// The figures of `wave` within `scope`, without recording a look: for a caller that records one
/// look for a page built from several waves (a referral's evidence and trend).
pub async fn compute(
    state: &AppState,
    wave: WaveId,
    scope: FigureScope,
) -> Result<Result<WaveFigures, NotYet>, AppError> {
    let (wave_row, school, classes, ready, indicators, items) = state
        .db(move |conn| {
            let (wave_row, school) = wave_in_scope(conn, wave, &scope)?;
            let classes = waves::classes_of(conn, wave)?;
            let ready = aggregates::is_materialised(conn, wave)?;
            let indicators = if ready { aggregates::indicator_counts_of(conn, wave)? } else { Vec::new() };
            let items = if ready { aggregates::item_counts_of(conn, wave)? } else { Vec::new() };
            Ok((wave_row, school, classes, ready, indicators, items))
        })
        .await?;
    if wave_row.status(local_date(Utc::now())) != WaveStatus::Closed {
        return Ok(Err(NotYet::Open));
    }
    if !ready {
        return Ok(Err(NotYet::Preparing));
    }
    let instrument = state
        .catalog
        .get(&wave_row.instrument)
        .ok_or_else(|| AppError::internal(format!("instrument {} is not loaded", wave_row.instrument.code())))?;
    let mut counts: BTreeMap<String, ClassCounts> = classes
        .iter()
        .map(|c| {
            let key = c.class_id.to_string();
            let counts = ClassCounts {
                key: key.clone(),
                grade: c.grade,
                respondents: c.responses,
                roll: Some(u32::from(c.roll)),
                indicators: BTreeMap::new(),
                items: BTreeMap::new(),
            };
            (key, counts)
        })
        .collect();
    for (class, indicator, positives, _) in indicators {
        if let Some(c) = counts.get_mut(&class.to_string()) {
            c.indicators.insert(indicator, positives);
        }
    }
    for (class, item, value, responses) in items {
        if let Some(c) = counts.get_mut(&class.to_string()) {
            c.items.insert((item, value), responses);
        }
    }
    let k = state.settings.k;
    let ordered: Vec<ClassCounts> = classes.iter().filter_map(|c| counts.remove(&c.class_id.to_string())).collect();
    let report = school_report(&ordered, &wave.to_string(), instrument, k, WaveState::Closed, &state.noise)
        .map_err(|e| AppError::failed("computing a school's report", e))?;
    Ok(Ok(WaveFigures { wave: wave_row, school, classes, report, k }))
}
