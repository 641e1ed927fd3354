//! A psychologist looks at a closed wave of their school: its released figures, the trend over the
//! school's earlier waves of the same questionnaire version, and the region's figures as reference
//! lines, each only where the disclosure rules allow, and every look recorded in one transaction.
//!
//! A closed, counted wave is frozen, so the web layer keeps the drawn section under a
//! [`DashboardStamp`] of everything it was built from and asks for a fresh one on every view.

use std::collections::BTreeSet;
use std::sync::Arc;

use chrono::NaiveDate;

use super::error::UseCaseResult;
use super::region_figures;
use super::wave_figures::{self, FigureContext, FigureScope, NotYet, WaveFigures};
use crate::db::region_counts::{self, CountsStamp};
use crate::db::schools::{self, SchoolFilter};
use crate::db::{DbConnection, DbResult, aggregates, audit, waves, write_transaction};
use crate::domain::audit::{Actor, AuditAction};
use crate::domain::disclosure::{GroupFigures, RegionLines, region_lines};
use crate::domain::ids::{SchoolId, UserId, WaveId};
use crate::domain::period::ReportingPeriod;
use crate::domain::region::RegionCode;
use crate::domain::region_figures::RegionFigures;
use crate::domain::survey::wave_record::{Wave, WaveClass};

/// How many earlier waves the trend shows at most.
const TREND_WAVES: usize = 5;

/// What a kept section was built from; it is served only while all of it is unchanged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DashboardStamp {
    /// The school's region.
    region: RegionCode,
    /// The region's counted waves of the wave's questionnaire version in the wave's period.
    counts: CountsStamp,
    /// Whether that period's region figures are published yet (they are on the page only then).
    published: bool,
    /// The wave's classes with today's labels (a class may be renamed after the wave).
    classes: Vec<WaveClass>,
}

/// The stamp of `wave`'s dashboard on `today` with its `classes` as read for the page (kept in the
/// stamp), or `None` while the wave's counts are not stored yet.
pub fn stamp(
    conn: &mut DbConnection,
    wave: &Wave,
    classes: Vec<WaveClass>,
    today: NaiveDate,
) -> DbResult<Option<DashboardStamp>> {
    if !aggregates::is_materialised(conn, wave.id)? {
        return Ok(None);
    }
    let region = schools::get(conn, wave.school_id, SchoolFilter::All)?.region;
    let period = ReportingPeriod::containing(wave.closes_on);
    let counts = region_counts::stamp(conn, &region, &wave.instrument, period)?;
    Ok(Some(DashboardStamp { region, counts, published: period.is_published(today), classes }))
}

/// Where the questionnaire's version changed before this wave: the trend starts again after it, and
/// the page says so, or a psychologist would take a shorter trend for missing figures.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VersionChange {
    /// The version of the school's latest earlier wave that used another one.
    pub earlier_version: u32,
    /// That wave's last day.
    pub earlier_closes_on: NaiveDate,
    /// This wave's version.
    pub version: u32,
}

/// Everything a closed wave's dashboard shows, as released.
pub struct SchoolDashboard {
    /// The wave's figures.
    pub current: WaveFigures,
    /// The school's earlier waves of the same version over the same classes, oldest first.
    pub earlier: Vec<WaveFigures>,
    /// Where the version changed before this wave, if it did.
    pub change: Option<VersionChange>,
    /// The region's figures, only when they may stand beside the school's (see [`Self::region_whole`]).
    region: Option<Arc<RegionFigures>>,
    /// The audit subject of the look at the region, when its period is published.
    pub region_subject: Option<String>,
}

impl SchoolDashboard {
    /// The region as a whole, for reference lines: only where the disclosure rule [`region_lines`]
    /// draws them (a published period's region, released, counting this very wave, holding anyone
    /// beyond the school).
    pub fn region_whole(&self) -> Option<&GroupFigures> {
        self.region.as_ref()?.report().figures().map(|f| f.get())
    }

    /// The waves whose looks the dashboard shows besides the current one: the trend's.
    pub fn trend_waves(&self) -> Vec<WaveId> {
        self.earlier.iter().map(|w| w.wave.id).collect()
    }
}

