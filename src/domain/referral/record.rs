//! A stored referral as pages and the API see it, who may see it, and the inbox's order and filters.

use chrono::NaiveDateTime;

use super::lifecycle::{ReferralStatus, is_overdue};
use super::note::NoteText;
use super::place::{ReferralPlace, ReferredSchool};
use crate::domain::ids::{ClassId, ReferralId, SchoolId, UserId, WaveId};
use crate::domain::region::RegionCode;
use crate::domain::statistics::Severity;

/// Whose referrals a caller may see: a centre its region's, a psychologist their school's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReferralScope {
    /// Centre staff of a region: every referral of the region, with a school or without one.
    Region(RegionCode),
    /// The psychologist of a school: the referrals that name it, never one of the region without
    /// a school (even when the signal came from this school).
    School(SchoolId),
}

/// How a referral came to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// The flag run found the class standing out.
    Flag,
    /// A psychologist raised it for a class ("complex case").
    Manual,
}

impl Source {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Source::Flag => "flag",
            Source::Manual => "manual",
        }
    }

    /// Parses the stored name.
    pub fn parse(text: &str) -> Option<Source> {
        [Source::Flag, Source::Manual].into_iter().find(|s| s.as_str() == text)
    }
}

/// One referral with the names a page needs.
#[derive(Debug, Clone)]
pub struct Referral {
    /// Its id.
    pub id: ReferralId,
    /// The region whose centre works it.
    pub region: RegionCode,
    /// The school named (with the class when one is named), or the region with no school named.
    pub place: ReferralPlace<ReferredSchool>,
    /// The wave whose released figures are the evidence (`None` for a manual referral and for a
    /// referral of the region, which names no wave).
    pub wave_id: Option<WaveId>,
    /// Flag run or psychologist.
    pub source: Source,
    /// How soon the centre must act.
    pub severity: Severity,
    /// Where it stands.
    pub status: ReferralStatus,
    /// How it ended, with the reason for "no action".
    pub outcome: Option<(String, Option<String>)>,
    /// Who raised a manual referral.
    pub raised_by: Option<UserId>,
    /// When it was created: when it appears in the inbox (see `drafts` for referrals that wait).
    pub created_at: NaiveDateTime,
    /// When it must be acknowledged.
    pub acknowledge_by: NaiveDateTime,
    /// When it was acknowledged.
    pub acknowledged_at: Option<NaiveDateTime>,
    /// When it was closed.
    pub closed_at: Option<NaiveDateTime>,
    /// Indicators it was flagged on, with their severity.
    pub flags: Vec<(String, Severity)>,
}

impl Referral {
    /// The school named, if any.
    pub fn school_id(&self) -> Option<SchoolId> {
        self.place.school().map(|school| school.id)
    }

    /// The class named and its label, if any (only a named school's class can be named).
    pub fn class(&self) -> Option<&(ClassId, String)> {
        self.place.school().and_then(|school| school.class.as_ref())
    }

    /// Still waiting for acknowledgement after its deadline.
    pub fn overdue(&self, now: NaiveDateTime) -> bool {
        is_overdue(self.status, self.acknowledge_by, now)
    }
}

/// The inbox's filters; `None` lets everything through.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct InboxFilter {
    /// Only this status.
    pub status: Option<ReferralStatus>,
    /// Only referrals that name this school (a referral of the region names none).
    pub school: Option<SchoolId>,
    /// Only referrals flagged on this indicator.
    pub indicator: Option<String>,
    /// Only overdue ones.
    pub overdue: bool,
}

impl InboxFilter {
    /// Whether `referral` passes at `now`.
    pub fn admits(&self, referral: &Referral, now: NaiveDateTime) -> bool {
        self.status.is_none_or(|s| s == referral.status)
            && self.school.is_none_or(|s| referral.school_id() == Some(s))
            && self.indicator.as_ref().is_none_or(|i| referral.flags.iter().any(|(id, _)| id == i))
            && (!self.overdue || referral.overdue(now))
    }
}

