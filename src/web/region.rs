//! Region figures for the pages that show them: the centre's region overview, a school's region
//! reference lines and the national overview, always of one published reporting period (figures
//! that rolled with every closed wave gave each newly counted school away). The disclosure of a
//! region is kept
//! ([`RegionCache`](super::region_cache::RegionCache)) until another wave of the region is counted;
//! every look is still audited by the page that shows it.

use std::collections::BTreeMap;
use std::sync::Arc;

use super::errors::AppError;
use super::state::AppState;
use crate::db::audit;
use crate::db::region_counts::{self, CountsStamp};
use crate::db::schools::{self, SchoolFilter};
use crate::domain::audit::AuditAction;
use crate::domain::disclosure::K;
use crate::domain::ids::UserId;
use crate::domain::instrument::InstrumentKey;
use crate::domain::period::ReportingPeriod;
use crate::domain::region::RegionCode;
use crate::domain::region_figures::RegionFigures;
use crate::domain::school::School;

/// The disclosed overview with the names a view needs.
pub struct RegionOverview {
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
async fn kept_or_computed(
    state: &AppState,
    region: RegionCode,
    instrument: &InstrumentKey,
    period: ReportingPeriod,
    stamp: CountsStamp,
) -> Result<Arc<RegionFigures>, AppError> {
    let key = (region.clone(), instrument.clone(), period);
    if let Some(kept) = state.region_cache.get(&key, &stamp) {
        return Ok(kept);
    }
    let k = state.settings.k;
    let catalog_instrument = state.catalog.get(instrument).ok_or(AppError::NotFound)?;
    let wanted = instrument.clone();
    let found = state.db(move |conn| region_counts::in_period(conn, &region, &wanted, period)).await?;
    let computed = RegionFigures::compute(&found.schools, found.waves, catalog_instrument, k, &state.noise)
        .map_err(|e| AppError::failed("computing the region's figures", e))?;
    let computed = Arc::new(computed);
    state.region_cache.put(key, stamp, computed.clone());
    Ok(computed)
}

/// The audit subject of a look at `region`'s figures of `instrument` in `period` (action
/// `view_region`).
pub fn look_subject(region: &RegionCode, instrument: &InstrumentKey, period: ReportingPeriod) -> String {
    format!("region:{region}:{}:{}:{}", instrument.code(), instrument.version(), period.id())
}

/// The disclosed figures of `region` for `instrument` in `period`, for a page that
/// records the look itself ([`look_subject`]) together with its other looks, in one transaction.
/// The caller has checked that `period` is published.
pub async fn figures_unrecorded(
    state: &AppState,
    region: RegionCode,
    instrument: InstrumentKey,
    period: ReportingPeriod,
) -> Result<Arc<RegionFigures>, AppError> {
    let stamp = {
        let (code, wanted) = (region.clone(), instrument.clone());
        state.db(move |conn| region_counts::stamp(conn, &code, &wanted, period)).await?
    };
    kept_or_computed(state, region, &instrument, period, stamp).await
}

/// The disclosed figures of `region` for `instrument` in `period`, recording the look.
pub async fn figures(
    state: &AppState,
    region: RegionCode,
    instrument: InstrumentKey,
    period: ReportingPeriod,
    actor: UserId,
) -> Result<Arc<RegionFigures>, AppError> {
    let subject = look_subject(&region, &instrument, period);
    let figures = figures_unrecorded(state, region, instrument, period).await?;
    state.db(move |conn| audit::append(conn, &actor.to_string(), AuditAction::ViewRegion, &subject)).await?;
    Ok(figures)
}

/// The disclosed figures of every region with a counted wave of `instrument` ending in `period`,
/// by region code, recording one look at the whole country.
pub async fn all_regions(
    state: &AppState,
    instrument: InstrumentKey,
    period: ReportingPeriod,
    actor: UserId,
) -> Result<BTreeMap<RegionCode, Arc<RegionFigures>>, AppError> {
    let stamps = {
        let wanted = instrument.clone();
        state.db(move |conn| region_counts::stamps(conn, &wanted, period)).await?
    };
    let mut all = BTreeMap::new();
    for (code, stamp) in stamps {
        let Some(region) = RegionCode::parse(&code) else { continue };
        all.insert(region.clone(), kept_or_computed(state, region, &instrument, period, stamp).await?);
    }
    let subject = format!("national:{}:{}:{}", instrument.code(), instrument.version(), period.id());
    state.db(move |conn| audit::append(conn, &actor.to_string(), AuditAction::ViewNational, &subject)).await?;
    Ok(all)
}

/// Loads the overview of `region` for `instrument` in `period`, recording the look.
pub async fn load(
    state: &AppState,
    region: RegionCode,
    instrument: InstrumentKey,
    period: ReportingPeriod,
    actor: UserId,
) -> Result<RegionOverview, AppError> {
    let k = state.settings.k;
    let figures = figures(state, region.clone(), instrument, period, actor).await?;
    let names = state
        .db(move |conn| {
            Ok(schools::list(conn, SchoolFilter::Region(&region))?
                .into_iter()
                .map(|s| (s.school.id.to_string(), s.school))
                .collect::<BTreeMap<String, School>>())
        })
        .await?;
    Ok(RegionOverview { figures, schools: names, k, period })
}

/// The period a region or national page shows: the one asked for (`id`), which must be published
/// on `today`, or else the latest published one. An id that is not a period, or a period not yet
/// over, is not found: its figures do not exist yet.
pub fn chosen_period(id: Option<&str>, today: chrono::NaiveDate) -> Result<ReportingPeriod, AppError> {
    match id {
        None => Ok(ReportingPeriod::latest_published(today)),
        Some(id) => ReportingPeriod::parse(id).filter(|p| p.is_published(today)).ok_or(AppError::NotFound),
    }
}
