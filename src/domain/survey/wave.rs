//! Wave dates and status. Dates are days in Kazakhstan time (UTC+5, one zone since March 2024), the
//! only clock pupils and staff share; a response records only the day.

use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, Utc};

/// Kazakhstan's offset from UTC.
pub const KAZAKHSTAN_UTC_OFFSET_HOURS: i64 = 5;

/// Today's date in Kazakhstan at `now`.
pub fn local_date(now: DateTime<Utc>) -> NaiveDate {
    local_time(now).date()
}

/// The time of day in Kazakhstan at `now` (what school hours and deadlines are reckoned in).
pub fn local_time(now: DateTime<Utc>) -> NaiveDateTime {
    (now + Duration::hours(KAZAKHSTAN_UTC_OFFSET_HOURS)).naive_utc()
}

/// The UTC time of `local`, a time of day in Kazakhstan: the inverse of [`local_time`], for storing a
/// time reckoned in Kazakhstan beside UTC ones.
pub fn utc_of_local(local: NaiveDateTime) -> NaiveDateTime {
    local - Duration::hours(KAZAKHSTAN_UTC_OFFSET_HOURS)
}

/// How pupils get in: one password per class, or one single-use code per pupil.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AccessMode {
    /// A shared class password.
    Password,
    /// Single-use codes, as many as the roll.
    Codes,
}

impl AccessMode {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            AccessMode::Password => "password",
            AccessMode::Codes => "codes",
        }
    }

    /// Parses the stored name.
    pub fn parse(text: &str) -> Option<AccessMode> {
        match text {
            "password" => Some(AccessMode::Password),
            "codes" => Some(AccessMode::Codes),
            _ => None,
        }
    }
}

/// Where a wave stands on a given day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WaveStatus {
    /// Before its first day: pupils are refused.
    Scheduled,
    /// Pupils may answer; staff see participation only.
    Open,
    /// Closed by hand or past its last day: figures may be released, answers are refused.
    Closed,
}

impl WaveStatus {
    /// The status on `today` given the dates and whether it was closed by hand.
    pub fn on(today: NaiveDate, opens_on: NaiveDate, closes_on: NaiveDate, closed: bool) -> WaveStatus {
        if closed || today > closes_on {
            WaveStatus::Closed
        } else if today < opens_on {
            WaveStatus::Scheduled
        } else {
            WaveStatus::Open
        }
    }

    /// The message key naming this status.
    pub fn message_key(self) -> &'static str {
        match self {
            WaveStatus::Scheduled => "wave-status-scheduled",
            WaveStatus::Open => "wave-status-open",
            WaveStatus::Closed => "wave-status-closed",
        }
    }
}

/// Why wave dates were refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DatesError {
    /// The last day is before the first.
    ClosesBeforeOpens,
    /// The last day has already passed.
    ClosesInThePast,
    /// Longer than a school term makes sense for one wave.
    TooLong,
}

/// Longest allowed wave, in days.
pub const MAX_WAVE_DAYS: i64 = 92;

/// Checks the dates of a new wave on `today`.
pub fn check_dates(today: NaiveDate, opens_on: NaiveDate, closes_on: NaiveDate) -> Result<(), DatesError> {
    if closes_on < opens_on {
        Err(DatesError::ClosesBeforeOpens)
    } else if closes_on < today {
        Err(DatesError::ClosesInThePast)
    } else if (closes_on - opens_on).num_days() > MAX_WAVE_DAYS {
        Err(DatesError::TooLong)
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 10, d).unwrap()
    }

    #[test]
    fn status_follows_the_dates_and_a_manual_close() {
        assert_eq!(WaveStatus::on(day(1), day(2), day(10), false), WaveStatus::Scheduled);
        assert_eq!(WaveStatus::on(day(2), day(2), day(10), false), WaveStatus::Open);
        assert_eq!(WaveStatus::on(day(10), day(2), day(10), false), WaveStatus::Open, "the last day is open");
        assert_eq!(WaveStatus::on(day(11), day(2), day(10), false), WaveStatus::Closed);
        assert_eq!(WaveStatus::on(day(5), day(2), day(10), true), WaveStatus::Closed);
    }

    #[test]
    fn kazakhstan_midnight_comes_five_hours_before_utc_midnight() {
        let evening_utc = DateTime::parse_from_rfc3339("2026-10-01T19:30:00Z").unwrap().with_timezone(&Utc);
        assert_eq!(local_date(evening_utc), day(2));
        let morning_utc = DateTime::parse_from_rfc3339("2026-10-01T18:59:00Z").unwrap().with_timezone(&Utc);
        assert_eq!(local_date(morning_utc), day(1));
        assert_eq!(utc_of_local(local_time(evening_utc)), evening_utc.naive_utc(), "and back");
    }

    #[test]
    fn dates_are_checked() {
        assert_eq!(check_dates(day(1), day(3), day(2)), Err(DatesError::ClosesBeforeOpens));
        assert_eq!(check_dates(day(5), day(1), day(4)), Err(DatesError::ClosesInThePast));
        assert_eq!(check_dates(day(1), day(1), day(1)), Ok(()));
        let far = NaiveDate::from_ymd_opt(2027, 3, 1).unwrap();
        assert_eq!(check_dates(day(1), day(1), far), Err(DatesError::TooLong));
    }
}
