//! Participation while a wave is open: respondents in bands at least `k` wide, and nothing else.
//!
//! docs/privacy.md promise 4: no watching it fill up. Staff also know each class's roll (its number of
//! pupils), so a band is cut from the roll, not only from `k`
//! (docs/privacy.md#rolls-and-participation-bands-participationrs-slackrs):
//!
//! * a group with a known roll `r` has the bands `0..=r` cut into widths of `k` from 0, the last
//!   one merged into the one before it when it is narrower than `k` (`r = 25`, `k = 10`: `0-9`,
//!   `10-25`; `r = 12`: only `0-12`). So no band, once the roll cuts it, says less than `k` counts
//!   (or, below `2k - 1` pupils, anything but "somewhere between nobody and everybody");
//! * a group with no known roll keeps the plain bands `[j·k, j·k + k - 1]`;
//! * a whole (the school) shows the sum of its cells' bands: its parts' and its remainder's. A band
//!   of its own, cut from its own count, would be a second look at the same pupils: classes at
//!   `10-19` and `0-9` under a school at `20-29` leave the first with `11-19` only. A sum of bands
//!   is a function of the bands, so it tells nothing they do not; and it is as wide as all of them.
//!
//! Promise: whatever the rolls and counts, every class's count consistent with all the bands and
//! rolls shown for an open wave spans at least `k` values or the whole of `0..=roll`
//! (`tests/participation_attacker.rs` here checks it by trying every count).

use serde::Serialize;

use super::k::K;
use super::shape::Shape;

/// A range of respondent counts, such as `0-9`, `10-25` or, for a school, `20-47`.
///
/// Promises: at least `k` counts wide, or all of `0..=roll` for a group whose roll is below
/// `2k - 1`; built only by the engine, from a count, its roll and `k`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ParticipationBand {
    low: u32,
    high: u32,
}

impl ParticipationBand {
    /// The band holding `responses` in a group of `roll` pupils (when known) at threshold `k`.
    ///
    /// A count above the roll cannot happen (the engine refuses such a tally); it is put in the
    /// last band rather than in one past the roll.
    pub(super) fn of(responses: u32, roll: Option<u32>, k: K) -> Self {
        let k = k.get();
        let Some(roll) = roll else {
            let low = responses / k * k;
            return Self { low, high: low.saturating_add(k - 1) };
        };
        let whole_bands = roll.saturating_add(1) / k;
        if whole_bands == 0 {
            return Self { low: 0, high: roll };
        }
        let last = whole_bands - 1;
        let index = (responses / k).min(last);
        let low = index * k;
        Self { low, high: if index == last { roll } else { low + k - 1 } }
    }

    /// The band of a whole: what its cells' bands add up to.
    fn plus(self, other: Self) -> Self {
        Self { low: self.low.saturating_add(other.low), high: self.high.saturating_add(other.high) }
    }

    /// The smallest count in the band.
    pub fn low(self) -> u32 {
        self.low
    }

    /// The largest count in the band.
    pub fn high(self) -> u32 {
        self.high
    }
}

/// Every group's band in an open wave, numbered as `shape`'s nodes: a group without parts by its
/// count and roll, a whole as the sum of its parts' bands and its remainder's (a remainder of 0
/// adds nothing; otherwise its roll is the whole's roll less its parts' rolls, when all are known).
pub(super) fn participation_bands(shape: &Shape, k: K) -> Vec<ParticipationBand> {
    let zero = ParticipationBand { low: 0, high: 0 };
    let mut bands = vec![zero; shape.len()];
    for node in (0..shape.len()).rev() {
        let parts = shape.children(node);
        if parts.is_empty() {
            bands[node] = ParticipationBand::of(shape.count(node), shape.roll(node), k);
            continue;
        }
        let in_parts: u32 = parts.iter().map(|&part| shape.count(part)).sum();
        let left_out = shape.count(node).saturating_sub(in_parts);
        let remainder =
            if left_out == 0 { zero } else { ParticipationBand::of(left_out, shape.remainder_roll(node), k) };
        bands[node] = parts.iter().fold(remainder, |sum, &part| sum.plus(bands[part]));
    }
    bands
}

impl std::fmt::Display for ParticipationBand {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}-{}", self.low, self.high)
    }
}

impl Serialize for ParticipationBand {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn k(k: u32) -> K {
        K::new(k).unwrap_or_default()
    }

    fn band(responses: u32, k: u32) -> String {
        ParticipationBand::of(responses, None, self::k(k)).to_string()
    }

    fn cut(responses: u32, roll: u32, k: u32) -> String {
        ParticipationBand::of(responses, Some(roll), self::k(k)).to_string()
    }

    #[test]
    fn bands_of_ten_for_the_default_k() {
        let table = [(0, "0-9"), (9, "0-9"), (10, "10-19"), (19, "10-19"), (23, "20-29")];
        for (responses, expected) in table {
            assert_eq!(band(responses, 10), expected, "{responses} responses");
        }
    }

    #[test]
    fn bands_follow_a_raised_or_lowered_k() {
        assert_eq!(band(6, 5), "5-9");
        assert_eq!(band(14, 7), "14-20");
        assert_eq!(band(29, 15), "15-29");
    }

    #[test]
    fn a_roll_merges_a_last_band_narrower_than_k_into_the_one_before() {
        let table = [(0, "0-9"), (9, "0-9"), (10, "10-25"), (20, "10-25"), (25, "10-25")];
        for (responses, expected) in table {
            assert_eq!(cut(responses, 25, 10), expected, "{responses} of 25");
        }
        assert_eq!(cut(22, 30, 10), "20-30", "a last band of 11 stands alone");
        assert_eq!(cut(19, 19, 10), "10-19", "a last band of exactly k stands alone");
    }

    #[test]
    fn a_roll_below_two_k_gives_one_band_that_says_nothing() {
        assert_eq!(cut(10, 10, 10), "0-10", "the issue's case: roll 10 is not \"10-19\"");
        assert_eq!(cut(12, 12, 10), "0-12");
        assert_eq!(cut(3, 4, 10), "0-4");
        assert_eq!(cut(0, 18, 10), "0-18");
    }

    #[test]
    fn no_band_cut_by_a_roll_is_narrower_than_k_or_the_whole_roll() {
        for kk in [5, 7, 10, 15] {
            for roll in 0..=60 {
                for responses in 0..=roll {
                    let b = ParticipationBand::of(responses, Some(roll), k(kk));
                    assert!(
                        b.low() <= responses && responses <= b.high() && b.high() <= roll,
                        "{b} {responses}/{roll}"
                    );
                    assert!(b.high() - b.low() + 1 >= kk || (b.low() == 0 && b.high() == roll), "{b} of {roll}");
                }
            }
        }
    }

    #[test]
    fn a_school_shows_the_sum_of_its_classes_bands() {
        let mut shape = Shape::with_capacity(3);
        let school = shape.push(None, 34);
        shape.push(Some(school), 25);
        shape.push(Some(school), 9);
        shape.set_roll(1, Some(25));
        shape.set_roll(2, Some(30));
        let shown: Vec<String> = participation_bands(&shape, k(10)).iter().map(ToString::to_string).collect();
        assert_eq!(shown, ["10-34", "10-25", "0-9"]);
    }
}
