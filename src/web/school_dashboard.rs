//! The figures section of a closed wave's page for its school's psychologist: the wave's released
//! figures, the trend over the school's earlier waves and the region's reference lines.
//!
//! Building it means disclosing the wave, each earlier wave and the region, then drawing a few
//! hundred kilobytes of tables and charts; on national data that was most of the page's time. A closed,
//! counted wave is frozen, so the section is kept ([`DashboardCache`]) under a stamp of everything it
//! was built from: the region's counted waves of the questionnaire (which cover this wave and every
//! earlier one, since they are waves of the same region and version) and the wave's classes as named
//! today. Every look is still checked and audited on every view, kept section or not.

use std::sync::Arc;

use chrono::Utc;
use maud::{Markup, html};

use super::errors::AppError;
use super::figures::{self, FigureScope, NotYet, WaveFigures};
use super::stamped_cache::StampedCache;
use super::state::AppState;
use crate::db::region_counts::{self, CountsStamp};
use crate::db::schools::{self, SchoolFilter};
use crate::db::{aggregates, audit, waves, write_transaction};
use crate::domain::audit::AuditAction;
use crate::domain::ids::WaveId;
use crate::domain::instrument::Instrument;
use crate::domain::lang::Lang;
use crate::domain::period::ReportingPeriod;
use crate::domain::region::RegionCode;
use crate::domain::survey::wave::local_date;
use crate::domain::survey::wave_record::{Wave, WaveClass};
use crate::web::auth::PsychologistUser;
use crate::web::views::charts::Reference;
use crate::web::views::figures::dashboard::{References, dashboard, preparing};
use crate::web::views::figures::rates::estimate;
use crate::web::views::figures::trends::{TrendWave, VersionChange, trends};

/// The indicator the funnel plot shows unless the psychologist picks another.
const DEFAULT_FUNNEL: &str = "bullying_victim";

/// Sections kept at most: a few hundred kilobytes each for the largest schools.
pub const DASHBOARD_CAPACITY: usize = 32;

/// Which section: the wave, the page's language and the funnel plot's indicator.
pub type DashboardKey = (WaveId, Lang, String);

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

/// A built section and the looks it shows, which every view records again.
pub struct DashboardSection {
    html: Markup,
    trend: Vec<WaveId>,
    region_subject: Option<String>,
}

/// Built sections by wave, language and funnel indicator.
pub type DashboardCache = StampedCache<DashboardKey, DashboardStamp, Arc<DashboardSection>>;

/// The figures section of `wave` (closed, of the psychologist's school, with `classes` as read for the
/// page), or "being prepared" while its counts are not stored yet; records the looks it shows.
pub async fn section(
    state: &AppState,
    user: &PsychologistUser,
    lang: Lang,
    wave: &Wave,
    classes: &[WaveClass],
    funnel: Option<&str>,
) -> Result<Option<Markup>, AppError> {
    let instrument = state
        .catalog
        .get(&wave.instrument)
        .ok_or_else(|| AppError::internal(format!("instrument {} is not loaded", wave.instrument.code())))?;
    let funnel = funnel.filter(|f| instrument.indicator(f).is_some()).unwrap_or(DEFAULT_FUNNEL).to_owned();
    let (school, id, version) = (wave.school_id, wave.id, wave.instrument.clone());
    let period = ReportingPeriod::containing(wave.closes_on);
    let looked_up = state
        .db(move |conn| {
            if !aggregates::is_materialised(conn, id)? {
                return Ok(None);
            }
            let region = schools::get(conn, school, SchoolFilter::All)?.region;
            let counts = region_counts::stamp(conn, &region, &version, period)?;
            Ok(Some((region, counts)))
        })
        .await?;
    let Some((region, counts)) = looked_up else { return Ok(Some(preparing(lang))) };
    let key = (wave.id, lang, funnel);
    let published = period.is_published(local_date(Utc::now()));
    let stamp = DashboardStamp { region, counts, published, classes: classes.to_vec() };
    let section = match state.dashboards.get(&key, &stamp) {
        Some(kept) => kept,
        None => match build(state, user, lang, instrument, wave.id, &key.2).await? {
            Ok(built) => {
                let built = Arc::new(built);
                state.dashboards.put(key, stamp, built.clone());
                built
            }
            Err(NotYet::Preparing) => return Ok(Some(preparing(lang))),
            Err(NotYet::Open) => return Ok(None),
        },
    };
    record_looks(state, user, wave.id, &section.trend, section.region_subject.clone()).await?;
    Ok(Some(section.html.clone()))
}

/// Discloses the wave (of `instrument`), its earlier waves and the region, and draws the section.
async fn build(
    state: &AppState,
    user: &PsychologistUser,
    lang: Lang,
    instrument: &Instrument,
    wave: WaveId,
    funnel: &str,
) -> Result<Result<DashboardSection, NotYet>, AppError> {
    let loaded = match figures::compute(state, wave, FigureScope::School(user.school)).await? {
        Ok(loaded) => loaded,
        Err(not_yet) => return Ok(Err(not_yet)),
    };
    let (earlier, change) = earlier_waves(state, &loaded).await?;
    let (outside, region_subject) = region_references(state, &loaded, instrument, lang).await?;
    let mut trend: Vec<TrendWave<'_>> = earlier
        .iter()
        .filter_map(|w| w.report.figures().map(|f| TrendWave { label: w.wave.closes_on.to_string(), school: f.get() }))
        .collect();
    if let Some(school) = loaded.report.figures() {
        trend.push(TrendWave { label: loaded.wave.closes_on.to_string(), school: school.get() });
    }
    let export = format!("/school/waves/{wave}/figures.csv");
    let html = html! { (dashboard(lang, instrument, &loaded, &export, &outside, funnel)) (trends(lang, instrument, &trend, change.as_ref())) };
    Ok(Ok(DashboardSection { html, trend: earlier.iter().map(|w| w.wave.id).collect(), region_subject }))
}

