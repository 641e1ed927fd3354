//! How precisely a message's arrival is kept: only as precisely as its deadline needs.
//!
//! The time a pupil wrote is the one thing about the writer a message cannot help carrying, and a
//! precise one could be set beside other traces of that moment (a survey just submitted on the same
//! computer, a lesson timetable). So an ordinary message keeps only its day (its deadline counts working
//! days), an urgent one its hour (its deadline counts hours). Both are cut down, never rounded up, so a
//! deadline reckoned from the kept time is never later than one reckoned from the true time.

use chrono::{NaiveDateTime, NaiveTime, Timelike};

use super::topic::Urgency;

/// The arrival to keep of a message that came at `local` (Kazakhstan time) with `urgency`.
pub fn kept(local: NaiveDateTime, urgency: Urgency) -> NaiveDateTime {
    match urgency {
        Urgency::Ordinary => local.date().and_time(NaiveTime::MIN),
        Urgency::Urgent => local.date().and_time(NaiveTime::from_hms_opt(local.hour(), 0, 0).unwrap_or(NaiveTime::MIN)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn at(h: u32, m: u32, s: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 12, 4).and_then(|d| d.and_hms_opt(h, m, s)).expect("a time")
    }

    #[test]
    fn an_ordinary_message_keeps_its_day_and_an_urgent_one_its_hour() {
        assert_eq!(kept(at(14, 37, 12), Urgency::Ordinary), at(0, 0, 0));
        assert_eq!(kept(at(14, 37, 12), Urgency::Urgent), at(14, 0, 0));
        assert_eq!(kept(at(23, 59, 59), Urgency::Urgent), at(23, 0, 0), "cut down, never into the next day");
    }
}
