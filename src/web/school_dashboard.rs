//! The figures section of a closed wave's page for its school's psychologist, drawn from the use case
//! [`school_dashboard`]: the wave's released figures, the trend and the region's reference lines.
//!
//! Drawing a few hundred kilobytes of tables and charts was most of the page's time on national data,
//! and a closed, counted wave is frozen, so the drawn section is kept ([`DashboardCache`]) under the
//! use case's stamp of everything it was built from. Every look is still checked and audited on every
//! view, kept section or not.

use std::sync::Arc;

use chrono::Utc;
use maud::{Markup, html};

use super::errors::AppError;
use super::state::AppState;
use crate::app::school_dashboard::{self, DashboardStamp, SchoolDashboard};
use crate::app::stamped_cache::StampedCache;
use crate::app::wave_figures::NotYet;
use crate::domain::ids::WaveId;
use crate::domain::instrument::Instrument;
use crate::domain::lang::Lang;
use crate::domain::survey::wave::local_date;
use crate::domain::survey::wave_record::{Wave, WaveClass};
use crate::web::auth::PsychologistUser;
use crate::web::views::charts::Reference;
use crate::web::views::figures::dashboard::{References, dashboard, preparing};
use crate::web::views::figures::rates::estimate;
use crate::web::views::figures::trends::{TrendWave, trends};

/// The indicator the funnel plot shows unless the psychologist picks another.
const DEFAULT_FUNNEL: &str = "bullying_victim";

/// Sections kept at most: a few hundred kilobytes each for the largest schools.
pub const DASHBOARD_CAPACITY: usize = 32;

/// Which section: the wave, the page's language and the funnel plot's indicator.
pub type DashboardKey = (WaveId, Lang, String);

/// A drawn section and the looks it shows, which every view records again.
pub struct DashboardSection {
    html: Markup,
    trend: Vec<WaveId>,
    region_subject: Option<String>,
}

/// Drawn sections by wave, language and funnel indicator.
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
    let today = local_date(Utc::now());
    let (read, read_classes) = (wave.clone(), classes.to_vec());
    let stamp = state.use_case(move |conn| school_dashboard::stamp(conn, &read, read_classes, today)).await?;
    let Some(stamp) = stamp else { return Ok(Some(preparing(lang))) };
    let key = (wave.id, lang, funnel);
    let section = match state.dashboards.get(&key, &stamp) {
        Some(kept) => kept,
        None => {
            let (with, school, id) = (state.figure_context(), user.school, wave.id);
            match state.use_case(move |conn| school_dashboard::build(conn, &with, school, id, today)).await? {
                Ok(built) => {
                    let drawn = Arc::new(draw(lang, instrument, &built, &key.2));
                    state.dashboards.put(key, stamp, drawn.clone());
                    drawn
                }
                Err(NotYet::Preparing) => return Ok(Some(preparing(lang))),
                Err(NotYet::Open) => return Ok(None),
            }
        }
    };
    let (actor, id, trend, region) = (user.account.id, wave.id, section.trend.clone(), section.region_subject.clone());
    state.use_case(move |conn| school_dashboard::record_looks(conn, actor, id, &trend, region.as_deref())).await?;
    Ok(Some(section.html.clone()))
}

/// Draws the section of a built dashboard.
fn draw(lang: Lang, instrument: &Instrument, built: &SchoolDashboard, funnel: &str) -> DashboardSection {
    let current = &built.current;
    let mut trend: Vec<TrendWave<'_>> = built
        .earlier
        .iter()
        .filter_map(|w| w.report.figures().map(|f| TrendWave { label: w.wave.closes_on.to_string(), school: f.get() }))
        .collect();
    if let Some(school) = current.report.figures() {
        trend.push(TrendWave { label: current.wave.closes_on.to_string(), school: school.get() });
    }
    let export = format!("/school/waves/{}/figures.csv", current.wave.id);
    let outside = references(lang, instrument, built);
    let html = html! {
        (dashboard(lang, instrument, current, &export, &outside, funnel))
        (trends(lang, instrument, &trend, built.change.as_ref()))
    };
    DashboardSection { html, trend: built.trend_waves(), region_subject: built.region_subject.clone() }
}

/// The region's reference lines, where the use case gave the region as a whole.
fn references(lang: Lang, instrument: &Instrument, built: &SchoolDashboard) -> References {
    let mut references = References::new();
    let Some(whole) = built.region_whole() else { return references };
    for indicator in instrument.rate_indicators() {
        if let Some(rate) = whole.indicator(indicator.id()) {
            let e = estimate(rate);
            let label = format!("{} {}", lang.t("region-whole"), e.shown);
            references.insert(indicator.id().to_owned(), Reference { label, value: e.point });
        }
    }
    references
}
