//! The region overview for centre staff: each school's latest closed wave of one questionnaire
//! version, disclosed together as region → schools → classes.

use std::collections::BTreeMap;

use super::errors::AppError;
use super::state::AppState;
use crate::db::schools::{self, SchoolFilter};
use crate::db::{audit, region_counts};
use crate::domain::disclosure::{GroupReport, K};
use crate::domain::figures::{SchoolCounts, region_report};
use crate::domain::ids::UserId;
use crate::domain::region::RegionCode;
use crate::domain::school::School;

/// The disclosed overview with the names a view needs.
pub struct RegionOverview {
    /// Region → schools → classes.
    pub report: GroupReport<String>,
    /// Schools by key (id).
    pub schools: BTreeMap<String, School>,
    /// The threshold used.
    pub k: K,
    /// The counts behind it (for guards such as a school comparing itself with the region; never shown).
    pub counts: Vec<SchoolCounts>,
    /// The wave counted for each school (by school key).
    pub waves: BTreeMap<String, crate::domain::ids::WaveId>,
}

/// Loads the overview of `region` for instrument `(id, version)`, recording the look.
pub async fn load(
    state: &AppState,
    region: RegionCode,
    instrument: (String, u32),
    actor: UserId,
) -> Result<RegionOverview, AppError> {
    let k = K::new(state.settings.k).map_err(|e| AppError::Internal(e.to_string()))?;
    let wanted = instrument.clone();
    let code = region.clone();
    let (counts, names, chosen) = state
        .db(move |conn| {
            let found = region_counts::latest(conn, &code, (&wanted.0, wanted.1))?;
            let names: BTreeMap<String, School> = schools::list(conn, SchoolFilter::Region(&code))?
                .into_iter()
                .map(|s| (s.school.id.to_string(), s.school))
                .collect();
            let chosen: BTreeMap<String, crate::domain::ids::WaveId> = found.waves;
            Ok((found.schools, names, chosen))
        })
        .await?;
    let catalog_instrument = state.catalog.get(&instrument.0, instrument.1).ok_or(AppError::NotFound)?;
    let report = region_report(&counts, catalog_instrument, k).map_err(|e| AppError::Internal(e.to_string()))?;
    let subject = format!("region:{region}:{}:{}", instrument.0, instrument.1);
    state.db(move |conn| audit::append(conn, &actor.to_string(), "view_region", &subject)).await?;
    Ok(RegionOverview { report, schools: names, k, counts, waves: chosen })
}
