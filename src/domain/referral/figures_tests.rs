use chrono::{Duration, NaiveDate};

use super::*;
use crate::domain::referral::acknowledge_by;

/// The autumn half of 2026-2027: 1 September to 31 December, published on 2 January.
fn autumn() -> ReportingPeriod {
    ReportingPeriod::containing(NaiveDate::from_ymd_opt(2026, 10, 1).unwrap())
}

/// A moment in UTC of the autumn half (or of the January after it).
fn at(month: u32, day: u32, hour: u32) -> NaiveDateTime {
    let year = if month >= 9 { 2026 } else { 2027 };
    NaiveDate::from_ymd_opt(year, month, day).unwrap().and_hms_opt(hour, 0, 0).unwrap()
}

fn received(severity: Severity, when: NaiveDateTime) -> ReferralTimes {
    ReferralTimes {
        severity,
        created_at: when,
        acknowledge_by: acknowledge_by(when, severity),
        acknowledged_at: None,
        closed_at: None,
        outcome: None,
    }
}

fn acknowledged(mut r: ReferralTimes, when: NaiveDateTime) -> ReferralTimes {
    r.acknowledged_at = Some(when);
    r
}

fn closed(mut r: ReferralTimes, kind: &str, when: NaiveDateTime) -> ReferralTimes {
    r.closed_at = Some(when);
    r.outcome = Some(kind.to_owned());
    r
}

fn k10() -> K {
    K::new(10).unwrap()
}

#[test]
fn fewer_than_k_referrals_show_nothing() {
    let records: Vec<_> = (0..9).map(|d| received(Severity::Elevated, at(10, 5 + d, 6))).collect();
    let shown = figures(&records, autumn(), k10());
    for breakdown in [&shown.by_severity, &shown.at_period_end, &shown.by_outcome] {
        assert_eq!(breakdown.get().total, None);
        assert!(breakdown.get().parts.iter().all(Option::is_none));
    }
    assert_eq!(shown.acknowledged_in_time, None);
    assert_eq!((shown.urgent_acknowledge_hours, shown.other_acknowledge_days), (None, None));
}

#[test]
fn a_lone_urgent_referral_is_withheld_with_its_complement() {
    let mut records: Vec<_> = (0..20).map(|d| received(Severity::Elevated, at(10, 1 + d, 6))).collect();
    records.push(received(Severity::Urgent, at(11, 3, 6)));
    let shown = figures(&records, autumn(), k10());
    assert_eq!(shown.by_severity.get().total, Some(21));
    // Urgent, elevated, watch: the one urgent referral hides the twenty beside it; none watched.
    assert_eq!(shown.by_severity.get().parts, vec![None, None, Some(0)]);
}

#[test]
fn a_referral_belongs_to_the_period_of_its_arrival_in_kazakhstan() {
    // 31 December 18:59 UTC is 23:59 in Kazakhstan; 19:00 UTC is already 1 January.
    let december = received(Severity::Elevated, at(12, 31, 18) + Duration::minutes(59));
    let january = received(Severity::Elevated, at(12, 31, 19));
    assert!(received_in(&december, autumn()));
    assert!(!received_in(&january, autumn()));
    assert!(received_in(&january, autumn().next()));
    let records: Vec<_> = std::iter::repeat_n(january, 12).collect();
    assert_eq!(figures(&records, autumn(), k10()).by_severity.get().total, None, "none arrived in the autumn");
}

#[test]
fn what_the_centre_did_counts_as_it_stood_at_publication_so_the_figures_never_change() {
    // Ten arrive on Monday 2 November at 06:00 UTC and are acknowledged the next day, then closed;
    // ten arrive on Monday 28 December and are acknowledged only in mid-January.
    let early: Vec<_> = (0..10)
        .map(|_| received(Severity::Elevated, at(11, 2, 6)))
        .map(|r| acknowledged(r, at(11, 3, 9)))
        .map(|r| closed(r, "intervention_held", at(11, 20, 9)))
        .collect();
    let late: Vec<_> = (0..10).map(|_| received(Severity::Elevated, at(12, 28, 6))).collect();
    let then: Vec<_> = early.iter().chain(&late).cloned().collect();
    let now: Vec<_> = early
        .iter()
        .cloned()
        .chain(late.iter().cloned().map(|r| closed(acknowledged(r, at(1, 15, 9)), "referred_on", at(1, 20, 9))))
        .collect();
    for records in [&then, &now] {
        let shown = figures(records, autumn(), k10());
        // At the end of December: ten acknowledged, ten within their deadline (4 January), none overdue.
        assert_eq!(shown.at_period_end.get().parts, vec![Some(10), Some(10), Some(0)]);
        // At publication (2 January): ten held an intervention, ten were not closed.
        assert_eq!(shown.by_outcome.get().parts, vec![Some(10), Some(0), Some(0), Some(10)]);
        let shares: Vec<_> = shown.outcome_shares.iter().map(|p| p.as_ref().map(|p| *p.get())).collect();
        assert_eq!(shares[0], Some(Percent::Exactly(50)), "half were closed with an intervention");
        // Only the early ten were due before publication, all acknowledged in time.
        assert_eq!(shown.acknowledged_in_time.map(|p| *p.get()), Some(Percent::AtLeast(90)));
        assert_eq!(shown.other_acknowledge_days.map(|t| *t.get()), Some(Typical { median: 1, p90: 1 }));
    }
}

#[test]
fn referrals_still_waiting_past_their_deadline_when_the_period_ends_are_overdue() {
    // Twelve urgent referrals on 30 December at 06:00 UTC, due 24 hours later, still not acknowledged
    // when the year ends at 19:00 UTC on 31 December; ten more acknowledged within two hours.
    let mut records: Vec<_> = (0..12).map(|_| received(Severity::Urgent, at(12, 30, 6))).collect();
    records.extend((0..10).map(|i| acknowledged(received(Severity::Urgent, at(12, 1, 6)), at(12, 1, 7 + i % 2))));
    let shown = figures(&records, autumn(), k10());
    assert_eq!(shown.at_period_end.get().parts, vec![Some(10), Some(0), Some(12)]);
    assert_eq!(shown.acknowledged_in_time.map(|p| *p.get()), Some(Percent::Exactly(45)), "10 of 22 in time");
    assert_eq!(shown.urgent_acknowledge_hours.map(|t| *t.get()), Some(Typical { median: 1, p90: 2 }));
    assert_eq!(shown.other_acknowledge_days, None, "no other referral was acknowledged");
}

#[test]
fn late_acknowledgement_is_never_in_time() {
    let records: Vec<_> =
        (0..10).map(|_| received(Severity::Urgent, at(10, 5, 6))).map(|r| acknowledged(r, at(10, 7, 6))).collect();
    let shown = figures(&records, autumn(), k10());
    assert_eq!(shown.acknowledged_in_time.map(|p| *p.get()), Some(Percent::AtMost(10)));
    assert_eq!(shown.urgent_acknowledge_hours.map(|t| *t.get()), Some(Typical { median: 48, p90: 48 }));
}
