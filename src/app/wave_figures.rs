//! The released figures of one wave, made the same way for a page, the API, an export or a referral's
//! evidence: the counts from the database, the disclosure engine over them, and an audit entry for the
//! look. Plain functions over a connection: a caller runs them on the blocking pool, so disclosing a
//! large school never stalls a web worker.

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::NaiveDate;

use super::error::{UseCaseError, UseCaseResult};
use super::region_figures::RegionCache;
use crate::db::schools::{self, SchoolFilter};
use crate::db::{DbConnection, DbResult, aggregates, audit, waves};
use crate::domain::audit::{Actor, AuditAction};
use crate::domain::disclosure::{GroupReport, GroupTally, K, Level, Noise, WaveState, disclose};
use crate::domain::figures::{ClassCounts, SCHOOL_KEY, school_report};
use crate::domain::ids::{SchoolId, UserId, WaveId};
use crate::domain::region::RegionCode;
use crate::domain::school::School;
use crate::domain::survey::catalog::Catalog;
use crate::domain::survey::wave::WaveStatus;
use crate::domain::survey::wave_record::{Wave, WaveClass};

/// Whose figures a caller may see: one school (psychologist) or one region (centre staff).
#[derive(Debug, Clone)]
pub enum FigureScope {
    /// A psychologist's school.
    School(SchoolId),
    /// A centre's region.
    Region(RegionCode),
}

/// What making figures needs besides the counts: the questionnaires, the threshold, the deployment's
/// noise and the region figures already disclosed. Cheap to clone, so a web handler moves one into
/// the blocking task that runs the use case.
#[derive(Clone)]
pub struct FigureContext {
    /// The loaded questionnaires.
    pub catalog: Arc<Catalog>,
    /// The threshold.
    pub k: K,
    /// The deployment's keyed noise.
    pub noise: Arc<Noise>,
    /// Region figures kept in this process, each under the stamp of the counts it was made from.
    pub regions: RegionCache,
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
        class_label(&self.classes, key)
    }
}

/// The label of the class whose key (its id as text) is `key`, or nothing for a key of no class.
fn class_label(classes: &[WaveClass], key: &str) -> String {
    classes.iter().find(|c| c.class_id.to_string() == key).map(|c| c.label.to_string()).unwrap_or_default()
}

/// The audit subject of a look at a wave's figures (or at an earlier wave of a trend).
pub fn look_subject(wave: WaveId) -> String {
    format!("wave:{wave}")
}

/// Why figures are not available yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotYet {
    /// The wave is open or scheduled: participation bands only.
    Open,
    /// Closed, but the counts are still being materialised.
    Preparing,
}

/// The wave (and its school) if it lies in `scope`; otherwise `NotFound`, never "forbidden".
pub fn wave_in_scope(conn: &mut DbConnection, wave: WaveId, scope: &FigureScope) -> DbResult<(Wave, School)> {
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

/// The participation of an open wave, the only figures it has: the school and each class (keyed by
/// class id) in bands. Each class is banded within its roll at wave time, which the wave page shows
/// beside it, so that no band cut by the roll says less than `k` counts; the school shows what its
/// classes' bands add up to.
///
/// # Errors
/// When the engine refuses the counts (a class above its roll cannot be stored).
pub fn participation(classes: &[WaveClass], k: K) -> UseCaseResult<GroupReport<String>> {
    let class =
        |c: &WaveClass| GroupTally::new(Level::Class, c.class_id.to_string(), c.responses).with_roll(u32::from(c.roll));
    let total = classes.iter().map(|c| c.responses).sum();
    let tally =
        GroupTally::new(Level::School, SCHOOL_KEY.to_owned(), total).with_parts(classes.iter().map(class).collect());
    disclose(&tally, k, WaveState::Open).map_err(|e| UseCaseError::refused("an open wave's participation", e))
}

/// The figures of `wave` within `scope` on `today`, without recording a look: for a caller that
/// records one look for a page built from several waves (a referral's evidence and trend).
pub fn compute(
    conn: &mut DbConnection,
    with: &FigureContext,
    wave: WaveId,
    scope: &FigureScope,
    today: NaiveDate,
) -> UseCaseResult<Result<WaveFigures, NotYet>> {
    let (wave_row, school) = wave_in_scope(conn, wave, scope)?;
    let classes = waves::classes_of(conn, wave)?;
    if wave_row.status(today) != WaveStatus::Closed {
        return Ok(Err(NotYet::Open));
    }
    if !aggregates::is_materialised(conn, wave)? {
        return Ok(Err(NotYet::Preparing));
    }
    let indicators = aggregates::indicator_counts_of(conn, wave)?;
    let items = aggregates::item_counts_of(conn, wave)?;
    let instrument = with
        .catalog
        .get(&wave_row.instrument)
        .ok_or_else(|| UseCaseError::NotLoaded(wave_row.instrument.to_string()))?;
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
    let ordered: Vec<ClassCounts> = classes.iter().filter_map(|c| counts.remove(&c.class_id.to_string())).collect();
    let report = school_report(&ordered, &wave.to_string(), instrument, with.k, WaveState::Closed, &with.noise)
        .map_err(|e| UseCaseError::refused("a school's report", e))?;
    Ok(Ok(WaveFigures { wave: wave_row, school, classes, report, k: with.k }))
}

/// The figures of `wave` within `scope`, recording the look as `action` by `actor` when there are
/// figures to see (a wave not yet closed or counted shows none, so nothing was looked at).
pub fn look(
    conn: &mut DbConnection,
    with: &FigureContext,
    wave: WaveId,
    scope: &FigureScope,
    today: NaiveDate,
    actor: UserId,
    action: AuditAction,
) -> UseCaseResult<Result<WaveFigures, NotYet>> {
    let figures = compute(conn, with, wave, scope, today)?;
    if figures.is_ok() {
        audit::append(conn, Actor::User(actor), action, &look_subject(wave))?;
    }
    Ok(figures)
}

/// An open wave as the API and the wave pages show it: participation bands only.
pub struct Participation {
    /// The wave.
    pub wave: Wave,
    /// Its school.
    pub school: School,
    /// Its classes.
    pub classes: Vec<WaveClass>,
    /// The bands: school at the root, classes as parts keyed by class id.
    pub report: GroupReport<String>,
}

impl Participation {
    /// The label of a class key, for views.
    pub fn label(&self, key: &str) -> String {
        class_label(&self.classes, key)
    }
}

/// The participation bands of `wave` within `scope` (see [`participation`]).
pub fn participation_of(
    conn: &mut DbConnection,
    wave: WaveId,
    scope: &FigureScope,
    k: K,
) -> UseCaseResult<Participation> {
    let (wave_row, school) = wave_in_scope(conn, wave, scope)?;
    let classes = waves::classes_of(conn, wave)?;
    let report = participation(&classes, k)?;
    Ok(Participation { wave: wave_row, school, classes, report })
}
