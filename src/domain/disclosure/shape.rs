//! The bare tree that suppression reasons about: who is part of whom, how many respondents each
//! group holds, and how many pupils it has where that is known (its roll, which staff see).
//!
//! Nodes are numbered so that a whole always comes before its parts (node 0 is the root); walking
//! the numbers backwards therefore visits every part before its whole.

/// A tree of groups with exact respondent counts, flattened for linear-time passes.
///
/// Promises: `parent(i) < i` for every non-root node.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Shape {
    parent: Vec<Option<usize>>,
    children: Vec<Vec<usize>>,
    count: Vec<u32>,
    /// The group's roll, when the caller knows it: a public upper bound on its count.
    roll: Vec<Option<u32>>,
    /// Each node's place among its siblings in the order of the caller's keys: ties between parts
    /// of equal size are broken by it, so a group's decisions do not depend on the order a view
    /// lists it in (every view of one school hides the same classes).
    tie_rank: Vec<u32>,
}

impl Shape {
    /// An empty tree, to be filled root first with [`Shape::push`].
    pub(super) fn with_capacity(capacity: usize) -> Self {
        Self {
            parent: Vec::with_capacity(capacity),
            children: Vec::with_capacity(capacity),
            count: Vec::with_capacity(capacity),
            roll: Vec::with_capacity(capacity),
            tie_rank: Vec::with_capacity(capacity),
        }
    }

    /// Adds a group of `count` respondents below `parent` (`None` for the root) and returns its
    /// number. The caller adds a whole before its parts.
    pub(super) fn push(&mut self, parent: Option<usize>, count: u32) -> usize {
        let node = self.count.len();
        debug_assert!(parent.is_none_or(|p| p < node), "a whole comes before its parts");
        self.parent.push(parent);
        self.children.push(Vec::new());
        self.count.push(count);
        self.roll.push(None);
        self.tie_rank.push(0);
        if let Some(whole) = parent {
            self.children[whole].push(node);
        }
        node
    }

    /// Number of groups.
    pub(super) fn len(&self) -> usize {
        self.count.len()
    }

    /// The whole that `node` is a part of.
    pub(super) fn parent(&self, node: usize) -> Option<usize> {
        self.parent[node]
    }

    /// The parts of `node`, in the caller's order.
    pub(super) fn children(&self, node: usize) -> &[usize] {
        &self.children[node]
    }

    /// Whether `node` is broken down (has an equation whole = parts + remainder).
    pub(super) fn is_whole(&self, node: usize) -> bool {
        !self.children[node].is_empty()
    }

    /// Records that `node` comes `rank`-th among its siblings in key order.
    pub(super) fn set_tie_rank(&mut self, node: usize, rank: u32) {
        self.tie_rank[node] = rank;
    }

    /// The place of `node` among its siblings in key order.
    pub(super) fn tie_rank(&self, node: usize) -> u32 {
        self.tie_rank[node]
    }

    /// Records the roll of `node` (its number of pupils), which staff know.
    pub(super) fn set_roll(&mut self, node: usize, roll: Option<u32>) {
        self.roll[node] = roll;
    }

    /// The roll of `node`, when known.
    pub(super) fn roll(&self, node: usize) -> Option<u32> {
        self.roll[node]
    }

    /// The roll of `node`'s remainder (its pupils in none of its parts): its roll less its parts'
    /// rolls, when all of them are known.
    pub(super) fn remainder_roll(&self, node: usize) -> Option<u32> {
        let roll = self.roll[node]?;
        let parts = self.children[node].iter().try_fold(0_u32, |sum, &part| sum.checked_add(self.roll[part]?))?;
        roll.checked_sub(parts)
    }

    /// Exact respondents of `node`.
    pub(super) fn count(&self, node: usize) -> u32 {
        self.count[node]
    }
}
