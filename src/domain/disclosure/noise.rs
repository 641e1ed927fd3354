//! Calibrated noise on the positives of every released cell, so that planted answers teach nothing
//! (docs/privacy.md promise 8; the mechanism is explained in
//! docs/privacy.md#planted-answers-calibrated-noise-on-every-cell-noisers).
//!
//! # The attack
//! Whoever holds a class password can answer in a class. Nine planted answers next to one real
//! pupil in a class of ten make the class released (ten respondents), and the planter, who knows
//! the nine, reads the tenth pupil's answers off the class's rates: suppression and rounding look at
//! the respondents, and cannot tell planted ones from real ones. Choosing the planted answers so that
//! the real pupil's answer moves the shown value across a rounding step defeats the rounding too.
//!
//! # The defence: the two-sided geometric mechanism
//! Before a cell's positives are rounded (see `positives`: a cell is a released group without parts,
//! or the withheld remainder of a whole), an offset `Z` is added and the result kept within
//! `0..=n`: `P(Z = z) ∝ α^|z|` with `α = 1/3`. This is the discrete Laplace ("two-sided geometric")
//! mechanism of Ghosh, Roughgarden and Sundararajan (2009): one pupil changes a cell's count by at
//! most one, so whatever the planter sees, each real pupil's answer changes the chance of seeing it
//! by a factor of at most `1/α = 3` (ε-differential privacy with ε = ln 3 ≈ 1.1 per cell and
//! indicator). A planter who starts from even odds guesses one pupil's answer right with a chance of
//! at most 3/4, and cannot do better by reloading: the offset is a keyed pseudo-random function of
//! the cell and the indicator, so every view, role and reload shows the same value, and an average
//! of many looks is the one look.
//!
//! # What a reader sees
//! Half of the cells show their exact count, a third are one off, one in six two or more (the mean
//! square offset is `2α/(1-α)² = 1.5`). In a class of 25 one pupil is 4 percentage points, so the
//! class shows its own rate in half the cases and one rounding step away in most of the others. A
//! whole (a school, a region) is the sum of its cells' bands, so its offsets add up and shrink
//! against its size: about one percentage point for a school of 500 in 20 classes.
//! Flags and signals are computed on exact counts elsewhere and never pass through here.
//!
//! # Which cell is which
//! The offset of a cell depends only on the secret key, the names of the groups the cell is made of
//! and the indicator, never on counts or on the view. A cell without parts is named by its caller
//! (`GroupTally::with_cell_name`, e.g. wave and class); a withheld remainder by the set of the cells
//! in it, so a school's remainder gets the same offset on the school's page and inside its region.
//! The key is kept by the deployment and never changes (a new key would show every frozen figure
//! with fresh offsets, a second look).

use std::hash::Hasher;

use siphasher::sip128::{Hasher128, SipHasher24};

/// `α = 1/NOISE_BASE`: each further count of offset is this many times less likely.
const NOISE_BASE: u128 = 3;

/// The privacy loss per cell and indicator, `ln 3`: how much one pupil's answer may change the
/// chance of any shown value (as a natural logarithm of the factor).
pub const NOISE_EPSILON: f64 = 1.098_612_288_668_109_8;

/// The mean squared offset of one cell, `2α/(1-α)²` at `α = 1/3`: what intervals must allow for.
pub const NOISE_VARIANCE: f64 = 1.5;

/// The largest offset drawn; the chance of a larger one (`3^-40`) is nil.
const LARGEST_OFFSET: u32 = 40;

/// The deployment's secret key for the offsets: kept with the data, never shown, never changed.
#[derive(Clone, PartialEq, Eq)]
pub struct NoiseKey([u8; 16]);

impl NoiseKey {
    /// A key from its 16 bytes (as stored).
    pub fn from_bytes(bytes: [u8; 16]) -> Self {
        Self(bytes)
    }

