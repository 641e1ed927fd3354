//! An attacker who knows the engine and every respondent count, and tries every possible set of
//! answers: the positives a group can have are those of every world that gives the very same
//! report. Slow by design and independent of how the engine reasons (it only calls `disclose`),
//! so a rule that leaked through its own decisions would be caught too.
//!
//! Checked for every world: no class that was asked is left with 0 as its only possible count, nor
//! all of its respondents (a combination of classes is pinned only if each of them is), and no
//! withheld class is left with a single possible count at all.

use proptest::prelude::*;

use super::super::{GroupReport, GroupTally, K, Level, Noise, WaveState, disclose, disclose_apart};

const INDICATOR: &str = "bullying_victim";

/// A class: respondents, whether it was asked the indicator, and its true positives.
#[derive(Debug, Clone, Copy)]
struct ClassSpec {
    n: u32,
    asked: bool,
    positives: u32,
}

/// Schools of classes; one school is a school view, several make a region view.
#[derive(Debug, Clone)]
struct World {
    k: u32,
    schools: Vec<Vec<ClassSpec>>,
}

impl World {
    fn classes(&self) -> impl Iterator<Item = &ClassSpec> {
        self.schools.iter().flatten()
    }

    /// The view of this world with each asked class's positives taken from `positives` (in class
    /// order); every whole carries the indicator when any of its classes was asked.
    fn tally(&self, positives: &[u32]) -> GroupTally<String> {
        let mut at = 0;
        let mut schools = Vec::new();
        for (s, classes) in self.schools.iter().enumerate() {
            let mut parts = Vec::new();
            for (c, class) in classes.iter().enumerate() {
                let tally = GroupTally::new(Level::Class, format!("{s}/{c}"), class.n);
                parts.push(if class.asked { tally.with_indicator(INDICATOR, positives[at]) } else { tally });
                at += 1;
            }
            parts_whole(&mut schools, Level::School, format!("{s}"), parts);
        }
        if schools.len() == 1 {
            return schools.remove(0);
        }
        let mut region = Vec::new();
        parts_whole(&mut region, Level::Region, "R".to_owned(), schools);
        region.remove(0)
    }

    /// The report as production makes it: a school alone, or a region with its schools apart.
    fn report(&self, positives: &[u32]) -> GroupReport<String> {
        let (tally, k) = (self.tally(positives), K::new(self.k).unwrap_or_default());
        let report = if self.schools.len() == 1 {
            disclose(&tally, k, WaveState::Closed)
        } else {
            disclose_apart(tally, k, &Noise::none())
        };
        match report {
            Ok(report) => report,
            Err(error) => panic!("generated views are valid: {error}"),
        }
    }

    fn truth(&self) -> Vec<u32> {
        self.classes().map(|c| if c.asked { c.positives } else { 0 }).collect()
    }

    /// Every positives vector (class order) whose report equals the true world's.
    fn preimage(&self) -> Vec<Vec<u32>> {
        let seen = self.report(&self.truth());
        let ranges: Vec<u32> = self.classes().map(|c| if c.asked { c.n } else { 0 }).collect();
        let mut found = Vec::new();
        let mut candidate = vec![0_u32; ranges.len()];
        loop {
            if self.report(&candidate) == seen {
                found.push(candidate.clone());
            }
            let Some(digit) = (0..candidate.len()).find(|&d| candidate[d] < ranges[d]) else { break };
            candidate[digit] += 1;
            candidate[..digit].iter_mut().for_each(|c| *c = 0);
        }
        found
    }
}

/// Pushes a whole of `parts` (summing their respondents and indicator counts) onto `out`.
fn parts_whole(out: &mut Vec<GroupTally<String>>, level: Level, key: String, parts: Vec<GroupTally<String>>) {
    let n = parts.iter().map(GroupTally::respondents).sum();
    let asked: Vec<u32> = parts.iter().filter_map(|p| p.indicators().get(INDICATOR).copied()).collect();
    let whole = GroupTally::new(level, key, n);
    let whole = if asked.is_empty() { whole } else { whole.with_indicator(INDICATOR, asked.iter().sum()) };
    out.push(whole.with_parts(parts));
}

