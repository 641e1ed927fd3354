//! A region disclosed apart: each school exactly as its own page shows it, whatever the region
//! around it, and the region's respondents never leave a small remainder.

use proptest::prelude::*;

use super::super::{GroupReport, GroupTally, K, Level, Noise, WaveState, disclose, disclose_apart};

fn school(s: usize, classes: &[(u32, u32)]) -> GroupTally<String> {
    let parts: Vec<GroupTally<String>> = classes
        .iter()
        .enumerate()
        .map(|(c, &(n, x))| GroupTally::new(Level::Class, format!("{s}/{c}"), n).with_indicator("bully", x))
        .collect();
    whole(Level::School, format!("{s}"), parts)
}

fn whole(level: Level, key: String, parts: Vec<GroupTally<String>>) -> GroupTally<String> {
    let n = parts.iter().map(GroupTally::respondents).sum();
    let x = parts.iter().filter_map(|p| p.indicators().get("bully")).sum();
    GroupTally::new(level, key, n).with_indicator("bully", x).with_parts(parts)
}

fn region(schools: &[Vec<(u32, u32)>]) -> GroupTally<String> {
    whole(Level::Region, "R".to_owned(), schools.iter().enumerate().map(|(s, c)| school(s, c)).collect())
}

fn schools() -> impl Strategy<Value = Vec<Vec<(u32, u32)>>> {
    let class = prop_oneof![0_u32..40, 0_u32..12].prop_flat_map(|n| (Just(n), 0..=n));
    prop::collection::vec(prop::collection::vec(class, 1..=5), 1..=10)
}

fn respondents(report: &GroupReport<String>) -> Option<u32> {
    report.figures().map(|f| f.get().respondents())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn every_school_is_disclosed_as_its_own_page_discloses_it(schools in schools(), k in 5_u32..=12) {
        let k = K::new(k).unwrap_or_default();
        let report = disclose_apart(region(&schools), k, &Noise::none());
        prop_assert!(report.is_ok());
        let Ok(report) = report else { return Ok(()) };
        for (s, classes) in schools.iter().enumerate() {
            let alone = disclose(&school(s, classes), k, WaveState::Closed);
            prop_assert!(alone.is_ok());
            if let (Ok(alone), Some(in_region)) = (alone, report.parts().get(s)) {
                prop_assert_eq!(in_region, &alone);
            }
        }
    }

    #[test]
    fn the_region_minus_its_shown_schools_is_zero_or_at_least_k(schools in schools(), k in 5_u32..=12) {
        let report = disclose_apart(region(&schools), K::new(k).unwrap_or_default(), &Noise::none());
        let Ok(report) = report else { return Err(TestCaseError::fail("refused")) };
        if let Some(total) = respondents(&report) {
            let shown: u32 = report.parts().iter().filter_map(respondents).sum();
            let rest = total - shown;
            prop_assert!(rest == 0 || rest >= k, "{rest} below k = {k}");
        }
    }
}

#[test]
fn a_region_never_hides_a_school_its_own_page_shows() {
    // Disclosed whole, the region would hide the school of 15 to protect the school of 5.
    let view = region(&[vec![(5, 1)], vec![(15, 2)], vec![(20, 3), (20, 2)]]);
    let together = disclose(&view, K::default(), WaveState::Closed).ok();
    assert!(together.is_some_and(|r| r.parts()[1].figures().is_none()), "the old way hid it");
    let apart = disclose_apart(view, K::default(), &Noise::none()).ok();
    let apart = apart.as_ref();
    assert_eq!(apart.and_then(|r| respondents(&r.parts()[1])), Some(15), "shown, as on its own page");
    assert_eq!(apart.and_then(respondents), Some(55), "the lone small school is left out: 60 - 5");
}

#[test]
fn the_classes_hidden_do_not_depend_on_the_order_a_view_lists_them_in() {
    // 1 is hidden; the complement is one of the two classes of 18, chosen by key, not by position.
    let forward = school(0, &[(1, 1), (18, 2), (18, 3), (30, 4)]);
    let parts_reversed: Vec<GroupTally<String>> = forward.parts().iter().rev().cloned().collect();
    let backward = whole(Level::School, "0".to_owned(), parts_reversed);
    let hidden = |tally: &GroupTally<String>| {
        let report = disclose(tally, K::default(), WaveState::Closed).ok();
        let mut keys: Vec<String> = report
            .map(|r| r.parts().iter().filter(|p| p.figures().is_none()).map(|p| p.key().clone()).collect())
            .unwrap_or_default();
        keys.sort();
        keys
    };
    assert_eq!(hidden(&forward), ["0/0", "0/1"]);
    assert_eq!(hidden(&backward), hidden(&forward));
}
