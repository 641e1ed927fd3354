use statrs::distribution::{Binomial, DiscreteCDF};

use super::*;

fn widths_never_grow(p0: f64, q: f64) -> Result<(), String> {
    let mut previous = limits(1, p0, q);
    for n in (2..=300).chain((310..=3000).step_by(10)) {
        let current = limits(n, p0, q);
        if current.0 < previous.0 - 1e-9 || current.1 > previous.1 + 1e-9 {
            return Err(format!("p0 {p0}, q {q}: {previous:?} then n {n} {current:?}"));
        }
        previous = current;
    }
    Ok(())
}

#[test]
fn limits_narrow_as_respondents_grow() {
    for p0 in [0.5, 1.0, 2.0, 5.0, 6.8, 10.0, 20.0, 50.0, 80.0, 95.0, 98.0, 99.5] {
        for q in [INNER, OUTER] {
            widths_never_grow(p0, q).unwrap();
        }
    }
}

#[test]
fn above_the_outer_limit_means_the_exact_test_gives_below_one_in_a_thousand() {
    for (n, p0) in [(25, 6.8), (12, 6.8), (40, 20.0), (300, 6.8)] {
        let (_, upper) = limits(n, p0, OUTER);
        let binomial = Binomial::new(p0 / 100.0, u64::from(n)).unwrap();
        let first_above = (upper / 100.0 * f64::from(n)).floor() as u64 + 1;
        assert!(binomial.sf(first_above - 1) < 0.001, "n {n}: {first_above} should be significant");
        assert!(binomial.sf(first_above - 2) >= 0.001, "n {n}: {} should not be", first_above - 1);
    }
}

#[test]
fn lower_limits_mirror_upper_limits() {
    for n in [5, 25, 400] {
        let (low, _) = limits(n, 6.8, OUTER);
        let (_, high) = limits(n, 93.2, OUTER);
        assert!((low - (100.0 - high)).abs() < 1e-6, "n {n}: {low} vs {high}");
    }
}

#[test]
fn limits_meet_the_normal_approximation_for_large_groups() {
    let (low, high) = limits(20_000, 6.8, INNER);
    let half_width = 1.959_964 * (6.8 * 93.2 / 20_000.0_f64).sqrt();
    assert!((high - (6.8 + half_width)).abs() < 0.02, "{high}");
    assert!((low - (6.8 - half_width)).abs() < 0.02, "{low}");
}

#[test]
fn limits_stay_within_zero_and_a_hundred() {
    for p0 in [0.0, 0.1, 50.0, 99.9, 100.0, f64::NAN] {
        for n in [1, 2, 10] {
            let (low, high) = limits(n, p0, OUTER);
            assert!((0.0..=100.0).contains(&low) && (0.0..=100.0).contains(&high) && low <= high, "{p0} {n}");
        }
    }
}
