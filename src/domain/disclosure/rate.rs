//! A released indicator rate: `{"positives", "percent", "ci_low", "ci_high"}`.
//!
//! With `n` released exactly, an exact `positives` would give the exact percentage back, and a
//! Wilson interval at 0.1 precision computed from the exact count would pin the count down too. So
//! every field is a function of the shown percentage and `n` only (see `rounding`):
//!
//! * `positives` is the band of counts the shown percentage stands for: a number when that band is
//!   one count (`5` for 20% of 25), else a string (`"2-3"` for 10% of 25, `"0-1"` for ≤5% of 25).
//! * `ci_low` is the Wilson lower end at the band's smallest count, `ci_high` the upper end at its
//!   largest: the hull of the intervals of every count the reader cannot tell apart. For an
//!   extreme this widens the interval to cover 0 (or `n`).
//! * Interval ends are percentages rounded to 0.1, as in the API example.
//! * A whole's rate comes from the band its cells add up to (`positives`), shown as a range of
//!   percentages such as `"12-14%"` when the band holds more than one count.

use serde::Serialize;

use super::super::statistics::{Interval, Tally, wilson_interval};
use super::rounding::{Percent, coarsen, span_percent};

/// A released count band: `low..=high` positives.
///
/// Promises: it is exactly the set of counts that the released percentage stands for at the
/// released `n`, so it tells nothing the percentage does not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PositivesBand {
    low: u32,
    high: u32,
}

impl PositivesBand {
    /// The counts `low..=high` (swapped if given the wrong way round).
    pub(super) fn new(low: u32, high: u32) -> Self {
        Self { low: low.min(high), high: high.max(low) }
    }

    /// The smallest count in the band.
    pub fn low(self) -> u32 {
        self.low
    }

    /// The largest count in the band.
    pub fn high(self) -> u32 {
        self.high
    }
}

impl std::fmt::Display for PositivesBand {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.low == self.high { write!(f, "{}", self.low) } else { write!(f, "{}-{}", self.low, self.high) }
    }
}

impl Serialize for PositivesBand {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if self.low == self.high { serializer.serialize_u32(self.low) } else { serializer.collect_str(self) }
    }
}

/// One indicator's released prevalence in a released group.
///
/// Promises: every field depends on `(percent, n)` only; two groups of the same size whose exact
/// counts round to the same shown percentage get identical `Rate`s.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Rate {
    positives: PositivesBand,
    percent: Percent,
    ci_low: f64,
    ci_high: f64,
}

impl Rate {
    /// The released rate for `x` positives of `n` respondents (`n >= 5`).
    pub(super) fn release(x: u32, n: u32) -> Self {
        let coarse = coarsen(x, n);
        let ci_low = wilson(coarse.low, n).lower();
        let ci_high = wilson(coarse.high, n).upper();
        Self {
            positives: PositivesBand { low: coarse.low, high: coarse.high },
            percent: coarse.percent,
            ci_low: percent_to_one_decimal(ci_low),
            ci_high: percent_to_one_decimal(ci_high),
        }
    }

    /// The released rate of a whole whose positives lie in `band` (see `positives`): every field
    /// is a function of the band and `n`.
    pub(super) fn of_band(band: PositivesBand, n: u32) -> Self {
        Self {
            positives: band,
            percent: span_percent(band.low, band.high, n),
            ci_low: percent_to_one_decimal(wilson(band.low, n).lower()),
            ci_high: percent_to_one_decimal(wilson(band.high, n).upper()),
        }
    }

    /// The counts the shown percentage stands for.
    pub fn positives(&self) -> PositivesBand {
        self.positives
    }

    /// The shown percentage, such as `20%` or `≤5%`.
    pub fn percent(&self) -> Percent {
        self.percent
    }

    /// Lower end of the 95% interval, in percent with one decimal.
    pub fn ci_low(&self) -> f64 {
        self.ci_low
    }

    /// Upper end of the 95% interval, in percent with one decimal.
    pub fn ci_high(&self) -> f64 {
        self.ci_high
    }
}

/// The Wilson 95% interval of `x` of `n` (the whole of `[0, 1]` if the counts were inconsistent,
/// which the band arithmetic rules out).
fn wilson(x: u32, n: u32) -> Interval {
    Tally::new(x, n).map_or(Interval::UNINFORMATIVE, wilson_interval)
}

/// A proportion in `[0, 1]` as a percentage rounded to 0.1, never `-0.0`.
fn percent_to_one_decimal(proportion: f64) -> f64 {
    let tenths = (proportion * 1000.0).round();
    if tenths <= 0.0 { 0.0 } else { tenths / 10.0 }
}
