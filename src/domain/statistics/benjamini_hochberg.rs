//! Benjamini-Hochberg: which of many classes' p-values are discoveries at false discovery rate q.
//!
//! The family is all tested classes of one region, wave and indicator, so that looking at many
//! classes does not by itself produce flags: on average at most a share q of the rejections are
//! classes whose true rate is the baseline.

use std::cmp::Ordering;

use super::probability::Probability;

/// The verdict on one hypothesis of the family.
///
/// Exists so that a flag can carry both the decision and the adjusted p-value that justifies it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BhOutcome {
    adjusted: Probability,
    rejected: bool,
}

impl BhOutcome {
    /// The BH-adjusted p-value, R's `p.adjust(p, method = "BH")`: the smallest q at which this
    /// hypothesis would be rejected.
    pub fn adjusted(self) -> Probability {
        self.adjusted
    }

    /// Whether the hypothesis is rejected at the family's q (`adjusted ≤ q`).
    pub fn rejected(self) -> bool {
        self.rejected
    }
}

/// The Benjamini-Hochberg step-up procedure at rate `q`, one outcome per p-value in input order.
///
/// Promises: equal p-values get equal outcomes; the rejected set is exactly the step-up set
/// `{p ≤ p_(k*)}` with `k* = max{ i : p_(i) ≤ i·q/m }` up to floating rounding at the boundary;
/// adjusted values never exceed 1 and keep the order of the p-values; an empty family gives an
/// empty answer.
pub fn benjamini_hochberg(p_values: &[Probability], q: Probability) -> Vec<BhOutcome> {
    let m = p_values.len();
    let mut order: Vec<usize> = (0..m).collect();
    order.sort_by(|&a, &b| by_value(p_values[a], p_values[b]));
    let mut adjusted = vec![Probability::ONE; m];
    let mut running_min = 1.0_f64;
    for (rank_from_zero, &index) in order.iter().enumerate().rev() {
        let rank = rank_from_zero + 1;
        // R's order of operations, (m / i) · p: exactly p at the top rank, never below p.
        let scaled = (m as f64 / rank as f64) * p_values[index].value();
        running_min = running_min.min(scaled);
        adjusted[index] = Probability::clamped(running_min);
    }
    adjusted.into_iter().map(|adjusted| BhOutcome { adjusted, rejected: adjusted.value() <= q.value() }).collect()
}

fn by_value(a: Probability, b: Probability) -> Ordering {
    a.value().total_cmp(&b.value())
}

#[cfg(test)]
#[path = "benjamini_hochberg_tests.rs"]
mod tests;
