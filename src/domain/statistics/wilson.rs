//! The Wilson score interval: the 95% interval shown with every class prevalence.
//!
//! Wilson rather than the textbook `p ± 1.96·se` because it stays inside `[0, 1]`, is not empty at
//! `x = 0` or `x = n`, and keeps close to 95% coverage at class sizes of 10 to 40.

use super::tally::Tally;

/// The standard normal 0.975 quantile, `qnorm(0.975)` in R, to 16 significant digits.
const Z_95: f64 = 1.959_963_984_540_054;

/// A closed interval `[lower, upper]` within `[0, 1]`.
///
/// Exists so that an interval always arrives as a pair with `0 ≤ lower ≤ upper ≤ 1`; only this
/// module builds one.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Interval {
    lower: f64,
    upper: f64,
}

impl Interval {
    /// Knowing nothing: the whole of `[0, 1]`.
    pub const UNINFORMATIVE: Self = Self { lower: 0.0, upper: 1.0 };

    /// The lower end, in `[0, 1]`.
    pub fn lower(self) -> f64 {
        self.lower
    }

    /// The upper end, in `[lower, 1]`.
    pub fn upper(self) -> f64 {
        self.upper
    }

    /// Whether `value` lies in the closed interval.
    pub fn contains(self, value: f64) -> bool {
        self.lower <= value && value <= self.upper
    }
}

/// The Wilson score 95% interval for `x/n`, as R's `prop.test(x, n, correct = FALSE)$conf.int`.
///
/// Promises: `x/n` lies inside; the lower end is exactly 0 when `x = 0` and the upper end exactly 1
/// when `x = n`; with `n = 0` (no respondents) the interval is [`Interval::UNINFORMATIVE`], never NaN.
pub fn wilson_interval(tally: Tally) -> Interval {
    let (x, n) = (tally.positives(), tally.respondents());
    if n == 0 {
        return Interval::UNINFORMATIVE;
    }
    let (xf, nf) = (f64::from(x), f64::from(n));
    let z2 = Z_95 * Z_95;
    // Closed form: (x + z²/2 ± z·sqrt(x(n−x)/n + z²/4)) / (n + z²).
    let centre = xf + z2 / 2.0;
    let spread = Z_95 * (xf * (nf - xf) / nf + z2 / 4.0).sqrt();
    let denominator = nf + z2;
    let lower = if x == 0 { 0.0 } else { ((centre - spread) / denominator).clamp(0.0, xf / nf) };
    let upper = if x == n { 1.0 } else { ((centre + spread) / denominator).clamp(xf / nf, 1.0) };
    Interval { lower, upper }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn interval(x: u32, n: u32) -> Interval {
        wilson_interval(Tally::new(x, n).expect("valid tally"))
    }

    fn assert_close(actual: f64, expected: f64) {
        assert!((actual - expected).abs() <= 1e-12, "got {actual:e}, expected {expected:e}");
    }

    // Reference values (x, n, lower, upper): each end found independently of the closed form, as a
    // root of the score-test equation (x/n − p)² = z²·p(1−p)/n by 300 bisection steps in mpmath at
    // 50 digits, z = sqrt(2)·erfinv(0.95); all agree within 6e-17 with statsmodels 0.15
    // `proportion_confint(x, n, method="wilson")`.
    const REFERENCES: [(u32, u32, f64, f64); 6] = [
        (0, 25, 0.0, 0.133_192_250_939_048_5),
        (1, 25, 0.007_096_233_501_987_257, 0.195_440_637_361_937_37),
        (5, 25, 0.088_605_846_868_025_73, 0.391_309_503_695_403_37),
        (12, 25, 0.300_312_859_541_129_7, 0.665_014_830_496_432_3),
        (25, 25, 0.866_807_749_060_951_5, 1.0),
        (3, 1000, 0.001_020_783_881_138_619, 0.008_783_014_053_503_175),
    ];

    #[test]
    fn matches_the_score_test_inversion() {
        for (x, n, lower, upper) in REFERENCES {
            let got = interval(x, n);
            assert_close(got.lower(), lower);
            assert_close(got.upper(), upper);
        }
    }

    #[test]
    fn no_respondents_gives_the_whole_unit_interval() {
        assert_eq!(interval(0, 0), Interval::UNINFORMATIVE);
    }

    #[test]
    fn ends_are_exact_at_none_and_all_positive() {
        assert_eq!(interval(0, 25).lower(), 0.0);
        assert_eq!(interval(25, 25).upper(), 1.0);
        assert!(interval(0, 25).upper() > 0.0);
        assert!(interval(25, 25).lower() < 1.0);
    }

    #[test]
    fn always_contains_the_observed_rate_inside_the_unit_interval() {
        for n in 1..=60 {
            for x in 0..=n {
                let got = interval(x, n);
                let rate = f64::from(x) / f64::from(n);
                assert!(got.contains(rate), "{x}/{n}: {got:?}");
                assert!(0.0 <= got.lower() && got.upper() <= 1.0, "{x}/{n}: {got:?}");
            }
        }
    }
}
