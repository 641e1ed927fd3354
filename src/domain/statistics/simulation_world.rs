//! Seeded simulated regions for the simulation tests: ordinary classes at the reference rate and a
//! few planted classes at a multiple of it, and the false discovery rate and power of a rule on them.

use std::collections::BTreeSet;

use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};

use super::*;

/// The reference rate of the simulations: HBSC Kazakhstan 2022 bullying victimisation.
pub(super) const REFERENCE: f64 = 0.068;

/// One simulated region shape.
#[derive(Debug, Clone, Copy)]
pub(super) struct Scenario {
    pub(super) name: &'static str,
    pub(super) ordinary: usize,
    pub(super) planted: usize,
    pub(super) class_size: u32,
    pub(super) seeds: u64,
}

/// Issue 20's region: 16 schools, 120 ordinary classes of 25 and 8 planted ones (the end-to-end test
/// `tests/flag_power.rs` builds the same region through the server).
pub(super) const ISSUE_REGION: Scenario =
    Scenario { name: "120 ordinary + 8 planted classes of 25", ordinary: 120, planted: 8, class_size: 25, seeds: 400 };

/// The design's first simulation: a larger region with a smaller share of planted classes.
pub(super) const WIDE_REGION: Scenario = Scenario {
    name: "200 ordinary + 10 planted classes of 25",
    ordinary: 200,
    planted: 10,
    class_size: 25,
    seeds: 250,
};

/// Means over the seeds of one scenario and multiplier.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Performance {
    /// Mean false discovery proportion of `Elevated` (0 for a run without flags).
    pub(super) false_discovery_rate: f64,
    /// Mean share of planted classes flagged `Elevated`.
    pub(super) power: f64,
    /// Share of runs with at least one ordinary class flagged.
    pub(super) any_false: f64,
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

/// The regions of `scenario` at `multiplier`, one per seed: keys are indices, planted classes last.
pub(super) fn regions(scenario: Scenario, multiplier: f64) -> impl Iterator<Item = Vec<ClassCount<usize>>> {
    let ordinary = BinomialSampler::new(scenario.class_size, REFERENCE);
    let planted = BinomialSampler::new(scenario.class_size, multiplier * REFERENCE);
    (0..scenario.seeds).map(move |seed| {
        let mut rng = StdRng::seed_from_u64(seed * 100 + (multiplier * 10.0) as u64);
        (0..scenario.ordinary + scenario.planted)
            .map(|key| {
                let x = if key < scenario.ordinary { ordinary.draw(&mut rng) } else { planted.draw(&mut rng) };
                ClassCount::new(key, x, scenario.class_size).expect("x ≤ n by construction")
            })
            .collect()
    })
}

/// How a rule that returns the keys it flags `Elevated` does on `scenario` at `multiplier`.
pub(super) fn measure(
    scenario: Scenario,
    multiplier: f64,
    mut elevated: impl FnMut(&[ClassCount<usize>]) -> Vec<usize>,
) -> Performance {
    let mut sums = Performance::default();
    for region in regions(scenario, multiplier) {
        let flagged = elevated(&region);
        let false_ones = flagged.iter().filter(|&&key| key < scenario.ordinary).count();
        sums.false_discovery_rate += false_ones as f64 / flagged.len().max(1) as f64;
        sums.power += (flagged.len() - false_ones) as f64 / scenario.planted.max(1) as f64;
        sums.any_false += f64::from(u8::from(false_ones > 0));
    }
    let runs = scenario.seeds as f64;
    Performance {
        false_discovery_rate: sums.false_discovery_rate / runs,
        power: sums.power / runs,
        any_false: sums.any_false / runs,
    }
}

/// Like [`measure`], but the region's classes belong to `schools` schools of equal size that close
/// one after another, and each close runs the rule over the classes closed so far (as a close by hand
/// does in production): a class flagged at any close counts as flagged. Classes are dealt to schools
/// by a seeded shuffle, so planted classes are spread among them.
pub(super) fn measure_staggered(
    scenario: Scenario,
    multiplier: f64,
    schools: usize,
    mut elevated: impl FnMut(&[ClassCount<usize>]) -> Vec<usize>,
) -> Performance {
    let per_school = (scenario.ordinary + scenario.planted).div_ceil(schools);
    let mut dealer = StdRng::seed_from_u64(7);
    measure(scenario, multiplier, |region| {
        let mut closed = region.to_vec();
        closed.shuffle(&mut dealer);
        let mut flagged = BTreeSet::new();
        for school in 1..=schools {
            let so_far = &closed[..(school * per_school).min(closed.len())];
            flagged.extend(elevated(so_far));
        }
        flagged.into_iter().collect()
    })
}

/// The keys `classify` flags `Elevated` in `region` for the bullying rule under `settings`.
pub(super) fn classify_elevated(region: &[ClassCount<usize>], settings: &FlagSettings) -> Vec<usize> {
    let rule = FlagCriterion::binomial(REFERENCE).expect("valid reference");
    classify(region, &rule, settings)
        .iter()
        .filter(|assessment| assessment.severity() == Some(Severity::Elevated))
        .map(|assessment| *assessment.key())
        .collect()
}
