//! Tests of the exact binomial tail against exact rational sums.

use super::*;

fn p_value(x: u32, n: u32, p0: f64) -> f64 {
    let tally = Tally::new(x, n).expect("valid tally");
    upper_tail_p_value(tally, Probability::new(p0).expect("valid p0")).value()
}

fn assert_relatively_close(actual: f64, expected: f64, tolerance: f64) {
    let error = (actual - expected).abs() / expected.abs().max(f64::MIN_POSITIVE);
    assert!(error <= tolerance, "got {actual:e}, expected {expected:e}");
}

// Reference values (x, n, p0, P(X ≥ x)): exact sums Σ_{k=x..n} C(n,k) p^k (1−p)^(n−k) in Python's
// fractions.Fraction, with p the exact binary value of the f64 literal, rounded to f64 once at the
// end. All agree within 5e-14 relative with scipy 1.17 `binomtest(x, n, p, alternative="greater")`,
// which is R's `binom.test(x, n, p, alternative = "greater")`.
const REFERENCES: [(u32, u32, f64, f64); 17] = [
    (0, 25, 0.068, 1.0),
    (1, 25, 0.068, 0.828_051_730_721_307_4),
    (2, 25, 0.068, 0.514_412_183_753_735),
    (5, 25, 0.068, 0.024_564_894_189_116_04),
    (7, 25, 0.068, 0.001_082_345_730_318_254),
    (10, 25, 0.068, 2.663_751_738_239_257e-6),
    (25, 25, 0.068, 6.497_148_865_986_57e-30),
    (10, 25, 0.5, 0.885_238_528_251_648),
    (20, 100, 0.3, 0.991_112_791_683_857_1),
    (30, 100, 0.3, 0.537_660_263_984_637_5),
    (200, 1000, 0.068, 1.008_604_324_208_73e-42),
    (50, 60, 0.01, 6.832_029_010_715_229e-90),
    (25, 25, 0.999, 0.975_297_712_597_046_6),
    (24, 25, 0.999, 0.999_704_562_261_637_4),
    (1, 25, 1e-12, 2.499_999_999_97e-11),
    (3, 40, 0.2, 0.992_057_862_725_185_1),
    // This one summed in mpmath at 80 digits (10,000 rational terms are too slow in Fraction).
    (800, 10_000, 0.068, 1.808_154_104_766_370_5e-6),
];

#[test]
fn matches_exact_rational_sums() {
    for (x, n, p0, expected) in REFERENCES {
        // Up to n = 170 ln C(n, k) comes from exact factorials; beyond, from ln Γ, whose absolute
        // error (~1e-15 of ln Γ(n + 1)) bounds the relative error of the p-value: 2e-11 at n = 10,000.
        let tolerance = if n <= 170 { 1e-12 } else { 1e-10 };
        assert_relatively_close(p_value(x, n, p0), expected, tolerance);
    }
}

#[test]
fn agrees_with_the_incomplete_beta_function_across_class_sizes() {
    use statrs::distribution::{Binomial, DiscreteCDF};
    // statrs computes the same tail as I_p(x, n − x + 1) by a continued fraction: an independent
    // route. Compared where the tail is not tiny, so that absolute and relative error coincide.
    for n in [1, 2, 5, 10, 25, 40, 100] {
        for p0 in [0.01, 0.068, 0.2, 0.5, 0.9] {
            let binomial = Binomial::new(p0, u64::from(n)).expect("valid binomial");
            for x in 1..=n {
                let expected = binomial.sf(u64::from(x - 1));
                let got = p_value(x, n, p0);
                assert!((got - expected).abs() <= 1e-12, "{x}/{n} at {p0}: {got} vs {expected}");
            }
        }
    }
}

#[test]
fn no_positives_is_never_surprising() {
    assert_eq!(p_value(0, 25, 0.068), 1.0);
    assert_eq!(p_value(0, 0, 0.068), 1.0);
    assert_eq!(p_value(0, 25, 0.0), 1.0);
}

#[test]
fn all_positive_is_p0_to_the_n() {
    assert_relatively_close(p_value(25, 25, 0.068), 0.068_f64.powi(25), 1e-12);
    assert_relatively_close(p_value(3, 3, 0.5), 0.125, 1e-15);
}

#[test]
fn degenerate_baselines_give_certain_answers() {
    assert_eq!(p_value(1, 25, 0.0), 0.0);
    assert_eq!(p_value(25, 25, 1.0), 1.0);
    assert_eq!(p_value(3, 25, 1.0), 1.0);
}

#[test]
fn baselines_near_the_ends_stay_finite_and_ordered() {
    let tiny = p_value(1, 25, 1e-300);
    assert!(tiny > 0.0 && tiny < 1e-297, "{tiny:e}");
    let near_one = p_value(25, 25, 1.0 - 1e-15);
    assert!(near_one > 0.999_999_999_99 && near_one <= 1.0, "{near_one}");
}

#[test]
fn more_positives_are_never_less_surprising() {
    for p0 in [0.001, 0.068, 0.3, 0.97] {
        let tails: Vec<f64> = (0..=40).map(|x| p_value(x, 40, p0)).collect();
        assert!(tails.windows(2).all(|pair| pair[1] <= pair[0]), "{p0}: {tails:?}");
    }
}
