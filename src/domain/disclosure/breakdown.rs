//! Counts of things that are not pupils' answers (trust-box conversations by topic, by outcome), in
//! one total broken down one level: which of them may be shown.
//!
//! The attacker is the one of `suppression`, on a tree of one level: a reader sees the total and every
//! shown part, so the hidden parts' sum is theirs by subtraction. Three rules, to a fixpoint:
//! * a total below `k` shows nothing (and none of its parts);
//! * a part of 1 to `k - 1` is hidden; an empty part is shown (a reader may take it as known to be 0);
//! * the hidden parts together hold 0 or at least `k`, and never just one non-empty part: else the
//!   smallest shown non-empty part is hidden too (ties by the order the parts are given in).
//!
//! Breakdowns of the same total are independent as long as their cross-tabulation is never shown (it
//! is not: the pages show each breakdown beside the total, never topic × outcome).

use super::k::K;
use super::released::Released;
use super::rounding::{Percent, coarsen};

/// One total and its parts, as shown: `None` where a count is withheld.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Breakdown {
    /// The total, or `None` when it is below `k` (then every part is `None` too).
    pub total: Option<u32>,
    /// The parts in the order given.
    pub parts: Vec<Option<u32>>,
}

/// A number of things (conversations, referrals) as the engine counts them: a region never holds
/// four billion of anything, and a count past that saturates rather than wraps.
pub fn count_of(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Which of `parts` (summing to at most `total`; the rest is in no part) may be shown at `k`.
///
/// Promises: every shown count is 0 or at least `k`; the hidden parts hold 0 or at least `k`
/// respondents together, and never exactly one of them is non-empty.
pub fn break_down(total: u32, parts: &[u32], k: K) -> Released<Breakdown> {
    let k = k.get();
    if total < k {
        return Released::new(Breakdown { total: None, parts: vec![None; parts.len()] });
    }
    let mut hidden: Vec<bool> = parts.iter().map(|&n| n > 0 && n < k).collect();
    loop {
        let hidden_sum: u32 = parts.iter().zip(&hidden).filter(|(_, h)| **h).map(|(n, _)| *n).sum();
        let hidden_non_empty = parts.iter().zip(&hidden).filter(|(n, h)| **h && **n > 0).count();
        let safe = hidden_sum == 0 || (hidden_sum >= k && hidden_non_empty != 1);
        if safe {
            break;
        }
        let smallest_shown = (0..parts.len()).filter(|&i| !hidden[i] && parts[i] > 0).min_by_key(|&i| parts[i]);
        match smallest_shown {
            Some(i) => hidden[i] = true,
            // Nothing left to hide beside them: the residue is the part of the total in no part,
            // which the reader cannot split further; withhold the whole breakdown.
            None => return Released::new(Breakdown { total: Some(total), parts: vec![None; parts.len()] }),
        }
    }
    let shown = parts.iter().zip(&hidden).map(|(&n, &h)| (!h).then_some(n)).collect();
    Released::new(Breakdown { total: Some(total), parts: shown })
}

/// The share `part / whole` as shown: rounded as every rate is (`rounding`), and only for a whole
/// of at least `k`.
pub fn share(part: u32, whole: u32, k: K) -> Option<Released<Percent>> {
    (whole >= k.get() && part <= whole).then(|| Released::new(coarsen(part, whole).percent))
}

/// The share of the total that each part of `breakdown` holds, rounded as every rate is: only for a
/// part that is shown, of a total that is shown (at least `k`), so a share never gives away a count
/// the breakdown withheld.
pub fn part_shares(breakdown: &Released<Breakdown>, k: K) -> Vec<Option<Released<Percent>>> {
    let shown = breakdown.get();
    shown.parts.iter().map(|part| part.zip(shown.total).and_then(|(part, total)| share(part, total, k))).collect()
}

/// The median and the 90th percentile of some durations (nearest rank), as shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Typical {
    /// Half took at most this long.
    pub median: u32,
    /// Nine in ten took at most this long.
    pub p90: u32,
}

