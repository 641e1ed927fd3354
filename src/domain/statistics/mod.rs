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
//! positives in the wave ([`BaselineRule`]) — and from then on, for each class, the pooled rate of
//! the region's other classes that do not stand out: the Benjamini-Hochberg discoveries are taken
//! out of the pool ([`RegionBaseline::excluding`]) and every class is tested again until the set
//! settles, so a few classes in trouble do not raise the bar for the others. Totals are summed once
//! and each class subtracts itself, so a round costs `O(m log m)` (the log from
//! Benjamini-Hochberg's sort); there are at most 8 rounds, usually 2 or 3.
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
//! **What it can see** (`simulation_tests`, seeded; `docs/flags.md` has the alternatives that were
//! tried, from `rule_variants_tests`): in issue 20's region of 120 ordinary classes of 25 at 6.8% and
//! 8 planted at `m`×, 54% of planted classes at 4× and 85% at 5× are `Elevated`, false discovery
//! rate about 0.05; in a region of 200 + 10, 51% and 83%. When 16 schools close one after another
//! and every close runs the flags, 88% at 5× with a false discovery rate near 0.08. Smaller effects
//! need more respondents or pooled waves.

mod baseline;
mod benjamini_hochberg;
mod binomial_test;
mod classify;
mod empirical_bayes;
mod error;
pub mod funnel_limits;
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
pub use settings::{FlagCriterion, FlagMethod, FlagSettings};
pub use severity::Severity;
pub use tally::{ClassCount, Tally};
pub use wilson::{Interval, wilson_interval};
