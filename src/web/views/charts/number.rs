//! How numbers enter the SVG: at most one decimal, no `-0`, the same bytes for the same value.

/// `v` rounded to one decimal, without a trailing `.0`; NaN and infinities print as `0`.
pub(super) fn num(v: f64) -> String {
    if !v.is_finite() {
        return "0".to_owned();
    }
    // Whole tenths in integer arithmetic: `format!("{:.1}")` takes the exact (slow) float formatting
    // path, and a dashboard writes tens of thousands of coordinates.
    let tenths = (v * 10.0).round();
    if tenths.abs() >= 1e15 {
        return format!("{v:.0}");
    }
    let tenths = tenths as i64;
    let (whole, tenth) = (tenths / 10, (tenths % 10).abs());
    let sign = if tenths < 0 && whole == 0 { "-" } else { "" };
    if tenth == 0 { format!("{sign}{whole}") } else { format!("{sign}{whole}.{tenth}") }
}

/// A released percent made safe to draw: clamped to 0–100, NaN as 0.
pub(super) fn percent(v: f64) -> f64 {
    if v.is_nan() { 0.0 } else { v.clamp(0.0, 100.0) }
}

/// An interval made safe to draw: both ends as [`percent`], low first.
pub(super) fn interval((low, high): (f64, f64)) -> (f64, f64) {
    let (low, high) = (percent(low), percent(high));
    if low <= high { (low, high) } else { (high, low) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_have_at_most_one_decimal_and_no_negative_zero() {
        assert_eq!(num(12.0), "12");
        assert_eq!(num(12.345), "12.3");
        assert_eq!(num(-0.04), "0");
        assert_eq!(num(f64::NAN), "0");
        assert_eq!(num(0.05), "0.1");
        assert_eq!(num(-0.5), "-0.5");
        assert_eq!(num(-12.34), "-12.3");
        assert_eq!(num(-12.0), "-12");
        assert_eq!(num(799.96), "800");
        assert_eq!(num(1e300), format!("{:.0}", 1e300));
    }

    #[test]
    fn percents_are_clamped_and_intervals_ordered() {
        assert_eq!(percent(-3.0), 0.0);
        assert_eq!(percent(130.0), 100.0);
        assert_eq!(percent(f64::NAN), 0.0);
        assert_eq!(interval((40.0, 10.0)), (10.0, 40.0));
    }
}
