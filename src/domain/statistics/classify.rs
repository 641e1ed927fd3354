//! Classification: every class of one region, wave and indicator gets its flag level and evidence.

use super::baseline::RegionBaseline;
use super::benjamini_hochberg::{BhOutcome, benjamini_hochberg};
use super::binomial_test::upper_tail_p_value;
use super::empirical_bayes::BetaPrior;
use super::probability::Probability;
use super::settings::{FlagCriterion, FlagSettings};
use super::severity::Severity;
use super::tally::{ClassCount, Tally};
use super::wilson::{Interval, wilson_interval};

/// How many times the baseline an empirical-Bayes rate must reach for `Elevated`.
const ELEVATION_FACTOR: f64 = 2.0;

/// The most rounds of testing with the classes that stand out left out of the pooled baseline.
const MAX_ROUNDS: usize = 8;

/// The engine's verdict on one class, with the figures behind it.
///
/// Exists so that a referral can be raised, and later explained, from one value. Only
/// [`classify`] builds one. The figures are raw: they are evidence for the disclosure module to
/// release (or not), never to be shown as they are.
#[derive(Debug, Clone, PartialEq)]
pub struct FlagAssessment<K> {
    key: K,
    severity: Option<Severity>,
    tally: Tally,
    eb_estimate: Option<f64>,
    wilson: Interval,
    test: Option<TestEvidence>,
}

/// The binomial-test figures of one class; absent for the `"any"` method, which has no baseline.
#[derive(Debug, Clone, Copy, PartialEq)]
struct TestEvidence {
    baseline: Probability,
    p_value: Probability,
    bh: Option<BhOutcome>,
}

impl<K> FlagAssessment<K> {
    /// The caller's key of the class.
    pub fn key(&self) -> &K {
        &self.key
    }

    /// The flag level, or `None` when the class does not stand out.
    pub fn severity(&self) -> Option<Severity> {
        self.severity
    }

    /// `x`: positive respondents.
    pub fn x(&self) -> u32 {
        self.tally.positives()
    }

    /// `n`: respondents.
    pub fn n(&self) -> u32 {
        self.tally.respondents()
    }

    /// The empirical-Bayes (posterior mean) rate; the region's prior mean when `n = 0`, and `None`
    /// only when no class of the region has respondents.
    pub fn eb_estimate(&self) -> Option<f64> {
        self.eb_estimate
    }

    /// The Wilson 95% interval of `x/n`.
    pub fn wilson(&self) -> Interval {
        self.wilson
    }

    /// The `p0` this class was tested against: the reference, or the pooled rate of the region's
    /// other classes that do not stand out. `None` for the `"any"` method.
    pub fn baseline_used(&self) -> Option<f64> {
        self.test.map(|test| test.baseline.value())
    }

    /// One-sided exact binomial p-value `P(X ≥ x | n, p0)` (1 when `n = 0`). `None` for `"any"`.
    pub fn p_value(&self) -> Option<f64> {
        self.test.map(|test| test.p_value.value())
    }

    /// The Benjamini-Hochberg adjusted p-value. `None` for `"any"` and for classes outside the
    /// tested family (fewer than `k` respondents).
    pub fn bh_adjusted(&self) -> Option<f64> {
        self.test.and_then(|test| test.bh).map(|bh| bh.adjusted().value())
    }
}

/// Assesses every class of one region, wave and indicator, in input order.
///
/// Promises, per class: for the `"any"` method, `Urgent` when `x ≥ 1` (whatever `n`). For
/// `"binomial"` and `n ≥ k` (`settings.min_rate_respondents()`), `Elevated` when the class is a
/// Benjamini-Hochberg discovery at q among the region's classes with `n ≥ k` (each tested against
/// the reference, or the pooled rate of the other classes that are not discoveries) and its
/// empirical-Bayes rate is at least twice its baseline, else `Watch` when its Wilson lower bound
/// exceeds the baseline. Otherwise, and always when `x = 0` or `n = 0`, no flag. Runs in
/// `O(m log m)` per round for `m` classes, with at most 8 rounds (usually 2 or 3).
pub fn classify<K: Clone>(
    classes: &[ClassCount<K>],
    indicator: &FlagCriterion,
    settings: &FlagSettings,
) -> Vec<FlagAssessment<K>> {
    let tallies: Vec<Tally> = classes.iter().map(ClassCount::tally).collect();
    let prior = BetaPrior::fit(tallies.iter().copied());
    let tests = indicator.reference().map(|reference| test_all(&tallies, reference, settings));
    classes
        .iter()
        .enumerate()
        .map(|(i, class)| {
            let tally = tallies[i];
            let test = tests.as_ref().map(|tests| tests[i]);
            let eb_estimate = prior.map(|prior| prior.posterior_mean(tally));
            let wilson = wilson_interval(tally);
            FlagAssessment {
                key: class.key().clone(),
                severity: severity(tally, eb_estimate, wilson, test),
                tally,
                eb_estimate,
                wilson,
                test,
            }
        })
        .collect()
}

