//! Control limits of a funnel plot from the **exact binomial distribution**: the statistics a funnel
//! plot draws (`web::views::charts::funnel_plot` only draws them).
//!
//! For `n` respondents at baseline `p0` (`X ~ Binomial(n, p0)`), the upper limit for tail
//! probability `t` sits at the count `s` where the one-sided exact p-value `P(X ≥ s)` equals `t`,
//! over `n`; the lower limit sits where `P(X ≤ s)` equals `t`. So a class is above the upper 99.8%
//! limit exactly when the exact binomial test the flag rules use gives `P(X ≥ x) < 0.001` against
//! that baseline (before Benjamini-Hochberg; the plot is a picture, the flag rules decide).
//!
//! Counts are whole, so the tail probability is extended to a continuous `s` through the
//! regularised incomplete beta function, `P(X ≥ s) = I_p0(s, n − s + 1)`, exact at every whole `s`.
//! This is the smooth counterpart of Spiegelhalter's linear interpolation ("Funnel plots for
//! comparing institutional performance", *Statistics in Medicine* 24, 2005, A.1.1); unlike the
//! linear version it narrows steadily as `n` grows instead of in a sawtooth. The normal
//! approximation is not used: at classes of about 25 and rates near 7% it puts the lower limit
//! below zero and the upper limit too low.
//!
//! Only the baseline, which the caller passes, and the respondent counts on the axis enter here.

use std::cell::RefCell;
use std::collections::HashMap;

use statrs::function::beta::beta_reg;

/// Two-sided 95% limits: tail probabilities 0.025 and 0.975.
pub const INNER: f64 = 0.975;
/// Two-sided 99.8% limits: tail probabilities 0.001 and 0.999.
pub const OUTER: f64 = 0.999;

/// The lower and upper control limits, in percent, at `n` respondents around `p0_percent` for the
/// central interval whose upper tail probability is `upper_q` (use [`INNER`] or [`OUTER`]).
pub fn limits(n: u32, p0_percent: f64, upper_q: f64) -> (f64, f64) {
    let size = f64::from(n.max(1));
    let lower = (count_with_upper_tail(size, probability(p0_percent), upper_q) - 1.0) / size;
    (100.0 * lower.clamp(0.0, 1.0), upper_limit(n, p0_percent, upper_q))
}

/// The upper limit alone, in percent: half the work of [`limits`] where only that is needed.
pub fn upper_limit(n: u32, p0_percent: f64, upper_q: f64) -> f64 {
    let n = f64::from(n.max(1));
    100.0 * (count_with_upper_tail(n, probability(p0_percent), 1.0 - upper_q) / n).clamp(0.0, 1.0)
}

fn probability(percent: f64) -> f64 {
    if percent.is_nan() { 0.0 } else { (percent / 100.0).clamp(0.0, 1.0) }
}

/// Limits already found, by (n, p, tail). Each takes 48 evaluations of the incomplete beta function,
/// a funnel plot needs a few hundred, and the same axes recur on every view of a dashboard (the
/// baselines come from the instrument): found once, they were a quarter of a dashboard's CPU time.
type Found = HashMap<(u64, u64, u64), f64>;

/// Entries kept at most per thread (about 40 bytes each); the memo starts afresh when full.
const MEMO_CAPACITY: usize = 100_000;

thread_local! {
    /// Each server thread keeps its own memo: a pure function's results, so no lock is needed and
    /// no thread waits for another (a process-wide memo behind a mutex made every dashboard view of
    /// every worker queue on one lock).
    static MEMO: RefCell<Found> = RefCell::new(HashMap::new());
}

/// The count `s`, continuous in `0..=n + 1`, where `P(X ≥ s) = I_p(s, n − s + 1)` equals `tail`
/// for `X ~ Binomial(n, p)`.
fn count_with_upper_tail(n: f64, p: f64, tail: f64) -> f64 {
    let key = (n.to_bits(), p.to_bits(), tail.to_bits());
    if let Some(found) = MEMO.with_borrow(|m| m.get(&key).copied()) {
        return found;
    }
    let found = search_count_with_upper_tail(n, p, tail);
    MEMO.with_borrow_mut(|m| {
        if m.len() >= MEMO_CAPACITY {
            m.clear();
        }
        m.insert(key, found);
    });
    found
}

fn search_count_with_upper_tail(n: f64, p: f64, tail: f64) -> f64 {
    if p <= 0.0 {
        return 0.0;
    }
    if p >= 1.0 {
        return n;
    }
    let (mut low, mut high) = (0.0, n + 1.0);
    for _ in 0..48 {
        let mid = (low + high) / 2.0;
        if beta_reg(mid, n - mid + 1.0, p) > tail { low = mid } else { high = mid }
    }
    (low + high) / 2.0
}

#[cfg(test)]
#[path = "funnel_limits_tests.rs"]
mod tests;
