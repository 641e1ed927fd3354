//! Seeded simulation of what `classify` can see, against DESIGN.md "Statistics".
//!
//! Each run: 200 ordinary classes of 25 pupils at the reference rate 6.8% and 10 planted classes of
//! 25 at `m` times that rate, for `m` in 3, 4, 5, 6, over 200 seeds each. Reports (with
//! `--nocapture`) the mean false discovery proportion of `Elevated` and its power (the share of
//! planted classes flagged `Elevated`), for the production path (the default baseline rule, under
//! which this 5,250-respondent region uses leave-one-out pooled rates, inflated by the planted
//! classes) and for a region that keeps the reference value throughout.

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

use super::*;

const ORDINARY: usize = 200;
const PLANTED: usize = 10;
const CLASS_SIZE: u32 = 25;
const REFERENCE: f64 = 0.068;
const SEEDS: u64 = 200;

/// Means over the seeds of one multiplier.
#[derive(Debug, Clone, Copy)]
struct Performance {
    false_discovery_rate: f64,
    power: f64,
    ordinary_watched: f64,
}

/// Draws from Binomial(n, p) by inverting its distribution function: one uniform per class, so
/// the simulation stays fast in a debug build.
struct BinomialSampler {
    cumulative: Vec<f64>,
}

impl BinomialSampler {
    fn new(n: u32, p: f64) -> Self {
        let mut mass = (1.0 - p).powi(n as i32);
        let mut total = 0.0;
        let cumulative = (0..=n)
            .map(|k| {
                total += mass;
                mass *= f64::from(n - k) / f64::from(k + 1) * p / (1.0 - p);
                total
            })
            .collect();
        Self { cumulative }
    }

    fn draw(&self, rng: &mut StdRng) -> u32 {
        let u: f64 = rng.random();
        let below = self.cumulative.iter().take_while(|&&total| total <= u).count();
        below.min(self.cumulative.len() - 1) as u32
    }
}

/// One simulated region: keys are indices, planted classes come last.
fn region(rng: &mut StdRng, ordinary: &BinomialSampler, planted: &BinomialSampler) -> Vec<ClassCount<usize>> {
    (0..ORDINARY + PLANTED)
        .map(|key| {
            let x = if key < ORDINARY { ordinary.draw(rng) } else { planted.draw(rng) };
            ClassCount::new(key, x, CLASS_SIZE).expect("x ≤ n by construction")
        })
        .collect()
}

fn simulate(multiplier: f64, settings: &FlagSettings) -> Performance {
    let rule = IndicatorRule::binomial(REFERENCE).expect("valid reference");
    let ordinary = BinomialSampler::new(CLASS_SIZE, REFERENCE);
    let planted = BinomialSampler::new(CLASS_SIZE, multiplier * REFERENCE);
    let mut totals = Performance { false_discovery_rate: 0.0, power: 0.0, ordinary_watched: 0.0 };
    for seed in 0..SEEDS {
        let mut rng = StdRng::seed_from_u64(seed * 100 + multiplier as u64);
        let assessments = classify(&region(&mut rng, &ordinary, &planted), &rule, settings);
        let is_elevated = |a: &&FlagAssessment<usize>| a.severity() == Some(Severity::Elevated);
        let elevated: Vec<usize> = assessments.iter().filter(is_elevated).map(|a| *a.key()).collect();
        let false_ones = elevated.iter().filter(|&&key| key < ORDINARY).count();
        let watched = assessments.iter().filter(|a| *a.key() < ORDINARY && a.severity() == Some(Severity::Watch));
        totals.false_discovery_rate += false_ones as f64 / elevated.len().max(1) as f64;
        totals.power += (elevated.len() - false_ones) as f64 / PLANTED as f64;
        totals.ordinary_watched += watched.count() as f64 / ORDINARY as f64;
    }
    let runs = SEEDS as f64;
    Performance {
        false_discovery_rate: totals.false_discovery_rate / runs,
        power: totals.power / runs,
        ordinary_watched: totals.ordinary_watched / runs,
    }
}

fn report(label: &str, settings: &FlagSettings) -> Vec<(f64, Performance)> {
    println!("{label}\n  m  power  FDR(elevated)  ordinary classes on watch");
    [3.0, 4.0, 5.0, 6.0]
        .into_iter()
        .map(|multiplier| {
            let found = simulate(multiplier, settings);
            println!(
                "  {multiplier}×  {:.3}  {:.3}          {:.3}",
                found.power, found.false_discovery_rate, found.ordinary_watched
            );
            (multiplier, found)
        })
        .collect()
}

fn assert_design_holds(results: &[(f64, Performance)]) {
    for (multiplier, found) in results {
        assert!(found.false_discovery_rate <= 0.10, "FDR {found:?} at {multiplier}×");
    }
    let at_five = results.iter().find(|(m, _)| *m == 5.0).map(|(_, found)| found.power);
    assert!(at_five.is_some_and(|power| power >= 0.75), "power at 5×: {at_five:?}");
}

#[test]
fn planted_classes_are_found_and_false_discoveries_stay_below_q() {
    let production = FlagSettings::new(10);
    let reference_only = production.with_baseline_rule(BaselineRule::reference_only());
    assert_design_holds(&report("production path (leave-one-out pooled baseline):", &production));
    assert_design_holds(&report("reference baseline throughout:", &reference_only));
}
