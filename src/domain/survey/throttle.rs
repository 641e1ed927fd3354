//! A token bucket per client, kept only in memory (never stored or logged). Its default [`Rate`] is
//! for wrong class passwords (and trust box receipts): schools put a whole computer lab behind one
//! address, so it is generous: it stops hammering, not typos. Guessing a 10-character secret from a
//! 22-symbol alphabet is hopeless anyway. The trust box paces writing with rates of its own
//! (`domain::trust_box::pace`).

use std::collections::HashMap;
use std::hash::Hash;
use std::time::{Duration, Instant};

/// Wrong attempts a client may make in a burst.
pub const BURST: f64 = 30.0;
/// Attempts regained per second.
pub const REFILL_PER_SECOND: f64 = 0.5;
/// Most clients remembered; the oldest are forgotten first.
pub const MAX_CLIENTS: usize = 10_000;

/// How fast a bucket empties and fills: `burst` uses at once, then `per_second` regained.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rate {
    /// Uses a client may make in a burst.
    pub burst: f64,
    /// Uses regained per second.
    pub per_second: f64,
}

impl Rate {
    /// Wrong secrets: [`BURST`], then [`REFILL_PER_SECOND`].
    pub const WRONG_SECRETS: Rate = Rate { burst: BURST, per_second: REFILL_PER_SECOND };

    /// `count` uses in a burst, then `count` more an hour (one every `3600 / count` seconds).
    pub fn per_hour(count: u32) -> Rate {
        let count = f64::from(count.max(1));
        Rate { burst: count, per_second: count / 3_600.0 }
    }

    /// How long an emptied bucket takes to fill: a client unseen for that long is as if never seen.
    fn full_after(self) -> Duration {
        Duration::try_from_secs_f64(self.burst / self.per_second).unwrap_or(Duration::MAX)
    }
}

#[derive(Debug, Clone, Copy)]
struct Bucket {
    tokens: f64,
    updated: Instant,
}

/// Remembers recent uses (wrong attempts, messages written) per client.
#[derive(Debug)]
pub struct Throttle<K> {
    rate: Rate,
    buckets: HashMap<K, Bucket>,
}

impl<K: Eq + Hash + Clone> Default for Throttle<K> {
    /// The throttle on wrong secrets ([`Rate::WRONG_SECRETS`]).
    fn default() -> Self {
        Self::with_rate(Rate::WRONG_SECRETS)
    }
}

impl<K: Eq + Hash + Clone> Throttle<K> {
    /// An empty throttle that lets each client use `rate`.
    pub fn with_rate(rate: Rate) -> Self {
        Self { rate, buckets: HashMap::new() }
    }

    fn refilled(&self, bucket: Bucket, now: Instant) -> Bucket {
        let elapsed = now.saturating_duration_since(bucket.updated).as_secs_f64();
        Bucket { tokens: (bucket.tokens + elapsed * self.rate.per_second).min(self.rate.burst), updated: now }
    }

    /// True when `client` may try a password (or write) now.
    pub fn allows(&mut self, client: &K, now: Instant) -> bool {
        match self.buckets.get(client) {
            Some(bucket) => self.refilled(*bucket, now).tokens >= 1.0,
            None => true,
        }
    }

    /// Records a use: a wrong attempt, or a message written.
    pub fn record_use(&mut self, client: K, now: Instant) {
        if self.buckets.len() >= MAX_CLIENTS && !self.buckets.contains_key(&client) {
            self.forget_older_than(now, self.rate.full_after());
            if self.buckets.len() >= MAX_CLIENTS {
                self.buckets.clear();
            }
        }
        let full = Bucket { tokens: self.rate.burst, updated: now };
        let bucket = self.buckets.get(&client).map_or(full, |b| self.refilled(*b, now));
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
            throttle.record_use("lab", start);
        }
        assert!(!throttle.allows(&"lab", start));
        assert!(throttle.allows(&"other", start), "other clients are unaffected");
        assert!(throttle.allows(&"lab", start + Duration::from_secs(2)), "one attempt back after two seconds");
    }

    #[test]
    fn a_rate_per_hour_allows_its_count_then_one_each_share_of_the_hour() {
        let mut throttle = Throttle::with_rate(Rate::per_hour(5));
        let start = Instant::now();
        for _ in 0..5 {
            assert!(throttle.allows(&"lab", start));
            throttle.record_use("lab", start);
        }
        assert!(!throttle.allows(&"lab", start), "the sixth in the same moment waits");
        assert!(!throttle.allows(&"lab", start + Duration::from_secs(11 * 60)), "not yet after 11 minutes");
        assert!(throttle.allows(&"lab", start + Duration::from_secs(12 * 60 + 1)), "one back after 12 minutes");
        assert!(throttle.allows(&"other", start), "other clients are unaffected");
        assert_eq!(Rate::per_hour(0), Rate::per_hour(1), "never a rate that allows nothing");
    }
}
