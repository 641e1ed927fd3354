//! The engine's entry point: exact tallies in, a [`GroupReport`] tree of released figures out.

use std::collections::BTreeSet;

use super::acute::AcuteSignal;
use super::error::DisclosureError;
use super::hierarchy::Hierarchy;
use super::indicators::IndicatorBook;
use super::k::K;
use super::noise::{CellDigest, Noise};
use super::participation::participation_bands;
use super::positives::bands;
use super::rate::PositivesBand;
use super::released::Released;
use super::report::{Disclosed, GroupFigures, GroupReport};
use super::suppression::{Visibility, suppress};
use super::tally::GroupTally;

/// Whether the wave the tallies come from is still collecting answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum WaveState {
    /// Collecting: participation bands only, nothing about content (docs/privacy.md promise 4).
    Open,
    /// Closed and frozen: content figures under suppression and rounding.
    Closed,
}

/// Applies every anonymity rule but the noise to a view of `root` and its parts at threshold `k`:
/// the exact engine, as [`disclose_noisy`] with [`Noise::none`].
///
/// # Errors
/// As [`disclose_noisy`].
pub fn disclose<Key: Clone + Ord>(
    root: &GroupTally<Key>,
    k: K,
    wave: WaveState,
) -> Result<GroupReport<Key>, DisclosureError<Key>> {
    disclose_noisy(root, k, wave, &Noise::none())
}

/// Applies every anonymity rule to a view of `root` and its parts at threshold `k`, with `noise` on
/// the positives of every released cell (see `noise`).
///
/// Promises, for [`WaveState::Closed`]: a group is released only with at least `k` respondents;
/// for every released whole the respondents reachable through its hidden parts total 0 or at least
/// `k`; no hidden group with respondents can be recomputed from the released counts through any
/// combination of the sum equations; rates are rounded, extremes coarsened and no field undoes
/// that (see `rate`); a released whole's rates are the sums of its cells' bands, so positives
/// cannot be subtracted either (see `positives`); each cell's positives carry the same offset in
/// every view, so planted answers teach little (see `noise`); the acute count is only ever "≥1" or
/// "none"; with the rolls given and the bands shown while the wave was open, no hidden class that
/// may be small is narrowed below `k` possible counts (see `slack`). For [`WaveState::Open`]: every
/// group shows a participation band and nothing else, cut from its roll when given, a whole's the
/// sum of its cells' (see `participation`).
///
/// Runs in time linear in the number of groups (plus sorting each whole's parts, and reading a
/// whole's hidden classes again each time one more is hidden there, see `suppression`).
///
/// # Errors
/// [`DisclosureError`] when the tallies are inconsistent, a part is not finer than its whole, or a
/// breakdown leaves between 1 and `k - 1` respondents outside its parts (refused, never silently
/// hidden).
pub fn disclose_noisy<Key: Clone + Ord>(
    root: &GroupTally<Key>,
    k: K,
    wave: WaveState,
    noise: &Noise,
) -> Result<GroupReport<Key>, DisclosureError<Key>> {
    let hierarchy = Hierarchy::build(root, k)?;
    let mut disclosed: Vec<Option<Disclosed>> = match wave {
        WaveState::Open => participation_bands(hierarchy.shape(), k)
            .into_iter()
            .map(|band| Some(Disclosed::Participation(Released::new(band))))
            .collect(),
        WaveState::Closed => {
            let visibility = suppress(hierarchy.shape(), k);
            return Ok(released(&hierarchy, visibility, k, noise));
        }
    };
    Ok(assemble(&hierarchy, &mut disclosed, 0))
}

/// The report of a closed wave's `hierarchy` once suppression has decided `visibility`: released
/// groups get their figures (wholes the sums of their cells, cells with `noise`), the rest nothing.
pub(super) fn released<Key: Clone>(
    hierarchy: &Hierarchy<'_, Key>,
    visibility: Vec<Visibility>,
    k: K,
    noise: &Noise,
) -> GroupReport<Key> {
    let mut book = IndicatorBook::default();
    let digests = cell_digests(hierarchy, noise);
    let mut whole_bands = WholeBands::of(hierarchy, &visibility, k, noise, &digests);
    let cells = Cells { noise, digests: &digests, acute_shown: super::acute::shown(hierarchy, &visibility, k) };
    let mut disclosed: Vec<Option<Disclosed>> = visibility
        .into_iter()
        .enumerate()
        .map(|(node, seen)| Some(content(hierarchy, &mut book, &mut whole_bands, &cells, node, seen)))
        .collect();
    assemble(hierarchy, &mut disclosed, 0)
}

