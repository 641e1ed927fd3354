//! Reporting periods: the halves of a school year in which region and national figures are released.
//!
//! Figures that rolled with every closed wave gave each newly counted school away: two views of a
//! region a day apart differed by exactly one small school. So region and national figures are
//! released per period: a wave belongs to the period that holds its last day, and a period's figures
//! appear once it has ended and settled, built only from its own waves, and never change after that.
//! Settling takes one day: a wave that ran to the period's last day is closed by the sweep just after
//! midnight and counted at once, so the period is published at the end of the day after its last
//! day, and a wave counts in it only if it was closed before that moment (`db::region_counts`). A
//! wave closed later (a late sweep, a wave closed by hand weeks after its last day) never joins a
//! published period: its school's own page shows it, the region's figures do not. A school opens at most one wave per period, so two waves of one
//! period never describe overlapping pupils (wave A+B minus wave A).
//!
//! The halves follow the Kazakh school year: the first from 1 September to 31 December, the second
//! from 1 January to 31 August (the summer belongs to the year that ends in it).

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime};

use crate::domain::survey::wave::KAZAKHSTAN_UTC_OFFSET_HOURS;

/// Days after a period's last day left for its last waves to be closed and counted before it is
/// published: the close sweep closes a wave the day after its last day.
const SETTLING_DAYS: i64 = 1;

/// One half of a school year.
///
/// Promises: every date lies in exactly one period; periods are ordered in time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ReportingPeriod {
    /// The calendar year in which the school year starts (2026 for 2026-2027).
    school_year: i32,
    /// 1 for September-December, 2 for January-August.
    half: u8,
}

impl ReportingPeriod {
    /// The period that holds `date`.
    pub fn containing(date: NaiveDate) -> Self {
        if date.month() >= 9 {
            Self { school_year: date.year(), half: 1 }
        } else {
            Self { school_year: date.year() - 1, half: 2 }
        }
    }

    /// Its first day.
    pub fn first_day(self) -> NaiveDate {
        let (year, month) = if self.half == 1 { (self.school_year, 9) } else { (self.school_year + 1, 1) };
        NaiveDate::from_ymd_opt(year, month, 1).unwrap_or(NaiveDate::MIN)
    }

    /// Its last day.
    pub fn last_day(self) -> NaiveDate {
        let (year, month, day) =
            if self.half == 1 { (self.school_year, 12, 31) } else { (self.school_year + 1, 8, 31) };
        NaiveDate::from_ymd_opt(year, month, day).unwrap_or(NaiveDate::MAX)
    }

    /// The first day on which its figures are released: the day after its settling day.
    pub fn published_on(self) -> NaiveDate {
        self.last_day().checked_add_signed(Duration::days(1 + SETTLING_DAYS)).unwrap_or(NaiveDate::MAX)
    }

    /// Whether its figures are released on `today`: once its last day and its settling day are over.
    pub fn is_published(self, today: NaiveDate) -> bool {
        today >= self.published_on()
    }

    /// The moment it is published, in UTC: the start of [`ReportingPeriod::published_on`] in
    /// Kazakhstan, when [`ReportingPeriod::is_published`] turns true. Only waves closed before it
    /// count in the period. What waits for the period (the pooled signals of a region's small
    /// schools) appears then, at the same moment in every region.
    pub fn published_at(self) -> NaiveDateTime {
        self.published_on().and_time(NaiveTime::MIN) - Duration::hours(KAZAKHSTAN_UTC_OFFSET_HOURS)
    }

    /// Its first moment, in UTC: the start of [`ReportingPeriod::first_day`] in Kazakhstan. With
    /// [`ReportingPeriod::ended_at`], the bounds of what happened in it (a referral's arrival).
    pub fn began_at(self) -> NaiveDateTime {
        self.first_day().and_time(NaiveTime::MIN) - Duration::hours(KAZAKHSTAN_UTC_OFFSET_HOURS)
    }

    /// The moment after its last day ends in Kazakhstan, in UTC: the next period's
    /// [`ReportingPeriod::began_at`].
    pub fn ended_at(self) -> NaiveDateTime {
        self.next().began_at()
    }

    /// The period before this one.
    pub fn previous(self) -> Self {
        if self.half == 2 {
            Self { school_year: self.school_year, half: 1 }
        } else {
            Self { school_year: self.school_year - 1, half: 2 }
        }
    }

    /// The period after this one.
    pub fn next(self) -> Self {
        if self.half == 1 {
            Self { school_year: self.school_year, half: 2 }
        } else {
            Self { school_year: self.school_year + 1, half: 1 }
        }
    }

    /// The latest period already published on `today`.
    pub fn latest_published(today: NaiveDate) -> Self {
        let ended = Self::containing(today).previous();
        if ended.is_published(today) { ended } else { ended.previous() }
    }

    /// The calendar year the school year starts in.
    pub fn school_year(self) -> i32 {
        self.school_year
    }

    /// 1 or 2.
    pub fn half(self) -> u8 {
        self.half
    }

