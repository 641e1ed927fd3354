//! The baseline `p0` each class is tested against: the instrument's reference value until the
//! region has enough data of its own, then the pooled rate of the region's other classes that do
//! not stand out.
//!
//! Leaving the class out keeps a class from raising its own bar; leaving out the classes that stand
//! out ([`RegionBaseline::excluding`]) keeps a few classes in trouble from raising the bar for all
//! the others. The region totals are summed once and each class subtracts its own counts, so a
//! region of any size costs one pass.

use super::error::StatisticsError;
use super::probability::Probability;
use super::tally::Tally;

/// When a region's own data replace the instrument's reference value.
///
/// Exists so that the switch is one explicit, documented rule: the region's pooled rate (same
/// wave, same indicator) is used once the region has at least `min_respondents` respondents, in
/// at least `min_classes` classes with respondents, with at least `min_positives` positives among
/// them. Below that the pooled rate is too noisy (or, with no positives, degenerate at 0) and the
/// reference is used for every class.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BaselineRule {
    min_respondents: u64,
    min_classes: u32,
    min_positives: u64,
}

impl BaselineRule {
    /// Default: 1,000 respondents, so the pooled rate of a 7% indicator has a standard error of
    /// about 0.8 percentage points.
    pub const DEFAULT_MIN_RESPONDENTS: u64 = 1_000;
    /// Default: 30 classes, so that no few schools set the bar for the region.
    pub const DEFAULT_MIN_CLASSES: u32 = 30;
    /// Default: 20 positives, a relative standard error of the pooled rate near 22% at worst.
    pub const DEFAULT_MIN_POSITIVES: u64 = 20;

    /// A rule with the given thresholds.
    ///
    /// # Errors
    /// [`StatisticsError::TooFewBaselineClasses`] when `min_classes < 2`: leaving a class out of a
    /// one-class region would leave nothing to pool.
    pub fn new(min_respondents: u64, min_classes: u32, min_positives: u64) -> Result<Self, StatisticsError> {
        if min_classes < 2 {
            return Err(StatisticsError::TooFewBaselineClasses(min_classes));
        }
        Ok(Self { min_respondents, min_classes, min_positives })
    }

    /// A rule that never switches: every class is tested against the reference value. For
    /// deployments that prefer the published figure throughout, and for simulations.
    pub fn reference_only() -> Self {
        Self { min_respondents: u64::MAX, min_classes: u32::MAX, min_positives: u64::MAX }
    }

    fn is_met_by(self, region: &RegionTotals) -> bool {
        region.respondents >= self.min_respondents
            && region.classes >= self.min_classes
            && region.positives >= self.min_positives
    }
}

impl Default for BaselineRule {
    fn default() -> Self {
        Self {
            min_respondents: Self::DEFAULT_MIN_RESPONDENTS,
            min_classes: Self::DEFAULT_MIN_CLASSES,
            min_positives: Self::DEFAULT_MIN_POSITIVES,
        }
    }
}

/// Totals over the classes of one region, wave and indicator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct RegionTotals {
    respondents: u64,
    positives: u64,
    classes: u32,
}

/// The baselines of one region, wave and indicator, ready to be asked per class.
///
/// Exists so that the reference-or-pooled decision is taken once for the region and the pooled
/// totals are summed once, whatever the number of classes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RegionBaseline {
    reference: Probability,
    pooled: Option<RegionTotals>,
}

impl RegionBaseline {
    /// Decides, for the region whose classes are `tallies`, between `reference` and pooled rates.
    pub fn new(rule: BaselineRule, reference: Probability, tallies: impl IntoIterator<Item = Tally>) -> Self {
        let totals = tallies.into_iter().filter(|tally| tally.respondents() > 0).fold(
            RegionTotals { respondents: 0, positives: 0, classes: 0 },
            |sums, tally| RegionTotals {
                respondents: sums.respondents + u64::from(tally.respondents()),
                positives: sums.positives + u64::from(tally.positives()),
                classes: sums.classes.saturating_add(1),
            },
        );
        Self { reference, pooled: rule.is_met_by(&totals).then_some(totals) }
    }

    /// Whether the region's own data are used instead of the reference.
    pub fn uses_pooled_rate(&self) -> bool {
        self.pooled.is_some()
    }

    /// `p0` for the class with `tally`, which must be one of the pooled classes: the reference,
    /// or the positives of all other pooled classes over their respondents. Falls back to the
    /// reference when the other classes have no respondents (impossible under a valid rule) or
    /// when `tally` is not part of the totals.
    pub fn for_class(&self, tally: Tally) -> Probability {
        self.pooled
            .and_then(|totals| {
                let others_positive = totals.positives.checked_sub(u64::from(tally.positives()))?;
                let others = totals.respondents.checked_sub(u64::from(tally.respondents()))?;
                Probability::from_counts(others_positive, others)
            })
            .unwrap_or(self.reference)
    }

    /// `p0` for a class left out of the pool by [`RegionBaseline::excluding`]: the pooled rate as
    /// it is (the class is not in it), or the reference.
    pub fn for_excluded_class(&self) -> Probability {
        self.pooled
            .and_then(|totals| Probability::from_counts(totals.positives, totals.respondents))
            .unwrap_or(self.reference)
    }

    /// The same region with the classes `standing_out` (each one of the pooled classes) taken out
    /// of the pool, so that their excess does not raise the baseline of the others.
    ///
    /// Exists because a pooled rate that includes the classes in trouble is biased upward by them:
    /// with 8 of 128 classes at five times the rate, by a quarter. Promises: a region that uses the
    /// reference keeps it; when the classes left do not meet `rule` on their own (too few
    /// respondents, classes or positives to pool), the region falls back to the reference, so the
    /// baseline never rests on the thin remainder of a region whose positives all stand out.
    #[must_use]
    pub fn excluding(&self, rule: BaselineRule, standing_out: impl IntoIterator<Item = Tally>) -> Self {
        let Some(totals) = self.pooled else { return *self };
        let left = standing_out.into_iter().filter(|tally| tally.respondents() > 0).try_fold(totals, |left, tally| {
            Some(RegionTotals {
                respondents: left.respondents.checked_sub(u64::from(tally.respondents()))?,
                positives: left.positives.checked_sub(u64::from(tally.positives()))?,
                classes: left.classes.checked_sub(1)?,
            })
        });
        Self { reference: self.reference, pooled: left.filter(|left| rule.is_met_by(left)) }
    }
}

#[cfg(test)]
#[path = "baseline_tests.rs"]
mod tests;
