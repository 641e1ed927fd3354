//! Seeded simulation of what `classify` can see, against docs/statistics.md#the-flag-rule and issue 20
//! (the tables are in docs/flags.md).
//!
//! Regions of ordinary classes of 25 at the reference rate 6.8% and a few planted classes at `m`
//! times that rate (`simulation_world`): issue 20's region (120 + 8 classes, 400 seeds) and the
//! design's first, larger one (200 + 10, 250 seeds), at `m` = 1 (nothing planted), 3, 4, 5, 6.
//! Reports (with `--nocapture`) the power (the share of planted classes flagged `Elevated`) and
//! the mean false discovery proportion of `Elevated`, on the production path (both regions pool
//! their own rate) and for a region that keeps the reference value throughout. The alternatives
//! that were tried are compared in `rule_variants_tests`.

use super::simulation_world::{
    ISSUE_REGION, Performance, Scenario, WIDE_REGION, classify_elevated, measure, measure_staggered,
};
use super::*;

const MULTIPLIERS: [f64; 5] = [1.0, 3.0, 4.0, 5.0, 6.0];

/// How the simulated region's classes are assessed.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Looks {
    /// Once, all together (waves closed together at their close date).
    Once,
    /// After each of 16 schools closes, one after another (waves closed by hand).
    AfterEachSchool,
}

fn report(scenario: Scenario, looks: Looks, label: &str, settings: &FlagSettings) -> Vec<(f64, Performance)> {
    println!(
        "{} ({} seeds), {label}, {looks:?}\n  m   power  FDR(elevated)  P(any false)",
        scenario.name, scenario.seeds
    );
    MULTIPLIERS
        .into_iter()
        .map(|multiplier| {
            let rule = |region: &[ClassCount<usize>]| classify_elevated(region, settings);
            let found = match looks {
                Looks::Once => measure(scenario, multiplier, rule),
                Looks::AfterEachSchool => measure_staggered(scenario, multiplier, 16, rule),
            };
            println!(
                "  {multiplier}×  {:.3}  {:.3}          {:.3}",
                found.power, found.false_discovery_rate, found.any_false
            );
            (multiplier, found)
        })
        .collect()
}

/// The false discovery rate stays at most q = 0.10 at every multiplier (at 1× it is the chance of
/// any flag at all), and at 5× at least `power` of the planted classes are found.
fn assert_design_holds(results: &[(f64, Performance)], power: f64) {
    for (multiplier, found) in results {
        assert!(found.false_discovery_rate <= 0.10, "FDR {found:?} at {multiplier}×");
    }
    let at_five = results.iter().find(|(m, _)| *m == 5.0).map(|(_, found)| found.power);
    assert!(at_five.is_some_and(|found| found >= power), "power at 5×: {at_five:?}");
}

#[test]
fn in_the_issue_region_four_in_five_classes_at_five_times_are_found() {
    let production = FlagSettings::new(10);
    assert_design_holds(&report(ISSUE_REGION, Looks::Once, "production path", &production), 0.8);
}

#[test]
fn when_schools_close_one_after_another_false_discoveries_stay_below_q() {
    let production = FlagSettings::new(10);
    assert_design_holds(&report(ISSUE_REGION, Looks::AfterEachSchool, "production path", &production), 0.8);
}

#[test]
fn in_a_larger_region_false_discoveries_stay_below_q() {
    let production = FlagSettings::new(10);
    let reference_only = production.with_baseline_rule(BaselineRule::reference_only());
    assert_design_holds(&report(WIDE_REGION, Looks::Once, "production path", &production), 0.8);
    assert_design_holds(&report(WIDE_REGION, Looks::Once, "reference baseline throughout", &reference_only), 0.8);
}
