//! How exact a released percentage may be (docs/privacy.md promise 5), and which counts it covers.
//!
//! * Whole percentages; below 30 respondents, multiples of 5. Halves round up.
//! * Extremes are shown as "≤5%" / "≥95%". Where a single respondent moves the rounded value past
//!   5% (fewer than 14 respondents), "≤5%" alone would still mean "nobody": the low extreme then
//!   grows to the rounded value of one respondent ("≤10%" at n = 10..13, "≤20%" at n = 5), and the
//!   high extreme likewise. So an extreme always covers at least two counts, including 0 and 1
//!   (n - 1 and n), and never tells that every pupil answered alike.
//!
//! Each shown value stands for a band of counts `x` (its preimage). Every other released field of a
//! rate is computed from that band and `n` only, so no field can undo the rounding.

use serde::Serialize;

/// A released percentage: exact (after rounding) or an extreme.
///
/// Promises: `AtMost` is only used for the low extreme (always `>= 5`), `AtLeast` only for the high
/// extreme (always `<= 95`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Percent {
    /// The low extreme, shown as `"≤5%"` (or wider for very small groups).
    AtMost(u32),
    /// A rounded percentage, shown as `"20%"`.
    Exactly(u32),
    /// The high extreme, shown as `"≥95%"` (or wider for very small groups).
    AtLeast(u32),
    /// A whole whose cells allow several counts (see `positives`), shown as `"12-14%"`: the
    /// smallest count's percentage rounded down, the largest's rounded up.
    Between(u32, u32),
}

impl std::fmt::Display for Percent {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::AtMost(p) => write!(f, "≤{p}%"),
            Self::Exactly(p) => write!(f, "{p}%"),
            Self::AtLeast(p) => write!(f, "≥{p}%"),
            Self::Between(low, high) => write!(f, "{low}-{high}%"),
        }
    }
}

impl Serialize for Percent {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// A shown percentage with the counts it stands for: every `x` in `low..=high` (and no other)
/// is shown as `percent` at this `n`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Coarse {
    pub(super) percent: Percent,
    pub(super) low: u32,
    pub(super) high: u32,
}

/// The shown percentage for `x` positives of `n` respondents, and its band.
///
/// `n` must be at least 5 (only released groups get rates, and `k >= 5`).
pub(super) fn coarsen(x: u32, n: u32) -> Coarse {
    debug_assert!(n >= 5 && x <= n, "rates are only released for n >= k >= 5");
    let (x, n) = (u64::from(x), u64::from(n.max(1)));
    let unit = unit(n);
    let low_edge = rounded(1, n).max(5);
    let high_edge = rounded(n - 1, n).min(95);
    let shown = rounded(x, n);
    let (percent, low, high) = if shown <= low_edge {
        let high = first_at_step(low_edge / unit + 1, n) - 1;
        (Percent::AtMost(narrow(low_edge)), 0, high)
    } else if shown >= high_edge {
        let low = first_at_step(high_edge / unit, n);
        (Percent::AtLeast(narrow(high_edge)), low, n)
    } else {
        let step = shown / unit;
        let high = first_at_step(step + 1, n) - 1;
        (Percent::Exactly(narrow(shown)), first_at_step(step, n), high)
    };
    Coarse { percent, low: narrow(low), high: narrow(high.min(n)) }
}

/// The shown percentage of a whole whose positives lie in `low..=high` of `n`: an extreme when the
/// band reaches 0 or `n` (never narrower than "≤5%" / "≥95%"), one value when it is one count,
/// else the range from the low end rounded down to the high end rounded up.
pub(super) fn span_percent(low: u32, high: u32, n: u32) -> Percent {
    let (low, high, n) = (u64::from(low), u64::from(high), u64::from(n.max(1)));
    let floor = |x: u64| narrow(100 * x / n);
    let ceil = |x: u64| narrow((100 * x).div_ceil(n));
    if low == 0 {
        Percent::AtMost(ceil(high).max(5))
    } else if high >= n {
        Percent::AtLeast(floor(low).min(95))
    } else if low == high {
        Percent::Exactly(narrow(rounded(low, n)))
    } else if floor(low) == ceil(high) {
        Percent::Exactly(floor(low))
    } else {
        Percent::Between(floor(low), ceil(high))
    }
}

/// Percentage points per rounding step: 5 below 30 respondents, else 1.
fn unit(n: u64) -> u64 {
    if n < 30 { 5 } else { 1 }
}

/// `100·x/n` rounded half up to a multiple of [`unit`].
fn rounded(x: u64, n: u64) -> u64 {
    let unit = unit(n);
    unit * ((200 * x + unit * n) / (2 * unit * n))
}

/// The smallest `x` whose rounded percentage is at least `step · unit(n)`.
fn first_at_step(step: u64, n: u64) -> u64 {
    if step == 0 {
        return 0;
    }
    (unit(n) * n * (2 * step - 1)).div_ceil(200)
}

/// Back to `u32`; every value here is at most `max(n, 100)` with `n` a `u32`.
fn narrow(value: u64) -> u32 {
    u32::try_from(value).unwrap_or(u32::MAX)
}
