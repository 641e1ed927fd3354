//! Values kept in this process between views, each valid only under the stamp it was computed under.
//!
//! A view reads the current stamp of what a value was built from (one small query) and uses a kept
//! value only when the stamps agree. So several instances on one database never serve a value that
//! another instance has made stale: counting a wave changes the stamp everywhere at once. The store
//! is `quick_cache`'s bounded, concurrent cache: its CLOCK-Pro-like eviction keeps the values that are
//! asked for again (a school's dashboard, a busy region) over those seen once.

use std::hash::Hash;
use std::sync::Arc;

use quick_cache::sync::Cache;

/// A kept value and the stamp it was computed under, shared so a read clones one pointer.
struct Stamped<S, V> {
    stamp: S,
    value: V,
}

/// Values by key, each under its stamp, about `capacity` of them at most.
pub struct StampedCache<K, S, V> {
    entries: Arc<Cache<K, Arc<Stamped<S, V>>>>,
}

impl<K, S, V> Clone for StampedCache<K, S, V> {
    fn clone(&self) -> Self {
        StampedCache { entries: self.entries.clone() }
    }
}

impl<K: Eq + Hash, S: PartialEq, V: Clone> StampedCache<K, S, V> {
    /// An empty cache that keeps at most `capacity` values (at least one).
    pub fn new(capacity: usize) -> Self {
        StampedCache { entries: Arc::new(Cache::new(capacity.max(1))) }
    }

    /// The value kept for `key`, when it was computed under `stamp`.
    pub fn get(&self, key: &K, stamp: &S) -> Option<V> {
        self.entries.get(key).filter(|kept| kept.stamp == *stamp).map(|kept| kept.value.clone())
    }

    /// Keeps `value` computed under `stamp` for `key`, replacing what was kept for it.
    pub fn put(&self, key: K, stamp: S, value: V) {
        self.entries.insert(key, Arc::new(Stamped { stamp, value }));
    }

    /// How many values are kept (for tests and diagnostics).
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether nothing is kept.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_value_is_served_only_under_the_stamp_it_was_computed_under() {
        let cache: StampedCache<&str, (i64, u32), u8> = StampedCache::new(4);
        assert!(cache.get(&"KZ-11", &(3, 0)).is_none());
        cache.put("KZ-11", (3, 0), 7);
        assert_eq!(cache.get(&"KZ-11", &(3, 0)), Some(7));
        assert!(cache.get(&"KZ-11", &(4, 0)).is_none(), "another wave was counted");
        assert!(cache.get(&"KZ-11", &(3, 1)).is_none(), "a wave was counted again");
        assert!(cache.get(&"KZ-12", &(3, 0)).is_none(), "another key");
        cache.put("KZ-11", (4, 0), 8);
        assert!(cache.get(&"KZ-11", &(3, 0)).is_none(), "the newer value replaced the old");
        assert_eq!(cache.get(&"KZ-11", &(4, 0)), Some(8));
        assert_eq!(cache.len(), 1);
    }

    #[test]
    fn stays_within_its_capacity_and_keeps_a_value_asked_for_again() {
        let cache: StampedCache<u32, (), u32> = StampedCache::new(8);
        cache.put(0, (), 0);
        for key in 1..1_000 {
            assert!(cache.get(&0, &()).is_some(), "the hot value was dropped after {key} others");
            cache.put(key, (), key);
            assert!(cache.len() <= 8, "{} values kept after {key} puts", cache.len());
        }
        assert_eq!(cache.get(&0, &()), Some(0));
        assert_eq!(cache.get(&999, &()), Some(999), "the newest value was let in");
    }

    #[test]
    fn a_capacity_of_zero_still_keeps_one_value() {
        let cache: StampedCache<u32, (), u32> = StampedCache::new(0);
        cache.put(1, (), 1);
        assert_eq!(cache.get(&1, &()), Some(1));
    }

    #[test]
    fn clones_share_their_entries() {
        let cache: StampedCache<u32, (), u32> = StampedCache::new(2);
        cache.clone().put(1, (), 1);
        assert_eq!(cache.get(&1, &()), Some(1));
    }
}
