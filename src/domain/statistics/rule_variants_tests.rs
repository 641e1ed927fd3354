//! The flag rules that were tried for issue 20 ("flags that find more of the classes in trouble"),
//! side by side on the seeded regions of `simulation_world`, built from the engine's own parts.
//!
//! Slow in a debug build (about a minute), so ignored by default; the figures are in
//! `docs/flags.md`. Run with
//! `cargo test --lib rule_variants -- --ignored --nocapture`.
//! One test checks that the variant the engine uses gives exactly what `classify` gives, so the
//! table compares the real rule with its alternatives.

use super::simulation_world::{
    ISSUE_REGION, Performance, REFERENCE, Scenario, WIDE_REGION, classify_elevated, measure, measure_staggered,
};
use super::*;

/// Where a variant's baseline comes from (with the default pooling rule, which both scenarios meet).
#[derive(Debug, Clone, Copy, PartialEq)]
enum Pool {
    /// The instrument's reference throughout.
    Reference,
    /// The region's pooled rate without the class (the rule before issue 20).
    LeaveOneOut,
    /// Leave-one-out over the classes that do not stand out, to a fixed point (the rule since).
    WithoutStandingOut,
    /// Leave-one-out over the classes left after dropping the top tenth by rate.
    TrimmedTop10,
    /// The median of the class rates.
    Median,
}

/// Which p-value a variant tests with.
#[derive(Debug, Clone, Copy, PartialEq)]
enum PValue {
    Exact,
    MidP,
}

/// Which false-discovery step a variant uses.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Family {
    BenjaminiHochberg,
    /// Heyse (2011): BH with each test's null distribution function in place of `t`.
    Heyse,
}

#[derive(Debug, Clone, Copy)]
struct Variant {
    pool: Pool,
    p_value: PValue,
    family: Family,
    /// The empirical-Bayes rate must reach this multiple of the baseline (0: no condition).
    eb_factor: f64,
}

const Q: f64 = 0.10;

fn probability(value: f64) -> Probability {
    Probability::new(value.clamp(0.0, 1.0)).expect("clamped")
}

/// The variant's p-value of `x` of `n` at `p0`.
fn p_value(kind: PValue, x: u32, n: u32, p0: f64) -> f64 {
    let tail = |from: u32| match Tally::new(from, n) {
        Ok(tally) => upper_tail_p_value(tally, probability(p0)).value(),
        Err(_) => 0.0,
    };
    match kind {
        PValue::Exact => tail(x),
        PValue::MidP => tail(x + 1) + 0.5 * (tail(x) - tail(x + 1)),
    }
}

/// Which classes are discoveries at `Q`.
fn discoveries(variant: Variant, tallies: &[Tally], baselines: &[f64]) -> Vec<bool> {
    let p: Vec<f64> = tallies
        .iter()
        .zip(baselines)
        .map(|(t, &p0)| p_value(variant.p_value, t.positives(), t.respondents(), p0))
        .collect();
    match variant.family {
        Family::BenjaminiHochberg => {
            let family: Vec<Probability> = p.iter().map(|&v| probability(v)).collect();
            benjamini_hochberg(&family, probability(Q)).iter().map(|o| o.rejected()).collect()
        }
        Family::Heyse => heyse(variant.p_value, tallies, baselines, &p),
    }
}

/// Heyse's step-up: reject the `j` smallest when `Σᵢ Fᵢ(p₍ⱼ₎) / j ≤ q`, with `Fᵢ(t)` the largest
/// p-value test `i` can reach at or below `t`.
fn heyse(kind: PValue, tallies: &[Tally], baselines: &[f64], p: &[f64]) -> Vec<bool> {
    let supports: Vec<Vec<f64>> = tallies
        .iter()
        .zip(baselines)
        .map(|(t, &p0)| {
            let mut support: Vec<f64> = (0..=t.respondents()).map(|x| p_value(kind, x, t.respondents(), p0)).collect();
            support.sort_by(f64::total_cmp);
            support
        })
        .collect();
    let reach = |support: &[f64], t: f64| {
        let below = support.partition_point(|&s| s <= t * (1.0 + 1e-12));
        if below == 0 { 0.0 } else { support[below - 1] }
    };
    let mut order: Vec<usize> = (0..p.len()).collect();
    order.sort_by(|&a, &b| p[a].total_cmp(&p[b]));
    let last = (0..order.len())
        .rev()
        .find(|&j| supports.iter().map(|s| reach(s, p[order[j]])).sum::<f64>() / (j + 1) as f64 <= Q);
    let mut rejected = vec![false; p.len()];
    if let Some(last) = last {
        for &i in &order[..=last] {
            rejected[i] = true;
        }
    }
    rejected
}

