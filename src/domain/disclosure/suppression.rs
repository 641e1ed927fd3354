//! Primary and complementary suppression down a tree of wholes and parts, to a fixpoint.
//!
//! # The attacker and the two local rules
//! A reader sees the exact respondents of every released group and knows, at every whole `v`, that
//! `v = Σ parts + remainder`. Groups with no respondents are taken as known to be 0, and so is a
//! breakdown's remainder (it is 0 or `>= k`, see `hierarchy`, and a reader may learn it from another
//! view, such as the complementary filter): the attacker is as strong as we can make them. The
//! hidden counts are the unknowns of that linear system. Two things must hold for every release:
//!
//! 1. **No small residue.** What a reader can compute about hidden groups is spanned by the
//!    residues of released wholes: a released whole minus its released descendants and remainders,
//!    i.e. the respondents reachable from it through hidden parts only ("mass" below). Every residue
//!    must be 0 or at least `k`; then every group a reader can recompute by subtraction has 0 or
//!    `>= k` respondents. At a whole whose hidden parts are all classes this is promise 3 verbatim.
//! 2. **No lone unknown.** Picture each whole's equation as a vertex and each hidden group as an edge
//!    joining the equation where it is the whole to the equation where it is a part (or to a
//!    single "ground" vertex when it is a class or the root). A hidden count is determined exactly
//!    when its edge is a bridge. The equations form a tree, so there is no bridge exactly when no
//!    equation has precisely one hidden unknown.
//! 3. **Room within the rolls and bands.** The reader also knows every class's roll and the band it
//!    showed while the wave was open, and that parts are hidden smallest first, so each hidden class
//!    lies in an interval: its band, below the smallest part released beside it. A released whole's
//!    residue is the sum of the hidden classes reached through hidden parts only, and no other
//!    equation ties them (the remainders are known), so each residue is one sum of intervals. It
//!    must leave every hidden class whose band reaches below `k` at least `k` possible counts, or
//!    all its interval (`slack`). Otherwise rolls bound the small class away from nobody: roll 10
//!    and the band "10-19" made a complement exactly 10, and the residue less 10 was the small class.
//!
//! All three rules are local to one equation. The first two are kept as running sums, so repairing
//! them is linear in the number of groups; the third reads the hidden classes of its equation each
//! time it is checked, at most once per part hidden there. When a
//! rule fails at a whole, hide its smallest released part (docs/privacy.md#the-parameters-at-a-glance), settle that
//! part's own equation at once (a hidden school whose classes were all released would be its own
//! lone unknown), and recheck whatever the change can touch. A part that cannot itself be protected
//! (a whole all of whose respondents are in its remainder) is never chosen. Nothing is ever
//! unhidden, so this reaches a fixpoint after at most one hiding per group. The tests check the
//! result against an attacker who solves the whole system exactly.

use std::collections::VecDeque;

use super::k::K;
use super::shape::Shape;
use super::slack::Slack;

/// What suppression decided for one group.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Visibility {
    /// At least `k` respondents, and releasing it beside everything else released is safe.
    Released,
    /// Withheld, and its count cannot be recomputed from what is released.
    Hidden,
    /// No respondents: nothing to show (and treated as known to be 0 by the attacker).
    Empty,
}

/// Decides, for every node of `shape`, whether it may be released at threshold `k`.
///
/// Promises (with `mass` as in the module doc): every released group has `>= k` respondents; every
/// released whole's residue is 0 or `>= k`; no hidden group with respondents is determined by the
/// released counts and the sum equations; and with every class's roll and band known too, every
/// hidden class whose band reaches below `k` keeps at least `k` possible counts, or all that its band
/// allows below the smallest part released beside it.
pub(super) fn suppress(shape: &Shape, k: K) -> Vec<Visibility> {
    let mut pass = Pass::new(shape, k);
    let wholes: Vec<usize> = (0..shape.len()).rev().filter(|&v| shape.is_whole(v)).collect();
    for v in wholes {
        pass.enqueue(v);
    }
    while let Some(v) = pass.queue.pop_front() {
        pass.queued[v] = false;
        pass.settle(v);
    }
    pass.visibility
}

/// Why a whole's equation is not yet safe.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Violation {
    /// Released whole whose residue is between 1 and `k - 1`.
    SmallResidue,
    /// The equation has exactly one hidden unknown that must not be determined.
    LoneUnknown,
    /// Released whole whose residue, with the rolls and bands, narrows a hidden class that may be
    /// small to fewer than `k` counts.
    Narrowed,
}

/// The working state of one suppression run.
struct Pass<'s> {
    shape: &'s Shape,
    k: K,
    visibility: Vec<Visibility>,
    /// Hidden respondents reachable from the node through hidden parts. For a released whole this
    /// is its residue; for a hidden node, what it adds to its whole's.
    mass: Vec<u64>,
    /// Hidden parts (with respondents) of each node.
    hidden_parts: Vec<u32>,
    /// Parts of each node that could be protected if hidden, smallest first (ties by key).
    smallest_first: Vec<Vec<usize>>,
    /// Position in `smallest_first` before which no part is still released.
    cursor: Vec<usize>,
    queue: VecDeque<usize>,
    queued: Vec<bool>,
}

