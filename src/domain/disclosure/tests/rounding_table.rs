//! Rounding and extremes of released rates: the table from the issue, and exhaustive checks that
//! no released field undoes the rounding.

use super::super::rate::{PositivesBand, Rate};

/// `(percent, positives)` as shown for `x` of `n`.
fn shown(x: u32, n: u32) -> (String, String) {
    let rate = Rate::release(x, n);
    (rate.percent().to_string(), rate.positives().to_string())
}

#[test]
fn the_issue_table() {
    let table = [
        (0, 25, "≤5%", "0-1"),
        (1, 25, "≤5%", "0-1"),
        (2, 25, "10%", "2-3"),
        (5, 25, "20%", "5"),
        (24, 25, "≥95%", "24-25"),
        (25, 25, "≥95%", "24-25"),
        (0, 40, "≤5%", "0-2"),
        (2, 40, "≤5%", "0-2"),
        (3, 40, "8%", "3"),
        (37, 40, "93%", "37"),
        (38, 40, "≥95%", "38-40"),
        (40, 40, "≥95%", "38-40"),
        (1, 30, "≤5%", "0-1"),
        (37, 300, "12%", "35-37"),
    ];
    for (x, n, percent, positives) in table {
        assert_eq!(shown(x, n), (percent.to_owned(), positives.to_owned()), "{x} of {n}");
    }
}

#[test]
fn below_fourteen_respondents_the_extremes_widen_so_they_never_mean_all_alike() {
    assert_eq!(shown(0, 10).0, "≤10%");
    assert_eq!(shown(1, 10).0, "≤10%");
    assert_eq!(shown(2, 10).0, "20%");
    assert_eq!(shown(9, 10).0, "≥90%");
    assert_eq!(shown(1, 13).0, "≤10%");
    assert_eq!(shown(1, 14).0, "≤5%");
    assert_eq!(shown(0, 5).0, "≤20%");
    assert_eq!(shown(4, 5).0, "≥80%");
}

/// The multiple of `unit` nearest to `100·x/n`, ties going up, found by comparing distances in
/// exact integer arithmetic (both scaled by `n`).
fn reference_percent(x: u32, n: u32) -> u32 {
    let unit = if n < 30 { 5 } else { 1 };
    let distance = |j: u32| (i64::from(100 * x) - i64::from(j * unit * n)).abs();
    let nearest = (0..=100 / unit).rev().min_by_key(|&j| distance(j));
    nearest.unwrap_or_default() * unit
}

#[test]
fn released_rates_depend_on_the_shown_percentage_and_n_only() {
    for n in 5..=400 {
        let rates: Vec<Rate> = (0..=n).map(|x| Rate::release(x, n)).collect();
        for x in 0..=n {
            let rate = rates[x as usize];
            let band = rate.positives();
            assert!(band.low() <= x && x <= band.high(), "{x} of {n}: {band}");
            for other in 0..=n {
                let same_band = band.low() <= other && other <= band.high();
                assert_eq!(rates[other as usize] == rate, same_band, "{x} vs {other} of {n}");
            }
        }
    }
}

#[test]
fn exact_percentages_are_rounded_half_up_to_the_unit() {
    for n in 5..=400 {
        for x in 0..=n {
            let rate = Rate::release(x, n);
            if let super::super::Percent::Exactly(p) = rate.percent() {
                assert_eq!(p, reference_percent(x, n), "{x} of {n}");
            }
        }
    }
}

#[test]
fn extremes_always_cover_all_alike_and_one_different() {
    for n in 5..=400 {
        let low = Rate::release(0, n).positives();
        let high = Rate::release(n, n).positives();
        assert_eq!((low.low(), high.high()), (0, n), "n = {n}");
        assert!(low.high() >= 1 && high.low() < n, "n = {n}");
        assert!(low.high() < high.low(), "n = {n}");
    }
}

#[test]
fn the_interval_covers_every_rate_the_reader_cannot_rule_out() {
    for n in 5..=200 {
        for x in 0..=n {
            let rate = Rate::release(x, n);
            let band = rate.positives();
            let lowest = 100.0 * f64::from(band.low()) / f64::from(n);
            let highest = 100.0 * f64::from(band.high()) / f64::from(n);
            assert!(rate.ci_low() <= lowest + 0.05 && highest <= rate.ci_high() + 0.05);
        }
    }
}

/// `percent` as shown for a whole whose cells allow `low..=high` of `n`.
fn whole_shown(low: u32, high: u32, n: u32) -> String {
    Rate::of_band(PositivesBand::new(low, high), n).percent().to_string()
}

#[test]
fn a_whole_shows_the_range_of_its_cells() {
    assert_eq!(whole_shown(6, 8, 47), "12-18%", "low end rounded down, high end up");
    assert_eq!(whole_shown(7, 7, 47), "15%", "one count is one value");
    assert_eq!(whole_shown(0, 2, 47), "≤5%", "a band from 0 is the low extreme, never narrower than 5%");
    assert_eq!(whole_shown(0, 9, 47), "≤20%");
    assert_eq!(whole_shown(45, 47, 47), "≥95%");
    assert_eq!(whole_shown(20, 21, 100), "20-21%");
    assert_eq!(whole_shown(200, 201, 1000), "20-21%");
}

#[test]
fn a_whole_s_range_and_interval_cover_every_count_of_its_band() {
    for n in 10..=120 {
        for low in 0..=n {
            for high in low..=(low + 6).min(n) {
                let rate = Rate::of_band(PositivesBand::new(low, high), n);
                let (lowest, highest) = (100.0 * f64::from(low) / f64::from(n), 100.0 * f64::from(high) / f64::from(n));
                assert!(rate.ci_low() <= lowest + 0.05 && highest <= rate.ci_high() + 0.05, "{low}-{high} of {n}");
                assert_eq!((rate.positives().low(), rate.positives().high()), (low, high));
            }
        }
    }
}
