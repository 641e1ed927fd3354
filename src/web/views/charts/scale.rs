//! Mapping data to drawing coordinates and choosing round tick values.

/// A linear map from a data range onto a pixel range (either may run backwards).
#[derive(Debug, Clone, Copy)]
pub(super) struct Scale {
    domain: (f64, f64),
    range: (f64, f64),
}

impl Scale {
    /// Maps `domain` onto `range`; an empty domain maps everything to the start of the range.
    pub(super) fn new(domain: (f64, f64), range: (f64, f64)) -> Self {
        Self { domain, range }
    }

    /// The pixel position of `v`, clamped to the range so no mark leaves the plot.
    pub(super) fn at(self, v: f64) -> f64 {
        let (d0, d1) = self.domain;
        let (r0, r1) = self.range;
        let span = d1 - d0;
        let t = if span.abs() < f64::EPSILON || !v.is_finite() { 0.0 } else { ((v - d0) / span).clamp(0.0, 1.0) };
        r0 + t * (r1 - r0)
    }
}

/// A round axis for percentages: the smallest of a few familiar maxima that holds `max`, with its
/// tick step, so rows of small rates are not squeezed into the left tenth of a 0–100 axis.
pub(super) fn percent_axis(max: f64) -> (f64, f64) {
    const AXES: [(f64, f64); 8] =
        [(10.0, 2.0), (20.0, 5.0), (30.0, 10.0), (40.0, 10.0), (50.0, 10.0), (60.0, 20.0), (80.0, 20.0), (100.0, 20.0)];
    AXES.into_iter().find(|&(top, _)| max <= top).unwrap_or((100.0, 20.0))
}

/// A round axis `(start, end, step)` covering `low..=high` (counts such as respondents), about five
/// ticks with steps of 1, 2 or 5 times a power of ten; never below 0 and never empty.
pub(super) fn count_axis(low: f64, high: f64) -> (f64, f64, f64) {
    let (low, high) = (low.max(0.0), high.max(low.max(0.0)));
    let rough = ((high - low) / 5.0).max(1.0);
    let power = 10f64.powf(rough.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0].into_iter().map(|m| m * power).find(|s| *s >= rough).unwrap_or(10.0 * power);
    let start = (low / step).floor() * step;
    let end = ((high / step).ceil() * step).max(start + step);
    (start, end, step)
}

/// The tick values `start, start + step, …` up to `end` inclusive.
pub(super) fn ticks(start: f64, end: f64, step: f64) -> Vec<f64> {
    if step <= 0.0 || !step.is_finite() {
        return vec![start];
    }
    let count = ((end - start) / step + 1e-9).floor().max(0.0) as usize;
    (0..=count).map(|i| start + step * i as f64).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scale_maps_and_clamps() {
        let s = Scale::new((0.0, 100.0), (10.0, 110.0));
        assert_eq!(s.at(50.0), 60.0);
        assert_eq!(s.at(-5.0), 10.0);
        assert_eq!(s.at(500.0), 110.0);
    }

    #[test]
    fn percent_axis_picks_the_smallest_that_fits() {
        assert_eq!(percent_axis(7.0), (10.0, 2.0));
        assert_eq!(percent_axis(38.2), (40.0, 10.0));
        assert_eq!(percent_axis(100.0), (100.0, 20.0));
    }

    #[test]
    fn count_axis_is_round_and_covers_the_data() {
        assert_eq!(count_axis(12.0, 31.0), (10.0, 35.0, 5.0));
        assert_eq!(count_axis(25.0, 25.0), (25.0, 26.0, 1.0));
        let (start, end, step) = count_axis(180.0, 2150.0);
        assert!(start <= 180.0 && end >= 2150.0 && step == 500.0);
        assert_eq!(ticks(0.0, 10.0, 2.5).len(), 5);
    }
}
