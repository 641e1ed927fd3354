//! Open figures (docs/design.md): what anyone may read without signing in, per region and published
//! reporting period: the region's released climate figures (never a school's), its centre's
//! accountability for referrals and the trust box's figures. The national analyst reads the centres'
//! figures of every region side by side ([`centres`]).
//!
//! Nothing here is new disclosure: the climate figures are the region level of the same disclosure
//! the centre and the national analyst see (`app::region_figures`), rates without the acute signal
//! as on their pages, and the counts pass
//! `domain::disclosure` in `domain::referral::figures` and `domain::trust_box::figures`. A public
//! look is not audited: nobody is signed in, and the audit log records who looked.

use std::collections::BTreeMap;

use super::error::UseCaseResult;
use super::region_figures;
use super::trust_box::figures::{self as trust_figures, Scope};
use super::wave_figures::FigureContext;
use crate::db::{DbConnection, audit, referral_figures, regions};
use crate::domain::audit::{Actor, AuditAction};
use crate::domain::disclosure::{GroupFigures, K, Released};
use crate::domain::ids::UserId;
use crate::domain::instrument::InstrumentKey;
use crate::domain::period::ReportingPeriod;
use crate::domain::referral::figures::{ReferralFigures, ReferralTimes, figures as referral_figures_of};
use crate::domain::region::RegionCode;
use crate::domain::school::Region;
use crate::domain::trust_box::figures::TrustFigures;

/// One questionnaire version the region ran in the period, and its region-level figures.
#[derive(Debug, Clone)]
pub struct ClimateFigures {
    /// The questionnaire version.
    pub instrument: InstrumentKey,
    /// The region's released figures, or `None` when the region's respondents were too few.
    pub region: Option<Released<GroupFigures>>,
}

/// Everything the public page of one region and period shows.
#[derive(Debug, Clone)]
pub struct OpenRegionFigures {
    /// The region and its centre.
    pub region: Region,
    /// Each questionnaire version with counted waves in the period, in the catalogue's order.
    pub climate: Vec<ClimateFigures>,
    /// The centre's work on referrals that arrived in the period.
    pub referrals: ReferralFigures,
    /// The trust box's conversations that arrived in the period.
    pub trust: TrustFigures,
}

/// The open figures of `region` for the published `period` (the caller has checked that it is).
pub fn of_region(
    conn: &mut DbConnection,
    with: &FigureContext,
    region: &RegionCode,
    period: ReportingPeriod,
) -> UseCaseResult<OpenRegionFigures> {
    let found = regions::get(conn, region)?;
    let mut climate = Vec::new();
    for instrument in with.catalog.all() {
        let key = instrument.key();
        if let Some(figures) = region_figures::unrecorded_if_counted(conn, with, region, &key, period)? {
            climate.push(ClimateFigures { instrument: key, region: figures.report().figures().cloned() });
        }
    }
    let times: Vec<ReferralTimes> =
        referral_figures::received_in(conn, Some(region), period)?.into_iter().map(|(_, t)| t).collect();
    let trust = trust_figures::unrecorded(conn, Scope::Region(region), period, with.k)?
        .into_iter()
        .next()
        .map(|shown| shown.figures)
        .unwrap_or_else(|| crate::domain::trust_box::figures::figures(&[], period, with.k));
    Ok(OpenRegionFigures { region: found, climate, referrals: referral_figures_of(&times, period, with.k), trust })
}

/// Every region's centre figures, in the deployment's order.
#[derive(Debug, Clone)]
pub struct CentreFigures {
    /// The region and its centre.
    pub region: Region,
    /// Its referrals that arrived in the period.
    pub referrals: ReferralFigures,
}

/// Every region's referral figures for the published `period`, side by side for the national
/// analyst, audited as a look by `actor`.
pub fn centres(
    conn: &mut DbConnection,
    period: ReportingPeriod,
    k: K,
    actor: UserId,
) -> UseCaseResult<Vec<CentreFigures>> {
    let shown = every_centre(conn, period, k)?;
    audit::append(conn, Actor::User(actor), AuditAction::ViewCentreFigures, &format!("country:{}", period.id()))?;
    Ok(shown)
}

/// Every region's referral figures for the published `period`, unaudited (the public index).
pub fn every_centre(conn: &mut DbConnection, period: ReportingPeriod, k: K) -> UseCaseResult<Vec<CentreFigures>> {
    let mut by_region: BTreeMap<RegionCode, Vec<ReferralTimes>> = BTreeMap::new();
    for (region, times) in referral_figures::received_in(conn, None, period)? {
        by_region.entry(region).or_default().push(times);
    }
    Ok(regions::list(conn)?
        .into_iter()
        .map(|region| {
            let times = by_region.remove(&region.code).unwrap_or_default();
            CentreFigures { referrals: referral_figures_of(&times, period, k), region }
        })
        .collect())
}
