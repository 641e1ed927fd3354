//! The trust box's figures for one region and one reporting period: how many conversations, about
//! what, how they ended, how fast staff answered, and how many pupils came back with their receipt.
//!
//! A conversation belongs to the period that holds its arrival. Everything staff did is counted as it
//! stood when the period was published (its replies and closings before that moment), so the figures
//! of a published period never change; only "came back" is counted as it stands when read, because
//! the pupil's return is kept without a time (see docs/trust-box.md, Figures). Every count and share
//! passes `domain::disclosure` ([`break_down`], [`share`], [`typical`]).

use chrono::{NaiveDateTime, NaiveTime};

use super::deadline::due;
use super::lifecycle::Outcome;
use super::record::ConversationRecord;
use super::topic::{Topic, Urgency};
use crate::domain::disclosure::{Breakdown, K, Percent, Released, Typical, break_down, count_of, share, typical};
use crate::domain::period::ReportingPeriod;

/// What the figures show for one region and period.
#[derive(Debug, Clone, PartialEq)]
pub struct TrustFigures {
    /// Conversations by topic, in [`Topic::ALL`] order; the total is every conversation.
    pub by_topic: Released<Breakdown>,
    /// Conversations by outcome at publication, in [`Outcome::ALL`] order, then "still open".
    pub by_outcome: Released<Breakdown>,
    /// Of the conversations whose first deadline fell before publication, the share first answered
    /// by it.
    pub answered_in_time: Option<Released<Percent>>,
    /// Hours from arrival (kept to the hour) to the first reply, urgent conversations answered
    /// before publication.
    pub urgent_reply_hours: Option<Released<Typical>>,
    /// Days from the day of arrival to the day of the first reply, other conversations answered
    /// before publication.
    pub other_reply_days: Option<Released<Typical>>,
    /// The share of conversations whose pupil came back with the receipt.
    pub came_back: Option<Released<Percent>>,
}

/// The moment `period` was published, in Kazakhstan time (the trust box keeps local times).
pub fn published_local(period: ReportingPeriod) -> NaiveDateTime {
    period.published_on().and_time(NaiveTime::MIN)
}

/// Whether `record` arrived within `period`.
pub fn arrived_in(record: &ConversationRecord, period: ReportingPeriod) -> bool {
    ReportingPeriod::containing(record.arrived_at.date()) == period
}

