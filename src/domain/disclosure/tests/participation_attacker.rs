//! An attacker who watches an open wave: every band shown (each class's and the school's) and every
//! class's roll. They try every count each class could have (up to its roll, or up to a cap where
//! no roll is known), keep the worlds the engine shows exactly as it shows the real one, and read
//! off what each class may hold. Every class must keep at least `k` possible counts, or every
//! count from nobody to its whole roll.

use std::collections::BTreeSet;

use proptest::prelude::*;

use super::super::{GroupReport, GroupTally, K, Level, ParticipationBand, WaveState, disclose};

/// The largest count of a class whose roll nobody knows; the attacker tries counts up to the end
/// of that count's band and beyond.
const NO_ROLL_MOST: u32 = 20;

/// One class of the watched school: its roll, if known, and its count so far.
#[derive(Debug, Clone, Copy)]
struct Watched {
    roll: Option<u32>,
    count: u32,
}

fn watched_class() -> impl Strategy<Value = Watched> {
    let roll = prop_oneof![3 => (0_u32..=16).prop_map(Some), 1 => Just(None)];
    roll.prop_flat_map(|roll| (Just(roll), 0..=roll.unwrap_or(NO_ROLL_MOST)))
        .prop_map(|(roll, count)| Watched { roll, count })
}

/// `k` and one to three classes; the school carries its total roll when `with_school_roll`.
fn watched_school() -> impl Strategy<Value = (u32, Vec<Watched>, bool)> {
    (5_u32..=7, prop::collection::vec(watched_class(), 1..=3), any::<bool>())
}

fn tally(classes: &[Watched], counts: &[u32], with_school_roll: bool) -> GroupTally<String> {
    let parts = classes
        .iter()
        .zip(counts)
        .enumerate()
        .map(|(at, (class, &count))| {
            let group = GroupTally::new(Level::Class, format!("c{at}"), count);
            match class.roll {
                Some(roll) => group.with_roll(roll),
                None => group,
            }
        })
        .collect();
    let school = GroupTally::new(Level::School, "s".to_owned(), counts.iter().sum()).with_parts(parts);
    let rolls: Option<u32> = classes.iter().map(|c| c.roll).sum();
    match rolls.filter(|_| with_school_roll) {
        Some(roll) => school.with_roll(roll),
        None => school,
    }
}

/// Everything the open wave shows: the school's band, then each class's.
fn shown(report: &GroupReport<String>) -> Vec<Option<ParticipationBand>> {
    std::iter::once(report).chain(report.parts()).map(GroupReport::participation).collect()
}

/// Every count vector the attacker must consider: each class from 0 to its roll, or, without one,
/// to `k` past the largest count it can have.
fn every_world(classes: &[Watched], k: K) -> Vec<Vec<u32>> {
    classes.iter().fold(vec![Vec::new()], |worlds, class| {
        let top = class.roll.unwrap_or(NO_ROLL_MOST + k.get());
        worlds.into_iter().flat_map(|world| (0..=top).map(move |c| [world.clone(), vec![c]].concat())).collect()
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn every_band_roll_and_sum_leaves_each_class_k_counts_or_its_whole_roll(
        (k, classes, with_school_roll) in watched_school()
    ) {
        let k = K::new(k).unwrap_or_default();
        let real: Vec<u32> = classes.iter().map(|c| c.count).collect();
        let seen = disclose(&tally(&classes, &real, with_school_roll), k, WaveState::Open).map(|r| shown(&r));
        prop_assert!(seen.is_ok(), "{seen:?}");
        let seen = seen.unwrap_or_default();
        prop_assert!(seen.iter().all(Option::is_some), "every group shows a band");
        let mut possible = vec![BTreeSet::new(); classes.len()];
        for world in every_world(&classes, k) {
            let looks = disclose(&tally(&classes, &world, with_school_roll), k, WaveState::Open).map(|r| shown(&r));
            if looks.as_ref().is_ok_and(|looks| *looks == seen) {
                for (set, &count) in possible.iter_mut().zip(&world) {
                    set.insert(count);
                }
            }
        }
        for (class, set) in classes.iter().zip(&possible) {
            prop_assert!(set.contains(&class.count), "the real count is possible: {class:?}");
            let whole_roll = class.roll.is_some_and(|roll| set.len() == roll as usize + 1);
            prop_assert!(set.len() >= k.get() as usize || whole_roll, "{class:?} narrowed to {set:?}");
        }
    }
}

#[test]
fn the_school_s_own_band_would_have_narrowed_a_class() {
    // What the school showed before: its own band of k. Classes at 10-19 and 0-9 (no rolls) under a
    // school at 20-29 leave the first at 11-19. The sum of the classes' bands leaves it 10-19.
    let classes = [Watched { roll: None, count: 15 }, Watched { roll: None, count: 9 }];
    let report = disclose(&tally(&classes, &[15, 9], false), K::default(), WaveState::Open);
    let school = report.ok().and_then(|r| r.participation()).map(|b| b.to_string());
    assert_eq!(school.as_deref(), Some("10-28"));
}
