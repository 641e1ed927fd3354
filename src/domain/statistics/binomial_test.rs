//! The one-sided exact binomial test: how surprising are `x` positives out of `n` at rate `p0`?
//!
//! Exact, not mid-p: with classes of 25 the mid-p value is anti-conservative often enough for the
//! false discovery rate after Benjamini-Hochberg to creep above q. The tail is summed term by term
//! in the direction where terms shrink, starting from a probability mass computed in log space, so
//! p-values as small as 1e-300 keep full relative precision.

use statrs::function::factorial::ln_binomial;

use super::probability::Probability;
use super::tally::Tally;

/// Below this share of the running sum, a shrinking tail is no longer worth adding.
const NEGLIGIBLE: f64 = f64::EPSILON / 8.0;

/// `P(X ≥ x)` for `X ~ Binomial(n, p0)`: R's `binom.test(x, n, p0, alternative = "greater")$p.value`.
///
/// Promises: exactly 1 when `x = 0`; exactly 0 when `p0 = 0` and `x ≥ 1`; exactly 1 when
/// `p0 = 1`; `p0^n` (not 0) when `x = n`; never NaN, always in `[0, 1]`.
pub fn upper_tail_p_value(tally: Tally, p0: Probability) -> Probability {
    let (x, n, p) = (tally.positives(), tally.respondents(), p0.value());
    if x == 0 || p == 1.0 {
        return Probability::ONE;
    }
    if p == 0.0 {
        return Probability::ZERO;
    }
    // Masses rise while k < (n + 1)p − 1 and fall after it (the binomial is log-concave).
    if f64::from(x) > (f64::from(n) + 1.0) * p - 1.0 {
        Probability::clamped(upper_sum_from(x, n, p))
    } else {
        Probability::clamped(1.0 - lower_sum_from(x - 1, n, p))
    }
}

/// `ln P(X = k)` for `X ~ Binomial(n, p)`, with `0 < p < 1`.
fn ln_mass(k: u32, n: u32, p: f64) -> f64 {
    ln_binomial(u64::from(n), u64::from(k)) + f64::from(k) * p.ln() + f64::from(n - k) * (-p).ln_1p()
}

/// `P(X ≥ x)` when masses fall from `x` upward.
fn upper_sum_from(x: u32, n: u32, p: f64) -> f64 {
    let odds = p / (1.0 - p);
    let ratios = (x..n).map(|k| f64::from(n - k) / f64::from(k + 1) * odds);
    ln_mass(x, n, p).exp() * sum_of_shrinking_terms(ratios)
}

/// `P(X ≤ top)` when masses fall from `top` downward.
fn lower_sum_from(top: u32, n: u32, p: f64) -> f64 {
    let inverse_odds = (1.0 - p) / p;
    let ratios = (1..=top).rev().map(|k| f64::from(k) / f64::from(n - k + 1) * inverse_odds);
    ln_mass(top, n, p).exp() * sum_of_shrinking_terms(ratios)
}

/// `1 + r₁ + r₁r₂ + …` for ratios that only decrease (the binomial is log-concave), stopping once
/// the rest is negligible: after a term `t` with ratio `r < 1` it is at most `t · r / (1 − r)`.
fn sum_of_shrinking_terms(ratios: impl Iterator<Item = f64>) -> f64 {
    let (mut term, mut sum) = (1.0, 1.0);
    for ratio in ratios {
        term *= ratio;
        sum += term;
        if ratio < 1.0 && term * ratio / (1.0 - ratio) <= sum * NEGLIGIBLE {
            break;
        }
    }
    sum
}

#[cfg(test)]
#[path = "binomial_test_tests.rs"]
mod tests;
