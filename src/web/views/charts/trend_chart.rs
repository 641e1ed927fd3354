//! One rate across survey waves, each wave with its interval, so a change can be told from noise.

use maud::{Markup, html};

use super::axis::{Area, horizontal_grid, y_title};
use super::frame::{FONT, PAD, WIDTH, frame};
use super::label::fit;
use super::model::{ChartText, TrendPoint};
use super::number::{interval, num, percent};
use super::palette::{ACCENT, MUTED};
use super::scale::{Scale, percent_axis, ticks};

/// Height of the plot area.
const PLOT_HEIGHT: f64 = 280.0;
/// Left edge of the plot: room for the vertical axis title and tick labels.
const PLOT_LEFT: f64 = 84.0;

/// The waves in `points`, in the order given, evenly spaced left to right; each a dot at its rate
/// with a vertical interval whisker and its shown percent beside it, joined by a thin line. The
/// caller passes only waves where the class met k (and, for a comparison, both waves did), so the
/// line never bridges a hidden figure it could reveal. The vertical axis runs from 0 to the
/// smallest round maximum holding every interval. With no points it returns empty markup.
pub fn trend_chart(text: &ChartText, axis_label: &str, points: &[TrendPoint]) -> Markup {
    if points.is_empty() {
        return html! {};
    }
    let plot = Area { left: PLOT_LEFT, top: PAD + 10.0, right: WIDTH - PAD - 12.0, bottom: PAD + 10.0 + PLOT_HEIGHT };
    let highest = points.iter().flat_map(|p| [p.estimate.point, p.estimate.ci.1]).map(percent).fold(0.0, f64::max);
    let (top, step) = percent_axis(highest);
    let y = Scale::new((0.0, top), (plot.bottom, plot.top));
    let slot = (plot.right - plot.left) / points.len() as f64;
    let x = |i: usize| plot.left + slot * (i as f64 + 0.5);
    let y_ticks: Vec<(f64, String)> =
        ticks(0.0, top, step).into_iter().map(|v| (y.at(v), format!("{}%", num(v)))).collect();
    let path: Vec<String> = points
        .iter()
        .enumerate()
        .map(|(i, p)| format!("{},{}", num(x(i)), num(y.at(percent(p.estimate.point)))))
        .collect();
    frame(
        text,
        plot.bottom + FONT + 16.0,
        html! {
            (horizontal_grid(plot, &y_ticks))
            (plot.outline())
            (y_title(plot, PAD + FONT, axis_label))
            polyline points=(path.join(" ")) fill="none" stroke=(MUTED) stroke-width="1.5" {}
            g.waves {
                @for (i, point) in points.iter().enumerate() { (wave_marks(point, x(i), slot, y, plot.bottom)) }
            }
        },
    )
}

/// One wave: whisker with caps, dot, the shown percent (haloed so the joining line cannot cross
/// it unreadably) and the wave's name under the axis.
fn wave_marks(point: &TrendPoint, x: f64, slot: f64, y: Scale, bottom: f64) -> Markup {
    let estimate = &point.estimate;
    let (low, high) = interval(estimate.ci);
    let (y_low, y_high, y_point) = (y.at(low), y.at(high), y.at(percent(estimate.point)));
    let whisker = format!("M{0} {1}V{2}M{3} {1}h10M{3} {2}h10", num(x), num(y_low), num(y_high), num(x - 5.0));
    html! {
        g.wave {
            title { (point.wave.trim()) ": " (estimate.shown) " (" (num(low)) "–" (num(high)) "%)" }
            path.ci d=(whisker) stroke=(ACCENT) stroke-width="2" fill="none" {}
            circle.mark cx=(num(x)) cy=(num(y_point)) r="5" fill=(ACCENT) stroke="#fff" stroke-width="1.5" {}
            text x=(num(x + 10.0)) y=(num(y_point + 5.0)) font-weight="bold" stroke="#fff" stroke-width="4"
                paint-order="stroke" { (estimate.shown) }
            text x=(num(x)) y=(num(bottom + FONT + 4.0)) text-anchor="middle" { (fit(&point.wave, slot - 8.0, FONT)) }
        }
    }
}

#[cfg(test)]
#[path = "trend_chart_tests.rs"]
mod tests;
