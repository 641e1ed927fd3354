//! A legend that flows left to right and wraps, for keys that are not labelled on the marks.

use maud::{Markup, html};

use super::frame::{FONT, PAD, WIDTH};
use super::label::{fit, text_width};
use super::number::num;

/// Width of a key's sample.
const KEY: f64 = 24.0;
/// Height of one legend line.
pub(super) const LINE: f64 = 24.0;

/// What a legend entry's sample looks like.
#[derive(Debug, Clone)]
pub(super) enum Key {
    /// A filled square, outlined so the lightest fill shows on white.
    Swatch(String),
    /// A stretch of line with an optional dash pattern.
    Line { stroke: &'static str, width: f64, dash: Option<&'static str> },
    /// The upward triangle used for a highlighted dot.
    Triangle(&'static str),
}

/// Draws `entries` from `top`, wrapping at the chart's width; returns the markup and its height.
pub(super) fn legend(entries: &[(Key, &str)], top: f64) -> (Markup, f64) {
    let mut placed = Vec::with_capacity(entries.len());
    let (mut x, mut y) = (PAD, top);
    let room = WIDTH - 2.0 * PAD - KEY - 6.0;
    for (key, label) in entries {
        let label = fit(label, room, FONT);
        let width = KEY + 6.0 + text_width(&label, FONT) + 18.0;
        if x > PAD && x + width > WIDTH - PAD {
            (x, y) = (PAD, y + LINE);
        }
        placed.push((x, y, key, label));
        x += width;
    }
    let markup = html! {
        g.legend {
            @for (x, y, key, label) in &placed {
                (sample(key, *x, *y + LINE / 2.0))
                text x=(num(x + KEY + 6.0)) y=(num(y + LINE / 2.0 + 5.0)) { (label) }
            }
        }
    };
    (markup, y + LINE - top)
}

fn sample(key: &Key, x: f64, mid: f64) -> Markup {
    match key {
        Key::Swatch(fill) => html! {
            rect x=(num(x + 4.0)) y=(num(mid - 8.0)) width="16" height="16" fill=(fill) stroke="#4a5561" {}
        },
        Key::Line { stroke, width, dash } => html! {
            line x1=(num(x)) x2=(num(x + KEY)) y1=(num(mid)) y2=(num(mid)) stroke=(stroke)
                stroke-width=(num(*width)) stroke-dasharray=[dash] {}
        },
        Key::Triangle(fill) => html! { path d=(triangle(x + KEY / 2.0, mid)) fill=(fill) {} },
    }
}

/// An upward triangle centred on `(x, y)`: the shape of a highlighted dot.
pub(super) fn triangle(x: f64, y: f64) -> String {
    format!("M{} {}l7 12h-14z", num(x), num(y - 7.0))
}
