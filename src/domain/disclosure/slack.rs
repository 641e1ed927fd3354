//! Rolls and bands bound withheld groups: how much a released total leaves open about them.
//!
//! Before a wave closes, staff have seen every class's roll and its participation band; at close
//! a released whole gives the exact total of the withheld classes below it (its residue, see
//! `suppression`). Each withheld class lies within an interval its reader knows without that total:
//! its last band, which the roll already cuts (`participation`); at most the smallest class
//! released beside it (parts are hidden smallest first, and the rule is public); and at least 1
//! (withheld classes are taken as known not to be empty, as suppression takes empty ones as known to
//! be 0). With the total known, a class `h` can lie anywhere in
//!
//! `[max(low_h, total − Σ_{others} high), min(high_h, total − Σ_{others} low)]`,
//!
//! and nowhere else (a sum of intervals takes every value between its ends). Write `above` for how
//! far the withheld classes could all rise (`Σ high − count`), `below` for how far they could all
//! fall (`Σ count − low`) and `w = high_h − low_h`: the range above is `min(w, below) + min(w,
//! above) − w + 1` counts wide. That shrinks as `w` grows past `min(above, below)`, while what a
//! class is owed (`min(k, w + 1)` counts) grows with `w`, so checking the widest class checks them
//! all.
//!
//! The rule: every withheld class whose band reaches below `k` (from the bands alone nobody can
//! tell a small class from the complement that protects it) keeps at least `k` possible counts, or
//! every count of its interval. A released total below which the rule fails must hide more (see
//! `suppression`) or not be shown (see `apart`). Everything the final check reads is public once the
//! total is: the bands, the rolls, the released classes and the total. The checks that failed before
//! it are not, and say a little (see `docs/privacy.md`, residual risks).
//!
//! What this costs: with full participation every class sits at its roll, nothing can rise, and a
//! school with a class below `k` shows no exact total at all (its classes' bands are all it shows).
//! That is not a choice: with everybody answering, the school's total equals the sum of the rolls
//! and says that every class, the small one too, answered in full.

use super::k::K;
use super::participation::ParticipationBand;

/// What the withheld cells of one sum leave open, once their total is released.
///
/// Promises: [`Slack::leaves_small_cells_open`] holds exactly when every cell added whose band
/// reaches below `k` keeps at least `k` possible counts, or its whole interval, given the total and
/// every cell's interval (its band, its cap, at least 1).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct Slack {
    /// How far the cells could all rise within their bands: `Σ (high − count)`.
    above: u64,
    /// How far they could all fall: `Σ (count − low)`, with `low` at least 1.
    below: u64,
    /// The widest interval (`high − low`) among cells whose band reaches below `k`.
    widest_small: u32,
}

impl Slack {
    /// One withheld cell (a group with no parts) of `count` respondents and roll `roll`, known to
    /// hold at most `cap` where the reader can tell (see `suppression`: below the smallest part
    /// released beside it).
    pub(super) fn of_cell(count: u32, roll: Option<u32>, cap: Option<u32>, k: K) -> Self {
        let band = ParticipationBand::of(count, roll, k);
        let low = band.low().max(1);
        let high = cap.map_or(band.high(), |cap| band.high().min(cap)).max(count);
        Self {
            above: u64::from(high.saturating_sub(count)),
            below: u64::from(count.saturating_sub(low)),
            widest_small: if band.low() < k.get() { high.saturating_sub(low) } else { 0 },
        }
    }

    /// The cells of `self` and of `other` together, in one sum.
    #[must_use]
    pub(super) fn with(self, other: Self) -> Self {
        Self {
            above: self.above + other.above,
            below: self.below + other.below,
            widest_small: self.widest_small.max(other.widest_small),
        }
    }

    /// Whether releasing the cells' total leaves every cell whose band reaches below `k` at least
    /// `k` possible counts, or every count of its interval.
    pub(super) fn leaves_small_cells_open(self, k: K) -> bool {
        let widest = u64::from(self.widest_small);
        let open = (widest.min(self.below) + widest.min(self.above)).saturating_sub(widest);
        open >= widest.min(u64::from(k.get()) - 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn k10() -> K {
        K::default()
    }

    fn cells(cells: &[(u32, u32)]) -> Slack {
        let cell = |count, roll| Slack::of_cell(count, Some(roll), None, k10());
        cells.iter().fold(Slack::default(), |sum, &(count, roll)| sum.with(cell(count, roll)))
    }

    #[test]
    fn a_complement_at_its_roll_leaves_the_small_class_pinned() {
        // The case: roll 10 (band 0-10, and full) beside 4 of 6. Remainder 14 less at most
        // 10 is at least 4: the small class is bounded away from nobody.
        assert!(!cells(&[(10, 10), (4, 6)]).leaves_small_cells_open(k10()));
    }

    #[test]
    fn full_participation_leaves_nothing_open() {
        assert!(!cells(&[(25, 25), (12, 12), (4, 4)]).leaves_small_cells_open(k10()));
    }

    #[test]
    fn room_above_and_below_keeps_the_small_class_s_whole_band() {
        // 4 of 9 (band 0-9, so 1-9 once known not empty): needs 8 of room each way.
        assert!(cells(&[(4, 9), (14, 25), (12, 29)]).leaves_small_cells_open(k10()));
        assert!(!cells(&[(4, 9), (14, 25)]).leaves_small_cells_open(k10()));
    }

    #[test]
    fn a_wide_band_needs_k_counts_not_all_of_them() {
        // 5 of 18: band 0-18, 1-18 once known not empty; 10 counts of the 18 are enough.
        let small = Slack::of_cell(5, Some(18), None, k10());
        let room = Slack { above: 5, below: 5, widest_small: 0 };
        assert!(small.with(room).leaves_small_cells_open(k10()), "4 + 5 below, 13 + 5 above");
        let tight = Slack { above: 0, below: 0, widest_small: 0 };
        assert!(!small.with(tight).with(Slack { above: 0, below: 4, widest_small: 0 }).leaves_small_cells_open(k10()));
    }

    #[test]
    fn cells_that_cannot_be_small_ask_for_nothing() {
        assert!(cells(&[(25, 25), (22, 22)]).leaves_small_cells_open(k10()));
    }
}
