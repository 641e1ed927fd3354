//! Tests of the beta-binomial prior fit and posterior means.

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

use super::*;

fn tallies(counts: &[(u32, u32)]) -> Vec<Tally> {
    counts.iter().map(|&(x, n)| Tally::new(x, n).expect("valid tally")).collect()
}

fn fit(counts: &[(u32, u32)]) -> BetaPrior {
    BetaPrior::fit(tallies(counts)).expect("some class has respondents")
}

fn assert_close(actual: f64, expected: f64) {
    assert!((actual - expected).abs() <= 1e-12, "got {actual}, expected {expected}");
}

#[test]
fn matches_the_equal_size_moment_estimator_by_hand() {
    // Four classes of 10 with 0, 2, 4, 6 positives. With equal sizes the estimator reduces to
    // ρ = (n·s²/(π(1−π)) − 1)/(n − 1), s² the sample variance of the rates. By hand, exactly:
    // π = 12/40 = 3/10, s² = (0.09 + 0.01 + 0.01 + 0.09)/3 = 1/15, n·s²/(π(1−π)) = 200/63,
    // ρ = (137/63)/9 = 137/567, strength 1/ρ − 1 = 430/137, and for 6/10 the posterior mean
    // (6 + (3/10)(430/137))/(10 + 430/137) = 951/1800.
    let prior = fit(&[(0, 10), (2, 10), (4, 10), (6, 10)]);
    assert_close(prior.mean(), 0.3);
    assert_close(prior.strength(), 430.0 / 137.0);
    let tally = Tally::new(6, 10).expect("valid tally");
    assert_close(prior.posterior_mean(tally), 951.0 / 1800.0);
}

#[test]
fn recovers_a_known_between_class_variance() {
    // Half the classes at 5%, half at 15%: mean 0.10, between-class variance 0.0025, so
    // ρ = 0.0025/(0.10·0.90) = 1/36 and strength 35, whatever the shape of the mix. Sizes vary
    // from 15 to 35 to exercise the unequal-size weights.
    let mut rng = StdRng::seed_from_u64(20_250_611);
    let counts: Vec<(u32, u32)> = (0..6000)
        .map(|i| {
            let rate = if i % 2 == 0 { 0.05 } else { 0.15 };
            let n = rng.random_range(15..=35);
            let x = (0..n).filter(|_| rng.random::<f64>() < rate).count() as u32;
            (x, n)
        })
        .collect();
    let prior = fit(&counts);
    let rho = 1.0 / (prior.strength() + 1.0);
    assert!((prior.mean() - 0.10).abs() < 0.003, "mean {}", prior.mean());
    assert!((rho - 1.0 / 36.0).abs() < 0.005, "rho {rho}");
}

#[test]
fn identical_classes_concentrate_the_prior_on_the_pooled_rate() {
    // No variation at all: the moment estimate is negative, so ρ takes its floor 1/(N + 1) and
    // the strength is N = 250.
    let prior = fit(&[(2, 25); 10]);
    assert_close(prior.mean(), 0.08);
    assert_close(prior.strength(), 250.0);
    assert_close(prior.posterior_mean(Tally::new(2, 25).expect("valid")), 0.08);
    let outlier = prior.posterior_mean(Tally::new(10, 25).expect("valid"));
    assert!(outlier < 0.11, "an unfitted class is still pulled in: {outlier}");
}

#[test]
fn a_single_class_is_its_own_prior() {
    // One class gives no between-class information: strength N = 25 centred on 5/25.
    let prior = fit(&[(5, 25)]);
    assert_close(prior.strength(), 25.0);
    assert_close(prior.posterior_mean(Tally::new(5, 25).expect("valid")), 0.2);
}

#[test]
fn extreme_spread_leaves_raw_rates_standing() {
    // All-or-nothing classes: the estimate exceeds 1, ρ is capped at 1, the strength is 0.
    let prior = fit(&[(0, 10), (10, 10), (0, 10), (10, 10)]);
    assert_close(prior.strength(), 0.0);
    assert_close(prior.posterior_mean(Tally::new(10, 10).expect("valid")), 1.0);
    assert_close(prior.posterior_mean(Tally::new(0, 0).expect("valid")), 0.5);
}

#[test]
fn no_positives_anywhere_estimates_zero_without_nan() {
    let prior = fit(&[(0, 25), (0, 20), (0, 0)]);
    assert_close(prior.mean(), 0.0);
    assert_close(prior.posterior_mean(Tally::new(0, 25).expect("valid")), 0.0);
}

#[test]
fn classes_without_respondents_are_ignored_and_get_the_prior_mean() {
    assert_eq!(BetaPrior::fit(tallies(&[(0, 0), (0, 0)])), None);
    assert_eq!(BetaPrior::fit(Vec::new()), None);
    let prior = fit(&[(0, 0), (1, 10), (3, 10)]);
    assert_close(prior.mean(), 0.2);
    assert_close(prior.posterior_mean(Tally::new(0, 0).expect("valid")), 0.2);
}
