//! A referral's evidence section: released figures only (the class's rates in the referral's wave,
//! its acute signal and its trends), with the rules they follow and the baselines flagged against. A
//! referral of the region or of a class too small to show says why it shows no figures.

use maud::{Markup, html};

use super::indicator_label;
use crate::app::referral_evidence::ReferenceRate;
use crate::domain::disclosure::{AcuteSignal, Rate};
use crate::domain::lang::Lang;
use crate::domain::referral::{Referral, ReferralPlace};
use crate::domain::statistics::Severity;
use crate::domain::survey::catalog::Catalog;
use crate::web::views::charts::{ChartId, ChartText, Estimate, RateRow, TrendPoint, rate_chart, trend_chart};
use crate::web::views::figures::rates::estimate;
use crate::web::views::reference_note::{reference_percent, source_note};

/// The released figures behind a referral, prepared by the route with the disclosure rules.
#[derive(Debug, Clone, Default)]
pub struct Evidence {
    /// The class's released rates in the referral's wave: (indicator id, estimate, flagged).
    pub rates: Vec<(String, Estimate, bool)>,
    /// The class's respondents, when its figures are released.
    pub respondents: Option<u32>,
    /// The acute signal as released ("≥1" or none).
    pub acute: Option<AcuteSignal>,
    /// For each flagged indicator, the class's released rate in earlier waves and this one.
    pub trends: Vec<(String, Vec<TrendPoint>)>,
    /// For each indicator flagged against a baseline, that baseline and where it comes from, as
    /// the wave's questionnaire version gives them.
    pub references: Vec<ReferenceRate>,
}

impl Evidence {
    /// The evidence as the page draws it: each released rate as its shown text, point and interval.
    pub fn drawn(evidence: crate::app::referral_evidence::Evidence) -> Evidence {
        let trend = |(closes_on, rate): (chrono::NaiveDate, Rate)| TrendPoint {
            wave: closes_on.to_string(),
            estimate: estimate(&rate),
        };
        Evidence {
            rates: evidence.rates.into_iter().map(|(id, rate, flagged)| (id, estimate(&rate), flagged)).collect(),
            respondents: evidence.respondents,
            acute: evidence.acute,
            trends: evidence
                .trends
                .into_iter()
                .map(|(id, points)| (id, points.into_iter().map(trend).collect()))
                .collect(),
            references: evidence.references,
        }
    }
}

fn chart_text(id: &str, title: String, desc: String) -> ChartText {
    ChartText { id: ChartId::new(id), title, desc }
}

/// The evidence section: the rules it follows, the class's released rates, its acute signal and its
/// trends.
pub(super) fn evidence_section(lang: Lang, referral: &Referral, ev: &Evidence, catalog: &Catalog) -> Markup {
    let rows: Vec<RateRow> = ev
        .rates
        .iter()
        .map(|(id, estimate, flagged)| RateRow {
            label: indicator_label(catalog, lang, id),
            estimate: estimate.clone(),
            flag: flagged.then(|| lang.t("referral-flagged")),
        })
        .collect();
    html! {
        section.evidence aria-labelledby="evidence-heading" {
            h2 #evidence-heading { (lang.t("referral-evidence")) }
            (evidence_rules(lang, referral, ev, catalog))
            @if let Some(n) = ev.respondents {
                p { (lang.t("figures-respondents")) ": " strong { (n) } }
            }
            @if !rows.is_empty() {
                (rate_figures(lang, &rows, &ev.rates))
            }
            (acute_line(lang, ev.acute))
            @if rows.is_empty() && ev.acute.is_none() && referral.class().is_some() {
                p { (lang.t("referral-no-evidence")) }
            }
            (trend_figures(lang, &ev.trends, catalog))
        }
    }
}

/// What the evidence follows: the disclosure rules, the flag rule, the baselines, and why a region's
/// or a small class's referral shows no figures.
fn evidence_rules(lang: Lang, referral: &Referral, ev: &Evidence, catalog: &Catalog) -> Markup {
    html! {
        p.hint { (lang.t("referral-evidence-rules")) }
        @if referral.flags.iter().any(|(_, severity)| *severity == Severity::Elevated) {
            p.hint { (lang.t("referral-flag-rule")) }
        }
        @if !ev.references.is_empty() {
            (references(lang, &ev.references, catalog))
        }
        @if matches!(referral.place, ReferralPlace::Region) {
            p { (lang.t("referral-region-signal")) }
        } @else if referral.class().is_none() && referral.wave_id.is_some() {
            p { (lang.t("referral-small-class")) }
        }
    }
}

/// The class's released rates as a chart and as a table (`rows` drawn from `rates`, in order).
fn rate_figures(lang: Lang, rows: &[RateRow], rates: &[(String, Estimate, bool)]) -> Markup {
    let title = lang.t("referral-evidence-chart");
    html! {
        figure.chart {
            figcaption { (title) }
            (rate_chart(&chart_text("chart-evidence", title.clone(), lang.t("figures-chart-desc")), "%", rows, &[]))
        }
        table {
            caption.visually-hidden { (title) }
            thead { tr { th scope="col" { (lang.t("figures-indicator")) } th scope="col" { "%" } } }
            tbody {
                @for (row, (_, _, flagged)) in rows.iter().zip(rates) {
                    tr {
                        th scope="row" { (row.label) @if *flagged { " · " (lang.t("referral-flagged")) } }
                        td.num { (row.estimate.shown) " (" (format!("{:.0}–{:.0}", row.estimate.ci.0, row.estimate.ci.1)) ")" }
                    }
                }
            }
        }
    }
}

/// The acute signal as released, or nothing when it is not.
fn acute_line(lang: Lang, acute: Option<AcuteSignal>) -> Markup {
    html! {
        @match acute {
            Some(AcuteSignal::AtLeastOne) => p { strong { (lang.t("figures-acute")) ": ≥1" } },
            Some(AcuteSignal::NoneReported) => p { (lang.t("figures-acute")) ": " (lang.t("figures-acute-none")) },
            None => {},
        }
    }
}

/// A trend chart for each flagged indicator with at least two released points.
fn trend_figures(lang: Lang, trends: &[(String, Vec<TrendPoint>)], catalog: &Catalog) -> Markup {
    html! {
        @for (indicator, points) in trends {
            @if points.len() >= 2 {
                @let name = indicator_label(catalog, lang, indicator);
                figure.chart {
                    figcaption { (lang.t("figures-trends")) ": " (name) }
                    (trend_chart(&chart_text(&format!("chart-trend-{indicator}"), name.clone(), lang.t("figures-trend-desc")), "%", points))
                }
            }
        }
    }
}

/// Each flagged indicator's reference rate, its basis and its source.
fn references(lang: Lang, references: &[ReferenceRate], catalog: &Catalog) -> Markup {
    html! {
        section.references aria-labelledby="references-heading" {
            h3 #references-heading { (lang.t("referral-references")) }
            dl {
                @for reference in references {
                    dt { (indicator_label(catalog, lang, &reference.indicator)) ": " strong { (reference_percent(lang, reference.rate)) } }
                    @if let Some(source) = &reference.source {
                        dd { (source_note(lang, source)) }
                    }
                }
            }
        }
    }
}
