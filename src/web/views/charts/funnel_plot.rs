//! A funnel plot: each class's rate against its number of respondents, with control limits around
//! the baseline that narrow as classes grow. It compares classes without ranking them.

use std::collections::BTreeMap;

use maud::{Markup, html};

use super::axis::{Area, horizontal_grid, vertical_grid, x_title, y_title};
use super::frame::{FONT, PAD, WIDTH, frame};
use super::label::{fit, text_width};
use super::legend::{Key, legend, triangle};
use super::model::{ChartText, FunnelLabels, FunnelPoint};
use super::number::{num, percent};
use super::palette::{ACCENT, DANGER, INK, MUTED};
use super::scale::{Scale, count_axis, percent_axis, ticks};
use crate::domain::statistics::funnel_limits::{INNER, OUTER, limits, upper_limit};

/// Height of the plot area.
const PLOT_HEIGHT: f64 = 380.0;
/// Left edge of the plot: room for the vertical axis title and tick labels.
const PLOT_LEFT: f64 = 84.0;
/// Dash patterns of the inner (95%) and outer (99.8%) limits.
const INNER_DASH: &str = "7 4";
const OUTER_DASH: &str = "2 3";
/// Most points computed along one limit curve.
const SAMPLES: u64 = 160;

/// Fewest groups a funnel plot is drawn for. Its point is to show which of many groups stand apart
/// from the rest; with one to four dots the limits frame almost nothing, the axis is a few
/// respondents wide, and the picture invites reading a single school or class as an outlier. Below
/// this the page says why there is no plot.
pub const FUNNEL_MIN_GROUPS: usize = 5;

/// One dot per class in `points` (x = respondents, y = released rate), the baseline `p0_percent` as
/// a solid line, and 95% and 99.8% control limits around it as dashed and dotted curves. A dot
/// above the 99.8% limit at its own `n` is drawn as a red triangle with its label beside it (where
/// the label has room), and its `<title>` says so with `labels.above`.
///
/// Limits come from the **exact binomial distribution**, not the normal approximation: at `n` the
/// upper 99.8% limit is the rate at which the one-sided exact p-value `P(X ≥ x)` under `p0` is
/// 0.001 (0.025 for 95%), and the lower limits likewise with `P(X ≤ x)`, made continuous in `x`
/// through the incomplete beta function (see `funnel_limits`). Whether a dot is above is decided
/// from the released rate as drawn, so the triangle always agrees with the picture; it is a visual
/// aid, not the flag (the flag rules add Benjamini-Hochberg and the empirical-Bayes rate).
///
/// Limits are drawn across the whole horizontal axis, which is a round range around the classes'
/// sizes; the vertical axis is the smallest round one holding every dot and the outer limit at the
/// smallest class, and limits rising above it are cut at its top. With no points it returns empty
/// markup.
pub fn funnel_plot(text: &ChartText, labels: &FunnelLabels, p0_percent: f64, points: &[FunnelPoint]) -> Markup {
    if points.is_empty() {
        return html! {};
    }
    let p0 = percent(p0_percent);
    let mut outer_at: BTreeMap<u32, f64> = BTreeMap::new();
    let above: Vec<bool> = points
        .iter()
        .map(|p| percent(p.rate) > *outer_at.entry(p.n).or_insert_with(|| upper_limit(p.n, p0, OUTER)))
        .collect();
    let (key, key_height) = legend(&legend_entries(labels, above.contains(&true)), PAD);
    let layout = Layout::new(points, p0, PAD + key_height + 10.0);
    frame(
        text,
        layout.plot.bottom + 2.0 * FONT + 20.0,
        html! {
            (key)
            (layout.grid())
            (x_title(layout.plot, &labels.x_axis))
            (y_title(layout.plot, PAD + FONT, &labels.y_axis))
            (limit_curves(&layout, p0))
            line.baseline x1=(num(layout.plot.left)) x2=(num(layout.plot.right)) y1=(num(layout.y.at(p0)))
                y2=(num(layout.y.at(p0))) stroke=(INK) stroke-width="1.5" {
                title { (labels.baseline) }
            }
            (dots(&layout, labels, points, &above))
        },
    )
}

