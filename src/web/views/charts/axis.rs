//! Grid lines with their tick labels and the axis titles, shared by the charts.

use maud::{Markup, html};

use super::frame::FONT;
use super::number::num;
use super::palette::{GRID, MUTED};

/// A rectangle in drawing coordinates.
#[derive(Debug, Clone, Copy)]
pub(super) struct Area {
    pub(super) left: f64,
    pub(super) top: f64,
    pub(super) right: f64,
    pub(super) bottom: f64,
}

impl Area {
    /// The plot's outline, marked `class="plot"` so tests (and print CSS) can find the data area.
    pub(super) fn outline(self) -> Markup {
        html! {
            rect.plot x=(num(self.left)) y=(num(self.top)) width=(num(self.right - self.left))
                height=(num(self.bottom - self.top)) fill="none" stroke=(GRID) {}
        }
    }
}

/// Vertical grid lines at `(x, label)` across `area`, labels under it.
pub(super) fn vertical_grid(area: Area, ticks: &[(f64, String)]) -> Markup {
    html! {
        g.grid stroke=(GRID) {
            @for (x, _) in ticks { line x1=(num(*x)) x2=(num(*x)) y1=(num(area.top)) y2=(num(area.bottom)) {} }
        }
        g text-anchor="middle" fill=(MUTED) {
            @for (x, label) in ticks { text x=(num(*x)) y=(num(area.bottom + FONT + 4.0)) { (label) } }
        }
    }
}

/// Horizontal grid lines at `(y, label)` across `area`, labels to its left.
pub(super) fn horizontal_grid(area: Area, ticks: &[(f64, String)]) -> Markup {
    html! {
        g.grid stroke=(GRID) {
            @for (y, _) in ticks { line x1=(num(area.left)) x2=(num(area.right)) y1=(num(*y)) y2=(num(*y)) {} }
        }
        g text-anchor="end" fill=(MUTED) {
            @for (y, label) in ticks { text x=(num(area.left - 6.0)) y=(num(*y + 5.0)) { (label) } }
        }
    }
}

/// The title of a horizontal axis, centred under the tick labels.
pub(super) fn x_title(area: Area, title: &str) -> Markup {
    let x = (area.left + area.right) / 2.0;
    html! { text x=(num(x)) y=(num(area.bottom + 2.0 * FONT + 12.0)) text-anchor="middle" { (title) } }
}

/// The title of a vertical axis, written upwards along the left edge.
pub(super) fn y_title(area: Area, x: f64, title: &str) -> Markup {
    let y = (area.top + area.bottom) / 2.0;
    html! {
        text transform={ "rotate(-90 " (num(x)) " " (num(y)) ")" } x=(num(x)) y=(num(y)) text-anchor="middle" {
            (title)
        }
    }
}
