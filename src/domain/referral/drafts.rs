//! From flags to referrals: one referral per flagged class of a wave, carrying every indicator it was
//! flagged on. A class is referred when one of its flags is `Elevated` or `Urgent`; a class only on
//! `Watch` is not (docs/statistics.md#the-flag-rule: shown to the school, not referred), though a
//! referred class lists its watch flags too.
//!
//! A signal never names a group that is not released (promise 5): it goes to the smallest enclosing
//! group of at least k respondents, and never says that its source is small.
//! * A class is named only when its school's own disclosure releases it (a class withheld to protect
//!   a small one is not named either, nor told apart from it).
//! * The urgent and elevated flags of the others become one referral of the school as a whole per
//!   school and wave, which says nothing about why no class is named. Where the unnamed classes that
//!   were asked an indicator hold fewer than k respondents, that indicator's signal goes to the
//!   region as a small school's does: the school's referral would point at those few.
//! * A school whose wave has fewer than k respondents in all ([`K::may_name`]) is never named: its
//!   signals become referrals of the region that name no school, no class and no wave. When they
//!   appear matters too, since a referral that appears as one small school's wave closes points at
//!   it. Urgent signals cannot wait (a pupil may be in danger now): each such wave gives one region
//!   referral at once, dated to the hour. Elevated signals can: those of every small school whose
//!   wave ends in a reporting period are pooled into one referral of the region and period, which
//!   appears when the period is published, the same moment in every region. (Today the pool stays
//!   empty: the statistics test only classes of at least k for "elevated", and a school below k has
//!   none. It is here so that a change to them cannot send such a signal out as the wave closes.)
//!
//! Flags are computed on exact counts; only where they point is governed by the disclosure.

use std::collections::BTreeMap;

use chrono::{NaiveDateTime, Timelike};

use crate::domain::disclosure::K;
use crate::domain::flagging::ClassFlag;
use crate::domain::ids::WaveId;
use crate::domain::period::ReportingPeriod;
use crate::domain::region::RegionCode;
use crate::domain::statistics::Severity;

/// Where a flagged class sits: its school and the school's size in the wave counted, the wave and its
/// reporting period, and whether the school's own disclosure of that wave releases the class.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClassPlace {
    /// The school's key (id).
    pub school: String,
    /// The school's respondents in the wave, all classes together: below k, the school is not named.
    pub school_respondents: u32,
    /// The wave whose counts were assessed.
    pub wave: WaveId,
    /// The reporting period the wave belongs to (by its last day).
    pub period: ReportingPeriod,
    /// Whether the class is released on its school's pages (and so may be named).
    pub released: bool,
    /// Per indicator, the respondents of the school's classes that are not released and were asked
    /// it: who a signal of the school as a whole can come from. Below k, the school is not named for
    /// that signal either (a grade-7 class of 5 withheld with a grade-5 class of 12, who are never
    /// asked the self-harm section, would be the only source).
    pub unnamed_asked: BTreeMap<String, u32>,
}

/// What a referral of a named school is about.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Subject {
    /// One class, by key (id): released on its school's pages.
    Class(String),
    /// The school as a whole: the signal came from classes its pages do not release.
    School,
}

/// Which signals of schools below k a referral of the region gathers, and so when it appears.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum RegionBatch {
    /// The urgent signals of one small school's wave: referred at once, since a pupil may be in
    /// danger. The wave only keys the referral (so a rerun finds it); it is never shown.
    Urgent(WaveId),
    /// The elevated signals of every small school of the region whose wave ends in the period: one
    /// referral, which appears when the period is published.
    Period(ReportingPeriod),
}

/// Where a draft points: a named school, or the region with no school named.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum DraftPlace {
    /// A school of at least k respondents in the wave: one of its released classes, or the whole.
    School {
        /// The school's key (id).
        school: String,
        /// The wave whose released figures are the evidence.
        wave: WaveId,
        /// The class, or the school as a whole.
        subject: Subject,
    },
    /// The region as a whole: the signals of schools below k.
    Region(RegionBatch),
}

/// A referral a flag run wants to exist.
#[derive(Debug, Clone, PartialEq)]
pub struct ReferralDraft {
    /// What it points at.
    pub place: DraftPlace,
    /// Indicator ids with their severity, sorted by indicator.
    pub flags: Vec<(String, Severity)>,
}

impl ReferralDraft {
    /// The highest severity among the flags.
    pub fn severity(&self) -> Severity {
        self.flags.iter().map(|(_, s)| *s).max().unwrap_or(Severity::Watch)
    }

    /// The key that makes a second run find the same referral instead of creating another. It is
    /// stored, never shown: a region referral's key names the wave or period it gathers.
    pub fn flag_key(&self, region: &RegionCode) -> String {
        match &self.place {
            DraftPlace::School { wave, subject: Subject::Class(class), .. } => format!("{wave}:class:{class}"),
            DraftPlace::School { school, wave, subject: Subject::School } => format!("{wave}:school:{school}"),
            DraftPlace::Region(RegionBatch::Urgent(wave)) => format!("{wave}:region"),
            DraftPlace::Region(RegionBatch::Period(period)) => format!("{region}:{}:region", period.id()),
        }
    }

