//! The flag-statistics engine: which classes of a region stand out on an indicator, and why.
//!
//! Pure functions over counts; no HTTP, no SQL, no clock. For one region, wave and indicator the
//! caller passes every class as a [`ClassCount`] (`x` positives of `n` respondents) and gets back
//! one [`FlagAssessment`] per class from [`classify`]:
//!
//! - **Urgent** — indicators whose rule method is `any` (the acute-risk item): `x ≥ 1`.
//! - **Elevated** — indicators whose method is `binomial`: one-sided exact binomial test of `x`
//!   against the class's baseline `p0` ([`upper_tail_p_value`]), a discovery of
//!   [`benjamini_hochberg`] at q = 0.10 over the region's classes, and an empirical-Bayes rate
//!   ([`BetaPrior`], beta-binomial fitted by moments) of at least `2·p0`.
//! - **Watch** — `binomial` indicators: the [`wilson_interval`] lower bound above `p0`, without
//!   being elevated.
//!
//! **Baseline.** `p0` is the instrument's reference value until the region has enough data of
//! its own — by default at least 1,000 respondents in at least 30 classes with at least 20
//! positives in the wave ([`BaselineRule`]) — and from then on, for each class, the region's
//! pooled rate in the same wave with that class left out. Totals are summed once and each class
//! subtracts itself, so a region costs `O(m log m)` (the log from Benjamini-Hochberg's sort).
//!
//! **Classes below k.** The engine takes *all* classes of the region, released or not: all of
//! them inform the pooled baseline and the empirical-Bayes prior, which are region-level figures.
//! `Elevated` and `Watch` speak about a class's rate, so only classes with at least `k`
//! respondents (the deployment's disclosure threshold, passed in [`FlagSettings::new`]) are tested
//! for them, and only those form the Benjamini-Hochberg family. `Urgent` is given at any class
//! size: its evidence is released only as "≥1", and a pupil at acute risk outranks the size rule.
//! A class with no respondents is never flagged. The figures inside an assessment are raw
//! evidence: a referral must carry them only through the disclosure module's release rules.
//!
//! **What it can see** (`simulation_tests`, 200 classes of 25 at 6.8% and 10 at `m`×, 5,000
//! seeds): with the reference baseline throughout, 53% of planted classes at 4× and 82% at 5×
//! are `Elevated`, false discovery rate 0.04-0.06; on the production path, where the pooled
//! baseline includes the planted classes, 45% and 79%, false discovery rate about 0.02. Smaller
//! effects need more respondents or pooled waves.

mod baseline;
mod benjamini_hochberg;
mod binomial_test;
mod classify;
mod empirical_bayes;
mod error;
mod probability;
mod settings;
mod severity;
mod tally;
mod wilson;

#[cfg(test)]
mod rule_variants_tests;
#[cfg(test)]
mod simulation_tests;
#[cfg(test)]
mod simulation_world;

pub use baseline::{BaselineRule, RegionBaseline};
pub use benjamini_hochberg::{BhOutcome, benjamini_hochberg};
pub use binomial_test::upper_tail_p_value;
pub use classify::{FlagAssessment, classify};
pub use empirical_bayes::BetaPrior;
pub use error::StatisticsError;
pub use probability::Probability;
pub use settings::{FlagMethod, FlagSettings, IndicatorRule};
pub use severity::Severity;
pub use tally::{ClassCount, Tally};
pub use wilson::{Interval, wilson_interval};
