//! How long the words of a closed conversation are kept. The pupil may come back with the receipt to
//! read the replies for a while after it closed, and staff may need them if the pupil writes anew;
//! after that the words are only a risk (a leaked backup, a rotated-away key found again), so they are
//! erased. The conversation's row stays (topic, status, outcome, times), since the figures count it.

use chrono::{Duration, NaiveDateTime};

/// Days the words are kept after closing, unless the deployment says otherwise.
pub const DEFAULT_KEPT_DAYS: u32 = 90;

/// The fewest and most days a deployment may keep words: at least a day, so a pupil can read the
/// last reply; at most ten years, a bound on a typo rather than a policy.
pub const KEPT_DAYS_RANGE: (u32, u32) = (1, 3_650);

/// Days a closed conversation's words are kept: within [`KEPT_DAYS_RANGE`], whatever a setting says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TextsKept(u32);

impl Default for TextsKept {
    fn default() -> Self {
        TextsKept(DEFAULT_KEPT_DAYS)
    }
}

impl TextsKept {
    /// `days`, or `None` outside [`KEPT_DAYS_RANGE`].
    pub fn days(days: u32) -> Option<TextsKept> {
        (KEPT_DAYS_RANGE.0..=KEPT_DAYS_RANGE.1).contains(&days).then_some(TextsKept(days))
    }

    /// The number of days.
    pub fn get(self) -> u32 {
        self.0
    }

    /// The words of a conversation closed before this moment are erased at `now` (both Kazakhstan
    /// time): one closed exactly that many days ago keeps them until the next sweep.
    pub fn cutoff(self, now: NaiveDateTime) -> NaiveDateTime {
        now - Duration::days(i64::from(self.0))
    }

    /// Whether the words of a conversation closed at `closed_at` are due to be erased at `now`.
    pub fn expired(self, closed_at: NaiveDateTime, now: NaiveDateTime) -> bool {
        closed_at < self.cutoff(now)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn at(day: u32, hour: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2027, 3, day).and_then(|d| d.and_hms_opt(hour, 0, 0)).expect("a time")
    }

    #[test]
    fn words_are_kept_ninety_days_by_default_and_the_setting_is_bounded() {
        assert_eq!(TextsKept::default().get(), 90);
        assert_eq!(TextsKept::days(0), None);
        assert_eq!(TextsKept::days(3_651), None);
        assert_eq!(TextsKept::days(1).map(TextsKept::get), Some(1));
    }

    #[test]
    fn words_go_once_the_days_have_passed_and_not_a_moment_before() {
        let kept = TextsKept::days(10).expect("ten days");
        assert!(!kept.expired(at(1, 12), at(11, 12)), "exactly ten days: kept");
        assert!(kept.expired(at(1, 12), at(11, 13)), "ten days and an hour: erased");
        assert!(!kept.expired(at(2, 12), at(11, 13)), "nine days: kept");
        assert_eq!(kept.cutoff(at(11, 12)), at(1, 12));
    }
}
