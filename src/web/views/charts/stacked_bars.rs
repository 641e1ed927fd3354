//! Answer distributions of items as 100% stacked bars, with a legend of the answer options.

use maud::{Markup, html};

use super::frame::{FONT, PAD, WIDTH, frame};
use super::label::{fit, text_width};
use super::legend::{Key, legend};
use super::model::{ChartText, StackedBar};
use super::number::{num, percent};
use super::palette::{MUTED, hex, sequential, text_on};

/// Room for an item's text above its bar.
const LABEL: f64 = 20.0;
/// Height of a bar.
const BAR: f64 = 26.0;
/// Space below a bar.
const GAP: f64 = 12.0;

/// One full-width bar per item in `bars`, its segments in the order of `options` (translated
/// answer options, e.g. "never" … "several times a week"), with a legend above.
///
/// Options are taken as ordered: fills run from light to dark in one hue, so neighbours differ in
/// lightness and stay apart in greyscale; a segment's share is written on it where it fits, in
/// black or white, whichever meets WCAG AA on that fill, and every segment's `<title>` holds item,
/// option and share. Shares are drawn relative to the bar's total, so rounded shares summing to
/// 99 or 101 still fill the bar exactly; the written numbers are the released ones, unchanged.
/// With no bars it returns empty markup.
pub fn stacked_bars(text: &ChartText, options: &[String], bars: &[StackedBar]) -> Markup {
    if bars.is_empty() {
        return html! {};
    }
    let count = bars.iter().map(|b| b.segments.len()).fold(options.len(), usize::max);
    let fills = sequential(count);
    let entries: Vec<(Key, &str)> =
        options.iter().zip(&fills).map(|(option, fill)| (Key::Swatch(hex(*fill)), option.as_str())).collect();
    let (key, key_height) = legend(&entries, PAD);
    let top = PAD + key_height + 8.0;
    let height = top + (LABEL + BAR + GAP) * bars.len() as f64;
    frame(
        text,
        height,
        html! {
            (key)
            @for (i, bar) in bars.iter().enumerate() {
                (bar_marks(bar, options, &fills, top + (LABEL + BAR + GAP) * i as f64))
            }
        },
    )
}

/// One item: its text, its segments left to right, and an outline round the whole bar.
fn bar_marks(bar: &StackedBar, options: &[String], fills: &[(u8, u8, u8)], top: f64) -> Markup {
    let total: f64 = bar.segments.iter().map(|s| percent(s.value)).sum();
    let span = WIDTH - 2.0 * PAD;
    let y = top + LABEL;
    let mut x = PAD;
    let mut segments = Vec::with_capacity(bar.segments.len());
    for (i, segment) in bar.segments.iter().enumerate() {
        let width = if total > 0.0 { span * percent(segment.value) / total } else { 0.0 };
        segments.push((x, width, i, segment));
        x += width;
    }
    html! {
        g.bar {
            title { (bar.label.trim()) }
            text x=(num(PAD)) y=(num(top + FONT)) { (fit(&bar.label, span, FONT)) }
            @for (x, width, i, segment) in segments {
                @let fill = fills.get(i).copied().unwrap_or((0x80, 0x80, 0x80));
                @let option = options.get(i).map_or("", String::as_str);
                rect.mark x=(num(x)) y=(num(y)) width=(num(width)) height=(num(BAR)) fill=(hex(fill)) stroke="#fff" {
                    title { (bar.label.trim()) ": " (option) " " (segment.shown) }
                }
                @if text_width(&segment.shown, FONT) + 6.0 <= width {
                    text x=(num(x + width / 2.0)) y=(num(y + BAR / 2.0 + 5.0)) text-anchor="middle"
                        fill=(text_on(fill)) { (segment.shown) }
                }
            }
            rect x=(num(PAD)) y=(num(y)) width=(num(span)) height=(num(BAR)) fill="none" stroke=(MUTED) {}
        }
    }
}

#[cfg(test)]
#[path = "stacked_bars_tests.rs"]
mod tests;