/// Each class's baseline, with the classes in `left_out` taken out of the pool.
fn baselines(pool: Pool, tallies: &[Tally], left_out: &[bool]) -> Vec<f64> {
    let reference = probability(REFERENCE);
    let region = RegionBaseline::new(BaselineRule::default(), reference, tallies.iter().copied());
    match pool {
        Pool::Reference => vec![REFERENCE; tallies.len()],
        Pool::LeaveOneOut => tallies.iter().map(|t| region.for_class(*t).value()).collect(),
        Pool::WithoutStandingOut | Pool::TrimmedTop10 => {
            let outside = tallies.iter().zip(left_out).filter(|(_, out)| **out).map(|(t, _)| *t);
            let pool = region.excluding(BaselineRule::default(), outside);
            let of = |(t, out): (&Tally, &bool)| if *out { pool.for_excluded_class() } else { pool.for_class(*t) };
            tallies.iter().zip(left_out).map(of).map(Probability::value).collect()
        }
        Pool::Median => {
            let mut rates: Vec<f64> =
                tallies.iter().map(|t| f64::from(t.positives()) / f64::from(t.respondents().max(1))).collect();
            rates.sort_by(f64::total_cmp);
            let mid = rates.len() / 2;
            let median = if rates.len().is_multiple_of(2) { (rates[mid - 1] + rates[mid]) / 2.0 } else { rates[mid] };
            vec![median.max(1e-6); tallies.len()]
        }
    }
}

/// The keys `variant` flags `Elevated` in `region`.
fn variant_elevated(variant: Variant, region: &[ClassCount<usize>]) -> Vec<usize> {
    let tallies: Vec<Tally> = region.iter().map(ClassCount::tally).collect();
    let mut left_out = vec![false; tallies.len()];
    if variant.pool == Pool::TrimmedTop10 {
        let mut order: Vec<usize> = (0..tallies.len()).collect();
        let rate = |t: &Tally| f64::from(t.positives()) / f64::from(t.respondents().max(1));
        order.sort_by(|&a, &b| rate(&tallies[b]).total_cmp(&rate(&tallies[a])));
        for &i in order.iter().take(tallies.len() / 10) {
            left_out[i] = true;
        }
    }
    let mut base = baselines(variant.pool, &tallies, &left_out);
    let mut found = discoveries(variant, &tallies, &base);
    if variant.pool == Pool::WithoutStandingOut {
        for _ in 1..8 {
            if found == left_out {
                break;
            }
            left_out.clone_from(&found);
            base = baselines(variant.pool, &tallies, &left_out);
            found = discoveries(variant, &tallies, &base);
        }
    }
    let prior = BetaPrior::fit(tallies.iter().copied()).expect("classes with respondents");
    (0..tallies.len())
        .filter(|&i| found[i] && prior.posterior_mean(tallies[i]) >= variant.eb_factor * base[i])
        .map(|i| *region[i].key())
        .collect()
}

const MULTIPLIERS: [f64; 5] = [1.0, 3.0, 4.0, 5.0, 6.0];

