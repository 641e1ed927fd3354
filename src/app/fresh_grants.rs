//! Forms this process has just issued and whose page has not yet been shown.
//!
//! The class password is checked against the wave (open, class not full, code unused) and the pupil is
//! redirected to the form at once. Reading the same rows again for that first view told nothing new:
//! its nonce is a moment old and cannot be spent yet. So the first view of a fresh form trusts the
//! password's check; a reload, a view after a submission, or one more than [`FRESH_FOR`] later reads
//! the wave again. Whatever changed in that moment (the wave closed, the class filled) is still caught
//! where it matters: the writer's transaction checks everything again before storing. One database
//! round trip less per pupil.

use std::sync::Arc;
use std::time::{Duration, Instant};

use quick_cache::sync::Cache;

/// How long after the password a form's first view trusts its check; the redirect takes milliseconds.
pub const FRESH_FOR: Duration = Duration::from_secs(5);

/// Fresh forms kept at most: about five seconds of a national rush. Past it the cache forgets by its
/// own policy (the oldest forms seen once go first); a forgotten form's first view reads the wave.
pub const CAPACITY: usize = 50_000;

/// Nonces of forms issued by this process and not yet shown, with when they were issued; clones
/// share them.
#[derive(Clone)]
pub struct FreshGrants {
    issued: Arc<Cache<String, Instant>>,
}

impl Default for FreshGrants {
    fn default() -> Self {
        FreshGrants::with_capacity(CAPACITY)
    }
}

impl FreshGrants {
    /// An empty record that keeps about `capacity` forms at most.
    pub fn with_capacity(capacity: usize) -> Self {
        FreshGrants { issued: Arc::new(Cache::new(capacity.max(1))) }
    }

    /// Notes that the form with `nonce` was issued now, after a passed check of its wave.
    pub fn issued(&self, nonce: &str) {
        self.issued_at(nonce, Instant::now());
    }

    fn issued_at(&self, nonce: &str, at: Instant) {
        self.issued.insert(nonce.to_owned(), at);
    }

    /// Whether the form with `nonce` is being shown for the first time, within [`FRESH_FOR`] of its
    /// check; true once at most.
    pub fn first_view(&self, nonce: &str) -> bool {
        self.forget(nonce).is_some_and(|at| at.elapsed() < FRESH_FOR)
    }

    /// Forgets the form with `nonce` (it was submitted): any later view reads the wave.
    pub fn submitted(&self, nonce: &str) {
        self.forget(nonce);
    }

    fn forget(&self, nonce: &str) -> Option<Instant> {
        self.issued.remove(nonce).map(|(_, at)| at)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_first_view_of_a_fresh_form_is_trusted() {
        let fresh = FreshGrants::default();
        assert!(!fresh.first_view("never-issued"));
        fresh.issued("a");
        assert!(fresh.first_view("a"));
        assert!(!fresh.first_view("a"), "a reload reads the wave");
        let other = fresh.clone();
        fresh.issued("b");
        assert!(other.first_view("b"), "clones share the record");
    }

    #[test]
    fn a_submitted_or_old_form_is_not_fresh() {
        let fresh = FreshGrants::default();
        fresh.issued("sent");
        fresh.submitted("sent");
        assert!(!fresh.first_view("sent"), "Back after sending must find the form spent");
        fresh.issued_at("slow", Instant::now().checked_sub(FRESH_FOR).expect("up for seconds"));
        assert!(!fresh.first_view("slow"));
    }

    #[test]
    fn a_flood_of_forms_stays_bounded_and_the_newest_stay_fresh() {
        let fresh = FreshGrants::with_capacity(1_000);
        let long_ago = Instant::now().checked_sub(FRESH_FOR * 2).expect("up for seconds");
        for n in 0..20_000 {
            fresh.issued_at(&format!("old-{n}"), long_ago);
        }
        assert!(fresh.issued.len() <= 1_000, "{} forms kept", fresh.issued.len());
        fresh.issued("new");
        assert!(fresh.first_view("new"), "the form issued last is still fresh");
        assert!(!fresh.first_view("old-19999"), "a stale form is not fresh, kept or not");
    }
}
