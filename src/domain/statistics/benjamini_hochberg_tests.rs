//! Tests of Benjamini-Hochberg against the published example and a naive step-up.

use proptest::prelude::*;

use super::*;

fn probabilities(values: &[f64]) -> Vec<Probability> {
    values.iter().map(|&p| Probability::new(p).expect("valid p-value")).collect()
}

fn q(value: f64) -> Probability {
    Probability::new(value).expect("valid q")
}

fn adjusted(outcomes: &[BhOutcome]) -> Vec<f64> {
    outcomes.iter().map(|o| o.adjusted().value()).collect()
}

fn rejected(outcomes: &[BhOutcome]) -> Vec<bool> {
    outcomes.iter().map(|o| o.rejected()).collect()
}

fn assert_all_close(actual: &[f64], expected: &[f64]) {
    assert_eq!(actual.len(), expected.len());
    for (a, e) in actual.iter().zip(expected) {
        assert!((a - e).abs() <= 1e-15, "got {actual:?}, expected {expected:?}");
    }
}

/// The 15 p-values of Benjamini & Hochberg (1995), section 4.
const BH_1995: [f64; 15] = [
    0.0001, 0.0004, 0.0019, 0.0095, 0.0201, 0.0278, 0.0298, 0.0344, 0.0459, 0.3240, 0.4262, 0.5719, 0.6528, 0.7590,
    1.000,
];

#[test]
fn reproduces_the_published_example() {
    // The paper rejects the four smallest at q = 0.05. Adjusted values: min over j ≥ i of
    // 15·p_(j)/j, by hand (e.g. 15·0.0095/4 = 0.035625; 15·0.0298/7 = 0.063857142857…);
    // identical to statsmodels 0.15 `multipletests(p, method="fdr_bh")` and scipy's
    // `false_discovery_control`, i.e. R's `p.adjust(p, "BH")`.
    let outcomes = benjamini_hochberg(&probabilities(&BH_1995), q(0.05));
    let expected_adjusted = [
        0.0015,
        0.003,
        0.0095,
        0.035625,
        0.0603,
        0.063_857_142_857_142_86,
        0.063_857_142_857_142_86,
        0.0645,
        0.0765,
        0.486,
        0.581_181_818_181_818_2,
        0.714_875,
        0.753_230_769_230_769_3,
        0.813_214_285_714_285_7,
        1.0,
    ];
    assert_all_close(&adjusted(&outcomes), &expected_adjusted);
    let expected_rejected: Vec<bool> = (0..15).map(|i| i < 4).collect();
    assert_eq!(rejected(&outcomes), expected_rejected);

    // At q = 0.10 the step-up reaches p_(9) = 0.0459 ≤ 9·0.10/15 = 0.06.
    let at_ten = benjamini_hochberg(&probabilities(&BH_1995), q(0.10));
    let expected_at_ten: Vec<bool> = (0..15).map(|i| i < 9).collect();
    assert_eq!(rejected(&at_ten), expected_at_ten);
}

#[test]
fn ties_get_equal_outcomes_in_input_order() {
    // By hand, m = 6, sorted 0.01 0.01 0.03 0.04 0.04 0.2: 6·0.01/2 = 0.03 for both 0.01s,
    // 6·0.04/5 = 0.048 for 0.03 and both 0.04s, 6·0.2/6 = 0.2 (statsmodels agrees).
    let outcomes = benjamini_hochberg(&probabilities(&[0.04, 0.01, 0.03, 0.01, 0.2, 0.04]), q(0.10));
    assert_all_close(&adjusted(&outcomes), &[0.048, 0.03, 0.048, 0.03, 0.2, 0.048]);
    assert_eq!(rejected(&outcomes), [true, true, true, true, false, true]);
}

#[test]
fn an_empty_family_rejects_nothing() {
    assert!(benjamini_hochberg(&[], q(0.10)).is_empty());
}

#[test]
fn a_single_hypothesis_is_tested_at_q() {
    let alone = benjamini_hochberg(&probabilities(&[0.1]), q(0.10));
    assert_eq!((adjusted(&alone), rejected(&alone)), (vec![0.1], vec![true]));
}

#[test]
fn all_ones_reject_nothing() {
    let outcomes = benjamini_hochberg(&probabilities(&[1.0; 5]), q(0.10));
    assert_eq!(adjusted(&outcomes), [1.0; 5]);
    assert_eq!(rejected(&outcomes), [false; 5]);
}

/// The textbook definition, independently: reject every p at most the largest p_(i) ≤ i·q/m.
fn naive_step_up(p_values: &[f64], q: f64) -> Vec<bool> {
    let mut sorted = p_values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let m = sorted.len() as f64;
    let cut = sorted
        .iter()
        .enumerate()
        .filter(|&(i, &p)| p <= (i + 1) as f64 * q / m)
        .map(|(_, &p)| p)
        .fold(f64::NEG_INFINITY, f64::max);
    p_values.iter().map(|&p| p <= cut).collect()
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 200,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn rejects_exactly_the_step_up_set(
        p_values in prop::collection::vec(0.0_f64..=1.0, 0..60),
        rate in 0.01_f64..0.5,
    ) {
        let outcomes = benjamini_hochberg(&probabilities(&p_values), q(rate));
        prop_assert_eq!(rejected(&outcomes), naive_step_up(&p_values, rate));
        for (outcome, p) in outcomes.iter().zip(&p_values) {
            prop_assert!(outcome.adjusted().value() >= *p);
        }
    }
}