    /// The school's key, when a school is named.
    pub fn school(&self) -> Option<&str> {
        match &self.place {
            DraftPlace::School { school, .. } => Some(school),
            DraftPlace::Region(_) => None,
        }
    }

    /// The class's key, when a class is named.
    pub fn class(&self) -> Option<&str> {
        match &self.place {
            DraftPlace::School { subject: Subject::Class(class), .. } => Some(class),
            _ => None,
        }
    }

    /// The wave whose released figures are the evidence; a referral of the region names none.
    pub fn evidence_wave(&self) -> Option<WaveId> {
        match &self.place {
            DraftPlace::School { wave, .. } => Some(*wave),
            DraftPlace::Region(_) => None,
        }
    }

    /// When the referral appears in the inbox (its creation time), for a run at `now`: at once for
    /// a named school; at the start of the hour for the urgent signals of a small school, so its
    /// time says no more than the hour; when the period is published for a period's pool (in the
    /// past when a late run adds to a period already published, which keeps its one moment).
    pub fn appears_at(&self, now: NaiveDateTime) -> NaiveDateTime {
        match &self.place {
            DraftPlace::School { .. } => now,
            DraftPlace::Region(RegionBatch::Urgent(_)) => start_of_hour(now),
            DraftPlace::Region(RegionBatch::Period(period)) => period.published_at(),
        }
    }
}

fn start_of_hour(at: NaiveDateTime) -> NaiveDateTime {
    at.with_minute(0).and_then(|t| t.with_second(0)).and_then(|t| t.with_nanosecond(0)).unwrap_or(at)
}

fn merge(flags: &mut Vec<(String, Severity)>, indicator: &str, severity: Severity) {
    match flags.iter_mut().find(|(id, _)| id == indicator) {
        Some(existing) => existing.1 = existing.1.max(severity),
        None => flags.push((indicator.to_owned(), severity)),
    }
}

/// The referrals `flags` call for, with `k` deciding which schools may be named; flags of classes
/// missing from `places` are ignored.
pub fn drafts(flags: &[ClassFlag], places: &BTreeMap<String, ClassPlace>, k: K) -> Vec<ReferralDraft> {
    let mut by_class: BTreeMap<&str, Vec<&ClassFlag>> = BTreeMap::new();
    for flag in flags {
        by_class.entry(flag.class.as_str()).or_default().push(flag);
    }
    let mut out: BTreeMap<DraftPlace, Vec<(String, Severity)>> = BTreeMap::new();
    // A small school's signals, by its wave and period, before they are split by urgency.
    let mut small: BTreeMap<(WaveId, ReportingPeriod), Vec<(String, Severity)>> = BTreeMap::new();
    for (class, class_flags) in by_class {
        let Some(place) = places.get(class) else { continue };
        if class_flags.iter().all(|f| f.severity == Severity::Watch) {
            continue;
        }
        // An unnamed class gives its school or region its signals, never its watch marks.
        let signals = class_flags.iter().filter(|f| f.severity != Severity::Watch);
        let named = place.released;
        // To the region where naming the school would point at fewer than k: the whole school, or
        // its unnamed classes that were asked the indicator.
        let (to_region, signals): (Vec<&&ClassFlag>, Vec<&&ClassFlag>) = signals.partition(|flag| {
            !k.may_name(place.school_respondents)
                || (!named && !k.may_name(place.unnamed_asked.get(&flag.indicator).copied().unwrap_or(0)))
        });
        if !to_region.is_empty() {
            let entry = small.entry((place.wave, place.period)).or_default();
            to_region.iter().for_each(|flag| merge(entry, &flag.indicator, flag.severity));
        }
        if signals.is_empty() {
            continue;
        }
        let subject = if named { Subject::Class(class.to_owned()) } else { Subject::School };
        let entry =
            out.entry(DraftPlace::School { school: place.school.clone(), wave: place.wave, subject }).or_default();
        if named {
            class_flags.iter().for_each(|flag| merge(entry, &flag.indicator, flag.severity));
        } else {
            signals.iter().for_each(|flag| merge(entry, &flag.indicator, flag.severity));
        }
    }
    for ((wave, period), signals) in small {
        for (indicator, severity) in signals {
            let batch =
                if severity == Severity::Urgent { RegionBatch::Urgent(wave) } else { RegionBatch::Period(period) };
            merge(out.entry(DraftPlace::Region(batch)).or_default(), &indicator, severity);
        }
    }
    out.into_iter()
        .filter(|(_, flags)| !flags.is_empty())
        .map(|(place, mut flags)| {
            flags.sort();
            ReferralDraft { place, flags }
        })
        .collect()
}

#[cfg(test)]
mod tests;
