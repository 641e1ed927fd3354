//! The trend section of a wave's page: the school's share per indicator over its waves of the same
//! questionnaire version, and where the version changed, since a trend never joins two versions.

use maud::{Markup, html};

use super::dashboard::text;
use super::rates::estimate;
use crate::app::school_dashboard::VersionChange;
use crate::domain::disclosure::GroupFigures;
use crate::domain::instrument::Instrument;
use crate::domain::lang::Lang;
use crate::i18n::arg;
use crate::web::views::charts::{TrendPoint, trend_chart};

/// One earlier (or this) wave's school figures, for trends.
pub struct TrendWave<'a> {
    /// Label of the wave (its last day).
    pub label: String,
    /// The school's released figures in that wave.
    pub school: &'a GroupFigures,
}

/// A trend chart per indicator over waves of the same questionnaire version where the school was
/// released (an indicator needs at least two such waves), and the note on a version change.
pub fn trends(lang: Lang, instrument: &Instrument, waves: &[TrendWave<'_>], change: Option<&VersionChange>) -> Markup {
    html! {
        @if waves.len() >= 2 || change.is_some() {
            h3 { (lang.t("figures-trends")) }
        }
        @if let Some(change) = change {
            p.notice #trend-version-change {
                (lang.t_args("figures-trend-version", &[
                    ("version", arg(&change.version.to_string())),
                    ("earlier", arg(&change.earlier_version.to_string())),
                    ("date", arg(&change.earlier_closes_on.to_string())),
                ]))
            }
        }
        @if waves.len() >= 2 {
            @for indicator in instrument.rate_indicators() {
                @let points: Vec<TrendPoint> = waves.iter().filter_map(|w| {
                    w.school.indicator(indicator.id()).map(|rate| TrendPoint { wave: w.label.clone(), estimate: estimate(rate) })
                }).collect();
                @if points.len() >= 2 {
                    @let name = indicator.label().get(lang);
                    figure.chart {
                        figcaption { (name) }
                        (trend_chart(&text(&format!("trend-{}", indicator.id()), name.to_owned(), lang.t("figures-trend-desc")), "%", &points))
                    }
                }
            }
        }
    }
}
