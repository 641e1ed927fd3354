//! Property tests over random regions: the promises hold whatever the sizes and `k`.

use proptest::prelude::*;

use super::super::disclose::{WaveState, disclose};
use super::super::report::GroupReport;
use super::super::suppression::Visibility;
use super::fixtures::{
    RegionSpec, deep_region, derivable, flat_region, hidden_parts_total_zero_or_k, region_without_small_classes,
    released_groups_reach_k, residues_zero_or_k, suppressed,
};

/// Every group in the JSON either is released with `>= k` respondents or carries no figure.
fn json_keeps_promises(group: &serde_json::Value, k: u32) -> bool {
    let figures_ok = if group["released"] == true {
        group["respondents"].as_u64().is_some_and(|n| n >= u64::from(k))
    } else {
        group["respondents"].is_null() && group.get("indicators").is_none() && group.get("acute").is_none()
    };
    let parts = group["parts"].as_array().map(Vec::as_slice).unwrap_or_default();
    figures_ok && parts.iter().all(|part| json_keeps_promises(part, k))
}

fn check_promises(spec: &RegionSpec) -> Result<(), TestCaseError> {
    let (shape, visibility) = suppressed(spec);
    prop_assert!(released_groups_reach_k(&shape, &visibility, spec.k));
    prop_assert!(hidden_parts_total_zero_or_k(&shape, &visibility, spec.k));
    prop_assert!(residues_zero_or_k(&shape, &visibility, spec.k));
    let found = derivable(&shape, &visibility);
    prop_assert!(found.is_empty(), "hidden groups recomputable: {found:?}");
    Ok(())
}

/// The report's released flags, wholes before parts (the engine's node order).
fn released_flags(report: &GroupReport<String>, flags: &mut Vec<bool>) {
    flags.push(report.figures().is_some());
    for part in report.parts() {
        released_flags(part, flags);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn flat_regions_keep_every_promise(spec in flat_region()) {
        check_promises(&spec)?;
    }

    #[test]
    fn regions_with_grades_and_remainders_keep_every_promise(spec in deep_region()) {
        check_promises(&spec)?;
    }

    #[test]
    fn the_report_releases_exactly_what_suppression_released(spec in deep_region()) {
        let (_, visibility) = suppressed(&spec);
        let report = disclose(&spec.tally(), spec.k(), WaveState::Closed);
        prop_assert!(report.is_ok());
        let mut flags = Vec::new();
        if let Ok(report) = report {
            released_flags(&report, &mut flags);
        }
        let expected: Vec<bool> = visibility.iter().map(|&v| v == Visibility::Released).collect();
        prop_assert_eq!(flags, expected);
    }

    #[test]
    fn the_api_json_carries_figures_only_for_released_groups(spec in flat_region()) {
        let report = disclose(&spec.tally(), spec.k(), WaveState::Closed);
        let json = report.ok().and_then(|r| serde_json::to_value(&r).ok());
        prop_assert!(json.is_some_and(|json| json_keeps_promises(&json, spec.k)));
    }

    #[test]
    fn nothing_is_hidden_when_no_class_is_small(spec in region_without_small_classes()) {
        let (_, visibility) = suppressed(&spec);
        prop_assert!(visibility.iter().all(|&v| v != Visibility::Hidden));
    }
}