/// The inbox order: open before closed, then most severe first, then the earliest deadline.
pub fn sort_for_inbox(referrals: &mut [Referral]) {
    referrals.sort_by(|a, b| {
        let closed = |r: &Referral| r.status == ReferralStatus::Closed;
        closed(a)
            .cmp(&closed(b))
            .then(b.severity.cmp(&a.severity))
            .then(a.acknowledge_by.cmp(&b.acknowledge_by))
            .then(a.id.cmp(&b.id))
    });
}

/// What a psychologist fills in to raise a referral by hand.
#[derive(Debug, Clone)]
pub struct ManualReferral {
    /// Their school.
    pub school: SchoolId,
    /// The class.
    pub class: ClassId,
    /// Urgent (24 h) or not (5 working days).
    pub urgent: bool,
    /// What the centre should know (no pupil names).
    pub note: NoteText,
    /// The psychologist.
    pub raised_by: UserId,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::lang::Localized;
    use chrono::{Datelike, NaiveDate};

    fn at(day: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 11, day).unwrap().and_hms_opt(9, 0, 0).unwrap()
    }

    fn referral(severity: Severity, deadline: u32, status: ReferralStatus, flags: &[&str]) -> Referral {
        Referral {
            id: ReferralId::random(),
            region: RegionCode::parse("KZ-71").unwrap(),
            place: ReferralPlace::School(ReferredSchool {
                id: SchoolId::random(),
                code: "S".into(),
                name: Localized { kk: "S".into(), ru: "S".into(), en: "S".into() },
                class: None,
            }),
            wave_id: None,
            source: Source::Flag,
            severity,
            status,
            outcome: None,
            raised_by: None,
            created_at: at(1),
            acknowledge_by: at(deadline),
            acknowledged_at: None,
            closed_at: None,
            flags: flags.iter().map(|f| ((*f).to_owned(), severity)).collect(),
        }
    }

    #[test]
    fn the_inbox_puts_severity_first_then_the_deadline_and_closed_ones_last() {
        use ReferralStatus::*;
        let mut list = vec![
            referral(Severity::Elevated, 5, New, &[]),
            referral(Severity::Urgent, 9, Closed, &[]),
            referral(Severity::Urgent, 8, Acknowledged, &[]),
            referral(Severity::Elevated, 3, InProgress, &[]),
            referral(Severity::Urgent, 2, New, &[]),
        ];
        sort_for_inbox(&mut list);
        let order: Vec<(Severity, u32, bool)> =
            list.iter().map(|r| (r.severity, r.acknowledge_by.date().day0() + 1, r.status == Closed)).collect();
        assert_eq!(
            order,
            vec![
                (Severity::Urgent, 2, false),
                (Severity::Urgent, 8, false),
                (Severity::Elevated, 3, false),
                (Severity::Elevated, 5, false),
                (Severity::Urgent, 9, true),
            ]
        );
    }

    #[test]
    fn filters_by_status_indicator_school_and_overdue() {
        let late = referral(Severity::Elevated, 5, ReferralStatus::New, &["bullying_victim"]);
        let taken = referral(Severity::Elevated, 5, ReferralStatus::Acknowledged, &["low_mood"]);
        let now = at(6);
        let overdue = InboxFilter { overdue: true, ..InboxFilter::default() };
        assert!(overdue.admits(&late, now) && !overdue.admits(&taken, now));
        assert!(!overdue.admits(&late, at(4)), "not yet past its deadline");
        let bullying = InboxFilter { indicator: Some("bullying_victim".into()), ..InboxFilter::default() };
        assert!(bullying.admits(&late, now) && !bullying.admits(&taken, now));
        let acknowledged = InboxFilter { status: Some(ReferralStatus::Acknowledged), ..InboxFilter::default() };
        assert!(acknowledged.admits(&taken, now) && !acknowledged.admits(&late, now));
        let school = InboxFilter { school: late.school_id(), ..InboxFilter::default() };
        assert!(school.admits(&late, now) && !school.admits(&taken, now));
        let region = Referral { place: ReferralPlace::Region, ..late.clone() };
        assert!(!school.admits(&region, now), "a referral of the region names no school to filter by");
        assert!(InboxFilter::default().admits(&region, now));
    }
}
