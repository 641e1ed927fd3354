//! An attacker who watched the wave fill and reads it closed: every class's roll, the band each
//! class showed last while the wave was open, the closed report (which groups are released, and
//! their exact respondents), and the rule that parts are hidden smallest first, ties by key (so a
//! withheld class holds no more than the smallest class released beside it). Like the engine,
//! they are taken to know which withheld classes are empty. They try every count each withheld
//! class could have within those bounds (at least 1), keep the combinations that give every
//! released school and grade its exact total, and read off what each withheld class may hold. A withheld class whose band reaches below `k` (from the bands
//! alone it may be a small class or its complement) must keep at least `k` possible counts, or
//! every count its band allows. Tiny schools, with and without grades, so that trying every
//! combination is cheap; `k` is 5 so that bands are narrow and rolls bite.

use std::collections::BTreeSet;

use proptest::prelude::*;

use super::super::{GroupReport, GroupTally, K, Level, ParticipationBand, WaveState, disclose};

/// A class: roll (if known) and respondents.
#[derive(Debug, Clone, Copy)]
struct Class {
    roll: Option<u32>,
    count: u32,
}

fn class() -> impl Strategy<Value = Class> {
    let roll = prop_oneof![4 => (1_u32..=13).prop_map(Some), 1 => Just(None)];
    let count = |roll: Option<u32>| {
        let top = roll.unwrap_or(13);
        prop_oneof![1 => Just(top), 3 => 0..=top]
    };
    roll.prop_flat_map(move |roll| (Just(roll), count(roll))).prop_map(|(roll, count)| Class { roll, count })
}

/// A school as grades of classes: one grade is a flat school; two grades are shown as a breakdown.
fn school() -> impl Strategy<Value = Vec<Vec<Class>>> {
    prop_oneof![
        prop::collection::vec(class(), 2..=4).prop_map(|classes| vec![classes]),
        prop::collection::vec(prop::collection::vec(class(), 1..=2), 2..=2),
    ]
}

fn class_tally(key: String, class: &Class) -> GroupTally<String> {
    let group = GroupTally::new(Level::Class, key, class.count);
    match class.roll {
        Some(roll) => group.with_roll(roll),
        None => group,
    }
}

fn tally(grades: &[Vec<Class>]) -> GroupTally<String> {
    let total = grades.iter().flatten().map(|c| c.count).sum();
    let school = GroupTally::new(Level::School, "s".to_owned(), total);
    if let [classes] = grades {
        let parts = classes.iter().enumerate().map(|(c, class)| class_tally(format!("s/{c}"), class));
        return school.with_parts(parts.collect());
    }
    let grade = |(g, classes): (usize, &Vec<Class>)| {
        let parts = classes.iter().enumerate().map(|(c, class)| class_tally(format!("s/{g}/{c}"), class)).collect();
        let n = classes.iter().map(|c| c.count).sum();
        GroupTally::new(Level::Grade, format!("s/{g}"), n).with_parts(parts)
    };
    school.with_parts(grades.iter().enumerate().map(grade).collect())
}

/// What the closed report says of one group: its respondents if released, which classes (numbered
/// in key order) it holds, and the group it is a part of.
struct Seen {
    released: Option<u32>,
    classes: Vec<usize>,
    is_class: bool,
    whole: Option<usize>,
}

fn walk(report: &GroupReport<String>, whole: Option<usize>, out: &mut Vec<Seen>, next_class: &mut usize) {
    let released = report.figures().map(|f| f.get().respondents());
    let (first, at) = (*next_class, out.len());
    let is_class = report.parts().is_empty();
    if is_class {
        *next_class += 1;
    }
    out.push(Seen { released, classes: Vec::new(), is_class, whole });
    for part in report.parts() {
        walk(part, Some(at), out, next_class);
    }
    out[at].classes = (first..*next_class).collect();
}

/// The most that withheld class `class` can hold given smallest first: no more than any class
/// released beside it, and less than one that comes before it in key order.
fn smallest_first_cap(seen: &[Seen], class: usize) -> Option<u32> {
    let leaves: Vec<&Seen> = seen.iter().filter(|g| g.is_class).collect();
    let whole = leaves[class].whole;
    let siblings = (0..leaves.len()).filter(|&c| c != class && leaves[c].whole == whole);
    siblings.filter_map(|c| leaves[c].released.map(|n| n - u32::from(c < class))).min()
}

fn class_bands(report: &GroupReport<String>, out: &mut Vec<ParticipationBand>) {
    if report.parts().is_empty() {
        out.extend(report.participation());
    }
    report.parts().iter().for_each(|part| class_bands(part, out));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(160))]

    #[test]
    fn no_withheld_class_that_may_be_small_is_narrowed_below_k_counts(grades in school()) {
        let k = K::new(5).unwrap_or_default();
        let view = tally(&grades);
        let (open, closed) = (disclose(&view, k, WaveState::Open), disclose(&view, k, WaveState::Closed));
        prop_assert!(open.is_ok() && closed.is_ok());
        let (Ok(open), Ok(closed)) = (open, closed) else { return Ok(()) };
        let mut last_bands = Vec::new();
        class_bands(&open, &mut last_bands);
        let mut seen = Vec::new();
        walk(&closed, None, &mut seen, &mut 0);
        let classes: Vec<Class> = grades.iter().flatten().copied().collect();
        let shown: Vec<Option<u32>> = seen.iter().filter(|g| g.is_class).map(|g| g.released).collect();
        prop_assert_eq!(shown.len(), classes.len());
        prop_assert_eq!(last_bands.len(), classes.len());
        // Unknowns: withheld classes with respondents; released ones are known, empty ones taken as 0.
        let unknown: Vec<usize> = (0..classes.len()).filter(|&c| shown[c].is_none() && classes[c].count > 0).collect();
        let boxes: Vec<(u32, u32)> = unknown
            .iter()
            .map(|&c| {
                let high = smallest_first_cap(&seen, c).map_or(last_bands[c].high(), |cap| cap.min(last_bands[c].high()));
                (last_bands[c].low().max(1), high)
            })
            .collect();
        let mut world: Vec<u32> = shown.iter().map(|n| n.unwrap_or(0)).collect();
        let mut possible = vec![BTreeSet::new(); unknown.len()];
        for_each_combination(&boxes, &mut Vec::new(), &mut |values| {
            for (&c, &v) in unknown.iter().zip(values) {
                world[c] = v;
            }
            let sums_hold = seen
                .iter()
                .all(|g| g.released.is_none_or(|n| g.classes.iter().map(|&c| world[c]).sum::<u32>() == n));
            if sums_hold {
                for (set, &v) in possible.iter_mut().zip(values) {
                    set.insert(v);
                }
            }
        });
        for (at, &c) in unknown.iter().enumerate() {
            let (low, high) = boxes[at];
            prop_assert!(possible[at].contains(&classes[c].count), "the real world is possible");
            if last_bands[c].low() < k.get() {
                let owed = (high - low + 1).min(k.get()) as usize;
                prop_assert!(
                    possible[at].len() >= owed,
                    "class {} {:?} (band {}) narrowed to {:?}", c, classes[c], last_bands[c], possible[at]
                );
            }
        }
    }
}

/// Calls `visit` with every combination of one value from each of `boxes`.
fn for_each_combination(boxes: &[(u32, u32)], prefix: &mut Vec<u32>, visit: &mut impl FnMut(&[u32])) {
    let Some((&(low, high), rest)) = boxes.split_first() else {
        visit(prefix);
        return;
    };
    for value in low..=high {
        prefix.push(value);
        for_each_combination(rest, prefix, visit);
        prefix.pop();
    }
}