fn variants() -> Vec<(&'static str, Variant)> {
    let v = |pool, p_value, family, eb_factor| Variant { pool, p_value, family, eb_factor };
    use Family::{BenjaminiHochberg as Bh, Heyse};
    use PValue::{Exact, MidP};
    vec![
        ("A  leave-one-out, exact, BH, EB ≥ 2×p0 (before)", v(Pool::LeaveOneOut, Exact, Bh, 2.0)),
        ("B  reference throughout, exact, BH, EB ≥ 2×p0", v(Pool::Reference, Exact, Bh, 2.0)),
        ("C  median of class rates, exact, BH, EB ≥ 2×p0", v(Pool::Median, Exact, Bh, 2.0)),
        ("D  trimmed (top 10% out), exact, BH, EB ≥ 2×p0", v(Pool::TrimmedTop10, Exact, Bh, 2.0)),
        ("E  leave-one-out, mid-p, BH, EB ≥ 2×p0", v(Pool::LeaveOneOut, MidP, Bh, 2.0)),
        ("F  leave-one-out, exact, Heyse, EB ≥ 2×p0", v(Pool::LeaveOneOut, Exact, Heyse, 2.0)),
        ("G  leave-one-out, exact, BH, EB ≥ 1.5×p0", v(Pool::LeaveOneOut, Exact, Bh, 1.5)),
        ("H  leave-one-out, exact, BH, no EB condition", v(Pool::LeaveOneOut, Exact, Bh, 0.0)),
        ("I  without standing out, exact, BH, EB ≥ 2×p0 (chosen)", v(Pool::WithoutStandingOut, Exact, Bh, 2.0)),
        ("J  without standing out, mid-p, BH, EB ≥ 2×p0", v(Pool::WithoutStandingOut, MidP, Bh, 2.0)),
        ("K  without standing out, exact, Heyse, EB ≥ 2×p0", v(Pool::WithoutStandingOut, Exact, Heyse, 2.0)),
        ("L  without standing out, exact, BH, no EB condition", v(Pool::WithoutStandingOut, Exact, Bh, 0.0)),
    ]
}

fn row(scenario: Scenario, label: &str, rule: impl Fn(&[ClassCount<usize>]) -> Vec<usize>) -> Vec<Performance> {
    let found: Vec<Performance> = MULTIPLIERS.iter().map(|&m| measure(scenario, m, &rule)).collect();
    let cells: Vec<String> = found
        .iter()
        .zip(MULTIPLIERS)
        .map(|(f, m)| {
            if m == 1.0 {
                format!("P(any) {:.3}", f.any_false)
            } else {
                format!("{m}×: {:.3} / {:.3}", f.power, f.false_discovery_rate)
            }
        })
        .collect();
    println!("| {label} | {} |", cells.join(" | "));
    found
}

#[test]
#[ignore = "slow in debug builds: the comparison table of docs/flags.md"]
fn compare_rule_variants() {
    for scenario in [ISSUE_REGION, WIDE_REGION] {
        println!(
            "\n{} ({} seeds); cells: power / FDR of Elevated; at 1× nothing is planted\n",
            scenario.name, scenario.seeds
        );
        for (label, variant) in variants() {
            row(scenario, label, |region| variant_elevated(variant, region));
        }
    }
}

#[test]
#[ignore = "a report, not a check: the closing-one-after-another table of docs/flags.md"]
fn compare_rule_variants_when_schools_close_one_after_another() {
    let scenario = ISSUE_REGION;
    println!("\n{} ({} seeds), 16 schools closing one after another\n", scenario.name, scenario.seeds);
    for (label, variant) in variants().into_iter().filter(|(label, _)| label.starts_with('A') || label.starts_with('I'))
    {
        let cells: Vec<String> = MULTIPLIERS
            .iter()
            .map(|&m| {
                let found = measure_staggered(scenario, m, 16, |region| variant_elevated(variant, region));
                if m == 1.0 {
                    format!("P(any) {:.3}", found.any_false)
                } else {
                    format!("{m}×: {:.3} / {:.3}", found.power, found.false_discovery_rate)
                }
            })
            .collect();
        println!("| {label} | {} |", cells.join(" | "));
    }
}

#[test]
fn the_chosen_variant_is_what_classify_does() {
    let chosen = variants().into_iter().find(|(label, _)| label.contains("(chosen)")).map(|(_, v)| v);
    let chosen = chosen.expect("a chosen variant");
    let settings = FlagSettings::new(10);
    let few = Scenario { seeds: 40, ..ISSUE_REGION };
    for multiplier in [1.0, 4.0, 5.0] {
        for region in super::simulation_world::regions(few, multiplier) {
            let mut by_variant = variant_elevated(chosen, &region);
            let mut by_engine = classify_elevated(&region, &settings);
            by_variant.sort_unstable();
            by_engine.sort_unstable();
            assert_eq!(by_variant, by_engine, "{multiplier}×");
        }
    }
}
