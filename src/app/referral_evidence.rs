//! The evidence of a referral, made only of released figures: the class's rates in the referral's
//! wave (through the same disclosure rules as the dashboards) and its trend over the school's waves of
//! the same questionnaire version. The caller records the look. A referral of the region has none: it
//! names no school, no class and no wave, so there is nothing to draw that would not point at one.

use chrono::NaiveDate;

use super::error::UseCaseResult;
use super::wave_figures::{self, FigureContext, FigureScope, WaveFigures};
use crate::db::{DbConnection, DbResult, aggregates, waves};
use crate::domain::disclosure::{AcuteSignal, GroupFigures, Rate};
use crate::domain::ids::WaveId;
use crate::domain::instrument::{Instrument, ReferenceSource};
use crate::domain::referral::Referral;
use crate::domain::survey::wave_record::Wave;

/// How many waves a trend shows at most.
const TREND_WAVES: usize = 6;

/// The reference rate a flag was judged against, and its source.
#[derive(Debug, Clone)]
pub struct ReferenceRate {
    /// The indicator's id.
    pub indicator: String,
    /// The baseline, a proportion.
    pub rate: f64,
    /// Its source, when the questionnaire version gives one.
    pub source: Option<ReferenceSource>,
}

/// The released figures behind a referral.
#[derive(Debug, Clone, Default)]
pub struct Evidence {
    /// The class's released rates in the referral's wave: (indicator id, rate, flagged).
    pub rates: Vec<(String, Rate, bool)>,
    /// The class's respondents, when its figures are released.
    pub respondents: Option<u32>,
    /// The acute signal as released ("≥1" or none).
    pub acute: Option<AcuteSignal>,
    /// For each drawn indicator, the class's released rate by wave (its last day), oldest first.
    pub trends: Vec<(String, Vec<(NaiveDate, Rate)>)>,
    /// For each indicator flagged against a baseline, that baseline and where it comes from, as the
    /// wave's questionnaire version gives them.
    pub references: Vec<ReferenceRate>,
}

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

/// The counted, closed waves of the anchor's school and questionnaire version up to the anchor's,
/// oldest first, at most [`TREND_WAVES`].
fn series(conn: &mut DbConnection, all: &[Wave], anchor: &Wave) -> DbResult<Vec<WaveId>> {
    let mut series: Vec<WaveId> = Vec::new();
    for wave in all.iter().rev() {
        let same = wave.instrument == anchor.instrument;
        if same && wave.closed && wave.closes_on <= anchor.closes_on && aggregates::is_materialised(conn, wave.id)? {
            series.push(wave.id);
        }
    }
    let keep_from = series.len().saturating_sub(TREND_WAVES);
    Ok(series.split_off(keep_from))
}

/// What the referral's own wave shows: the class's rates, respondents and acute signal when the class
/// is released, or for a referral of the whole school only the school's own released acute signal.
fn in_its_wave(evidence: &mut Evidence, instrument: &Instrument, referral: &Referral, loaded: &WaveFigures) {
    match class_figures(loaded, referral) {
        Some(figures) => {
            evidence.respondents = Some(figures.respondents());
            evidence.acute = figures.acute();
            evidence.rates = instrument
                .rate_indicators()
                .filter_map(|i| {
                    let rate = figures.indicator(i.id())?;
                    let flagged = referral.flags.iter().any(|(id, _)| id == i.id());
                    Some((i.id().to_owned(), *rate, flagged))
                })
                .collect();
        }
        None if referral.class().is_none() => {
            evidence.acute = loaded.report.figures().and_then(|f| f.get().acute());
        }
        None => {}
    }
}

/// The evidence of `referral` for a caller in `scope` on `today`; the caller records the look.
pub fn load(
    conn: &mut DbConnection,
    with: &FigureContext,
    referral: &Referral,
    scope: &FigureScope,
    today: NaiveDate,
) -> UseCaseResult<Evidence> {
    let Some(school) = referral.school_id() else { return Ok(Evidence::default()) };
    let all = waves::list_for_school(conn, school)?;
    let anchor = match referral.wave_id {
        Some(id) => all.iter().find(|w| w.id == id),
        None => all.iter().find(|w| w.closed),
    };
    let mut evidence = Evidence::default();
    let Some(anchor) = anchor else { return Ok(evidence) };
    let Some(instrument) = with.catalog.get(&anchor.instrument) else {
        return Ok(evidence);
    };
    evidence.references = references(instrument, referral);
    let mut trends: Vec<(String, Vec<(NaiveDate, Rate)>)> =
        trend_indicators(instrument, referral).into_iter().map(|i| (i, Vec::new())).collect();
    for wave in series(conn, &all, anchor)? {
        let Ok(loaded) = wave_figures::compute(conn, with, wave, scope, today)? else { continue };
        if referral.wave_id == Some(wave) {
            in_its_wave(&mut evidence, instrument, referral, &loaded);
        }
        if let Some(figures) = class_figures(&loaded, referral) {
            for (indicator, points) in &mut trends {
                if let Some(rate) = figures.indicator(indicator) {
                    points.push((loaded.wave.closes_on, *rate));
                }
            }
        }
    }
    evidence.trends = trends;
    Ok(evidence)
}