fn legend_entries(labels: &FunnelLabels, any_above: bool) -> Vec<(Key, &str)> {
    let mut entries = vec![
        (Key::Line { stroke: INK, width: 1.5, dash: None }, labels.baseline.as_str()),
        (Key::Line { stroke: MUTED, width: 1.5, dash: Some(INNER_DASH) }, labels.limits_95.as_str()),
        (Key::Line { stroke: INK, width: 1.5, dash: Some(OUTER_DASH) }, labels.limits_998.as_str()),
    ];
    if any_above {
        entries.push((Key::Triangle(DANGER), labels.above.as_str()));
    }
    entries
}

/// The plot area and its two scales.
struct Layout {
    plot: Area,
    x: Scale,
    y: Scale,
    x_axis: (f64, f64, f64),
    y_axis: (f64, f64),
}

impl Layout {
    fn new(points: &[FunnelPoint], p0: f64, top: f64) -> Self {
        let smallest = points.iter().map(|p| p.n).min().unwrap_or(1);
        let largest = points.iter().map(|p| p.n).max().unwrap_or(1);
        let pad = (f64::from(largest - smallest) * 0.05).max(2.0);
        let x_axis = count_axis(f64::from(smallest) - pad, f64::from(largest) + pad);
        let highest = points.iter().map(|p| percent(p.rate)).fold(upper_limit(smallest, p0, OUTER).max(p0), f64::max);
        let y_axis = percent_axis(highest);
        let plot = Area { left: PLOT_LEFT, top, right: WIDTH - PAD - 12.0, bottom: top + PLOT_HEIGHT };
        Self {
            plot,
            x: Scale::new((x_axis.0, x_axis.1), (plot.left, plot.right)),
            y: Scale::new((0.0, y_axis.0), (plot.bottom, plot.top)),
            x_axis,
            y_axis,
        }
    }

    fn grid(&self) -> Markup {
        let (start, end, step) = self.x_axis;
        let x_ticks: Vec<(f64, String)> = ticks(start, end, step).into_iter().map(|v| (self.x.at(v), num(v))).collect();
        let y_ticks: Vec<(f64, String)> = ticks(0.0, self.y_axis.0, self.y_axis.1)
            .into_iter()
            .map(|v| (self.y.at(v), format!("{}%", num(v))))
            .collect();
        html! {
            (vertical_grid(self.plot, &x_ticks))
            (horizontal_grid(self.plot, &y_ticks))
            (self.plot.outline())
        }
    }
}

/// Points (respondents, percent) of one limit curve.
type Curve = Vec<(f64, f64)>;

/// The four limit curves, each a polyline over the horizontal axis, cut at the top of the plot.
fn limit_curves(layout: &Layout, p0: f64) -> Markup {
    let (start, end, _) = layout.x_axis;
    let first = start.max(1.0) as u64;
    let span = (end as u64).max(first) - first;
    let steps = span.clamp(1, SAMPLES);
    let sizes: Vec<u32> =
        (0..=span.min(SAMPLES)).map(|i| u32::try_from(first + span * i / steps).unwrap_or(u32::MAX)).collect();
    let curve = |values: &[(f64, f64)], upper: bool| -> String {
        visible_part(values, layout.y_axis.0, upper)
            .iter()
            .map(|&(n, v)| format!("{},{}", num(layout.x.at(n)), num(layout.y.at(v))))
            .collect::<Vec<_>>()
            .join(" ")
    };
    // Both limits of a level come from one call, so each level is computed once for both curves.
    let both = |q: f64| -> (Curve, Curve) {
        sizes
            .iter()
            .map(|&n| {
                let (low, high) = limits(n, p0, q);
                ((f64::from(n), low), (f64::from(n), high))
            })
            .unzip()
    };
    html! {
        g.limits fill="none" stroke-width="1.5" {
            @for (q, dash, stroke) in [(INNER, INNER_DASH, MUTED), (OUTER, OUTER_DASH, INK)] {
                @let (lower, upper) = both(q);
                polyline.limit.lower points=(curve(&lower, false)) stroke=(stroke) stroke-dasharray=(dash) {}
                polyline.limit.upper points=(curve(&upper, true)) stroke=(stroke) stroke-dasharray=(dash) {}
            }
        }
    }
}

