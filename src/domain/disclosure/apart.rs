//! A whole whose parts are disclosed each on its own: a region over its schools.
//!
//! Every role that may see a school sees the same figures of it: its psychologist on the wave page,
//! the centre on that page and in the region overview, and (through the region's sums) the national
//! analyst. So a school's classes are suppressed within the school alone, exactly as the school's
//! own page does, and the region never hides a released school to protect a small one (a school
//! withheld in the overview but shown on its own page gave the small one back by subtraction).
//!
//! The region then shows only what its cells add up to (see `positives`): the released schools, and
//! the schools withheld on their own pages taken together when at least two of them hold at least
//! `k` respondents and their classes' rolls and bands leave each of those classes that may be small
//! at least `k` possible counts (see `slack`: with full participation the pool's total would be the
//! sum of their rolls). Otherwise those few are left out of the region's figures altogether, and its
//! respondents are those of the schools it shows: region minus schools is 0, and says nothing.

use super::disclose::released;
use super::error::DisclosureError;
use super::hierarchy::Hierarchy;
use super::k::K;
use super::noise::Noise;
use super::report::{Disclosed, GroupReport};
use super::shape::Shape;
use super::slack::Slack;
use super::suppression::{Visibility, suppress};
use super::tally::GroupTally;

/// Discloses `root` (a closed wave's region) with each part suppressed as its own view suppresses it.
///
/// Promises: every part's figures, and those of everything below it, are exactly what
/// [`super::disclose_noisy`] of that part alone releases; the root's respondents are its shown parts' plus
/// the withheld ones when those are at least two, at least `k` together, and leave their classes
/// that may be small open within the rolls and bands; the root's rates are the sums of its cells.
/// With the same `noise`, every cell shows the same count as on the part's own page.
///
/// # Errors
/// As [`super::disclose`], for the root or any part.
pub fn disclose_apart<Key: Clone + Ord>(
    root: GroupTally<Key>,
    k: K,
    noise: &Noise,
) -> Result<GroupReport<Key>, DisclosureError<Key>> {
    let mut part_visibility = Vec::with_capacity(root.parts().len());
    let mut part_slack = Vec::with_capacity(root.parts().len());
    for part in root.parts() {
        let hierarchy = Hierarchy::build(part, k)?;
        let visibility = suppress(hierarchy.shape(), k);
        part_slack.push(hidden_cells(hierarchy.shape(), &visibility, k));
        part_visibility.push(visibility);
    }
    let withheld: Vec<bool> = part_visibility.iter().map(|v| v[0] != Visibility::Released).collect();
    let with_respondents = |at: usize| withheld[at] && root.parts()[at].respondents() > 0;
    let hidden: Vec<usize> = (0..withheld.len()).filter(|&at| with_respondents(at)).collect();
    let hidden_total: u64 = hidden.iter().map(|&at| u64::from(root.parts()[at].respondents())).sum();
    let pooled = hidden.iter().fold(Slack::default(), |sum, &at| sum.with(part_slack[at]));
    let pools = hidden.len() >= 2 && hidden_total >= u64::from(k.get()) && pooled.leaves_small_cells_open(k);
    let left_out = if pools { Vec::new() } else { hidden };
    let (kept_root, left_out_parts) = without_parts(root, &left_out);
    let kept_visibility = part_visibility.into_iter().enumerate().filter(|(at, _)| !left_out.contains(at));
    let mut visibility = vec![root_visibility(kept_root.respondents(), k)];
    visibility.extend(kept_visibility.flat_map(|(_, v)| v));
    let hierarchy = Hierarchy::build(&kept_root, k)?;
    let report = released(&hierarchy, visibility, k, noise);
    Ok(report.with_withheld_parts(left_out_parts.into_iter().map(|(at, part)| (at, withheld_report(&part))).collect()))
}

/// What the hidden groups without parts of one part's view leave open: the unknowns its total adds
/// to the region's sum when it is pooled. A pooled part is withheld on its own page, so nothing
/// beside them is released there to cap them.
fn hidden_cells(shape: &Shape, visibility: &[Visibility], k: K) -> Slack {
    (0..shape.len())
        .filter(|&node| !shape.is_whole(node) && visibility[node] == Visibility::Hidden)
        .fold(Slack::default(), |sum, node| sum.with(Slack::of_cell(shape.count(node), shape.roll(node), None, k)))
}

fn root_visibility(respondents: u32, k: K) -> Visibility {
    match respondents {
        0 => Visibility::Empty,
        n if n < k.get() => Visibility::Hidden,
        _ => Visibility::Released,
    }
}

/// `root` without the parts at `left_out` (their respondents and counts taken off the root), and
/// those parts with their places.
fn without_parts<Key>(root: GroupTally<Key>, left_out: &[usize]) -> (GroupTally<Key>, Vec<(usize, GroupTally<Key>)>) {
    let roll = root.roll();
    let (level, key, respondents, indicators, acute, parts) = root.into_pieces();
    let mut kept = Vec::with_capacity(parts.len());
    let mut out = Vec::new();
    for (at, part) in parts.into_iter().enumerate() {
        if left_out.contains(&at) { out.push((at, part)) } else { kept.push(part) }
    }
    let minus = |total: u32, taken: u32| total.saturating_sub(taken);
    let taken_respondents = out.iter().map(|(_, p)| p.respondents()).sum();
    let mut whole = GroupTally::new(level, key, minus(respondents, taken_respondents));
    let taken_rolls = out.iter().try_fold(0_u32, |sum, (_, p)| sum.checked_add(p.roll()?));
    if let Some(roll) = roll.zip(taken_rolls).and_then(|(roll, taken)| roll.checked_sub(taken)) {
        whole = whole.with_roll(roll);
    }
    for (name, count) in indicators {
        let taken = out.iter().filter_map(|(_, p)| p.indicators().get(&name)).sum();
        whole = whole.with_indicator(name, minus(count, taken));
    }
    if let Some(acute) = acute {
        whole = whole.with_acute(minus(acute, out.iter().filter_map(|(_, p)| p.acute()).sum()));
    }
    (whole.with_parts(kept), out)
}

/// A report of `tally` and everything below it with nothing released.
fn withheld_report<Key: Clone>(tally: &GroupTally<Key>) -> GroupReport<Key> {
    let parts = tally.parts().iter().map(withheld_report).collect();
    GroupReport::new(tally.level(), tally.key().clone(), Disclosed::Withheld, parts)
}
