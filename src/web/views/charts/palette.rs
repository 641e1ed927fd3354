//! The colours: the site's ink, accent and danger, and a sequential ramp for ordered answer options
//! whose steps differ in lightness, so they stay apart in greyscale print.

/// Body text, axes: the site's `--ink`.
pub(super) const INK: &str = "#1b1f24";
/// Secondary text, reference lines: the site's `--muted` (7:1 on white).
pub(super) const MUTED: &str = "#4a5561";
/// Grid lines and zebra bands.
pub(super) const GRID: &str = "#d5dbe1";
/// Alternate row band.
pub(super) const BAND: &str = "#f3f5f7";
/// Ordinary marks: the site's `--accent` (6.4:1 on white).
pub(super) const ACCENT: &str = "#0b5cad";
/// Highlighted marks: the site's `--danger` (7.6:1 on white).
pub(super) const DANGER: &str = "#a4161a";
/// Band behind a highlighted row; ink on it stays above 14:1.
pub(super) const DANGER_BAND: &str = "#fbe4e4";

/// Stops of the ramp, light to dark: the hues of ColorBrewer "Blues" with CIE lightness evenly
/// spaced from L* 94 to 22 (steps of about 10), so any neighbours differ in grey as well as in hue.
const RAMP: [(u8, u8, u8); 8] = [
    (0xe2, 0xf0, 0xfc),
    (0xbe, 0xd3, 0xe7),
    (0x8f, 0xbb, 0xd1),
    (0x5d, 0xa0, 0xc8),
    (0x30, 0x85, 0xb8),
    (0x08, 0x68, 0xab),
    (0x01, 0x4b, 0x93),
    (0x0e, 0x32, 0x6e),
];

/// `count` fills, light to dark, evenly spread over the ramp; one option gets the middle.
pub(super) fn sequential(count: usize) -> Vec<(u8, u8, u8)> {
    let last = (RAMP.len() - 1) as f64;
    (0..count)
        .map(|i| {
            let t = if count <= 1 { 0.5 } else { i as f64 / (count - 1) as f64 };
            let pos = t * last;
            let lower = pos.floor() as usize;
            let upper = (lower + 1).min(RAMP.len() - 1);
            mix(RAMP[lower], RAMP[upper], pos - lower as f64)
        })
        .collect()
}

fn mix(a: (u8, u8, u8), b: (u8, u8, u8), t: f64) -> (u8, u8, u8) {
    let channel = |x: u8, y: u8| (f64::from(x) + (f64::from(y) - f64::from(x)) * t).round() as u8;
    (channel(a.0, b.0), channel(a.1, b.1), channel(a.2, b.2))
}

/// `#rrggbb` for an SVG `fill`.
pub(super) fn hex((r, g, b): (u8, u8, u8)) -> String {
    format!("#{r:02x}{g:02x}{b:02x}")
}

/// Black or white, whichever contrasts more with `fill`: at least 4.58:1 for any fill, so text
/// drawn on a segment meets WCAG AA.
pub(super) fn text_on(fill: (u8, u8, u8)) -> &'static str {
    if contrast(fill, (0, 0, 0)) >= contrast(fill, (255, 255, 255)) { "#000" } else { "#fff" }
}

/// The WCAG 2 contrast ratio of two colours.
pub(super) fn contrast(a: (u8, u8, u8), b: (u8, u8, u8)) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// WCAG 2 relative luminance.
pub(super) fn luminance((r, g, b): (u8, u8, u8)) -> f64 {
    let linear = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.04045 { c / 12.92 } else { ((c + 0.055) / 1.055).powf(2.4) }
    };
    0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_on_every_fill_meets_aa() {
        for count in 1..=9 {
            for fill in sequential(count) {
                let text = if text_on(fill) == "#000" { (0, 0, 0) } else { (255, 255, 255) };
                assert!(contrast(fill, text) >= 4.5, "{} on {}", text_on(fill), hex(fill));
            }
        }
    }

    #[test]
    fn fills_get_darker_step_by_step_so_greyscale_keeps_them_apart() {
        let lightness = |fill| 116.0 * luminance(fill).cbrt() - 16.0;
        for count in 2..=7 {
            let steps: Vec<f64> = sequential(count).into_iter().map(lightness).collect();
            assert!(steps.windows(2).all(|w| w[0] - w[1] >= 10.0), "{count}: {steps:?}");
        }
    }
}
