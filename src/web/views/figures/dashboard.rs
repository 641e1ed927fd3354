//! The figures of one closed wave: the school and each released class, every indicator with its
//! interval, the acute signal, and the school's answer distributions.

use maud::{Markup, html};

use super::rates::{estimate, with_interval};
use crate::app::wave_figures::WaveFigures;
use crate::domain::disclosure::{AcuteSignal, GroupFigures};
use crate::domain::figures::item_measure;
use crate::domain::instrument::Instrument;
use crate::domain::lang::Lang;
use crate::domain::statistics::FlagMethod;
use crate::i18n::{arg, count};
use crate::web::views::charts::{
    ChartId, ChartText, FUNNEL_MIN_GROUPS, FunnelLabels, FunnelPoint, RateRow, Reference, Segment, StackedBar,
    funnel_plot, rate_chart, stacked_bars,
};
use crate::web::views::components::scroll_region;
use crate::web::views::reference_note::{reference_percent, source_note};

/// One column of the indicator table: the school or a released class (or, on the open figures
/// page, the region).
pub struct Column<'a> {
    /// Its heading.
    pub label: String,
    /// What was released of it.
    pub figures: &'a GroupFigures,
}

fn columns<'a>(lang: Lang, figures: &'a WaveFigures) -> (Vec<Column<'a>>, Vec<String>) {
    let mut shown = Vec::new();
    if let Some(school) = figures.report.figures() {
        shown.push(Column { label: lang.t("figures-school"), figures: school.get() });
    }
    let mut withheld = Vec::new();
    for part in figures.report.parts() {
        match part.figures() {
            Some(released) => shown.push(Column { label: figures.label(part.key()), figures: released.get() }),
            None => withheld.push(figures.label(part.key())),
        }
    }
    (shown, withheld)
}

fn acute_text(lang: Lang, signal: Option<AcuteSignal>) -> String {
    match signal {
        Some(AcuteSignal::AtLeastOne) => "≥1".to_owned(),
        Some(AcuteSignal::NoneReported) => lang.t("figures-acute-none"),
        None => "—".to_owned(),
    }
}

/// Which rows an indicator table ends with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AcuteRow {
    /// The acute signal of each column: for staff, who act on it.
    Shown,
    /// No acute row: the open figures show rates only, as the region and national pages do.
    Left,
}

