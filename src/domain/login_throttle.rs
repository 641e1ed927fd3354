//! The login throttle policy: five failures for one login within fifteen minutes lock it for fifteen
//! minutes. Pure rules over a small state, so the database only stores and the policy is unit-tested.

use chrono::{Duration, NaiveDateTime};

/// Failures allowed inside one window before the lock.
pub const MAX_FAILURES: i32 = 5;

/// The window in which failures count, and the lock's length.
pub fn window() -> Duration {
    Duration::minutes(15)
}

/// What is remembered about recent failures of one login.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ThrottleState {
    /// Failures in the current window.
    pub failures: i32,
    /// When the current window began (its first failure).
    pub window_started_at: NaiveDateTime,
    /// Set while the login is locked.
    pub locked_until: Option<NaiveDateTime>,
}

/// True while the login may not even try.
pub fn is_locked(state: Option<&ThrottleState>, now: NaiveDateTime) -> bool {
    state.and_then(|s| s.locked_until).is_some_and(|until| now < until)
}

/// The state after one more failure at `now`.
pub fn after_failure(state: Option<&ThrottleState>, now: NaiveDateTime) -> ThrottleState {
    let fresh = ThrottleState { failures: 1, window_started_at: now, locked_until: None };
    let Some(state) = state else { return fresh };
    if is_locked(Some(state), now) {
        return *state;
    }
    if now - state.window_started_at >= window() || state.locked_until.is_some() {
        return fresh;
    }
    let failures = state.failures + 1;
    let locked_until = (failures >= MAX_FAILURES).then(|| now + window());
    ThrottleState { failures, window_started_at: state.window_started_at, locked_until }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn at(minute: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 9, 1).unwrap().and_hms_opt(8, minute, 0).unwrap()
    }

    #[test]
    fn five_failures_within_the_window_lock_for_fifteen_minutes() {
        let mut state = None;
        for minute in 0..5 {
            assert!(!is_locked(state.as_ref(), at(minute)));
            state = Some(after_failure(state.as_ref(), at(minute)));
        }
        assert!(is_locked(state.as_ref(), at(4)));
        assert!(is_locked(state.as_ref(), at(18)));
        assert!(!is_locked(state.as_ref(), at(19)), "the lock ends 15 minutes after the fifth failure");
    }

    #[test]
    fn failures_spread_beyond_the_window_do_not_lock() {
        let mut state = None;
        for minute in [0, 5, 10, 14, 16] {
            state = Some(after_failure(state.as_ref(), at(minute)));
        }
        assert!(!is_locked(state.as_ref(), at(16)));
        assert_eq!(state.map(|s| s.failures), Some(1), "a new window began at minute 16");
    }

    #[test]
    fn after_a_lock_expires_counting_starts_again() {
        let mut state = None;
        for minute in 0..5 {
            state = Some(after_failure(state.as_ref(), at(minute)));
        }
        let next = after_failure(state.as_ref(), at(30));
        assert_eq!(next.failures, 1);
        assert_eq!(next.locked_until, None);
    }
}