    /// A fresh random key, for a deployment that has none yet.
    pub fn generate() -> Self {
        Self(rand::random())
    }

    /// The key's bytes, to store it.
    pub fn to_bytes(&self) -> [u8; 16] {
        self.0
    }
}

impl std::fmt::Debug for NoiseKey {
    /// Never the key itself.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("NoiseKey(..)")
    }
}

/// Whether and how released cells are perturbed.
///
/// Why a choice: the exact engine is what the suppression, rounding and positives audits are proved
/// on (their attackers know every count the engine would use); the application always discloses with
/// a key.
#[derive(Debug, Clone)]
pub struct Noise {
    hasher: Option<SipHasher24>,
}

impl Noise {
    /// No offsets: the exact engine.
    pub fn none() -> Self {
        Self { hasher: None }
    }

    /// Offsets drawn with `key`.
    pub fn keyed(key: &NoiseKey) -> Self {
        Self { hasher: Some(SipHasher24::new_with_key(&key.0)) }
    }

    /// The digest naming a cell without parts called `name`.
    pub(super) fn cell(&self, name: &str) -> CellDigest {
        let Some(hasher) = &self.hasher else { return CellDigest::default() };
        let mut hasher = *hasher;
        hasher.write(b"cell\0");
        hasher.write(name.as_bytes());
        CellDigest(hasher.finish128().as_u128())
    }

    /// The count shown for `positives` of `n` in the cell `digest` for `indicator`: exact without a
    /// key, else offset and kept within `0..=n`.
    pub(super) fn perturb(&self, positives: u64, n: u64, digest: CellDigest, indicator: &str) -> u64 {
        let Some(hasher) = &self.hasher else { return positives };
        let mut hasher = *hasher;
        hasher.write(&digest.0.to_le_bytes());
        hasher.write(indicator.as_bytes());
        let offset = offset_from_bits(hasher.finish128().as_u128());
        positives.saturating_add_signed(offset).min(n)
    }
}

/// The name of a cell: one group's, or the combination of a remainder's groups (order-free, so a
/// remainder gets the same digest whichever view gathers it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(super) struct CellDigest(u128);

impl CellDigest {
    /// The digest of the cell made of `self` and `other` (disjoint sets of groups).
    pub(super) fn join(self, other: CellDigest) -> CellDigest {
        CellDigest(self.0 ^ other.0)
    }
}