/// The classes the attacker pins: `(class index, what is pinned)`.
fn pinned(world: &World) -> Vec<(usize, &'static str)> {
    let preimage = world.preimage();
    assert!(preimage.contains(&world.truth()), "the true world gives its own report");
    let report = world.report(&world.truth());
    let released: Vec<bool> = report_leaves(&report);
    let mut found = Vec::new();
    for (at, class) in world.classes().enumerate() {
        if !class.asked || class.n == 0 {
            continue;
        }
        let mut possible: Vec<u32> = preimage.iter().map(|world| world[at]).collect();
        possible.sort_unstable();
        possible.dedup();
        if possible == [0] {
            found.push((at, "nobody positive"));
        } else if possible == [class.n] {
            found.push((at, "everybody positive"));
        } else if possible.len() == 1 && !released[at] {
            found.push((at, "a withheld class's count"));
        }
    }
    found
}

/// Whether each class (in class order) is released in `report`.
fn report_leaves(report: &GroupReport<String>) -> Vec<bool> {
    fn walk(group: &GroupReport<String>, out: &mut Vec<bool>) {
        if group.parts().is_empty() && group.level() == Level::Class {
            out.push(group.figures().is_some());
        }
        group.parts().iter().for_each(|part| walk(part, out));
    }
    let mut out = Vec::new();
    walk(report, &mut out);
    out
}

fn class_spec(max_n: u32) -> impl Strategy<Value = ClassSpec> {
    (prop_oneof![0..=max_n, 3..=max_n, 5..=max_n], prop_oneof![4 => Just(true), 1 => Just(false)]).prop_flat_map(
        |(n, asked)| {
            let positives = prop_oneof![Just(0), Just(n), 0..=n];
            positives.prop_map(move |positives| ClassSpec { n, asked, positives })
        },
    )
}

/// One school of 2-4 classes, or a region of two schools of 1-2 classes, sizes up to 9, k = 5.
fn small_world() -> impl Strategy<Value = World> {
    let school = prop::collection::vec(class_spec(9), 2..=4).prop_map(|classes| vec![classes]);
    let region = prop::collection::vec(prop::collection::vec(class_spec(8), 1..=2), 2..=2);
    prop_oneof![school, region].prop_map(|schools| World { k: 5, schools })
}

fn class(n: u32, positives: u32) -> ClassSpec {
    ClassSpec { n, asked: true, positives }
}

#[test]
fn the_issue_s_school_of_47_gives_no_class_away() {
    // School 47 with 7 positives, two classes with exactly 4 and 3, the third of 12 with none: the
    // school's exact count used to pin the third class at 0.
    let world = World { k: 10, schools: vec![vec![class(17, 4), class(18, 3), class(12, 0)]] };
    assert_eq!(pinned(&world), []);
}

#[test]
fn a_whole_shows_the_range_its_classes_add_up_to() {
    let world = World { k: 10, schools: vec![vec![class(17, 4), class(18, 3), class(12, 0)]] };
    let report = world.report(&world.truth());
    let school = report.figures().and_then(|f| f.get().indicator(INDICATOR).copied());
    let bands: Vec<(u32, u32)> = report
        .parts()
        .iter()
        .filter_map(|p| p.figures().and_then(|f| f.get().indicator(INDICATOR)).map(|r| r.positives()))
        .map(|b| (b.low(), b.high()))
        .collect();
    let (low, high) = bands.iter().fold((0, 0), |(l, h), (bl, bh)| (l + bl, h + bh));
    let band = school.map(|rate| (rate.positives().low(), rate.positives().high()));
    assert_eq!(band, Some((low, high)), "class bands {bands:?}");
    assert!(low < high, "a range, not the exact count");
}

#[test]
fn a_withheld_remainder_of_nobody_positive_is_not_pinned() {
    // Two small classes hidden together (5 + 6) next to two released ones, all answering no.
    let world = World { k: 10, schools: vec![vec![class(5, 0), class(6, 0), class(20, 0), class(22, 0)]] };
    assert_eq!(pinned(&world), []);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn the_exact_attacker_pins_no_class(world in small_world()) {
        let found = pinned(&world);
        prop_assert!(found.is_empty(), "pinned {found:?} in {world:?}");
    }
}
