//! The region overview for centre staff: each school's latest closed wave of one questionnaire
//! version, disclosed together as region → schools → classes.

use std::collections::BTreeMap;

use super::errors::AppError;
use super::state::AppState;
use crate::db::schools::{self, SchoolFilter};
use crate::db::{aggregates, audit, waves};
use crate::domain::disclosure::{GroupReport, K};
use crate::domain::figures::{ClassCounts, SchoolCounts, region_report};
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
            let mut latest = BTreeMap::new();
            for wave in waves::list_for_region(conn, &code)? {
                let same = wave.instrument_id == wanted.0 && wave.instrument_version == wanted.1;
                if same
                    && wave.closed
                    && !latest.contains_key(&wave.school_id)
                    && aggregates::is_materialised(conn, wave.id)?
                {
                    latest.insert(wave.school_id, wave);
                }
            }
            let mut counts = Vec::new();
            for (school, wave) in &latest {
                let mut classes: BTreeMap<String, ClassCounts> = waves::classes_of(conn, wave.id)?
                    .into_iter()
                    .map(|c| {
                        let key = c.class_id.to_string();
                        (
                            key.clone(),
                            ClassCounts {
                                key,
                                grade: c.grade,
                                respondents: c.responses,
                                indicators: BTreeMap::new(),
                                items: BTreeMap::new(),
                            },
                        )
                    })
                    .collect();
                for (class, indicator, positives, _) in aggregates::indicator_counts_of(conn, wave.id)? {
                    if let Some(c) = classes.get_mut(&class.to_string()) {
                        c.indicators.insert(indicator, positives);
                    }
                }
                counts.push(SchoolCounts { key: school.to_string(), classes: classes.into_values().collect() });
            }
            let names: BTreeMap<String, School> = schools::list(conn, SchoolFilter::Region(&code))?
                .into_iter()
                .map(|s| (s.school.id.to_string(), s.school))
                .collect();
            let chosen: BTreeMap<String, crate::domain::ids::WaveId> =
                latest.iter().map(|(school, wave)| (school.to_string(), wave.id)).collect();
            Ok((counts, names, chosen))
        })
        .await?;
    let catalog_instrument = state.catalog.get(&instrument.0, instrument.1).ok_or(AppError::NotFound)?;
    let report = region_report(&counts, catalog_instrument, k).map_err(|e| AppError::Internal(e.to_string()))?;
    let subject = format!("region:{region}:{}:{}", instrument.0, instrument.1);
    state.db(move |conn| audit::append(conn, &actor.to_string(), "view_region", &subject)).await?;
    Ok(RegionOverview { report, schools: names, k, counts, waves: chosen })
}