/// The typical duration of `values` (hours, days), only over at least `k` of them.
pub fn typical(values: &[u32], k: K) -> Option<Released<Typical>> {
    if values.is_empty() || values.len() < k.get() as usize {
        return None;
    }
    let mut sorted = values.to_vec();
    sorted.sort_unstable();
    let rank = |share: usize| sorted[(sorted.len() * share).div_ceil(100).max(1) - 1];
    Some(Released::new(Typical { median: rank(50), p90: rank(90) }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn k(value: u32) -> K {
        K::new(value).unwrap()
    }

    /// Every assignment of the hidden parts consistent with what is shown (each hidden part 1..=total
    /// when non-empty, or 0): the attacker's whole knowledge on a one-level tree.
    fn consistent(total: u32, shown: &[Option<u32>], rest: u32) -> Vec<Vec<u32>> {
        let known: u32 = shown.iter().flatten().sum();
        let hidden: Vec<usize> = (0..shown.len()).filter(|&i| shown[i].is_none()).collect();
        let mut found = Vec::new();
        let mut values = vec![0u32; hidden.len()];
        loop {
            if known + values.iter().sum::<u32>() + rest == total {
                found.push(values.clone());
            }
            let mut i = 0;
            loop {
                if i == values.len() {
                    return found;
                }
                values[i] += 1;
                if values[i] <= total {
                    break;
                }
                values[i] = 0;
                i += 1;
            }
        }
    }

    #[test]
    fn a_total_below_k_shows_nothing() {
        let out = break_down(9, &[5, 4], k(10));
        assert_eq!(out.get(), &Breakdown { total: None, parts: vec![None, None] });
    }

    #[test]
    fn a_small_part_is_hidden_with_the_next_smallest_so_neither_follows_by_subtraction() {
        let out = break_down(40, &[25, 12, 3, 0], k(10));
        assert_eq!(out.get().parts, vec![Some(25), None, None, Some(0)]);
    }

    #[test]
    fn hidden_parts_holding_fewer_than_k_together_pull_in_more() {
        // 3 + 4 = 7 < 10: the 15 goes too, so the hidden hold 22.
        let out = break_down(60, &[38, 15, 4, 3], k(10));
        assert_eq!(out.get().parts, vec![Some(38), None, None, None]);
    }

    #[test]
    fn a_breakdown_with_nothing_left_to_hide_beside_its_small_part_is_withheld() {
        let out = break_down(12, &[3, 0], k(10));
        assert_eq!(out.get(), &Breakdown { total: Some(12), parts: vec![None, None] });
    }

    #[test]
    fn no_hidden_non_empty_part_can_be_pinned_below_k_by_a_reader_who_tries_every_count() {
        let k = k(5);
        for total in 0..=14u32 {
            for a in 0..=total {
                for b in 0..=total - a {
                    for c in 0..=total - a - b {
                        let parts = [a, b, c];
                        let rest = total - a - b - c;
                        let out = break_down(total, &parts, k);
                        let shown = &out.get().parts;
                        for (i, part) in shown.iter().enumerate() {
                            if let Some(n) = part {
                                assert!(*n == 0 || *n >= 5, "{parts:?} of {total} shows {n}");
                            } else if out.get().total.is_some() && parts[i] > 0 {
                                // Among the assignments a reader cannot rule out, the true small
                                // part is not the only value left for its place.
                                let place = shown[..i].iter().filter(|p| p.is_none()).count();
                                let worlds = consistent(total, shown, rest);
                                let values: std::collections::BTreeSet<u32> = worlds.iter().map(|w| w[place]).collect();
                                assert!(values.len() > 1, "{parts:?} of {total}: part {i} is pinned");
                            }
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn typical_durations_need_k_values_and_take_the_nearest_rank() {
        assert_eq!(typical(&[1, 2, 3, 4], k(5)), None);
        let shown = typical(&[9, 1, 8, 2, 7, 3, 6, 4, 5, 10], k(10)).map(|t| *t.get());
        assert_eq!(shown, Some(Typical { median: 5, p90: 9 }));
    }

    #[test]
    fn a_share_needs_a_whole_of_k_and_is_rounded() {
        assert_eq!(share(3, 9, k(10)), None);
        assert_eq!(share(11, 10, k(10)), None);
        assert_eq!(share(7, 20, k(10)).map(|p| *p.get()), Some(Percent::Exactly(35)));
    }

    #[test]
    fn shares_follow_the_shown_parts_only() {
        let shown = break_down(22, &[12, 1, 0, 9], k(10));
        let shares = part_shares(&shown, k(10));
        assert_eq!(shown.get().parts, vec![Some(12), None, Some(0), None], "1 hidden, and 9 with it");
        assert!(shares[1].is_none() && shares[3].is_none(), "no share of a hidden part");
        assert_eq!(shares[0].as_ref().map(|p| *p.get()), Some(Percent::Exactly(55)));
        assert_eq!(shares[2].as_ref().map(|p| *p.get()), Some(Percent::AtMost(5)));
        let open = break_down(40, &[30, 10], k(10));
        let shares: Vec<_> = part_shares(&open, k(10)).into_iter().map(|p| p.map(|p| *p.get())).collect();
        assert_eq!(shares, vec![Some(Percent::Exactly(75)), Some(Percent::Exactly(25))]);
        assert!(part_shares(&break_down(9, &[9], k(10)), k(10)).iter().all(Option::is_none), "no total, no share");
    }
}
