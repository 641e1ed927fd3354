//! The region overview for centre staff: each school's latest closed wave of one questionnaire
//! version, disclosed together as region → schools. The disclosure is kept per region
//! ([`RegionCache`](super::region_cache::RegionCache)) until another wave of the region is counted;
//! every look is still audited.

use std::collections::BTreeMap;
use std::sync::Arc;

use super::errors::AppError;
use super::state::AppState;
use crate::db::schools::{self, SchoolFilter};
use crate::db::{audit, region_counts};
use crate::domain::disclosure::K;
use crate::domain::ids::UserId;
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
}

/// The disclosed figures of `region` for instrument `(id, version)`, recording the look.
pub async fn figures(
    state: &AppState,
    region: RegionCode,
    instrument: (String, u32),
    actor: UserId,
) -> Result<Arc<RegionFigures>, AppError> {
    let k = K::new(state.settings.k).map_err(|e| AppError::Internal(e.to_string()))?;
    let catalog_instrument = state.catalog.get(&instrument.0, instrument.1).ok_or(AppError::NotFound)?;
    let key = (region.clone(), instrument.0.clone(), instrument.1);
    let cache = state.region_cache.clone();
    let (stamp, kept) = {
        let (code, wanted, key) = (region.clone(), instrument.clone(), key.clone());
        state
            .db(move |conn| {
                let stamp = region_counts::stamp(conn, &code, (&wanted.0, wanted.1))?;
                let kept = cache.get(&key, stamp);
                Ok((stamp, kept))
            })
            .await?
    };
    let figures = match kept {
        Some(figures) => figures,
        None => {
            let (code, wanted) = (region.clone(), instrument.clone());
            let found = state.db(move |conn| region_counts::latest(conn, &code, (&wanted.0, wanted.1))).await?;
            let computed = RegionFigures::compute(&found.schools, found.waves, catalog_instrument, k)
                .map_err(|e| AppError::Internal(e.to_string()))?;
            let computed = Arc::new(computed);
            state.region_cache.put(key, stamp, computed.clone());
            computed
        }
    };
    let subject = format!("region:{region}:{}:{}", instrument.0, instrument.1);
    state.db(move |conn| audit::append(conn, &actor.to_string(), "view_region", &subject)).await?;
    Ok(figures)
}

/// Loads the overview of `region` for instrument `(id, version)`, recording the look.
pub async fn load(
    state: &AppState,
    region: RegionCode,
    instrument: (String, u32),
    actor: UserId,
) -> Result<RegionOverview, AppError> {
    let k = K::new(state.settings.k).map_err(|e| AppError::Internal(e.to_string()))?;
    let figures = figures(state, region.clone(), instrument, actor).await?;
    let names = state
        .db(move |conn| {
            Ok(schools::list(conn, SchoolFilter::Region(&region))?
                .into_iter()
                .map(|s| (s.school.id.to_string(), s.school))
                .collect::<BTreeMap<String, School>>())
        })
        .await?;
    Ok(RegionOverview { figures, schools: names, k })
}
