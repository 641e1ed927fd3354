//! The chart inputs: plain, already-released figures and already-translated text.
//!
//! Every rate here is in **percent** (0–100), as the disclosure engine releases it. The charts
//! draw exactly these numbers and compute nothing finer: a value outside 0–100 or not finite is
//! drawn at the nearest edge (0 for NaN) rather than refused, because a view must not fail.

/// The `id` prefix of one chart, unique on its page, so `aria-labelledby` finds the chart's own
/// `<title>` and `<desc>` and not a neighbour's.
///
/// Built from any text and always a valid XML id: ASCII letters, digits, `-` and `_` are kept,
/// anything else becomes `-`, and `chart-` is put in front unless it starts with a letter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChartId(String);

impl ChartId {
    /// Makes a valid id from `raw`; the same `raw` always gives the same id.
    pub fn new(raw: &str) -> Self {
        let kept: String =
            raw.chars().map(|c| if c.is_ascii_alphanumeric() || c == '-' || c == '_' { c } else { '-' }).collect();
        if kept.starts_with(|c: char| c.is_ascii_alphabetic()) { Self(kept) } else { Self(format!("chart-{kept}")) }
    }

    /// The id as written into the SVG.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// What a screen reader announces for a chart: its id, name and a one- or two-sentence summary.
///
/// The title and summary are not drawn; put a visible heading or `<figcaption>` beside the chart
/// (and, for every chart, the same figures as a table or list on the page).
#[derive(Debug, Clone)]
pub struct ChartText {
    /// Unique on the page.
    pub id: ChartId,
    /// Already translated, e.g. "Bullying victimisation by class".
    pub title: String,
    /// Already translated summary, e.g. "12 classes; 2 above the regional baseline".
    pub desc: String,
}

/// One released rate with its Wilson 95% interval.
#[derive(Debug, Clone)]
pub struct Estimate {
    /// The percent as released, drawn verbatim: "20%", "≤5%", "≥95%".
    pub shown: String,
    /// Where the point goes, in percent.
    pub point: f64,
    /// The interval (low, high) in percent.
    pub ci: (f64, f64),
}

/// One row of [`super::rate_chart`]: a released group (a class, or an indicator of one class).
#[derive(Debug, Clone)]
pub struct RateRow {
    /// The group's name, e.g. "7А (n = 24)"; long names are cut on screen, kept whole in `<title>`.
    pub label: String,
    /// The rate and interval to draw.
    pub estimate: Estimate,
    /// `Some(name of the flag)` marks the row highlighted (bold label, diamond marker, tinted band)
    /// and adds the name, e.g. "elevated", to the row's `<title>`.
    pub flag: Option<String>,
}

/// A vertical (or horizontal) comparison line, e.g. "school 12%" at 12.
#[derive(Debug, Clone)]
pub struct Reference {
    /// Already translated and carrying its number, e.g. "region 9%".
    pub label: String,
    /// Where the line goes, in percent.
    pub value: f64,
}

/// One answer option's share within one bar of [`super::stacked_bars`].
#[derive(Debug, Clone)]
pub struct Segment {
    /// The share as released: "35%", "≤5%".
    pub shown: String,
    /// The share in percent, already rounded; the shares of a bar need not sum to exactly 100.
    pub value: f64,
}

/// One item's distribution of answers in [`super::stacked_bars`].
#[derive(Debug, Clone)]
pub struct StackedBar {
    /// The item's text; long texts are cut on screen, kept whole in `<title>`.
    pub label: String,
    /// One segment per answer option, in the same order as the options passed beside the bars.
    pub segments: Vec<Segment>,
}

/// One class in [`super::funnel_plot`].
#[derive(Debug, Clone)]
pub struct FunnelPoint {
    /// The class's name, shown in the dot's `<title>` and beside a dot above the 99.8% limit.
    pub label: String,
    /// Respondents.
    pub n: u32,
    /// The released rate in percent, where the dot goes.
    pub rate: f64,
    /// The rate as released: "20%", "≤5%".
    pub shown: String,
}

/// The translated words of a funnel plot's axes and legend.
#[derive(Debug, Clone)]
pub struct FunnelLabels {
    /// Horizontal axis, e.g. "Respondents".
    pub x_axis: String,
    /// Vertical axis, e.g. "% of pupils".
    pub y_axis: String,
    /// The baseline with its number, e.g. "Region 6.8%".
    pub baseline: String,
    /// The inner limits, e.g. "95% limits".
    pub limits_95: String,
    /// The outer limits, e.g. "99.8% limits".
    pub limits_998: String,
    /// Said of a dot above the outer limit, in the legend and its `<title>`, e.g. "above 99.8%".
    pub above: String,
}

/// One wave in [`super::trend_chart`]; only waves where the class met k are passed.
#[derive(Debug, Clone)]
pub struct TrendPoint {
    /// The wave's name, e.g. "Autumn 2025".
    pub wave: String,
    /// The rate and interval in that wave.
    pub estimate: Estimate,
}