/// A two-sided geometric offset from 128 uniform bits: 0 with chance 1/2 (bit 0), else a sign
/// (bit 1) and a magnitude `m >= 1` with `P(M > m) = 3^-m` (the top 64 bits, compared exactly).
fn offset_from_bits(bits: u128) -> i64 {
    if bits & 1 == 0 {
        return 0;
    }
    let uniform = bits >> 64;
    let mut magnitude: u32 = 1;
    while magnitude < LARGEST_OFFSET && uniform * NOISE_BASE.pow(magnitude) < 1 << 64 {
        magnitude += 1;
    }
    let magnitude = i64::from(magnitude);
    if bits & 2 == 0 { -magnitude } else { magnitude }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(byte: u8) -> Noise {
        Noise::keyed(&NoiseKey::from_bytes([byte; 16]))
    }

    /// `P(Z = z)` of the mechanism: `(1/2)·3^-|z|`.
    fn probability(offset: i64) -> f64 {
        0.5 * 3f64.powi(-i32::try_from(offset.unsigned_abs()).unwrap_or(i32::MAX))
    }

    #[test]
    fn offsets_follow_the_two_sided_geometric_law() {
        let noise = key(7);
        let draws = 60_000;
        let mut seen = std::collections::BTreeMap::<i64, u32>::new();
        for cell in 0..draws {
            let digest = noise.cell(&format!("class-{cell}"));
            let shown = noise.perturb(50, 100, digest, "bullying_victim");
            *seen.entry(i64::try_from(shown).unwrap_or(0) - 50).or_default() += 1;
        }
        for offset in -3..=3 {
            let expected = probability(offset);
            let observed = f64::from(seen.get(&offset).copied().unwrap_or(0)) / f64::from(draws);
            let tolerance = 4.0 * (expected * (1.0 - expected) / f64::from(draws)).sqrt();
            assert!((observed - expected).abs() < tolerance, "offset {offset}: {observed} vs {expected}");
        }
        let mean_square: f64 =
            seen.iter().map(|(z, count)| (z * z) as f64 * f64::from(*count)).sum::<f64>() / f64::from(draws);
        assert!((mean_square - NOISE_VARIANCE).abs() < 0.1, "mean square offset {mean_square}");
    }

    #[test]
    fn one_answer_changes_the_chance_of_any_shown_count_by_at_most_three() {
        // The law of the shown count for x and x + 1 positives of n, kept within 0..=n.
        let shown_law = |x: i64, n: i64| {
            let mut law = vec![0.0; usize::try_from(n + 1).unwrap_or(0)];
            for offset in -60..=60 {
                let shown = (x + offset).clamp(0, n);
                law[usize::try_from(shown).unwrap_or(0)] += probability(offset);
            }
            law
        };
        for n in [5, 10, 25] {
            for x in 0..n {
                let (without, with) = (shown_law(x, n), shown_law(x + 1, n));
                for (a, b) in without.iter().zip(&with) {
                    let ratio = a.max(*b) / a.min(*b);
                    assert!(ratio <= NOISE_EPSILON.exp() + 1e-9, "n {n}, x {x}: ratio {ratio}");
                }
            }
        }
        assert!((NOISE_EPSILON.exp() - 3.0).abs() < 1e-12);
    }

    #[test]
    fn the_same_cell_and_indicator_always_show_the_same_count() {
        let (noise, again) = (key(1), key(1));
        let digest = noise.cell("wave/class");
        let shown: Vec<u64> = (0..20).map(|x| noise.perturb(x, 25, digest, "victim")).collect();
        let reloaded: Vec<u64> = (0..20).map(|x| again.perturb(x, 25, again.cell("wave/class"), "victim")).collect();
        assert_eq!(shown, reloaded);
    }

    #[test]
    fn cells_indicators_and_keys_draw_apart() {
        let offsets = |noise: &Noise, name: &str, indicator: &str| -> Vec<u64> {
            (0..40).map(|i| noise.perturb(50, 100, noise.cell(&format!("{name}-{i}")), indicator)).collect()
        };
        let base = offsets(&key(1), "class", "victim");
        assert_ne!(base, offsets(&key(2), "class", "victim"), "another key");
        assert_ne!(base, offsets(&key(1), "class", "perpetrator"), "another indicator");
        assert_ne!(base, offsets(&key(1), "other", "victim"), "other cells");
    }

    #[test]
    fn a_remainder_is_named_by_its_cells_whatever_their_order() {
        let noise = key(3);
        let (a, b, c) = (noise.cell("a"), noise.cell("b"), noise.cell("c"));
        assert_eq!(a.join(b).join(c), c.join(a).join(b));
        assert_ne!(a.join(b), a.join(c));
    }

    #[test]
    fn shown_counts_stay_within_the_group() {
        let noise = key(9);
        for i in 0..2_000 {
            let digest = noise.cell(&i.to_string());
            assert!(noise.perturb(0, 7, digest, "x") <= 7);
            assert!(noise.perturb(7, 7, digest, "x") <= 7);
        }
    }

    #[test]
    fn without_a_key_counts_are_exact() {
        let noise = Noise::none();
        assert_eq!(noise.perturb(3, 10, noise.cell("a"), "x"), 3);
    }

    #[test]
    fn the_key_is_never_printed() {
        assert_eq!(format!("{:?}", NoiseKey::from_bytes([42; 16])), "NoiseKey(..)");
    }
}
