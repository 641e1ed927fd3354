//! A centre's accountability for one region and reporting period: how many referrals it received and
//! how urgent they were, how fast it acknowledged them, how they ended, and how many were left waiting
//! past their deadline when the period ended. For the public page of each region (docs/design.md,
//! Open figures) and the national analyst's side-by-side view.
//!
//! A referral belongs to the period that holds its arrival (`created_at`, in Kazakhstan). What the
//! centre did is counted as it stood when the period was published, so a published period's figures
//! never change. Referrals are about classes and schools, not pupils, but a count of one urgent
//! referral in a region still tells that some pupil of it answered the acute question: every count
//! and share passes `domain::disclosure` ([`break_down`], [`share`], [`typical`]) like the trust box's.

use chrono::NaiveDateTime;

use super::lifecycle::Outcome;
use crate::domain::disclosure::{
    Breakdown, K, Percent, Released, Typical, break_down, count_of, part_shares, share, typical,
};
use crate::domain::period::ReportingPeriod;
use crate::domain::statistics::Severity;
use crate::domain::survey::wave::local_date;

/// What the figures need of one referral: its times, severity and outcome, never its place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReferralTimes {
    /// How soon the centre had to act.
    pub severity: Severity,
    /// When it arrived in the inbox (UTC).
    pub created_at: NaiveDateTime,
    /// When it had to be acknowledged (UTC).
    pub acknowledge_by: NaiveDateTime,
    /// When it was acknowledged (UTC), if it was.
    pub acknowledged_at: Option<NaiveDateTime>,
    /// When it was closed (UTC), if it was.
    pub closed_at: Option<NaiveDateTime>,
    /// The stored name of its outcome ([`Outcome::KINDS`]), once closed.
    pub outcome: Option<String>,
}

/// Severities in the order the figures list them: the most pressing first.
pub const SEVERITY_ORDER: [Severity; 3] = [Severity::Urgent, Severity::Elevated, Severity::Watch];

/// What may be shown of a region's referrals in one period.
#[derive(Debug, Clone, PartialEq)]
pub struct ReferralFigures {
    /// Referrals received, by severity in [`SEVERITY_ORDER`]; the total is every referral received.
    pub by_severity: Released<Breakdown>,
    /// Where they stood when the period ended: acknowledged, waiting within their deadline, waiting
    /// past it (overdue).
    pub at_period_end: Released<Breakdown>,
    /// How they stood at publication: closed with each outcome of [`Outcome::KINDS`], then not closed.
    pub by_outcome: Released<Breakdown>,
    /// The share of all received that each part of `by_outcome` holds, where that part is shown.
    pub outcome_shares: Vec<Option<Released<Percent>>>,
    /// Of the referrals whose deadline fell before publication, the share acknowledged by it.
    pub acknowledged_in_time: Option<Released<Percent>>,
    /// Hours from arrival to acknowledgement, urgent referrals acknowledged before publication.
    pub urgent_acknowledge_hours: Option<Released<Typical>>,
    /// Days (from the day of arrival to the day of acknowledgement, in Kazakhstan), other referrals
    /// acknowledged before publication.
    pub other_acknowledge_days: Option<Released<Typical>>,
}

/// Whether `record` arrived within `period`.
pub fn received_in(record: &ReferralTimes, period: ReportingPeriod) -> bool {
    (period.began_at()..period.ended_at()).contains(&record.created_at)
}

/// The figures of those of `records` that arrived in `period`, at threshold `k`.
pub fn figures(records: &[ReferralTimes], period: ReportingPeriod, k: K) -> ReferralFigures {
    let records: Vec<&ReferralTimes> = records.iter().filter(|r| received_in(r, period)).collect();
    let (ended, published) = (period.ended_at(), period.published_at());
    let total = count_of(records.len());
    let how_many = |test: &dyn Fn(&ReferralTimes) -> bool| count_of(records.iter().filter(|r| test(r)).count());
    let severities: Vec<u32> = SEVERITY_ORDER.iter().map(|s| how_many(&|r| r.severity == *s)).collect();
    let acknowledged_before = |r: &ReferralTimes, moment| r.acknowledged_at.is_some_and(|at| at < moment);
    let standing = [
        how_many(&|r| acknowledged_before(r, ended)),
        how_many(&|r| !acknowledged_before(r, ended) && r.acknowledge_by >= ended),
        how_many(&|r| !acknowledged_before(r, ended) && r.acknowledge_by < ended),
    ];
    let closed = |r: &ReferralTimes| r.closed_at.is_some_and(|at| at < published);
    let mut outcomes: Vec<u32> =
        Outcome::KINDS.iter().map(|kind| how_many(&|r| closed(r) && r.outcome.as_deref() == Some(*kind))).collect();
    outcomes.push(how_many(&|r| !closed(r)));
    let due = how_many(&|r| r.acknowledge_by < published);
    let in_time = how_many(&|r| {
        r.acknowledge_by < published && r.acknowledged_at.is_some_and(|at| at <= r.acknowledge_by && at < published)
    });
    let waited = |urgent: bool, unit: fn(NaiveDateTime, NaiveDateTime) -> i64| -> Vec<u32> {
        let of_kind = records.iter().filter(|r| (r.severity == Severity::Urgent) == urgent);
        of_kind
            .filter_map(|r| {
                r.acknowledged_at
                    .filter(|at| *at < published)
                    .map(|at| count_of(unit(r.created_at, at).max(0) as usize))
            })
            .collect()
    };
    let hours = |from: NaiveDateTime, to: NaiveDateTime| (to - from).num_hours();
    let days =
        |from: NaiveDateTime, to: NaiveDateTime| (local_date(to.and_utc()) - local_date(from.and_utc())).num_days();
    let by_outcome = break_down(total, &outcomes, k);
    ReferralFigures {
        by_severity: break_down(total, &severities, k),
        at_period_end: break_down(total, &standing, k),
        outcome_shares: part_shares(&by_outcome, k),
        by_outcome,
        acknowledged_in_time: share(in_time, due, k),
        urgent_acknowledge_hours: typical(&waited(true, hours), k),
        other_acknowledge_days: typical(&waited(false, days), k),
    }
}

#[cfg(test)]
#[path = "figures_tests.rs"]
mod tests;