/// Region reference lines for a school's latest closed wave of its version: only where the region is
/// released in the region figures of the wave's reporting period, once that period is published, and
/// the region holds anyone beyond the school. Also the audit subject of the look at the region
/// (none when the period is not published), which the caller records with the page's other looks.
async fn region_references(
    state: &AppState,
    current: &WaveFigures,
    instrument: &Instrument,
    lang: Lang,
) -> Result<(References, Option<String>), AppError> {
    let version = current.wave.instrument.clone();
    let region = current.school.region.clone();
    let period = ReportingPeriod::containing(current.wave.closes_on);
    if !period.is_published(local_date(Utc::now())) {
        return Ok((References::new(), None));
    }
    let subject = Some(super::region::look_subject(&region, &version, period));
    let region_figures = super::region::figures_unrecorded(state, region, version, period).await?;
    let own = current.school.id.to_string();
    let mut references = References::new();
    if region_figures.waves().get(&own) != Some(&current.wave.id) {
        return Ok((references, subject));
    }
    let Some(whole) = region_figures.report().figures() else { return Ok((references, subject)) };
    if !region_figures.holds_others_than(&own) {
        return Ok((references, subject));
    }
    for indicator in instrument.rate_indicators() {
        if let Some(rate) = whole.get().indicator(indicator.id()) {
            let e = estimate(rate);
            let label = format!("{} {}", lang.t("region-whole"), e.shown);
            references.insert(indicator.id().to_owned(), Reference { label, value: e.point });
        }
    }
    Ok((references, subject))
}

/// The school's earlier closed waves of the same questionnaire version over the same classes (of the
/// five latest, oldest first), with their figures, and where the questionnaire's version changed
/// before this wave; the caller records a look at each wave.
async fn earlier_waves(
    state: &AppState,
    current: &WaveFigures,
) -> Result<(Vec<WaveFigures>, Option<VersionChange>), AppError> {
    let school = current.school.id;
    let all = state.db(move |conn| waves::list_for_school(conn, school)).await?;
    let earlier: Vec<_> = all
        .into_iter()
        .filter(|w| w.id != current.wave.id && w.closed && w.closes_on <= current.wave.closes_on)
        .filter(|w| w.instrument.code() == current.wave.instrument.code())
        .collect();
    let change = version_change(&earlier, &current.wave);
    let mut same: Vec<_> = earlier.into_iter().filter(|w| w.instrument == current.wave.instrument).take(5).collect();
    same.reverse();
    let mut loaded = Vec::new();
    for wave in same {
        if let Ok(figures) = figures::compute(state, wave.id, FigureScope::School(school)).await?
            && same_classes(&figures, current)
        {
            loaded.push(figures);
        }
    }
    Ok((loaded, change))
}

/// The latest of the school's `earlier` closed waves of the same questionnaire that used another
/// version than `current`: the trend starts again after it.
fn version_change(earlier: &[Wave], current: &Wave) -> Option<VersionChange> {
    let last_other = earlier
        .iter()
        .filter(|w| w.instrument.version() != current.instrument.version())
        .max_by_key(|w| (w.closes_on, w.opens_on))?;
    Some(VersionChange {
        earlier_version: last_other.instrument.version(),
        earlier_closes_on: last_other.closes_on.to_string(),
        version: current.instrument.version(),
    })
}

/// Whether two waves of a school covered the same classes: a trend compares like with like only, so
/// a school's figure over classes A and B is never set next to one over A alone (which would leave B's
/// pupils, at no one moment, as the difference).
fn same_classes(a: &WaveFigures, b: &WaveFigures) -> bool {
    let ids = |w: &WaveFigures| w.classes.iter().map(|c| c.class_id).collect::<std::collections::BTreeSet<_>>();
    ids(a) == ids(b)
}

/// Records the section's looks (the wave, each earlier wave of the trend, the region) in one
/// transaction: the same entries, in the same order, as one append each, for one commit.
async fn record_looks(
    state: &AppState,
    user: &PsychologistUser,
    wave: WaveId,
    trend: &[WaveId],
    region_subject: Option<String>,
) -> Result<(), AppError> {
    let actor = user.account.id.to_string();
    let current_subject = format!("wave:{wave}");
    let trend_subjects: Vec<String> = trend.iter().map(|w| format!("wave:{w}")).collect();
    state
        .db(move |conn| {
            write_transaction(conn, |conn| {
                audit::append(conn, &actor, AuditAction::ViewFigures, &current_subject)?;
                for subject in &trend_subjects {
                    audit::append(conn, &actor, AuditAction::ViewTrend, subject)?;
                }
                if let Some(region_subject) = &region_subject {
                    audit::append(conn, &actor, AuditAction::ViewRegion, region_subject)?;
                }
                Ok(())
            })
        })
        .await
}
