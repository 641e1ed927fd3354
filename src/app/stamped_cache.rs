//! Values kept in this process between views, each valid only under the stamp it was computed under.
//!
//! A view reads the current stamp of what a value was built from (one small query) and uses a kept
//! value only when the stamps agree. So several instances on one database never serve a value that
//! another instance has made stale: counting a wave changes the stamp everywhere at once. The least
//! recently used entry goes first when the cache is full.

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::{Arc, Mutex};

struct Entry<S, V> {
    stamp: S,
    value: V,
    last_used: u64,
}

struct Entries<K, S, V> {
    map: HashMap<K, Entry<S, V>>,
    clock: u64,
}

/// Values by key, each under its stamp, at most `capacity` of them.
pub struct StampedCache<K, S, V> {
    entries: Arc<Mutex<Entries<K, S, V>>>,
    capacity: usize,
}

impl<K, S, V> Clone for StampedCache<K, S, V> {
    fn clone(&self) -> Self {
        StampedCache { entries: self.entries.clone(), capacity: self.capacity }
    }
}

impl<K: Eq + Hash + Clone, S: PartialEq, V: Clone> StampedCache<K, S, V> {
    /// An empty cache that keeps at most `capacity` values (at least one).
    pub fn new(capacity: usize) -> Self {
        StampedCache {
            entries: Arc::new(Mutex::new(Entries { map: HashMap::new(), clock: 0 })),
            capacity: capacity.max(1),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Entries<K, S, V>> {
        self.entries.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// The value kept for `key`, when it was computed under `stamp`.
    pub fn get(&self, key: &K, stamp: &S) -> Option<V> {
        let mut entries = self.lock();
        entries.clock += 1;
        let now = entries.clock;
        let entry = entries.map.get_mut(key).filter(|e| e.stamp == *stamp)?;
        entry.last_used = now;
        Some(entry.value.clone())
    }

    /// Keeps `value` computed under `stamp` for `key`, replacing what was kept for it.
    pub fn put(&self, key: K, stamp: S, value: V) {
        let mut entries = self.lock();
        entries.clock += 1;
        let now = entries.clock;
        if entries.map.len() >= self.capacity && !entries.map.contains_key(&key) {
            let oldest = entries.map.iter().min_by_key(|(_, e)| e.last_used).map(|(k, _)| k.clone());
            if let Some(oldest) = oldest {
                entries.map.remove(&oldest);
            }
        }
        entries.map.insert(key, Entry { stamp, value, last_used: now });
    }

    /// How many values are kept (for tests and diagnostics).
    pub fn len(&self) -> usize {
        self.lock().map.len()
    }

    /// Whether nothing is kept.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
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
    fn the_least_recently_used_value_goes_first_when_full() {
        let cache: StampedCache<u32, (), u32> = StampedCache::new(3);
        for key in 0..3 {
            cache.put(key, (), key);
        }
        assert!(cache.get(&0, &()).is_some(), "0 is now the most recent");
        cache.put(999, (), 999);
        assert_eq!(cache.len(), 3);
        assert!(cache.get(&0, &()).is_some());
        assert!(cache.get(&1, &()).is_none(), "1 was the least recently used");
        assert!(cache.get(&2, &()).is_some());
        assert!(cache.get(&999, &()).is_some());
    }

    #[test]
    fn clones_share_their_entries() {
        let cache: StampedCache<u32, (), u32> = StampedCache::new(2);
        cache.clone().put(1, (), 1);
        assert_eq!(cache.get(&1, &()), Some(1));
    }
}
