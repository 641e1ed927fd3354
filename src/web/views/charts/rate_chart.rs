//! Rates with their intervals, one row per released group, against optional reference lines.
//!
//! A dot-and-whisker chart rather than bars: the reader sees the uncertainty of a class of 25 at a
//! glance, and the rows are not a league table (they are drawn in the order given).

use maud::{Markup, html};

use super::axis::{Area, vertical_grid, x_title};
use super::frame::{FONT, PAD, WIDTH, frame};
use super::label::{fit, text_width};
use super::model::{ChartText, RateRow, Reference};
use super::number::{interval, num, percent};
use super::palette::{ACCENT, BAND, DANGER, DANGER_BAND, MUTED};
use super::scale::{Scale, percent_axis, ticks};

/// Height of one row.
const ROW: f64 = 26.0;
/// Height of one reference label above the plot.
const REF_LINE: f64 = 20.0;
/// Room for the shown percent right of the plot ("≥95%").
const VALUE_COLUMN: f64 = 64.0;
/// Dash patterns that tell reference lines apart without colour.
const DASHES: [&str; 3] = ["6 4", "2 3", "10 3 2 3"];

/// A dot-and-interval chart of `rows`, with `references` as labelled vertical lines.
///
/// Rows are drawn in the order given; a flagged row gets a bold label, a diamond instead of a dot
/// and a tinted band, so it stands out in black-and-white print too. The axis runs from 0 to the
/// smallest round maximum (10, 20, 30, 40, 50, 60, 80 or 100%) holding every interval and reference.
/// With no rows it returns empty markup: the page lists unreleased groups in words instead.
pub fn rate_chart(text: &ChartText, axis_label: &str, rows: &[RateRow], references: &[Reference]) -> Markup {
    if rows.is_empty() {
        return html! {};
    }
    let layout = Layout::new(rows, references);
    let ticks: Vec<(f64, String)> = ticks(0.0, layout.axis.0, layout.axis.1)
        .into_iter()
        .map(|v| (layout.x.at(v), format!("{}%", num(v))))
        .collect();
    frame(
        text,
        layout.plot.bottom + 2.0 * FONT + 20.0,
        html! {
            (bands(&layout, rows))
            (vertical_grid(layout.plot, &ticks))
            (layout.plot.outline())
            (x_title(layout.plot, axis_label))
            (reference_lines(&layout, references))
            g.rows {
                @for (i, row) in rows.iter().enumerate() { (row_marks(&layout, i, row)) }
            }
        },
    )
}

/// Where everything goes.
struct Layout {
    label_right: f64,
    plot: Area,
    x: Scale,
    axis: (f64, f64),
}

impl Layout {
    fn new(rows: &[RateRow], references: &[Reference]) -> Self {
        let widest = rows.iter().map(|r| text_width(r.label.trim(), FONT)).fold(0.0, f64::max);
        let label_right = PAD + widest.clamp(40.0, 280.0);
        let top = PAD + REF_LINE * references.len() as f64 + if references.is_empty() { 0.0 } else { 6.0 };
        let plot = Area {
            left: label_right + 12.0,
            top,
            right: WIDTH - PAD - VALUE_COLUMN,
            bottom: top + ROW * rows.len() as f64,
        };
        let highest = rows
            .iter()
            .flat_map(|r| [r.estimate.point, r.estimate.ci.0, r.estimate.ci.1])
            .chain(references.iter().map(|r| r.value))
            .map(percent)
            .fold(0.0, f64::max);
        let axis = percent_axis(highest);
        Self { label_right, plot, x: Scale::new((0.0, axis.0), (plot.left, plot.right)), axis }
    }

    fn row_middle(&self, index: usize) -> f64 {
        self.plot.top + ROW * (index as f64 + 0.5)
    }
}