/// The part of a limit curve worth drawing. `values` are (respondents, percent) in order of `n`;
/// limits narrow as `n` grows, so only a leading part can be off the plot: an upper limit above
/// `top` (cut where it crosses `top`), or a lower limit still at 0 (started where it leaves 0,
/// so the curve does not double the horizontal axis).
fn visible_part(values: &[(f64, f64)], top: f64, upper: bool) -> Vec<(f64, f64)> {
    if !upper {
        let Some(first_above_zero) = values.iter().position(|&(_, v)| v > 0.0) else {
            return Vec::new();
        };
        return values[first_above_zero.saturating_sub(1)..].to_vec();
    }
    let Some(first_inside) = values.iter().position(|&(_, v)| v <= top) else {
        return Vec::new();
    };
    let mut kept = Vec::with_capacity(values.len() - first_inside + 1);
    if first_inside > 0 {
        let ((n0, v0), (n1, v1)) = (values[first_inside - 1], values[first_inside]);
        let t = if v0 > v1 { (v0 - top) / (v0 - v1) } else { 0.0 };
        kept.push((n0 + t * (n1 - n0), top));
    }
    kept.extend_from_slice(&values[first_inside..]);
    kept
}

/// The dots: names of those above the outer limit first (so no dot is hidden behind a name), then
/// ordinary dots, then the triangles of those above on top.
fn dots(layout: &Layout, labels: &FunnelLabels, points: &[FunnelPoint], above: &[bool]) -> Markup {
    let flagged: Vec<&FunnelPoint> = points.iter().zip(above).filter(|(_, a)| **a).map(|(p, _)| p).collect();
    let names = place_names(layout, &flagged);
    html! {
        g.names { @for name in names.into_iter().flatten() { (name) } }
        g.dots {
            @for point in points.iter().zip(above).filter(|(_, a)| !**a).map(|(p, _)| p) {
                circle.mark cx=(num(layout.x.at(f64::from(point.n)))) cy=(num(layout.y.at(percent(point.rate))))
                    r="5" fill=(ACCENT) fill-opacity="0.7" stroke=(ACCENT) {
                    title { (point.label) ": " (point.shown) }
                }
            }
            @for point in flagged {
                path.mark.above d=(triangle(layout.x.at(f64::from(point.n)), layout.y.at(percent(point.rate))))
                    fill=(DANGER) stroke="#fff" {
                    title { (point.label) ": " (point.shown) ", " (labels.above) }
                }
            }
        }
    }
}

/// The visible names of the dots above the limit: right of the dot, else left of it, else (when
/// both would overlap a triangle or a name already placed, or leave the plot) none; the `<title>`
/// still has it.
fn place_names(layout: &Layout, flagged: &[&FunnelPoint]) -> Vec<Option<Markup>> {
    let at = |p: &FunnelPoint| (layout.x.at(f64::from(p.n)), layout.y.at(percent(p.rate)));
    let mut placed: Vec<(f64, f64, f64)> = flagged.iter().map(|p| at(p)).map(|(x, y)| (x - 8.0, x + 8.0, y)).collect();
    let mut names = Vec::with_capacity(flagged.len());
    for point in flagged {
        let (x, y) = at(point);
        let name = fit(&point.label, 160.0, FONT);
        let width = text_width(&name, FONT);
        let free = |left: f64| {
            left >= layout.plot.left
                && left + width <= layout.plot.right
                && placed.iter().all(|&(l, r, py)| (py - y).abs() >= FONT + 2.0 || left > r || left + width < l)
        };
        let spot = [(x + 10.0, "start"), (x - 10.0 - width, "end")].into_iter().find(|&(left, _)| free(left));
        names.push(spot.map(|(left, anchor)| {
            placed.push((left, left + width, y));
            let at = if anchor == "start" { left } else { left + width };
            html! {
                text x=(num(at)) y=(num(y + 5.0)) font-weight="bold" text-anchor=(anchor) fill=(DANGER) stroke="#fff" stroke-width="4" paint-order="stroke" { (name) }
            }
        }));
    }
    names
}

#[cfg(test)]
#[path = "funnel_plot_tests.rs"]
mod tests;
