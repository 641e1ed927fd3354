//! Region figures for the pages that show them: the centre's region overview, a school's region
//! reference lines and the national overview, always of one published reporting period (figures that
//! rolled with every closed wave gave each newly counted school away). The disclosure of a region is
//! kept ([`RegionCache`]) until another wave of the region is counted; every look is still audited.

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::NaiveDate;

use super::error::{UseCaseError, UseCaseResult};
use super::stamped_cache::StampedCache;
use super::wave_figures::FigureContext;
use crate::db::region_counts::{self, CountsStamp};
use crate::db::schools::{self, SchoolFilter};
use crate::db::{DbConnection, DbError, audit, regions};
use crate::domain::audit::{Actor, AuditAction};
use crate::domain::disclosure::K;
use crate::domain::ids::UserId;
use crate::domain::instrument::InstrumentKey;
use crate::domain::period::ReportingPeriod;
use crate::domain::region::RegionCode;
use crate::domain::region_figures::RegionFigures;
use crate::domain::school::{Region, School};

/// A region, a questionnaire version and a reporting period.
pub type RegionKey = (RegionCode, InstrumentKey, ReportingPeriod);

/// Regions times versions this process keeps at most; 20 regions with a few versions each fit, and a
/// kept region is about a megabyte even for the largest.
pub const REGION_CAPACITY: usize = 64;

/// Disclosed region figures by region, version and period, each valid while its counts' stamp holds.
pub type RegionCache = StampedCache<RegionKey, CountsStamp, Arc<RegionFigures>>;

/// The disclosed overview with the names a view needs.
pub struct RegionOverview {
    /// The region itself.
    pub region: Region,
    /// Region → schools, as disclosed, with what a school needs to compare itself with the region.
    pub figures: Arc<RegionFigures>,
    /// Schools by key (id).
    pub schools: BTreeMap<String, School>,
    /// The threshold used.
    pub k: K,
    /// The reporting period shown.
    pub period: ReportingPeriod,
}

/// The region's kept figures when `stamp` is still current, or figures disclosed afresh (and kept).
fn kept_or_computed(
    conn: &mut DbConnection,
    with: &FigureContext,
    region: &RegionCode,
    instrument: &InstrumentKey,
    period: ReportingPeriod,
    stamp: CountsStamp,
) -> UseCaseResult<Arc<RegionFigures>> {
    let key = (region.clone(), instrument.clone(), period);
    if let Some(kept) = with.regions.get(&key, &stamp) {
        return Ok(kept);
    }
    // A version no longer loaded has no figures to show: not found, as for a version never run.
    let catalog_instrument = with.catalog.get(instrument).ok_or(DbError::NotFound)?;
    let found = region_counts::in_period(conn, region, instrument, period)?;
    let computed = RegionFigures::compute(&found.schools, found.waves, catalog_instrument, with.k, &with.noise)
        .map_err(|e| UseCaseError::refused("the region's figures", e))?;
    let computed = Arc::new(computed);
    with.regions.put(key, stamp, computed.clone());
    Ok(computed)
}

/// The audit subject of a look at `region`'s figures of `instrument` in `period` (action
/// `view_region`).
pub fn look_subject(region: &RegionCode, instrument: &InstrumentKey, period: ReportingPeriod) -> String {
    format!("region:{region}:{}:{}:{}", instrument.code(), instrument.version(), period.id())
}

/// The disclosed figures of `region` for instrument `instrument` in `period`, for a page that
/// records the look itself ([`look_subject`]) together with its other looks, in one transaction.
/// The caller has checked that `period` is published.
pub fn unrecorded(
    conn: &mut DbConnection,
    with: &FigureContext,
    region: &RegionCode,
    instrument: &InstrumentKey,
    period: ReportingPeriod,
) -> UseCaseResult<Arc<RegionFigures>> {
    let stamp = region_counts::stamp(conn, region, instrument, period)?;
    kept_or_computed(conn, with, region, instrument, period, stamp)
}

/// [`unrecorded`], or `None` without disclosing anything when the region counted no wave of
/// `instrument` in `period` (the open figures list only the questionnaires a region ran).
pub fn unrecorded_if_counted(
    conn: &mut DbConnection,
    with: &FigureContext,
    region: &RegionCode,
    instrument: &InstrumentKey,
    period: ReportingPeriod,
) -> UseCaseResult<Option<Arc<RegionFigures>>> {
    let stamp = region_counts::stamp(conn, region, instrument, period)?;
    if stamp.waves == 0 {
        return Ok(None);
    }
    kept_or_computed(conn, with, region, instrument, period, stamp).map(Some)
}

/// The disclosed figures of `region` for instrument `instrument` in `period`, recording the look.
pub fn look(
    conn: &mut DbConnection,
    with: &FigureContext,
    region: &RegionCode,
    instrument: &InstrumentKey,
    period: ReportingPeriod,
    actor: UserId,
) -> UseCaseResult<Arc<RegionFigures>> {
    let figures = unrecorded(conn, with, region, instrument, period)?;
    audit::append(conn, Actor::User(actor), AuditAction::ViewRegion, &look_subject(region, instrument, period))?;
    Ok(figures)
}

/// Every region, and the released figures of those with a counted wave in the period.
pub struct NationalOverview {
    /// Every region, in the country's order (those without figures are named as such).
    pub regions: Vec<Region>,
    /// The disclosed figures by region.
    pub figures: BTreeMap<RegionCode, Arc<RegionFigures>>,
}

/// Every region with the disclosed figures of those with a counted wave of `instrument` ending in
/// `period`, recording one look at the whole country.
pub fn national(
    conn: &mut DbConnection,
    with: &FigureContext,
    instrument: &InstrumentKey,
    period: ReportingPeriod,
    actor: UserId,
) -> UseCaseResult<NationalOverview> {
    let stamps = region_counts::stamps(conn, instrument, period)?;
    let mut all = BTreeMap::new();
    for (code, stamp) in stamps {
        let Some(region) = RegionCode::parse(&code) else { continue };
        let figures = kept_or_computed(conn, with, &region, instrument, period, stamp)?;
        all.insert(region, figures);
    }
    let subject = format!("national:{}:{}:{}", instrument.code(), instrument.version(), period.id());
    audit::append(conn, Actor::User(actor), AuditAction::ViewNational, &subject)?;
    Ok(NationalOverview { regions: regions::list(conn)?, figures: all })
}

/// The overview of `region` for instrument `instrument` in `period` with its schools' names,
/// recording the look.
pub fn overview(
    conn: &mut DbConnection,
    with: &FigureContext,
    region: &RegionCode,
    instrument: &InstrumentKey,
    period: ReportingPeriod,
    actor: UserId,
) -> UseCaseResult<RegionOverview> {
    let figures = look(conn, with, region, instrument, period, actor)?;
    let schools = schools::list(conn, SchoolFilter::Region(region))?
        .into_iter()
        .map(|s| (s.school.id.to_string(), s.school))
        .collect::<BTreeMap<String, School>>();
    Ok(RegionOverview { region: regions::get(conn, region)?, figures, schools, k: with.k, period })
}

/// The period a region or national page shows: the one asked for (`id`), which must be published on
/// `today`, or else the latest published one. An id that is not a period, or a period not yet over, is
/// `None`: its figures do not exist yet.
pub fn chosen_period(id: Option<&str>, today: NaiveDate) -> Option<ReportingPeriod> {
    match id {
        None => Some(ReportingPeriod::latest_published(today)),
        Some(id) => ReportingPeriod::parse(id).filter(|p| p.is_published(today)),
    }
}
