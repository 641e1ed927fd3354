//! Two worlds that differ only in how the positives of withheld classes are split among them give
//! the very same report: nothing shown depends on a withheld class's own answers, with or without
//! the noise (which names a remainder by its classes, never by how they answered). An answer added
//! to a withheld class shows only through its remainder's rounding, and with the noise through its
//! remainder's noisy count: there the promise is the noise's (see `planting`).

use proptest::prelude::*;

use super::super::rounding::coarsen;
use super::super::{GroupReport, GroupTally, K, Level, Noise, NoiseKey, WaveState, disclose_noisy};

const INDICATOR: &str = "bullying_victim";

/// Class sizes and positives per school.
#[derive(Debug, Clone)]
struct Region {
    k: u32,
    schools: Vec<Vec<(u32, u32)>>,
    /// The noise key's byte, or exact figures.
    key: Option<u8>,
}

impl Region {
    fn tally(&self) -> GroupTally<String> {
        let schools: Vec<GroupTally<String>> = self
            .schools
            .iter()
            .enumerate()
            .map(|(s, classes)| {
                let parts = classes
                    .iter()
                    .enumerate()
                    .map(|(c, &(n, x))| {
                        GroupTally::new(Level::Class, format!("{s}/{c}"), n)
                            .with_indicator(INDICATOR, x)
                            .with_cell_name(format!("wave/{s}/{c}"))
                    })
                    .collect();
                whole(Level::School, format!("{s}"), parts)
            })
            .collect();
        whole(Level::Region, "R".to_owned(), schools)
    }

    fn report(&self) -> GroupReport<String> {
        let noise = self.key.map_or_else(Noise::none, |byte| Noise::keyed(&NoiseKey::from_bytes([byte; 16])));
        match disclose_noisy(&self.tally(), K::new(self.k).unwrap_or_default(), WaveState::Closed, &noise) {
            Ok(report) => report,
            Err(error) => panic!("generated views are valid: {error}"),
        }
    }

    /// This region with one positive moved between two withheld classes of one school, if the
    /// report has a school with two such classes where that is possible.
    fn with_one_positive_moved(&self, report: &GroupReport<String>) -> Option<Region> {
        for (s, school) in report.parts().iter().enumerate() {
            let hidden: Vec<usize> = school
                .parts()
                .iter()
                .enumerate()
                .filter(|(c, class)| class.figures().is_none() && self.schools[s][*c].0 > 0)
                .map(|(c, _)| c)
                .collect();
            let classes = &self.schools[s];
            let from = hidden.iter().copied().find(|&c| classes[c].1 > 0);
            let to = hidden.iter().copied().find(|&c| Some(c) != from && classes[c].1 < classes[c].0);
            if let (Some(from), Some(to)) = (from, to) {
                let mut moved = self.clone();
                moved.schools[s][from].1 -= 1;
                moved.schools[s][to].1 += 1;
                return Some(moved);
            }
        }
        None
    }

    /// This region with one more positive in a withheld class of a released school, if the school's
    /// withheld classes would still round to the same band together.
    fn with_one_positive_added_within_the_band(&self, report: &GroupReport<String>) -> Option<Region> {
        for (s, school) in report.parts().iter().enumerate() {
            if school.figures().is_none() {
                continue;
            }
            let hidden: Vec<usize> =
                (0..school.parts().len()).filter(|&c| school.parts()[c].figures().is_none()).collect();
            let classes = &self.schools[s];
            let (n, x) = hidden.iter().fold((0, 0), |(n, x), &c| (n + classes[c].0, x + classes[c].1));
            let Some(room) = hidden.iter().copied().find(|&c| classes[c].1 < classes[c].0) else { continue };
            if n < self.k || coarsen(x + 1, n) != coarsen(x, n) {
                continue;
            }
            let mut added = self.clone();
            added.schools[s][room].1 += 1;
            return Some(added);
        }
        None
    }
}

fn whole(level: Level, key: String, parts: Vec<GroupTally<String>>) -> GroupTally<String> {
    let n = parts.iter().map(GroupTally::respondents).sum();
    let x = parts.iter().filter_map(|p| p.indicators().get(INDICATOR)).sum();
    GroupTally::new(level, key, n).with_indicator(INDICATOR, x).with_parts(parts)
}

fn class() -> impl Strategy<Value = (u32, u32)> {
    prop_oneof![0_u32..40, 0_u32..14].prop_flat_map(|n| (Just(n), 0..=n))
}

fn region() -> impl Strategy<Value = Region> {
    let school = prop::collection::vec(class(), 1..=6);
    (5_u32..=12, prop::collection::vec(school, 1..=12)).prop_map(|(k, schools)| Region { k, schools, key: None })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn moving_a_positive_between_withheld_classes_changes_nothing_shown_with_or_without_noise(
        region in region(),
        key in any::<u8>(),
    ) {
        for key in [None, Some(key)] {
            let region = Region { key, ..region.clone() };
            let report = region.report();
            if let Some(moved) = region.with_one_positive_moved(&report) {
                prop_assert_eq!(moved.report(), report);
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn an_answer_of_a_withheld_class_shows_only_through_its_remainder_s_rounding(region in region()) {
        let report = region.report();
        if let Some(added) = region.with_one_positive_added_within_the_band(&report) {
            prop_assert_eq!(added.report(), report);
        }
    }
}

#[test]
fn a_school_s_figure_does_not_move_with_a_withheld_class_s_answer() {
    // 4 and 6 are withheld together (none of the 10 positive, "≤10%" with one as well): the school
    // of 65 would show 10 or 11 positives exactly if it were rounded on its own.
    let region = Region { k: 10, schools: vec![vec![(4, 0), (6, 0), (25, 5), (30, 5)]], key: None };
    let report = region.report();
    let added = region.with_one_positive_added_within_the_band(&report);
    assert!(added.is_some(), "room within the remainder's band");
    assert_eq!(added.map(|a| a.report()), Some(report));
}

#[test]
fn a_world_where_the_move_is_possible_is_generated_and_checked() {
    // 4 and 6 are withheld together; moving a positive from one to the other shows nothing.
    let region = Region { k: 10, schools: vec![vec![(4, 1), (6, 2), (25, 5), (30, 3)]], key: Some(1) };
    let report = region.report();
    let moved = region.with_one_positive_moved(&report);
    assert!(moved.is_some(), "two withheld classes with room to move");
    assert_eq!(moved.map(|m| m.report()), Some(report));
}
