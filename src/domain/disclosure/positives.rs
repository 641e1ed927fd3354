//! The positives audit: which band of positive counts each released group may show for an
//! indicator, so that positives can be combined across a whole and its parts as safely as
//! respondents can.
//!
//! # The attack
//! Rounding a group's rate on its own is not enough once a whole and its parts are shown together:
//! a school of 47 with 7 positives (exact at that size), two classes with exactly 4 and 3, and a
//! third class of 12 shown as "≤10%" gives that class 0 of 12, every pupil's answer known. The
//! same works for the withheld remainder of a school or region, and for any combination of parts.
//! Repairing it case by case (coarsen the whole when the attacker finds a pin) would not do either:
//! the decision to coarsen depends on the exact counts, and a reader who knows the rule can run it
//! backwards (the school above is coarsened exactly when the third class has 0).
//!
//! # The rule: a whole shows only what its cells add up to
//! Cut the respondents of each released whole into **cells**: its released parts, and its
//! *residue* (everyone reached from it through withheld groups only, which suppression keeps at 0
//! or at least `k` respondents). A released group without parts is a cell of itself. Each cell is
//! rounded on its own (`rounding`: every cell of at least 5 respondents, extremes covering at least
//! two counts). A whole's band is then the **sum of its cells' bands**: the smallest and largest
//! count its cells allow. It shows nothing its cells do not already say, so every figure on a page
//! is a function of the cells' own roundings, and
//!
//! * no combination of released figures pins a cell, a part, a residue or any union of them to 0
//!   or to all its respondents: every cell's band holds at least two counts at either extreme, and
//!   the cells are independent;
//! * how positives are split among withheld groups changes nothing shown: only the residue's total
//!   reaches a page, through its own rounding;
//! * no decision depends on a positive count, so there is nothing to run backwards.
//!
//! # Measures asked only from some grade up
//! A group that does not carry an indicator was not asked it: its positives are 0 by construction,
//! and readers know it (grades are shown). A residue whose withheld groups were all asked is one
//! cell; one that none were asked adds 0; one that mixes both would let "x of the residue" stand
//! for "x of its few asked pupils", so it adds every count from 0 to its size. Which groups are
//! withheld and which were asked is on every page, so this choice tells nothing either.
//!
//! # Ranges that say nothing
//! A whole's band can be wide when a mixed residue or many cells add up. A band wider than
//! [`WIDEST_SHOWN_POINTS`] percentage points is not shown (a function of the released bands and
//! sizes only, so withholding it is safe too).

use super::hierarchy::Hierarchy;
use super::k::K;
use super::noise::{CellDigest, Noise};
use super::rate::PositivesBand;
use super::rounding::coarsen;
use super::shape::Shape;
use super::suppression::Visibility;

/// The widest band, in percentage points of the group, that a whole still shows.
pub const WIDEST_SHOWN_POINTS: u64 = 20;

/// A band of positive counts `low..=high`, before it becomes a shown rate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
struct Span {
    low: u64,
    high: u64,
}

impl Span {
    fn plus(self, other: Span) -> Span {
        Span { low: self.low + other.low, high: self.high + other.high }
    }
}

/// What one group passes up to the nearest released group above it.
#[derive(Debug, Clone, Copy, Default)]
struct Carry {
    /// Sum of the bands of the released groups met on the way (the whole's released cells).
    cells: Span,
    /// Respondents of withheld groups without parts met on the way (the residue).
    residue_respondents: u64,
    /// Their exact positives.
    residue_positives: u64,
    /// Whether a withheld group on the way was asked the indicator.
    residue_asked: bool,
    /// Whether a withheld group on the way was not asked it.
    residue_not_asked: bool,
    /// Respondents left out of a breakdown on the way: anything from 0 to all of them.
    unknown: u64,
    /// The name of the residue for the noise: its groups without parts, combined.
    residue_digest: CellDigest,
}

impl Carry {
    fn add(&mut self, other: &Carry) {
        self.cells = self.cells.plus(other.cells);
        self.residue_respondents += other.residue_respondents;
        self.residue_positives += other.residue_positives;
        self.residue_asked |= other.residue_asked;
        self.residue_not_asked |= other.residue_not_asked;
        self.unknown += other.unknown;
        self.residue_digest = self.residue_digest.join(other.residue_digest);
    }

    /// The whole's band: its released cells, its residue as one cell, and the unknown remainder.
    fn band(&self, k: K, cell: &CellNoise<'_>) -> Span {
        self.cells.plus(self.residue_span(k, cell)).plus(Span { low: 0, high: self.unknown })
    }

