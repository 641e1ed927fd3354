//! The released rates of one group, by indicator name, and the book that builds them cheaply.
//!
//! A region view releases rates for some 15,000 groups times a dozen indicators. The book shares
//! one copy of each indicator name and computes each `(x, n)` rate once, so the cost of a view is
//! a few allocations per group rather than a dozen.

use std::collections::{BTreeSet, HashMap};
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::Arc;

use serde::Serialize;
use serde::ser::SerializeMap;

use super::rate::{PositivesBand, Rate};

/// Released rates of one group, sorted by indicator name; serialised as a JSON object.
///
/// Promises: holds only rates built by [`Rate`]'s engine-only constructor.
#[derive(Debug, Clone, PartialEq)]
pub struct Indicators(Vec<(Arc<str>, Rate)>);

impl Indicators {
    /// The rate of indicator `name`, if the group has it.
    pub fn get(&self, name: &str) -> Option<&Rate> {
        let found = self.0.binary_search_by(|(n, _)| n.as_ref().cmp(name));
        found.ok().map(|at| &self.0[at].1)
    }

    /// Every rate with its indicator name, in name order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &Rate)> {
        self.0.iter().map(|(name, rate)| (name.as_ref(), rate))
    }

    /// The same rates without those whose name `drop` picks.
    pub(super) fn without(&self, drop: impl Fn(&str) -> bool) -> Self {
        Self(self.0.iter().filter(|(name, _)| !drop(name)).cloned().collect())
    }

    /// Number of indicators.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether the group has no indicator.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl Serialize for Indicators {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (name, rate) in &self.0 {
            map.serialize_entry(name.as_ref(), rate)?;
        }
        map.end()
    }
}

/// Builds [`Indicators`] for the groups of one view, sharing names and rates between groups.
#[derive(Debug, Default)]
pub(super) struct IndicatorBook {
    names: BTreeSet<Arc<str>>,
    /// The names of the previous group: most groups of a view have the same indicators.
    recent: Vec<Arc<str>>,
    rates: HashMap<(u32, u32), Rate, BuildHasherDefault<PairHasher>>,
    whole_rates: HashMap<(u32, u32, u32), Rate, BuildHasherDefault<PairHasher>>,
}

impl IndicatorBook {
    /// The released rates for `counts` (indicator name, positives, in name order) out of `n`.
    pub(super) fn release<'t>(&mut self, counts: impl Iterator<Item = (&'t String, u32)>, n: u32) -> Indicators {
        let rates =
            counts.enumerate().map(|(at, (name, positives))| (self.name(at, name), self.rate(positives, n))).collect();
        Indicators(rates)
    }

    /// The released rates of a whole from the bands its cells add up to (name order), out of `n`.
    pub(super) fn release_bands(&mut self, bands: impl Iterator<Item = (String, PositivesBand)>, n: u32) -> Indicators {
        let rates = bands
            .enumerate()
            .map(|(at, (name, band))| {
                let rate =
                    *self.whole_rates.entry((band.low(), band.high(), n)).or_insert_with(|| Rate::of_band(band, n));
                (self.name(at, &name), rate)
            })
            .collect();
        Indicators(rates)
    }

    /// The shared copy of `name`, the `at`-th indicator of the current group.
    fn name(&mut self, at: usize, name: &str) -> Arc<str> {
        if let Some(recent) = self.recent.get(at).filter(|recent| recent.as_ref() == name) {
            return Arc::clone(recent);
        }
        let shared = self.intern(name);
        self.recent.truncate(at);
        self.recent.push(Arc::clone(&shared));
        shared
    }

    fn intern(&mut self, name: &str) -> Arc<str> {
        if let Some(shared) = self.names.get(name) {
            return Arc::clone(shared);
        }
        let shared: Arc<str> = Arc::from(name);
        self.names.insert(Arc::clone(&shared));
        shared
    }

    fn rate(&mut self, positives: u32, n: u32) -> Rate {
        *self.rates.entry((positives, n)).or_insert_with(|| Rate::release(positives, n))
    }
}

/// A fast hasher for the small integer pairs keying the rate cache (the FxHash step); the keys
/// are counts from our own tallies, so resistance to chosen collisions buys nothing here.
#[derive(Debug, Default)]
struct PairHasher(u64);

impl Hasher for PairHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        bytes.iter().for_each(|&b| self.write_u64(u64::from(b)));
    }

    fn write_u32(&mut self, value: u32) {
        self.write_u64(u64::from(value));
    }

    fn write_u64(&mut self, value: u64) {
        self.0 = (self.0.rotate_left(5) ^ value).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}