/// Baselines, p-values and the Benjamini-Hochberg family for every class of the region.
///
/// With a pooled baseline, the classes found to stand out are taken out of the pool and every class
/// is tested again, until the classes standing out are those left out. Classes stand out by being
/// above their baseline, so leaving them out lowers the others' baselines and the set only grows;
/// it settles after two or three rounds. [`MAX_ROUNDS`] bounds the rare region where it would not
/// (a pool that falls back to a higher reference), and the last round's figures are used.
fn test_all(tallies: &[Tally], reference: Probability, settings: &FlagSettings) -> Vec<TestEvidence> {
    let region = RegionBaseline::new(settings.baseline_rule(), reference, tallies.iter().copied());
    let mut left_out = vec![false; tallies.len()];
    let mut evidence = test_against(&region, tallies, &left_out, settings);
    if !region.uses_pooled_rate() {
        return evidence;
    }
    for _ in 1..MAX_ROUNDS {
        let standing_out: Vec<bool> = evidence.iter().map(|test| test.bh.is_some_and(BhOutcome::rejected)).collect();
        if standing_out == left_out {
            break;
        }
        left_out = standing_out;
        let outside = tallies.iter().zip(&left_out).filter(|(_, out)| **out).map(|(tally, _)| *tally);
        let pool = region.excluding(settings.baseline_rule(), outside);
        evidence = test_against(&pool, tallies, &left_out, settings);
    }
    evidence
}

/// One round of [`test_all`]: each class against `pool` (without itself, unless `left_out`).
fn test_against(
    pool: &RegionBaseline,
    tallies: &[Tally],
    left_out: &[bool],
    settings: &FlagSettings,
) -> Vec<TestEvidence> {
    let baselines: Vec<Probability> = tallies
        .iter()
        .zip(left_out)
        .map(|(tally, out)| if *out { pool.for_excluded_class() } else { pool.for_class(*tally) })
        .collect();
    let p_values: Vec<Probability> =
        tallies.iter().zip(&baselines).map(|(tally, baseline)| upper_tail_p_value(*tally, *baseline)).collect();
    let outcomes = family_outcomes(tallies, &p_values, settings);
    (0..tallies.len()).map(|i| TestEvidence { baseline: baselines[i], p_value: p_values[i], bh: outcomes[i] }).collect()
}

/// Benjamini-Hochberg over the classes with at least `k` respondents; `None` for the others.
///
/// Leaving small classes out of the family is valid (whether a class is in it depends on `n`
/// only, never on `x`) and spends the error budget only on classes that could be flagged.
fn family_outcomes(tallies: &[Tally], p_values: &[Probability], settings: &FlagSettings) -> Vec<Option<BhOutcome>> {
    let members: Vec<usize> =
        (0..tallies.len()).filter(|&i| tallies[i].respondents() >= settings.min_rate_respondents()).collect();
    let member_p_values: Vec<Probability> = members.iter().map(|&i| p_values[i]).collect();
    let mut outcomes = vec![None; tallies.len()];
    let family = benjamini_hochberg(&member_p_values, settings.false_discovery_rate());
    for (&i, outcome) in members.iter().zip(family) {
        outcomes[i] = Some(outcome);
    }
    outcomes
}

/// The level of one class; `test` is `None` for the `"any"` method, and its `bh` is `None` for
/// classes below `k`, which therefore get neither `Elevated` nor `Watch`.
fn severity(tally: Tally, eb_estimate: Option<f64>, wilson: Interval, test: Option<TestEvidence>) -> Option<Severity> {
    if tally.positives() == 0 {
        return None;
    }
    let Some(test) = test else {
        return Some(Severity::Urgent);
    };
    let bh = test.bh?;
    let baseline = test.baseline.value();
    let shrunk_rate = eb_estimate.unwrap_or(0.0);
    if bh.rejected() && shrunk_rate >= ELEVATION_FACTOR * baseline {
        Some(Severity::Elevated)
    } else if wilson.lower() > baseline {
        Some(Severity::Watch)
    } else {
        None
    }
}

#[cfg(test)]
#[path = "classify_tests.rs"]
mod tests;