    fn residue_span(&self, k: K, cell: &CellNoise<'_>) -> Span {
        let (n, x) = (self.residue_respondents, self.residue_positives);
        let anything = Span { low: 0, high: n };
        match (self.residue_asked, self.residue_not_asked) {
            _ if n == 0 => Span::default(),
            (false, _) if x == 0 => Span::default(),
            (true, false) if n >= u64::from(k.get()) => own_span(cell.shown(x, n, self.residue_digest), n),
            _ => anything,
        }
    }
}

/// The noise on the cells of one indicator: a cell's positives as they are rounded.
struct CellNoise<'a> {
    noise: &'a Noise,
    indicator: &'a str,
}

impl CellNoise<'_> {
    fn shown(&self, positives: u64, n: u64, digest: CellDigest) -> u64 {
        self.noise.perturb(positives, n, digest, self.indicator)
    }
}

/// The rounding band of `x` of `n` on its own.
fn own_span(x: u64, n: u64) -> Span {
    let narrow = |v: u64| u32::try_from(v).unwrap_or(u32::MAX);
    let coarse = coarsen(narrow(x.min(n)), narrow(n));
    Span { low: u64::from(coarse.low), high: u64::from(coarse.high) }
}

/// The bands every released group may show for `indicator`, by node (`None` where nothing is
/// shown: withheld, not asked, or too wide to say anything). Each cell's positives get `noise`
/// (named by `digests`, one per node) before they are rounded, exactly as the cell's own rate does.
///
/// Linear in the number of groups: parts are visited before their whole.
pub(super) fn bands<Key>(
    hierarchy: &Hierarchy<'_, Key>,
    visibility: &[Visibility],
    indicator: &str,
    k: K,
    noise: &Noise,
    digests: &[CellDigest],
) -> Vec<Option<PositivesBand>> {
    let cell = CellNoise { noise, indicator };
    let shape = hierarchy.shape();
    let mut carry = vec![Carry::default(); shape.len()];
    let mut shown = vec![None; shape.len()];
    for node in (0..shape.len()).rev() {
        let group = hierarchy.group(node);
        let asked = group.indicators().get(indicator).copied();
        let n = u64::from(shape.count(node));
        let here = gather(shape, &carry, node);
        let released = visibility[node] == Visibility::Released;
        carry[node] = if !shape.is_whole(node) {
            let positives = u64::from(asked.unwrap_or(0));
            match (released, asked) {
                (true, Some(_)) => {
                    Carry { cells: own_span(cell.shown(positives, n, digests[node]), n), ..Carry::default() }
                }
                (true, None) => Carry::default(),
                (false, _) => Carry {
                    residue_respondents: n,
                    residue_positives: positives,
                    residue_asked: asked.is_some(),
                    residue_not_asked: asked.is_none(),
                    residue_digest: digests[node],
                    ..Carry::default()
                },
            }
        } else if released {
            let band = here.band(k, &cell);
            if asked.is_some() {
                shown[node] = presentable(band, n);
            }
            Carry { cells: band, ..Carry::default() }
        } else {
            here
        };
    }
    shown
}

/// The sum of what the parts of `node` carry, with `node`'s own remainder as unknown.
fn gather(shape: &Shape, carry: &[Carry], node: usize) -> Carry {
    let mut here = Carry::default();
    for &part in shape.children(node) {
        here.add(&carry[part]);
    }
    if shape.is_whole(node) {
        here.unknown += remainder(shape, node);
    }
    here
}

/// Respondents of `node` outside its parts (0 or at least `k`, checked by `hierarchy`).
fn remainder(shape: &Shape, node: usize) -> u64 {
    let parts: u64 = shape.children(node).iter().map(|&p| u64::from(shape.count(p))).sum();
    u64::from(shape.count(node)).saturating_sub(parts)
}

/// The band as shown, unless it says nothing: nobody could be positive (which also covers a group
/// of no respondents), or it spans more than [`WIDEST_SHOWN_POINTS`] percentage points.
fn presentable(band: Span, n: u64) -> Option<PositivesBand> {
    let too_wide = (band.high - band.low) * 100 > WIDEST_SHOWN_POINTS * n;
    let narrow = |v: u64| u32::try_from(v).ok();
    if band.high == 0 || too_wide {
        return None;
    }
    Some(PositivesBand::new(narrow(band.low)?, narrow(band.high)?))
}
