//! A token bucket for wrong class passwords, per client, kept only in memory (never stored or logged).
//! Schools put a whole computer lab behind one address, so it is generous: it stops hammering, not
//! typos. Guessing a 10-character secret from a 22-symbol alphabet is hopeless anyway.

use std::collections::HashMap;
use std::hash::Hash;
use std::time::{Duration, Instant};

/// Wrong attempts a client may make in a burst.
pub const BURST: f64 = 30.0;
/// Attempts regained per second.
pub const REFILL_PER_SECOND: f64 = 0.5;
/// Most clients remembered; the oldest are forgotten first.
pub const MAX_CLIENTS: usize = 10_000;

#[derive(Debug, Clone, Copy)]
struct Bucket {
    tokens: f64,
    updated: Instant,
}

/// Remembers recent wrong attempts per client.
#[derive(Debug)]
pub struct Throttle<K> {
    buckets: HashMap<K, Bucket>,
}

impl<K: Eq + Hash + Clone> Default for Throttle<K> {
    fn default() -> Self {
        Self { buckets: HashMap::new() }
    }
}

impl<K: Eq + Hash + Clone> Throttle<K> {
    fn refilled(bucket: Bucket, now: Instant) -> Bucket {
        let elapsed = now.saturating_duration_since(bucket.updated).as_secs_f64();
        Bucket { tokens: (bucket.tokens + elapsed * REFILL_PER_SECOND).min(BURST), updated: now }
    }

    /// True when `client` may try a password now.
    pub fn allows(&mut self, client: &K, now: Instant) -> bool {
        match self.buckets.get(client) {
            Some(bucket) => Self::refilled(*bucket, now).tokens >= 1.0,
            None => true,
        }
    }

    /// Records a wrong attempt.
    pub fn record_failure(&mut self, client: K, now: Instant) {
        if self.buckets.len() >= MAX_CLIENTS && !self.buckets.contains_key(&client) {
            self.forget_older_than(now, Duration::from_secs_f64(BURST / REFILL_PER_SECOND));
            if self.buckets.len() >= MAX_CLIENTS {
                self.buckets.clear();
            }
        }
        let bucket =
            self.buckets.get(&client).map_or(Bucket { tokens: BURST, updated: now }, |b| Self::refilled(*b, now));
        self.buckets.insert(client, Bucket { tokens: (bucket.tokens - 1.0).max(0.0), updated: now });
    }

    fn forget_older_than(&mut self, now: Instant, age: Duration) {
        self.buckets.retain(|_, b| now.saturating_duration_since(b.updated) < age);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_burst_of_failures_blocks_then_time_restores() {
        let mut throttle = Throttle::default();
        let start = Instant::now();
        for _ in 0..30 {
            assert!(throttle.allows(&"lab", start));
            throttle.record_failure("lab", start);
        }
        assert!(!throttle.allows(&"lab", start));
        assert!(throttle.allows(&"other", start), "other clients are unaffected");
        assert!(throttle.allows(&"lab", start + Duration::from_secs(2)), "one attempt back after two seconds");
    }
}
