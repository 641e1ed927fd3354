//! Region figures kept in this process between views.
//!
//! Each entry carries the [`CountsStamp`] it was computed under; a view reads the region's current
//! stamp first (one small query) and uses the entry only when the stamps agree. So several instances
//! on one database never serve figures that another instance has made stale: counting a wave
//! changes the stamp everywhere at once.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use crate::db::region_counts::CountsStamp;
use crate::domain::region::RegionCode;
use crate::domain::region_figures::RegionFigures;

/// A region and a questionnaire version.
pub type RegionKey = (RegionCode, String, u32);

/// Regions times versions this process keeps at most; 20 regions with a few versions each fit, and a
/// kept region is about a megabyte even for the largest.
const CAPACITY: usize = 64;

struct Entry {
    stamp: CountsStamp,
    figures: Arc<RegionFigures>,
    last_used: u64,
}

#[derive(Default)]
struct Entries {
    map: HashMap<RegionKey, Entry>,
    clock: u64,
}

/// Disclosed region figures by region and version, least recently used dropped first.
#[derive(Clone, Default)]
pub struct RegionCache {
    entries: Arc<Mutex<Entries>>,
}

impl RegionCache {
    /// The figures kept for `key`, when they were computed under `stamp`.
    pub fn get(&self, key: &RegionKey, stamp: CountsStamp) -> Option<Arc<RegionFigures>> {
        let mut entries = self.entries.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        entries.clock += 1;
        let now = entries.clock;
        let entry = entries.map.get_mut(key).filter(|e| e.stamp == stamp)?;
        entry.last_used = now;
        Some(entry.figures.clone())
    }

    /// Keeps `figures` computed under `stamp` for `key`, replacing what was kept for it.
    pub fn put(&self, key: RegionKey, stamp: CountsStamp, figures: Arc<RegionFigures>) {
        let mut entries = self.entries.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        entries.clock += 1;
        let now = entries.clock;
        if entries.map.len() >= CAPACITY && !entries.map.contains_key(&key) {
            let oldest = entries.map.iter().min_by_key(|(_, e)| e.last_used).map(|(k, _)| k.clone());
            if let Some(oldest) = oldest {
                entries.map.remove(&oldest);
            }
        }
        entries.map.insert(key, Entry { stamp, figures, last_used: now });
    }

    /// How many regions are kept (for tests and diagnostics).
    pub fn len(&self) -> usize {
        self.entries.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).map.len()
    }

    /// Whether nothing is kept.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use chrono::NaiveDate;

    use super::*;
    use crate::domain::disclosure::K;
    use crate::domain::survey::catalog::Catalog;

    fn figures() -> Arc<RegionFigures> {
        let catalog = Catalog::load(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("surveys")).unwrap();
        let instrument = catalog.latest("school-climate").unwrap();
        Arc::new(RegionFigures::compute(&[], BTreeMap::new(), instrument, K::default()).unwrap())
    }

    fn stamp(waves: i64, second: u32) -> CountsStamp {
        let at = NaiveDate::from_ymd_opt(2026, 11, 28).unwrap().and_hms_opt(10, 0, second).unwrap();
        CountsStamp { waves, last_counted: Some(at) }
    }

    fn key(region: &str, version: u32) -> RegionKey {
        (RegionCode::parse(region).unwrap(), "school-climate".to_owned(), version)
    }

    #[test]
    fn figures_are_served_only_under_the_stamp_they_were_computed_under() {
        let cache = RegionCache::default();
        assert!(cache.get(&key("KZ-11", 1), stamp(3, 0)).is_none());
        cache.put(key("KZ-11", 1), stamp(3, 0), figures());
        assert!(cache.get(&key("KZ-11", 1), stamp(3, 0)).is_some());
        assert!(cache.get(&key("KZ-11", 1), stamp(4, 0)).is_none(), "another wave was counted");
        assert!(cache.get(&key("KZ-11", 1), stamp(3, 1)).is_none(), "a wave was counted again");
        assert!(cache.get(&key("KZ-11", 2), stamp(3, 0)).is_none(), "another version");
        cache.put(key("KZ-11", 1), stamp(4, 0), figures());
        assert!(cache.get(&key("KZ-11", 1), stamp(3, 0)).is_none(), "the newer figures replaced the old");
        assert_eq!(cache.len(), 1);
    }

    #[test]
    fn the_least_recently_used_region_goes_first_when_full() {
        let cache = RegionCache::default();
        for version in 0..CAPACITY as u32 {
            cache.put(key("KZ-11", version), stamp(1, 0), figures());
        }
        assert!(cache.get(&key("KZ-11", 0), stamp(1, 0)).is_some(), "version 0 is now the most recent");
        cache.put(key("KZ-11", 999), stamp(1, 0), figures());
        assert_eq!(cache.len(), CAPACITY);
        assert!(cache.get(&key("KZ-11", 0), stamp(1, 0)).is_some());
        assert!(cache.get(&key("KZ-11", 1), stamp(1, 0)).is_none(), "version 1 was the least recently used");
        assert!(cache.get(&key("KZ-11", 999), stamp(1, 0)).is_some());
    }
}