    /// Its id in URLs and audit subjects, such as `2026-27-1`.
    pub fn id(self) -> String {
        format!("{}-{:02}-{}", self.school_year, (self.school_year + 1).rem_euclid(100), self.half)
    }

    /// Reads an id made by [`ReportingPeriod::id`]; anything else is `None`.
    pub fn parse(id: &str) -> Option<Self> {
        let mut pieces = id.trim().split('-');
        let school_year: i32 = pieces.next()?.parse().ok()?;
        let next: i32 = pieces.next()?.parse().ok()?;
        let half: u8 = pieces.next()?.parse().ok()?;
        let sensible = (2000..=9998).contains(&school_year) && (school_year + 1).rem_euclid(100) == next;
        (pieces.next().is_none() && sensible && (half == 1 || half == 2)).then_some(Self { school_year, half })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN)
    }

    #[test]
    fn autumn_and_spring_are_the_two_halves_of_a_school_year() {
        let autumn = ReportingPeriod::containing(day(2026, 12, 4));
        assert_eq!((autumn.first_day(), autumn.last_day()), (day(2026, 9, 1), day(2026, 12, 31)));
        let spring = ReportingPeriod::containing(day(2027, 5, 20));
        assert_eq!((spring.first_day(), spring.last_day()), (day(2027, 1, 1), day(2027, 8, 31)));
        assert_eq!(spring.previous(), autumn);
        assert_eq!(autumn.next(), spring);
        assert_eq!(spring.next().previous(), spring);
        assert_eq!(autumn.previous(), ReportingPeriod::containing(day(2026, 8, 31)));
        assert!(autumn < spring);
    }

    #[test]
    fn every_day_lies_in_its_period() {
        let mut date = day(2024, 1, 1);
        while date < day(2028, 1, 1) {
            let period = ReportingPeriod::containing(date);
            assert!(period.first_day() <= date && date <= period.last_day(), "{date}");
            date = date.succ_opt().unwrap_or(NaiveDate::MAX);
        }
    }

    #[test]
    fn a_period_is_published_once_the_day_after_it_ends_is_over() {
        let autumn = ReportingPeriod::containing(day(2026, 10, 1));
        assert!(!autumn.is_published(day(2026, 12, 31)));
        assert!(!autumn.is_published(day(2027, 1, 1)), "the day its last waves are closed and counted");
        assert!(autumn.is_published(day(2027, 1, 2)));
        assert_eq!(ReportingPeriod::latest_published(day(2026, 12, 4)), ReportingPeriod::containing(day(2026, 6, 1)));
        assert_eq!(ReportingPeriod::latest_published(day(2027, 1, 1)), ReportingPeriod::containing(day(2026, 6, 1)));
        assert_eq!(ReportingPeriod::latest_published(day(2027, 1, 2)), autumn);
    }

    #[test]
    fn it_is_published_at_midnight_in_kazakhstan_after_its_settling_day() {
        use crate::domain::survey::wave::local_date;
        let autumn = ReportingPeriod::containing(day(2026, 10, 1));
        let at = autumn.published_at();
        assert_eq!(at, day(2027, 1, 1).and_hms_opt(19, 0, 0).unwrap_or_default(), "00:00 UTC+5 on 2 January");
        let second = Duration::seconds(1);
        assert!(autumn.is_published(local_date(at.and_utc())));
        assert!(!autumn.is_published(local_date((at - second).and_utc())));
    }

    #[test]
    fn a_period_runs_from_midnight_to_midnight_in_kazakhstan_and_the_next_begins_where_it_ends() {
        use crate::domain::survey::wave::local_date;
        let autumn = ReportingPeriod::containing(day(2026, 10, 1));
        assert_eq!(autumn.began_at(), day(2026, 8, 31).and_hms_opt(19, 0, 0).unwrap_or_default());
        assert_eq!(autumn.ended_at(), autumn.next().began_at());
        let second = Duration::seconds(1);
        assert_eq!(ReportingPeriod::containing(local_date(autumn.began_at().and_utc())), autumn);
        assert_eq!(ReportingPeriod::containing(local_date((autumn.ended_at() - second).and_utc())), autumn);
        assert_eq!(ReportingPeriod::containing(local_date(autumn.ended_at().and_utc())), autumn.next());
        assert!(autumn.ended_at() < autumn.published_at(), "the settling day lies between");
    }

    #[test]
    fn ids_round_trip_and_nothing_else_parses() {
        let period = ReportingPeriod::containing(day(2026, 12, 4));
        assert_eq!(period.id(), "2026-27-1");
        assert_eq!(ReportingPeriod::parse("2026-27-1"), Some(period));
        assert_eq!(ReportingPeriod::parse("2099-00-2").map(ReportingPeriod::id).as_deref(), Some("2099-00-2"));
        for bad in ["", "2026-27-3", "2026-28-1", "2026-27", "2026-27-1-1", "x-27-1", "1999-00-1", "2026-27-0"] {
            assert!(ReportingPeriod::parse(bad).is_none(), "{bad:?}");
        }
    }
}
