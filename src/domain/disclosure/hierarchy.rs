//! Checks a [`GroupTally`] tree and flattens it into a [`Shape`], keeping a reference to each
//! group's tally.
//!
//! Every refusal happens here, before any figure is computed: inconsistent counts or rolls, a part
//! that is not finer than its whole (so no breakdown within a class), and a breakdown whose remainder
//! is between 1 and `k - 1` (docs/privacy.md promise 3).

use super::error::DisclosureError;
use super::k::K;
use super::shape::Shape;
use super::tally::GroupTally;

/// A validated view: the groups in whole-before-parts order and their [`Shape`].
pub(super) struct Hierarchy<'a, Key> {
    groups: Vec<&'a GroupTally<Key>>,
    shape: Shape,
}

impl<'a, Key: Clone + Ord> Hierarchy<'a, Key> {
    /// Validates `root` and everything below it against threshold `k`.
    ///
    /// # Errors
    /// The first problem met, walking wholes before parts; see [`DisclosureError`].
    pub(super) fn build(root: &'a GroupTally<Key>, k: K) -> Result<Self, DisclosureError<Key>> {
        let mut groups = Vec::new();
        let mut shape = Shape::with_capacity(64);
        let mut pending = vec![(root, None)];
        while let Some((group, parent)) = pending.pop() {
            check_group(group, k)?;
            let node = shape.push(parent, group.respondents());
            shape.set_roll(node, group.roll());
            groups.push(group);
            pending.extend(group.parts().iter().rev().map(|part| (part, Some(node))));
        }
        rank_ties(&groups, &mut shape);
        Ok(Self { groups, shape })
    }
}

impl<'a, Key> Hierarchy<'a, Key> {
    /// The tree that suppression works on.
    pub(super) fn shape(&self) -> &Shape {
        &self.shape
    }

    /// The tally of node `node` (numbered as in [`Hierarchy::shape`]).
    pub(super) fn group(&self, node: usize) -> &'a GroupTally<Key> {
        self.groups[node]
    }
}

/// Numbers each whole's parts in the order of their keys (see [`Shape::tie_rank`]).
fn rank_ties<Key: Ord>(groups: &[&GroupTally<Key>], shape: &mut Shape) {
    for whole in 0..shape.len() {
        let mut parts = shape.children(whole).to_vec();
        parts.sort_by(|&a, &b| groups[a].key().cmp(groups[b].key()));
        for (rank, part) in parts.into_iter().enumerate() {
            shape.set_tie_rank(part, u32::try_from(rank).unwrap_or(u32::MAX));
        }
    }
}

/// Refuses a group whose own counts or immediate breakdown break a rule.
fn check_group<Key: Clone>(group: &GroupTally<Key>, k: K) -> Result<(), DisclosureError<Key>> {
    let (level, key) = (group.level(), || group.key().clone());
    let mut counts = group.indicators().values().copied().chain(group.acute());
    if counts.any(|c| c > group.respondents()) {
        return Err(DisclosureError::CountExceedsRespondents { level, key: key() });
    }
    if let Some(part) = group.parts().iter().find(|p| !level.may_contain(p.level())) {
        let part = part.level();
        return Err(DisclosureError::LevelOrder { level, key: key(), part });
    }
    let parts: u64 = group.parts().iter().map(|p| u64::from(p.respondents())).sum();
    if parts > u64::from(group.respondents()) {
        return Err(DisclosureError::PartsExceedWhole { level, key: key() });
    }
    if !within_roll(group) {
        return Err(DisclosureError::RollExceeded { level, key: key() });
    }
    let left_out = u64::from(group.respondents()) - parts;
    if !group.parts().is_empty() && left_out > 0 && left_out < u64::from(k.get()) {
        return Err(DisclosureError::RemainderBelowK { level, key: key() });
    }
    if !group.parts().is_empty() && !positives_add_up(group, left_out) {
        return Err(DisclosureError::PositivesDisagree { level, key: key() });
    }
    Ok(())
}

/// Whether a group's respondents, and its parts' rolls when all are known, fit in its roll.
fn within_roll<Key>(group: &GroupTally<Key>) -> bool {
    let Some(roll) = group.roll() else { return true };
    let parts: Option<u64> = group.parts().iter().map(|p| p.roll().map(u64::from)).sum();
    group.respondents() <= roll && parts.is_none_or(|parts| parts <= u64::from(roll))
}

/// Whether every indicator count of a whole lies between the sum of its parts' counts (a part
/// without the indicator was not asked it: 0) and that sum plus the respondents left out of them.
fn positives_add_up<Key>(group: &GroupTally<Key>, left_out: u64) -> bool {
    group.indicators().iter().all(|(name, &whole)| {
        let parts: u64 = group.parts().iter().filter_map(|p| p.indicators().get(name)).map(|&x| u64::from(x)).sum();
        (parts..=parts + left_out).contains(&u64::from(whole))
    })
}