/// Every indicator of `instrument` as a row, with its rate and interval in each column, and the
/// acute signal last when `acute` says so.
pub fn indicator_table(lang: Lang, instrument: &Instrument, columns: &[Column<'_>], acute: AcuteRow) -> Markup {
    html! {
        table.figures-table {
            caption { (lang.t("figures-indicators-caption")) }
            thead { tr {
                th scope="col" { (lang.t("figures-indicator")) }
                @for c in columns { th scope="col" { (c.label) } }
            } }
            tbody {
                tr {
                    th scope="row" { (lang.t("figures-respondents")) }
                    @for c in columns { td.num { (c.figures.respondents()) } }
                }
                @for indicator in instrument.rate_indicators() {
                    tr {
                        th scope="row" { (indicator.label().get(lang)) }
                        @for c in columns {
                            td.num {
                                @match c.figures.indicator(indicator.id()) {
                                    Some(rate) => (with_interval(&estimate(rate))),
                                    None => "—",
                                }
                            }
                        }
                    }
                }
                @if acute == AcuteRow::Shown {
                    tr {
                        th scope="row" { (lang.t("figures-acute")) }
                        @for c in columns { td.num { (acute_text(lang, c.figures.acute())) } }
                    }
                }
            }
        }
    }
}

fn distributions(lang: Lang, instrument: &Instrument, school: &GroupFigures) -> Markup {
    html! {
        @for section in instrument.sections() {
            @for item in section.items() {
                @if item.choices().iter().any(|c| school.indicator(&item_measure(item.id(), c.value())).is_some()) {
                    table.distribution {
                        caption { (item.text().get(lang)) }
                        tbody {
                            @for choice in item.choices() {
                                tr {
                                    th scope="row" { (choice.label().get(lang)) }
                                    td.num {
                                        @match school.indicator(&item_measure(item.id(), choice.value())) {
                                            Some(rate) => (estimate(rate).shown),
                                            None => "—",
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// The accessible title and description of a chart with id `id`.
pub(super) fn text(id: &str, title: String, desc: String) -> ChartText {
    ChartText { id: ChartId::new(id), title, desc }
}

/// Reference lines from outside the school (the region), by indicator id.
pub type References = std::collections::BTreeMap<String, Reference>;

/// The school's own line and, where allowed, the region's, for one indicator's chart.
fn reference_lines(lang: Lang, school: Option<&Column<'_>>, outside: &References, indicator: &str) -> Vec<Reference> {
    let mut lines: Vec<Reference> = school
        .and_then(|s| s.figures.indicator(indicator))
        .map(|rate| {
            let e = estimate(rate);
            Reference { label: format!("{} {}", lang.t("figures-school"), e.shown), value: e.point }
        })
        .into_iter()
        .collect();
    lines.extend(outside.get(indicator).cloned());
    lines
}

/// One chart per indicator: each released class with its interval, the school (and, where allowed,
/// the region) as reference lines.
fn indicator_charts(lang: Lang, instrument: &Instrument, columns: &[Column<'_>], outside: &References) -> Markup {
    let (school, classes) = match columns.split_first() {
        Some((first, rest)) if first.label == lang.t("figures-school") => (Some(first), rest),
        _ => (None, columns),
    };
    html! {
        @for indicator in instrument.rate_indicators() {
            @let rows: Vec<RateRow> = classes.iter().filter_map(|c| {
                c.figures.indicator(indicator.id()).map(|rate| RateRow {
                    label: format!("{} (n = {})", c.label, c.figures.respondents()),
                    estimate: estimate(rate),
                    flag: None,
                })
            }).collect();
            @if !rows.is_empty() {
                @let name = indicator.label().get(lang);
                @let references = reference_lines(lang, school, outside, indicator.id());
                figure.chart {
                    figcaption { (name) }
                    (rate_chart(&text(&format!("rate-{}", indicator.id()), name.to_owned(), lang.t("figures-chart-desc")), "%", &rows, &references))
                }
            }
        }
    }
}

/// The funnel plot of the classes for the bullying indicator against the instrument's baseline.
fn funnel(lang: Lang, instrument: &Instrument, columns: &[Column<'_>], indicator_id: &str) -> Markup {
    let rule = instrument.flag_rule(indicator_id);
    let baseline = rule.and_then(|r| r.baseline());
    let source = rule.and_then(|r| r.reference());
    let points: Vec<FunnelPoint> = columns
        .iter()
        .filter(|c| c.label != lang.t("figures-school"))
        .filter_map(|c| {
            c.figures.indicator(indicator_id).map(|rate| {
                let e = estimate(rate);
                FunnelPoint { label: c.label.clone(), n: c.figures.respondents(), rate: e.point, shown: e.shown }
            })
        })
        .collect();
    let labels = FunnelLabels {
        x_axis: lang.t("figures-respondents"),
        y_axis: "%".to_owned(),
        baseline: lang.t("figures-funnel-baseline"),
        limits_95: lang.t("figures-funnel-95"),
        limits_998: lang.t("figures-funnel-998"),
        above: lang.t("figures-funnel-above"),
    };
    let name = instrument.indicator(indicator_id).map(|i| i.label().get(lang).to_owned()).unwrap_or_default();
    html! {
        @if let Some(p0) = baseline {
            @if !points.is_empty() {
                figure.chart #funnel {
                    figcaption { (lang.t("figures-funnel-title")) ": " (name) }
                    @if points.len() < FUNNEL_MIN_GROUPS {
                        p { (funnel_too_few(lang, points.len())) }
                    } @else {
                        (funnel_plot(&text("funnel", name.clone(), lang.t("figures-funnel-desc")), &labels, p0 * 100.0, &points))
                    }
                    p.hint {
                        (lang.t("figures-funnel-reference")) ": " strong { (reference_percent(lang, p0)) }
                        @if let Some(source) = source { ". " (source_note(lang, source)) }
                    }
                }
            }
        }
    }
}

/// Why a funnel plot of `shown` groups is not drawn (fewer than [`FUNNEL_MIN_GROUPS`]).
pub fn funnel_too_few(lang: Lang, shown: usize) -> String {
    let args = [("shown", count(shown as u32)), ("least", count(FUNNEL_MIN_GROUPS as u32))];
    lang.t_args("figures-funnel-too-few", &args)
}

/// Links to show the funnel plot for another indicator (no JavaScript needed).
fn funnel_choice(lang: Lang, instrument: &Instrument, current: &str) -> Markup {
    html! {
        nav.inline aria-label=(lang.t("figures-funnel-choose")) {
            span { (lang.t("figures-funnel-choose")) ": " }
            @for indicator in instrument.rate_indicators().filter(|i| instrument.flag_rule(i.id()).is_some_and(|r| r.method() == FlagMethod::Binomial)) {
                a href=(format!("?funnel={}#funnel", indicator.id())) aria-current=[(indicator.id() == current).then_some("true")] { (indicator.label().get(lang)) }
                " "
            }
        }
    }
}

fn distribution_chart(lang: Lang, instrument: &Instrument, school: &GroupFigures) -> Markup {
    html! {
        @for section in instrument.sections() {
            @let scale: Vec<String> = section.items().first().map(|i| i.choices().iter().map(|c| c.label().get(lang).to_owned()).collect()).unwrap_or_default();
            @let bars: Vec<StackedBar> = section.items().iter()
                .filter(|item| item.choices().iter().map(|c| c.label().get(lang).to_owned()).collect::<Vec<_>>() == scale)
                .filter_map(|item| {
                    let segments: Option<Vec<Segment>> = item.choices().iter().map(|c| {
                        school.indicator(&item_measure(item.id(), c.value())).map(|rate| {
                            let e = estimate(rate);
                            Segment { shown: e.shown, value: e.point }
                        })
                    }).collect();
                    segments.map(|segments| StackedBar { label: item.text().get(lang).to_owned(), segments })
                }).collect();
            @if !bars.is_empty() {
                figure.chart {
                    figcaption { (section.title().get(lang)) }
                    (stacked_bars(&text(&format!("items-{}", section.id()), section.title().get(lang).to_owned(), lang.t("figures-bars-desc")), &scale, &bars))
                }
            }
        }
    }
}

/// A list of the figures' parts to jump to: a wave's page runs to many screens of charts.
fn contents(lang: Lang, distributions: bool) -> Markup {
    html! {
        nav.contents aria-label=(lang.t("figures-contents")) {
            ol {
                li { a href="#figures-table" { (lang.t("figures-indicators-caption")) } }
                li { a href="#figures-charts" { (lang.t("figures-charts")) } }
                li { a href="#figures-funnel" { (lang.t("figures-funnel-title")) } }
                @if distributions { li { a href="#figures-distributions" { (lang.t("figures-distributions")) } } }
            }
        }
    }
}

/// The figures section of a closed wave's page; `export` is the CSV link.
pub fn dashboard(
    lang: Lang,
    instrument: &Instrument,
    figures: &WaveFigures,
    export: &str,
    outside: &References,
    funnel_indicator: &str,
) -> Markup {
    let (columns, withheld) = columns(lang, figures);
    let k = count(figures.k.get());
    html! {
        section.dashboard {
            h2 { (lang.t("figures-title")) }
            p.hint { (lang.t_args("figures-rules", &[("k", k)])) }
            @if columns.is_empty() {
                p { (lang.t("figures-nothing-released")) }
            } @else {
                (contents(lang, figures.report.figures().is_some()))
                div #figures-table { (scroll_region(&lang.t("figures-indicators-caption"), indicator_table(lang, instrument, &columns, AcuteRow::Shown))) }
                h3 #figures-charts { (lang.t("figures-charts")) }
                (indicator_charts(lang, instrument, &columns, outside))
                h3 #figures-funnel { (lang.t("figures-funnel-title")) }
                (funnel_choice(lang, instrument, funnel_indicator))
                (funnel(lang, instrument, &columns, funnel_indicator))
            }
            @if !withheld.is_empty() {
                p { (lang.t_args("figures-withheld", &[("classes", arg(&withheld.join(", ")))])) }
            }
            @if let Some(school) = figures.report.figures() {
                h3 #figures-distributions { (lang.t("figures-distributions")) }
                (distribution_chart(lang, instrument, school.get()))
                details {
                    summary { (lang.t("figures-distributions-table")) }
                    (distributions(lang, instrument, school.get()))
                }
            }
            p { a.button.secondary href=(export) { (lang.t("figures-export")) } }
        }
    }
}

/// Shown while a closed wave's counts are being prepared.
pub fn preparing(lang: Lang) -> Markup {
    html! { p.notice role="status" { (lang.t("figures-preparing")) } }
}