/// The noise of one view and the name of each of its groups without parts.
struct Cells<'a> {
    noise: &'a Noise,
    digests: &'a [CellDigest],
    /// Whether each group may show its acute signal (see `acute::shown`).
    acute_shown: Vec<bool>,
}

/// The noise name of every group without parts (wholes get none: they show their cells' sum).
fn cell_digests<Key>(hierarchy: &Hierarchy<'_, Key>, noise: &Noise) -> Vec<CellDigest> {
    let shape = hierarchy.shape();
    (0..shape.len())
        .map(|node| {
            if shape.is_whole(node) {
                CellDigest::default()
            } else {
                noise.cell(hierarchy.group(node).cell_name().unwrap_or_default())
            }
        })
        .collect()
}

fn content<Key>(
    hierarchy: &Hierarchy<'_, Key>,
    book: &mut IndicatorBook,
    whole_bands: &mut WholeBands,
    cells: &Cells<'_>,
    node: usize,
    visibility: Visibility,
) -> Disclosed {
    if visibility != Visibility::Released {
        return Disclosed::Withheld;
    }
    let group = hierarchy.group(node);
    let n = group.respondents();
    let indicators = if hierarchy.shape().is_whole(node) {
        book.release_bands(whole_bands.take(node).into_iter(), n)
    } else {
        let digest = cells.digests[node];
        let shown = |name: &String, x: u32| {
            let x = cells.noise.perturb(u64::from(x), u64::from(n), digest, name);
            u32::try_from(x).unwrap_or(n)
        };
        book.release(group.indicators().iter().map(|(name, &x)| (name, shown(name, x))), n)
    };
    let acute = group.acute().filter(|_| cells.acute_shown[node]).map(AcuteSignal::from_count);
    Disclosed::Figures(Released::new(GroupFigures::new(n, indicators, acute)))
}

/// The band each released whole shows per indicator, computed one indicator at a time.
struct WholeBands {
    by_node: Vec<Vec<(String, PositivesBand)>>,
}

impl WholeBands {
    fn of<Key>(
        hierarchy: &Hierarchy<'_, Key>,
        visibility: &[Visibility],
        k: K,
        noise: &Noise,
        digests: &[CellDigest],
    ) -> Self {
        let shape = hierarchy.shape();
        let released_whole = |node: usize| visibility[node] == Visibility::Released && shape.is_whole(node);
        let names: BTreeSet<&str> = (0..shape.len())
            .filter(|&node| released_whole(node))
            .flat_map(|node| hierarchy.group(node).indicators().keys().map(String::as_str))
            .collect();
        let mut by_node = vec![Vec::new(); shape.len()];
        for name in names {
            for (node, band) in bands(hierarchy, visibility, name, k, noise, digests).into_iter().enumerate() {
                if let Some(band) = band.filter(|_| released_whole(node)) {
                    by_node[node].push((name.to_owned(), band));
                }
            }
        }
        Self { by_node }
    }

    /// The bands of `node`, in indicator-name order.
    fn take(&mut self, node: usize) -> Vec<(String, PositivesBand)> {
        std::mem::take(&mut self.by_node[node])
    }
}

/// Rebuilds the caller's tree below `node` from the per-node decisions. Recursion is bounded by
/// the number of levels, since `Hierarchy` only accepts parts at a finer level than their whole.
fn assemble<Key: Clone>(
    hierarchy: &Hierarchy<'_, Key>,
    disclosed: &mut [Option<Disclosed>],
    node: usize,
) -> GroupReport<Key> {
    let parts = hierarchy.shape().children(node).iter().map(|&part| assemble(hierarchy, disclosed, part)).collect();
    let group = hierarchy.group(node);
    let shown = disclosed[node].take().unwrap_or(Disclosed::Withheld);
    GroupReport::new(group.level(), group.key().clone(), shown, parts)
}
