//! Forms this process has just issued and whose page has not yet been shown.
//!
//! The class password is checked against the wave (open, class not full, code unused) and the pupil is
//! redirected to the form at once. Reading the same rows again for that first view told nothing new:
//! its nonce is a moment old and cannot be spent yet. So the first view of a fresh form trusts the
//! password's check; a reload, a view after a submission, or one more than [`FRESH_FOR`] later reads
//! the wave again. Whatever changed in that moment (the wave closed, the class filled) is still caught
//! where it matters: the writer's transaction checks everything again before storing. One database
//! round trip less per pupil.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How long after the password a form's first view trusts its check; the redirect takes milliseconds.
pub const FRESH_FOR: Duration = Duration::from_secs(5);

/// Fresh forms kept at most: about five seconds of a national rush; the stale ones go when it is full.
const CAPACITY: usize = 50_000;

/// Nonces of forms issued by this process and not yet shown, with when they were issued.
#[derive(Clone, Default)]
pub struct FreshGrants {
    issued: Arc<Mutex<HashMap<String, Instant>>>,
}

impl FreshGrants {
    /// Notes that the form with `nonce` was issued now, after a passed check of its wave.
    pub fn issued(&self, nonce: &str) {
        self.issued_at(nonce, Instant::now());
    }

    fn issued_at(&self, nonce: &str, at: Instant) {
        let Ok(mut issued) = self.issued.lock() else { return };
        if issued.len() >= CAPACITY {
            issued.retain(|_, when| when.elapsed() < FRESH_FOR);
            if issued.len() >= CAPACITY {
                issued.clear();
            }
        }
        issued.insert(nonce.to_owned(), at);
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
        self.issued.lock().ok().and_then(|mut issued| issued.remove(nonce))
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
    fn a_full_record_drops_stale_forms_first() {
        let fresh = FreshGrants::default();
        let long_ago = Instant::now().checked_sub(FRESH_FOR * 2).expect("up for seconds");
        for n in 0..CAPACITY - 1 {
            fresh.issued_at(&format!("old-{n}"), long_ago);
        }
        fresh.issued("kept");
        fresh.issued("new");
        assert!(fresh.issued.lock().unwrap().len() <= 2, "the stale ones went");
        assert!(fresh.first_view("kept"));
        assert!(fresh.first_view("new"));
    }
}
