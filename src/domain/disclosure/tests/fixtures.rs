//! Views for the tests: random regions as proptest strategies, and the invariants every
//! suppression result must satisfy, checked independently of the engine's bookkeeping.

use proptest::prelude::*;

use super::super::hierarchy::Hierarchy;
use super::super::k::K;
use super::super::level::Level;
use super::super::shape::Shape;
use super::super::suppression::{Visibility, suppress};
use super::super::tally::GroupTally;
use super::attacker::determined_hidden_groups;

/// One school: its classes, optionally grouped in grades, and respondents outside every part.
#[derive(Debug, Clone)]
pub(super) struct SchoolSpec {
    pub(super) grades: Vec<Vec<u32>>,
    pub(super) by_grade: bool,
    pub(super) left_out: u32,
}

/// A random region at a random `k`.
#[derive(Debug, Clone)]
pub(super) struct RegionSpec {
    pub(super) k: u32,
    pub(super) schools: Vec<SchoolSpec>,
}

/// Class sizes: uniform on 0..40, or mostly small so that suppression has work to do.
fn class_size() -> impl Strategy<Value = u32> {
    prop_oneof![0_u32..40, 0_u32..14]
}

/// Region → 1..=30 schools → 1..=8 classes, sizes 0..40, k in 5..=15 (the shape).
pub(super) fn flat_region() -> impl Strategy<Value = RegionSpec> {
    let school = prop::collection::vec(class_size(), 1..=8).prop_map(|classes| SchoolSpec {
        grades: vec![classes],
        by_grade: false,
        left_out: 0,
    });
    (5_u32..=15, prop::collection::vec(school, 1..=30)).prop_map(|(k, schools)| RegionSpec { k, schools })
}

/// Like [`flat_region`], but no class is below `k` (some are empty).
pub(super) fn region_without_small_classes() -> impl Strategy<Value = RegionSpec> {
    (5_u32..=15).prop_flat_map(|k| {
        let size = prop_oneof![1 => Just(0_u32), 4 => k..40];
        let school = prop::collection::vec(size, 1..=8).prop_map(|classes| SchoolSpec {
            grades: vec![classes],
            by_grade: false,
            left_out: 0,
        });
        prop::collection::vec(school, 1..=30).prop_map(move |schools| RegionSpec { k, schools })
    })
}

/// Region → schools → (grades →) classes, some schools with a remainder of `>= k`.
pub(super) fn deep_region() -> impl Strategy<Value = RegionSpec> {
    (5_u32..=15).prop_flat_map(|k| {
        let grades = prop::collection::vec(prop::collection::vec(class_size(), 1..=4), 1..=4);
        let left_out = prop_oneof![3 => Just(0_u32), 1 => k..k + 10];
        let school = (grades, any::<bool>(), left_out).prop_map(|(grades, by_grade, left_out)| SchoolSpec {
            grades,
            by_grade,
            left_out,
        });
        prop::collection::vec(school, 1..=12).prop_map(move |schools| RegionSpec { k, schools })
    })
}

impl RegionSpec {
    /// The tally tree, with a `bully` indicator count of a third of each class.
    pub(super) fn tally(&self) -> GroupTally<String> {
        let schools: Vec<GroupTally<String>> =
            self.schools.iter().enumerate().map(|(s, school)| school.tally(s)).collect();
        let total = schools.iter().map(GroupTally::respondents).sum();
        GroupTally::new(Level::Region, "region".to_owned(), total).with_parts(schools)
    }

    pub(super) fn k(&self) -> K {
        K::new(self.k).unwrap_or_default()
    }
}

impl SchoolSpec {
    fn tally(&self, s: usize) -> GroupTally<String> {
        let class = |g: usize, c: usize, n: u32| {
            GroupTally::new(Level::Class, format!("{s}/{g}/{c}"), n).with_indicator("bully", n / 3)
        };
        let parts: Vec<GroupTally<String>> = if self.by_grade {
            let grade = |(g, sizes): (usize, &Vec<u32>)| {
                let classes: Vec<_> = sizes.iter().enumerate().map(|(c, &n)| class(g, c, n)).collect();
                let n = sizes.iter().sum();
                GroupTally::new(Level::Grade, format!("{s}/{g}"), n).with_parts(classes)
            };
            self.grades.iter().enumerate().map(grade).collect()
        } else {
            let sizes = self.grades.iter().enumerate();
            sizes.flat_map(|(g, v)| v.iter().enumerate().map(move |(c, &n)| class(g, c, n))).collect()
        };
        let n = parts.iter().map(GroupTally::respondents).sum::<u32>() + self.left_out;
        GroupTally::new(Level::School, format!("{s}"), n).with_parts(parts)
    }
}

/// The shape and suppression result of `spec`, through the engine's own validation.
pub(super) fn suppressed(spec: &RegionSpec) -> (Shape, Vec<Visibility>) {
    let tally = spec.tally();
    match Hierarchy::build(&tally, spec.k()) {
        Ok(hierarchy) => {
            let visibility = suppress(hierarchy.shape(), spec.k());
            (hierarchy.shape().clone(), visibility)
        }
        Err(error) => panic!("generated views are valid: {error:?}"),
    }
}

/// Every released group has at least `k` respondents.
pub(super) fn released_groups_reach_k(shape: &Shape, visibility: &[Visibility], k: u32) -> bool {
    (0..shape.len()).all(|v| visibility[v] != Visibility::Released || shape.count(v) >= k)
}

/// Promise 3 word for word: at every released whole, hidden parts total 0 or at least `k`.
pub(super) fn hidden_parts_total_zero_or_k(shape: &Shape, vis: &[Visibility], k: u32) -> bool {
    (0..shape.len()).filter(|&v| shape.is_whole(v) && vis[v] == Visibility::Released).all(|v| {
        let hidden: u32 =
            shape.children(v).iter().filter(|&&p| vis[p] != Visibility::Released).map(|&p| shape.count(p)).sum();
        hidden == 0 || hidden >= k
    })
}

/// Everything a reader can recompute about a released whole by subtracting its released
/// descendants and remainders (the classes reached through hidden groups only) totals 0 or `>= k`.
pub(super) fn residues_zero_or_k(shape: &Shape, vis: &[Visibility], k: u32) -> bool {
    (0..shape.len()).filter(|&v| shape.is_whole(v) && vis[v] == Visibility::Released).all(|v| {
        let residue = residue(shape, vis, v);
        residue == 0 || residue >= u64::from(k)
    })
}

fn residue(shape: &Shape, vis: &[Visibility], whole: usize) -> u64 {
    let mut total = 0;
    let mut stack: Vec<usize> = shape.children(whole).to_vec();
    while let Some(node) = stack.pop() {
        if vis[node] == Visibility::Released {
            continue;
        }
        if shape.is_whole(node) {
            stack.extend_from_slice(shape.children(node));
        } else {
            total += u64::from(shape.count(node));
        }
    }
    total
}

/// The hidden groups with respondents that the exact attacker can compute.
pub(super) fn derivable(shape: &Shape, visibility: &[Visibility]) -> Vec<usize> {
    let hidden: Vec<bool> = visibility.iter().map(|&v| v != Visibility::Released).collect();
    determined_hidden_groups(shape, &hidden)
}
