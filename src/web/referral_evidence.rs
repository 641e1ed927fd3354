//! The evidence of a referral, built only from released figures: the class's rates in the referral's
//! wave (through the same disclosure rules as the dashboards) and its trend over the school's waves of
//! the same questionnaire version. The caller records the look (see `referral_pages::show`). A
//! referral of the region has none: it names no school, no class and no wave, so there is nothing
//! to draw that would not point at one.

use super::errors::AppError;
use super::figures::{self, FigureScope, WaveFigures};
use super::state::AppState;
use super::views::figures::rates::estimate;
use super::views::referrals::{Evidence, ReferenceRate};
use crate::db::{aggregates, waves};
use crate::domain::disclosure::GroupFigures;
use crate::domain::ids::WaveId;
use crate::domain::instrument::Instrument;
use crate::domain::referral::Referral;
use crate::web::views::charts::TrendPoint;

/// How many waves a trend shows at most.
const TREND_WAVES: usize = 6;

fn class_figures<'a>(loaded: &'a WaveFigures, referral: &Referral) -> Option<&'a GroupFigures> {
    let (class, _) = referral.class()?;
    let key = class.to_string();
    loaded.report.parts().iter().find(|p| *p.key() == key).and_then(|p| p.figures()).map(|f| f.get())
}

/// The indicators whose trend the evidence draws: the flagged ones (or every ruled one), never a
/// signal, which has no rate to draw.
fn trend_indicators(instrument: &Instrument, referral: &Referral) -> Vec<String> {
    let ruled: Vec<String> = if referral.flags.is_empty() {
        instrument.flag_rules().iter().map(|r| r.indicator().to_owned()).collect()
    } else {
        referral.flags.iter().map(|(id, _)| id.clone()).collect()
    };
    ruled.into_iter().filter(|id| !instrument.is_signal_only(id)).collect()
}

/// The baselines the flags of `referral` were judged against, with their sources.
fn references(instrument: &Instrument, referral: &Referral) -> Vec<ReferenceRate> {
    referral
        .flags
        .iter()
        .filter_map(|(indicator, _)| {
            let rule = instrument.flag_rule(indicator)?;
            let baseline = rule.baseline()?;
            Some(ReferenceRate { indicator: indicator.clone(), rate: baseline, source: rule.reference().cloned() })
        })
        .collect()
}

/// Builds the evidence of `referral` for a caller in `scope`; the caller has recorded the look.
pub async fn load(state: &AppState, referral: &Referral, scope: FigureScope) -> Result<Evidence, AppError> {
    let Some(school) = referral.school_id() else { return Ok(Evidence::default()) };
    let all = state.db(move |conn| waves::list_for_school(conn, school)).await?;
    let anchor = match referral.wave_id {
        Some(id) => all.iter().find(|w| w.id == id).cloned(),
        None => all.iter().find(|w| w.closed).cloned(),
    };
    let mut evidence = Evidence::default();
    let Some(anchor) = anchor else { return Ok(evidence) };
    let Some(instrument) = state.catalog.get(&anchor.instrument) else {
        return Ok(evidence);
    };
    evidence.references = references(instrument, referral);
    let mut series: Vec<WaveId> = Vec::new();
    for wave in all.iter().rev() {
        let same = wave.instrument == anchor.instrument;
        let id = wave.id;
        if same
            && wave.closed
            && wave.closes_on <= anchor.closes_on
            && state.db(move |conn| aggregates::is_materialised(conn, id)).await?
        {
            series.push(id);
        }
    }
    let keep_from = series.len().saturating_sub(TREND_WAVES);
    let indicators = trend_indicators(instrument, referral);
    let mut trends: Vec<(String, Vec<TrendPoint>)> = indicators.iter().map(|i| (i.clone(), Vec::new())).collect();
    for wave in &series[keep_from..] {
        let Ok(loaded) = figures::compute(state, *wave, scope.clone()).await? else { continue };
        let class = class_figures(&loaded, referral);
        if referral.wave_id == Some(*wave) {
            match class {
                Some(figures) => {
                    evidence.respondents = Some(figures.respondents());
                    evidence.acute = figures.acute();
                    evidence.rates = instrument
                        .rate_indicators()
                        .filter_map(|i| {
                            let rate = figures.indicator(i.id())?;
                            let flagged = referral.flags.iter().any(|(id, _)| id == i.id());
                            Some((i.id().to_owned(), estimate(rate), flagged))
                        })
                        .collect();
                }
                // The school as a whole: only its own released acute signal.
                None if referral.class().is_none() => {
                    evidence.acute = loaded.report.figures().and_then(|f| f.get().acute());
                }
                None => {}
            }
        }
        if let Some(figures) = class {
            for (indicator, points) in &mut trends {
                if let Some(rate) = figures.indicator(indicator) {
                    points.push(TrendPoint { wave: loaded.wave.closes_on.to_string(), estimate: estimate(rate) });
                }
            }
        }
    }
    evidence.trends = trends;
    Ok(evidence)
}
