//! When a message must be answered.
//!
//! An urgent message (danger now, or self-harm) is due two school hours after it arrived, and never
//! more than 24 hours after, so one sent on a Friday evening is due on Saturday, not on Monday: the
//! centre answers what the school cannot. An ordinary one is due at the end of the third working day
//! after the day it arrived. School hours are 08:00-18:00 Kazakhstan time, Monday to Friday; public
//! holidays are not known here, so a deadline that falls on one stands (staff see it as overdue
//! rather than late without notice).

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, Weekday};

use super::topic::Urgency;

/// When the school day starts and ends (Kazakhstan time).
pub const SCHOOL_DAY: (u32, u32) = (8, 18);

/// School hours an urgent message may wait at most.
pub const URGENT_SCHOOL_HOURS: i64 = 2;

/// Hours an urgent message may wait at most, whatever the day.
pub const URGENT_CAP_HOURS: i64 = 24;

/// Working days an ordinary message may wait, after the day it arrived.
pub const ORDINARY_WORKING_DAYS: u32 = 3;

/// When a message that arrived at `arrival` (Kazakhstan time) with `urgency` is due.
pub fn due(arrival: NaiveDateTime, urgency: Urgency) -> NaiveDateTime {
    match urgency {
        Urgency::Urgent => {
            let by_school_hours = after_school_time(arrival, Duration::hours(URGENT_SCHOOL_HOURS));
            by_school_hours.min(arrival + Duration::hours(URGENT_CAP_HOURS))
        }
        Urgency::Ordinary => {
            let mut day = arrival.date();
            for _ in 0..ORDINARY_WORKING_DAYS {
                day = next_working_day(day);
            }
            day_end(day)
        }
    }
}

/// Whether a message due at `due` is overdue at `now` (both Kazakhstan time).
pub fn is_overdue(due: NaiveDateTime, now: NaiveDateTime) -> bool {
    now > due
}

fn is_working_day(day: NaiveDate) -> bool {
    !matches!(day.weekday(), Weekday::Sat | Weekday::Sun)
}

fn next_working_day(day: NaiveDate) -> NaiveDate {
    let mut next = day + Duration::days(1);
    while !is_working_day(next) {
        next += Duration::days(1);
    }
    next
}

fn at_hour(day: NaiveDate, hour: u32) -> NaiveDateTime {
    day.and_time(NaiveTime::from_hms_opt(hour, 0, 0).unwrap_or(NaiveTime::MIN))
}

fn day_start(day: NaiveDate) -> NaiveDateTime {
    at_hour(day, SCHOOL_DAY.0)
}

fn day_end(day: NaiveDate) -> NaiveDateTime {
    at_hour(day, SCHOOL_DAY.1)
}

/// The moment `span` of school time has passed after `from`.
fn after_school_time(from: NaiveDateTime, span: Duration) -> NaiveDateTime {
    let mut left = span;
    let mut day = from.date();
    let mut start = from;
    loop {
        if is_working_day(day) {
            let open = start.max(day_start(day));
            let close = day_end(day);
            if open < close {
                if open + left <= close {
                    return open + left;
                }
                left -= close - open;
            }
        }
        day += Duration::days(1);
        start = day_start(day);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// 2026-12-07 is a Monday.
    fn at(day: u32, h: u32, m: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 12, day).and_then(|d| d.and_hms_opt(h, m, 0)).expect("a time")
    }

    #[test]
    fn an_urgent_message_in_school_hours_is_due_two_hours_later() {
        assert_eq!(due(at(7, 10, 0), Urgency::Urgent), at(7, 12, 0));
        assert_eq!(due(at(7, 17, 0), Urgency::Urgent), at(8, 9, 0), "one hour today, one tomorrow morning");
        assert_eq!(due(at(7, 6, 0), Urgency::Urgent), at(7, 10, 0), "before school: two hours from eight");
    }

    #[test]
    fn an_urgent_message_never_waits_more_than_a_day() {
        assert_eq!(due(at(11, 17, 0), Urgency::Urgent), at(12, 17, 0), "Friday 17:00: Saturday, not Monday");
        assert_eq!(due(at(12, 10, 0), Urgency::Urgent), at(13, 10, 0), "Saturday: Sunday");
        assert_eq!(due(at(13, 22, 0), Urgency::Urgent), at(14, 10, 0), "Sunday night: Monday's school hours");
    }

    #[test]
    fn an_ordinary_message_is_due_at_the_end_of_the_third_working_day_after() {
        assert_eq!(due(at(7, 0, 0), Urgency::Ordinary), at(10, 18, 0), "Monday: Thursday");
        assert_eq!(due(at(10, 0, 0), Urgency::Ordinary), at(15, 18, 0), "Thursday: Tuesday");
        assert_eq!(due(at(12, 0, 0), Urgency::Ordinary), at(16, 18, 0), "Saturday: Wednesday");
    }

    #[test]
    fn overdue_means_after_the_deadline() {
        let deadline = at(7, 12, 0);
        assert!(!is_overdue(deadline, at(7, 12, 0)));
        assert!(is_overdue(deadline, at(7, 12, 1)));
    }

    #[test]
    fn every_deadline_lies_after_its_arrival_and_an_urgent_one_within_a_day() {
        let mut arrival = at(1, 0, 0);
        while arrival < at(22, 0, 0) {
            for urgency in [Urgency::Urgent, Urgency::Ordinary] {
                let deadline = due(arrival, urgency);
                assert!(deadline > arrival, "{arrival} {urgency:?}");
                if urgency == Urgency::Urgent {
                    assert!(deadline - arrival <= Duration::hours(URGENT_CAP_HOURS));
                }
            }
            arrival += Duration::minutes(37);
        }
    }
}