/// Zebra bands for every other row and a tint behind flagged rows, drawn first so marks sit on top.
fn bands(layout: &Layout, rows: &[RateRow]) -> Markup {
    html! {
        @for (i, row) in rows.iter().enumerate() {
            @let fill = if row.flag.is_some() { Some(DANGER_BAND) } else if i % 2 == 1 { Some(BAND) } else { None };
            @if let Some(fill) = fill {
                rect x=(num(PAD)) y=(num(layout.row_middle(i) - ROW / 2.0)) width=(num(WIDTH - 2.0 * PAD))
                    height=(num(ROW)) fill=(fill) {}
            }
        }
    }
}

/// Each reference as a dashed line over the plot, its label on its own line above the plot. Labels
/// are stacked smallest value first, so a line running down from its label passes to the left of
/// every label below it instead of through it.
fn reference_lines(layout: &Layout, references: &[Reference]) -> Markup {
    html! {
        g.references stroke=(MUTED) fill=(MUTED) {
            @for (i, reference) in by_value(references).into_iter().enumerate() {
                @let x = layout.x.at(percent(reference.value));
                @let y = PAD + REF_LINE * (i as f64 + 1.0) - 6.0;
                @let label = fit(&reference.label, WIDTH / 2.0, FONT);
                @let left = x + 4.0 + text_width(&label, FONT) > WIDTH - PAD;
                line.ref x1=(num(x)) x2=(num(x)) y1=(num(y + 4.0)) y2=(num(layout.plot.bottom)) stroke-width="1.5"
                    stroke-dasharray=(DASHES[i % DASHES.len()]) {
                    title { (reference.label) }
                }
                text x=(num(if left { x - 4.0 } else { x + 4.0 })) y=(num(y)) stroke="none"
                    text-anchor=(if left { "end" } else { "start" }) { (label) }
            }
        }
    }
}

/// `references` ordered by value, ties in the order given.
fn by_value(references: &[Reference]) -> Vec<&Reference> {
    let mut sorted: Vec<&Reference> = references.iter().collect();
    sorted.sort_by(|a, b| percent(a.value).total_cmp(&percent(b.value)));
    sorted
}

/// One row: label, interval with end caps, dot (or diamond when flagged) and the shown percent.
fn row_marks(layout: &Layout, index: usize, row: &RateRow) -> Markup {
    let y = layout.row_middle(index);
    let estimate = &row.estimate;
    let (low, high) = interval(estimate.ci);
    let (x_low, x_high, x_point) = (layout.x.at(low), layout.x.at(high), layout.x.at(percent(estimate.point)));
    let colour = if row.flag.is_some() { DANGER } else { ACCENT };
    let bold = row.flag.as_ref().map(|_| "bold");
    let mut title = format!("{}: {} ({}–{}%)", row.label.trim(), estimate.shown, num(low), num(high));
    if let Some(flag) = &row.flag {
        title = format!("{title}, {flag}");
    }
    html! {
        g.row.flagged[row.flag.is_some()] {
            title { (title) }
            text x=(num(layout.label_right)) y=(num(y + 5.0)) text-anchor="end" font-weight=[bold] {
                (fit(&row.label, layout.label_right - PAD, FONT))
            }
            path.ci d=(format!("M{0} {1}H{2}M{0} {3}v10M{2} {3}v10", num(x_low), num(y), num(x_high), num(y - 5.0)))
                stroke=(colour) stroke-width="2" fill="none" {}
            @if row.flag.is_some() {
                path.mark d=(format!("M{} {}l7 7l-7 7l-7-7z", num(x_point), num(y - 7.0))) fill=(colour)
                    stroke="#fff" {}
            } @else {
                circle.mark cx=(num(x_point)) cy=(num(y)) r="5" fill=(colour) stroke="#fff" stroke-width="1.5" {}
            }
            text x=(num(layout.plot.right + 10.0)) y=(num(y + 5.0)) font-weight=[bold] { (estimate.shown) }
        }
    }
}

#[cfg(test)]
#[path = "rate_chart_tests.rs"]
mod tests;
