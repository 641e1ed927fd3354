//! The region overview: every released school with its indicators and intervals, a chart and a
//! funnel plot of the schools for the bullying indicator; schools not shown are named.

use chrono::NaiveDate;
use maud::{Markup, html};

use crate::app::region_figures::RegionOverview;
use crate::domain::disclosure::GroupFigures;
use crate::domain::instrument::Instrument;
use crate::domain::lang::Lang;
use crate::domain::survey::catalog::Catalog;
use crate::i18n::{arg, count};
use crate::web::views::charts::{
    ChartId, ChartText, FUNNEL_MIN_GROUPS, FunnelLabels, FunnelPoint, Reference, funnel_plot, rate_chart,
};
use crate::web::views::figures::dashboard::funnel_too_few;
use crate::web::views::figures::groups_table::{groups_table, indicator_rows};
use crate::web::views::figures::period::{period_nav, version_nav};
use crate::web::views::figures::rates::estimate;
use crate::web::views::layout::{Chrome, page};

const FOCUS: &str = "bullying_victim";

/// `GET /centre/region`.
pub fn region_page(
    chrome: &Chrome<'_>,
    instrument: &Instrument,
    overview: &RegionOverview,
    catalog: &Catalog,
    today: NaiveDate,
) -> Markup {
    let lang = chrome.lang;
    let region = &overview.region;
    let name =
        |key: &str| overview.schools.get(key).map(|s| format!("{} {}", s.code, s.name.get(lang))).unwrap_or_default();
    let released: Vec<_> = overview
        .figures
        .report()
        .parts()
        .iter()
        .filter_map(|p| p.figures().map(|f| (name(p.key()), f.get())))
        .collect();
    let withheld: Vec<String> =
        overview.figures.report().parts().iter().filter(|p| p.figures().is_none()).map(|p| name(p.key())).collect();
    let region_figures = overview.figures.report().figures().map(|f| f.get());
    let k = count(overview.k.get());
    let title = format!("{} · {}", region.name.get(lang), instrument.title().get(lang));
    page(
        chrome,
        &title,
        html! {
            p.hint { (lang.t_args("figures-rules", &[("k", k)])) }
            p { (lang.t("region-intro")) }
            (period_nav(lang, "/centre/region", instrument, overview.period, today))
            (version_nav(lang, "/centre/region", catalog, instrument, overview.period))
            nav.inline aria-label=(lang.t("col-instrument")) {
                @for other in catalog.latest_all() {
                    a href=(format!("/centre/region?instrument={}&period={}", other.id(), overview.period.id())) aria-current=[(other.id() == instrument.id()).then_some("page")] { (other.title().get(lang)) } " "
                }
            }
            @match region_figures {
                None => p { (lang.t("figures-nothing-released")) },
                Some(whole) => {
                    @let rows: Vec<(String, &GroupFigures)> = std::iter::once((lang.t("region-whole"), whole)).chain(released.iter().map(|(l, f)| (l.clone(), *f))).collect();
                    (groups_table(lang, instrument, "field-school", &rows))
                }
            }
            @if !withheld.is_empty() {
                p { (lang.t_args("region-withheld", &[("schools", arg(&withheld.join(", ")))])) }
            }
            (focus_charts(lang, instrument, &released, region_figures))
        },
    )
}

/// The focus indicator's charts: each released school's rate beside the region's, and the funnel plot
/// of the schools against the questionnaire's reference rate (when it has one).
fn focus_charts(
    lang: Lang,
    instrument: &Instrument,
    released: &[(String, &GroupFigures)],
    region_figures: Option<&GroupFigures>,
) -> Markup {
    let focus_label = instrument.indicator(FOCUS).map(|i| i.label().get(lang).to_owned()).unwrap_or_default();
    let rows = indicator_rows(released, FOCUS);
    let reference: Vec<Reference> = region_figures
        .and_then(|f| f.indicator(FOCUS))
        .map(|r| {
            vec![Reference {
                label: format!("{} {}", lang.t("region-whole"), estimate(r).shown),
                value: estimate(r).point,
            }]
        })
        .unwrap_or_default();
    let points: Vec<FunnelPoint> = released
        .iter()
        .filter_map(|(label, f)| {
            f.indicator(FOCUS).map(|r| {
                let e = estimate(r);
                FunnelPoint { label: label.clone(), n: f.respondents(), rate: e.point, shown: e.shown }
            })
        })
        .collect();
    let baseline = instrument.flag_rule(FOCUS).and_then(|r| r.baseline()).map(|baseline| baseline * 100.0);
    html! {
            @if !rows.is_empty() {
                figure.chart {
                    figcaption { (focus_label) }
                    (rate_chart(&ChartText { id: ChartId::new("chart-region-rate"), title: focus_label.clone(), desc: lang.t("figures-chart-desc") }, "%", &rows, &reference))
                }
            }
            @if let (Some(p0), false) = (baseline, points.is_empty()) {
                figure.chart {
                    figcaption { (lang.t("figures-funnel-title")) ": " (focus_label) }
                    @if points.len() < FUNNEL_MIN_GROUPS {
                        p { (funnel_too_few(lang, points.len())) }
                    } @else {
                        (funnel_plot(&ChartText { id: ChartId::new("chart-region-funnel"), title: focus_label.clone(), desc: lang.t("figures-funnel-desc") }, &FunnelLabels {
                            x_axis: lang.t("figures-respondents"), y_axis: "%".into(), baseline: lang.t("figures-funnel-baseline"),
                            limits_95: lang.t("figures-funnel-95"), limits_998: lang.t("figures-funnel-998"), above: lang.t("figures-funnel-above"),
                        }, p0, &points))
                    }
                }
            }
    }
}