impl<'s> Pass<'s> {
    /// Primary suppression: groups below `k` are hidden, empty groups are empty.
    fn new(shape: &'s Shape, k: K) -> Self {
        let n = shape.len();
        let visibility: Vec<Visibility> = (0..n)
            .map(|v| match shape.count(v) {
                0 => Visibility::Empty,
                c if c < k.get() => Visibility::Hidden,
                _ => Visibility::Released,
            })
            .collect();
        let mut mass = vec![0_u64; n];
        let mut hidden_parts = vec![0_u32; n];
        for v in (0..n).rev() {
            if !shape.is_whole(v) {
                mass[v] = u64::from(shape.count(v));
                continue;
            }
            for &part in shape.children(v) {
                if visibility[part] == Visibility::Hidden {
                    mass[v] += mass[part];
                    hidden_parts[v] += 1;
                }
            }
        }
        let smallest_first = complement_candidates(shape);
        Self {
            shape,
            k,
            visibility,
            mass,
            hidden_parts,
            smallest_first,
            cursor: vec![0; n],
            queue: VecDeque::new(),
            queued: vec![false; n],
        }
    }

    fn enqueue(&mut self, v: usize) {
        if !self.queued[v] {
            self.queued[v] = true;
            self.queue.push_back(v);
        }
    }

    /// Hides parts of `v` (or, failing that, `v` itself) until its equation is safe.
    fn settle(&mut self, v: usize) {
        while self.violation(v).is_some() {
            match self.smallest_released_part(v) {
                Some(part) => self.hide(part),
                None if self.visibility[v] == Visibility::Released => self.hide(v),
                // A hidden whole with respondents always has a released part left to hide when it
                // is its own lone unknown; stop rather than loop if that reasoning were ever wrong.
                None => return,
            }
        }
    }

    fn violation(&self, v: usize) -> Option<Violation> {
        let mass = self.mass[v];
        let released = self.visibility[v] == Visibility::Released;
        if released && mass > 0 && mass < u64::from(self.k.get()) {
            return Some(Violation::SmallResidue);
        }
        let own = u32::from(self.visibility[v] == Visibility::Hidden);
        if own + self.hidden_parts[v] == 1 {
            return Some(Violation::LoneUnknown);
        }
        (released && mass > 0 && !self.room(v).leaves_small_cells_open(self.k)).then_some(Violation::Narrowed)
    }

    /// What the hidden classes in `v`'s residue leave open (see `slack`). Each lies within its
    /// band and, since parts are hidden smallest first (ties by key), at or below the smallest part
    /// still released beside it: a reader who knows the rule knows that too.
    fn room(&self, v: usize) -> Slack {
        let mut room = Slack::default();
        let mut wholes = vec![v];
        while let Some(whole) = wholes.pop() {
            let smallest = self.smallest_first[whole][self.cursor[whole]..]
                .iter()
                .copied()
                .find(|&part| self.visibility[part] == Visibility::Released);
            for &part in self.shape.children(whole) {
                if self.visibility[part] != Visibility::Hidden {
                    continue;
                }
                if self.shape.is_whole(part) {
                    wholes.push(part);
                    continue;
                }
                let below = |r: usize| u32::from(self.shape.tie_rank(r) < self.shape.tie_rank(part));
                let cap = smallest.map(|r| self.shape.count(r).saturating_sub(below(r)));
                room = room.with(Slack::of_cell(self.shape.count(part), self.shape.roll(part), cap, self.k));
            }
        }
        room
    }

    fn smallest_released_part(&mut self, v: usize) -> Option<usize> {
        let parts = &self.smallest_first[v];
        let mut at = self.cursor[v];
        while at < parts.len() && self.visibility[parts[at]] != Visibility::Released {
            at += 1;
        }
        self.cursor[v] = at;
        parts.get(at).copied()
    }

    /// Hides released node `v`, carries its mass up to the nearest released whole (which must then
    /// be rechecked) and settles `v`'s own equation at once.
    fn hide(&mut self, v: usize) {
        self.visibility[v] = Visibility::Hidden;
        if let Some(whole) = self.shape.parent(v) {
            self.hidden_parts[whole] += 1;
        }
        let added = self.mass[v];
        let mut above = self.shape.parent(v);
        while let Some(whole) = above {
            self.mass[whole] += added;
            if self.visibility[whole] == Visibility::Released {
                self.enqueue(whole);
                break;
            }
            above = self.shape.parent(whole);
        }
        if self.shape.is_whole(v) {
            self.settle(v);
        }
    }
}

/// For every node, its parts that may serve as complements, smallest first; ties go by the
/// parts' keys, so the result is the same whatever order a view lists them in.
///
/// A part qualifies when, once hidden, its own equation can get a second unknown: it is a class
/// (no parts), or it has a qualifying part with respondents. A whole whose respondents all sit in
/// its remainder is known from that remainder and would be recomputable, so it never qualifies.
fn complement_candidates(shape: &Shape) -> Vec<Vec<usize>> {
    let mut protectable = vec![false; shape.len()];
    for v in (0..shape.len()).rev() {
        protectable[v] = !shape.is_whole(v) || shape.children(v).iter().any(|&p| shape.count(p) > 0 && protectable[p]);
    }
    (0..shape.len())
        .map(|v| {
            let mut parts: Vec<usize> = shape.children(v).iter().copied().filter(|&p| protectable[p]).collect();
            parts.sort_by_key(|&part| (shape.count(part), shape.tie_rank(part)));
            parts
        })
        .collect()
}