/// The dashboard of `wave` of `school` on `today`, without recording the looks ([`record_looks`]).
pub fn build(
    conn: &mut DbConnection,
    with: &FigureContext,
    school: SchoolId,
    wave: WaveId,
    today: NaiveDate,
) -> UseCaseResult<Result<SchoolDashboard, NotYet>> {
    let current = match wave_figures::compute(conn, with, wave, &FigureScope::School(school), today)? {
        Ok(current) => current,
        Err(not_yet) => return Ok(Err(not_yet)),
    };
    let (earlier, change) = earlier_waves(conn, with, &current, today)?;
    let (region, region_subject) = region_reference(conn, with, &current, today)?;
    Ok(Ok(SchoolDashboard { current, earlier, change, region, region_subject }))
}

/// The region figures of the wave's period when they may stand beside the school's
/// ([`region_lines`]), and the audit subject of the look (none while the period is not published).
fn region_reference(
    conn: &mut DbConnection,
    with: &FigureContext,
    current: &WaveFigures,
    today: NaiveDate,
) -> UseCaseResult<(Option<Arc<RegionFigures>>, Option<String>)> {
    let version = &current.wave.instrument;
    let region = &current.school.region;
    let period = ReportingPeriod::containing(current.wave.closes_on);
    let figures = if period.is_published(today) {
        Some(region_figures::unrecorded(conn, with, region, version, period)?)
    } else {
        None
    };
    let subject = figures.as_ref().map(|_| region_figures::look_subject(region, version, period));
    let beside = figures.as_ref().map(|f| f.beside(&current.school.id.to_string()));
    let drawn = region_lines(current.wave.id, beside.as_ref()) == RegionLines::Drawn;
    Ok((figures.filter(|_| drawn), subject))
}

/// The school's earlier closed waves of the same questionnaire version over the same classes (of the
/// five latest, oldest first), with their figures, and where the questionnaire's version changed
/// before this wave.
fn earlier_waves(
    conn: &mut DbConnection,
    with: &FigureContext,
    current: &WaveFigures,
    today: NaiveDate,
) -> UseCaseResult<(Vec<WaveFigures>, Option<VersionChange>)> {
    let school = current.school.id;
    let earlier: Vec<_> = waves::list_for_school(conn, school)?
        .into_iter()
        .filter(|w| w.id != current.wave.id && w.closed && w.closes_on <= current.wave.closes_on)
        .filter(|w| w.instrument.code() == current.wave.instrument.code())
        .collect();
    let change = version_change(&earlier, &current.wave);
    let mut same: Vec<_> =
        earlier.into_iter().filter(|w| w.instrument == current.wave.instrument).take(TREND_WAVES).collect();
    same.reverse();
    let mut loaded = Vec::new();
    for wave in same {
        if let Ok(figures) = wave_figures::compute(conn, with, wave.id, &FigureScope::School(school), today)?
            && same_classes(&figures, current)
        {
            loaded.push(figures);
        }
    }
    Ok((loaded, change))
}

/// The latest of the school's `earlier` closed waves of the same questionnaire that used another
/// version than `current`.
fn version_change(earlier: &[Wave], current: &Wave) -> Option<VersionChange> {
    let last_other = earlier
        .iter()
        .filter(|w| w.instrument.version() != current.instrument.version())
        .max_by_key(|w| (w.closes_on, w.opens_on))?;
    Some(VersionChange {
        earlier_version: last_other.instrument.version(),
        earlier_closes_on: last_other.closes_on,
        version: current.instrument.version(),
    })
}

/// Whether two waves of a school covered the same classes: a trend compares like with like only, so
/// a school's figure over classes A and B is never set next to one over A alone (which would leave B's
/// pupils, at no one moment, as the difference).
fn same_classes(a: &WaveFigures, b: &WaveFigures) -> bool {
    let ids = |w: &WaveFigures| w.classes.iter().map(|c| c.class_id).collect::<BTreeSet<_>>();
    ids(a) == ids(b)
}

/// Records a dashboard's looks (the wave, each earlier wave of the trend, the region) in one
/// transaction: the same entries, in the same order, as one append each, for one commit.
pub fn record_looks(
    conn: &mut DbConnection,
    actor: UserId,
    wave: WaveId,
    trend: &[WaveId],
    region_subject: Option<&str>,
) -> DbResult<()> {
    write_transaction(conn, |conn| {
        audit::append(conn, Actor::User(actor), AuditAction::ViewFigures, &wave_figures::look_subject(wave))?;
        for earlier in trend {
            audit::append(conn, Actor::User(actor), AuditAction::ViewTrend, &wave_figures::look_subject(*earlier))?;
        }
        if let Some(subject) = region_subject {
            audit::append(conn, Actor::User(actor), AuditAction::ViewRegion, subject)?;
        }
        Ok(())
    })
}