/// The figures of `records` (the region's conversations that arrived in `period`) at threshold `k`.
pub fn figures(records: &[ConversationRecord], period: ReportingPeriod, k: K) -> TrustFigures {
    let published = published_local(period);
    let total = count_of(records.len());
    let topics: Vec<u32> =
        Topic::ALL.iter().map(|t| count_of(records.iter().filter(|r| r.topic == *t).count())).collect();
    let closed_by = |r: &&ConversationRecord| r.closed_at.is_some_and(|at| at < published);
    let outcome_of = |r: &ConversationRecord| closed_by(&r).then(|| r.state.status.outcome()).flatten();
    let mut outcomes: Vec<u32> =
        Outcome::ALL.iter().map(|o| count_of(records.iter().filter(|r| outcome_of(r) == Some(*o)).count())).collect();
    outcomes.push(count_of(records.iter().filter(|r| outcome_of(r).is_none()).count()));
    let first_reply = |r: &ConversationRecord| r.first_reply_at.filter(|at| *at < published);
    let deadline = |r: &ConversationRecord| due(r.arrived_at, r.urgency());
    let due_before: Vec<&ConversationRecord> = records.iter().filter(|r| deadline(r) < published).collect();
    let in_time = due_before.iter().filter(|r| first_reply(r).is_some_and(|at| at <= deadline(r))).count();
    let waited = |urgency: Urgency, unit: fn(NaiveDateTime, NaiveDateTime) -> i64| -> Vec<u32> {
        let answered = records.iter().filter(|r| r.urgency() == urgency);
        answered.filter_map(|r| first_reply(r).map(|at| count_of(unit(r.arrived_at, at).max(0) as usize))).collect()
    };
    let hours = |from: NaiveDateTime, to: NaiveDateTime| (to - from).num_hours();
    let days = |from: NaiveDateTime, to: NaiveDateTime| (to.date() - from.date()).num_days();
    TrustFigures {
        by_topic: break_down(total, &topics, k),
        by_outcome: break_down(total, &outcomes, k),
        answered_in_time: share(count_of(in_time), count_of(due_before.len()), k),
        urgent_reply_hours: typical(&waited(Urgency::Urgent, hours), k),
        other_reply_days: typical(&waited(Urgency::Ordinary, days), k),
        came_back: share(count_of(records.iter().filter(|r| r.came_back).count()), total, k),
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::domain::ids::{ConversationId, SchoolId};
    use crate::domain::region::RegionCode;
    use crate::domain::trust_box::lifecycle::Step;
    use crate::domain::trust_box::record::Opening;
    use crate::domain::trust_box::topic::Addressee;

    /// The autumn half of 2026-2027: 1 September to 31 December, published on 2 January.
    fn autumn() -> ReportingPeriod {
        ReportingPeriod::containing(NaiveDate::from_ymd_opt(2026, 10, 1).unwrap())
    }

    fn at(month: u32, day: u32, hour: u32) -> NaiveDateTime {
        let year = if month >= 9 { 2026 } else { 2027 };
        NaiveDate::from_ymd_opt(year, month, day).unwrap().and_hms_opt(hour, 0, 0).unwrap()
    }

    fn opened(topic: Topic, in_danger: bool, when: NaiveDateTime) -> ConversationRecord {
        let opening = Opening { topic, addressee: Addressee::School, in_danger };
        let region = RegionCode::parse("KZ-11").unwrap();
        ConversationRecord::open(ConversationId::random(), SchoolId::random(), region, opening, when)
    }

    fn k10() -> K {
        K::new(10).unwrap()
    }

    #[test]
    fn fewer_than_k_conversations_show_nothing() {
        let records: Vec<_> = (0..9).map(|d| opened(Topic::Bullying, false, at(10, 5 + d, 10))).collect();
        let shown = figures(&records, autumn(), k10());
        assert_eq!(shown.by_topic.get().total, None);
        assert_eq!(shown.by_outcome.get().total, None);
        assert_eq!((shown.answered_in_time, shown.came_back, shown.other_reply_days), (None, None, None));
    }

    #[test]
    fn a_rare_topic_is_withheld_with_its_complement_and_zeros_are_shown() {
        let mut records: Vec<_> = (0..20).map(|d| opened(Topic::Bullying, false, at(10, 1 + d, 10))).collect();
        records.extend((0..12).map(|d| opened(Topic::Other, false, at(11, 1 + d, 10))));
        records.push(opened(Topic::SelfHarm, false, at(11, 20, 10)));
        let shown = figures(&records, autumn(), k10());
        // Bullying, harm at home, self-harm, other: the one self-harm message and the 12 go together.
        assert_eq!(shown.by_topic.get().parts, vec![Some(20), Some(0), None, None]);
        assert_eq!(shown.by_topic.get().total, Some(33));
    }

    #[test]
    fn staff_work_counts_as_it_stood_at_publication_so_the_figures_never_change() {
        let replied =
            |r: ConversationRecord, when| r.after(Step::Opened, when).unwrap().after(Step::Replied, when).unwrap();
        let closed = |r: ConversationRecord, when| r.after(Step::Closed(Outcome::HelpGiven), when).unwrap();
        // Ten arrive on Monday 7 December, answered on Tuesday (within three working days), closed
        // on Wednesday; ten more arrive on 30 December and are answered and closed only in January.
        let early: Vec<_> = (0..10).map(|_| opened(Topic::Bullying, false, at(12, 7, 10))).collect();
        let early: Vec<_> = early.into_iter().map(|r| closed(replied(r, at(12, 8, 11)), at(12, 9, 12))).collect();
        let late: Vec<_> = (0..10).map(|_| opened(Topic::Bullying, false, at(12, 30, 10))).collect();
        let answered_after = |r| closed(replied(r, at(1, 5, 9)), at(1, 6, 9));
        let mut then: Vec<_> = early.clone();
        then.extend(late.clone());
        let mut now: Vec<_> = early;
        now.extend(late.into_iter().map(answered_after));
        for records in [&then, &now] {
            let shown = figures(records, autumn(), k10());
            // Outcomes at publication: 10 helped, 10 still open (the last part).
            assert_eq!(shown.by_outcome.get().parts, vec![Some(10), Some(0), Some(0), Some(0), Some(10)]);
            // Only the early ten were due before publication (the late ones on 4 January), all on time.
            assert_eq!(shown.answered_in_time.map(|p| *p.get()), Some(Percent::AtLeast(90)));
            assert_eq!(shown.other_reply_days.map(|t| *t.get()), Some(Typical { median: 1, p90: 1 }));
        }
    }

    #[test]
    fn urgent_replies_are_timed_in_hours_from_the_kept_hour() {
        let records: Vec<_> = (0..10u32)
            .map(|i| {
                let r = opened(Topic::SelfHarm, true, at(10, 5, 9));
                r.after(Step::Replied, at(10, 5, 10 + i % 3)).unwrap()
            })
            .collect();
        let shown = figures(&records, autumn(), k10());
        assert_eq!(shown.urgent_reply_hours.map(|t| *t.get()), Some(Typical { median: 2, p90: 3 }));
        assert_eq!(shown.other_reply_days, None, "no ordinary conversation was answered");
    }

    #[test]
    fn a_conversation_belongs_to_the_period_of_its_arrival() {
        let december = opened(Topic::Other, false, at(12, 31, 10));
        let january = opened(Topic::Other, false, at(1, 1, 10));
        assert!(arrived_in(&december, autumn()));
        assert!(!arrived_in(&january, autumn()));
    }
}
