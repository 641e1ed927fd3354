//! From flags to referrals: one referral per flagged class of a wave, carrying every indicator it was
//! flagged on. A class is referred when one of its flags is `Elevated` or `Urgent`; a class only on
//! `Watch` is not (DESIGN.md: worth a look, no deadline of its own), though a referred class lists its
//! watch flags too.
//!
//! A signal never names a group that is not released (promise 5): a class is named only when its
//! school's own disclosure releases it (a class withheld to protect a small one is not named either,
//! nor told apart from it). The urgent and elevated flags of the others become one referral of the
//! school as a whole per school and wave, which says nothing about why no class is named. Flags are
//! computed on exact counts; only where they point is governed by the disclosure.

use std::collections::BTreeMap;

use crate::domain::flagging::ClassFlag;
use crate::domain::ids::WaveId;
use crate::domain::statistics::Severity;

/// Where a flagged class sits: its school, the wave it was counted in, and whether the school's own
/// disclosure of that wave releases the class.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClassPlace {
    /// The school's key (id).
    pub school: String,
    /// The wave whose counts were assessed.
    pub wave: WaveId,
    /// Whether the class is released on its school's pages (and so may be named).
    pub released: bool,
}

/// What a referral is about.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Subject {
    /// One class, by key (id): released on its school's pages.
    Class(String),
    /// The school as a whole: the signal came from classes its pages do not release.
    School,
}

/// A referral a flag run wants to exist.
#[derive(Debug, Clone, PartialEq)]
pub struct ReferralDraft {
    /// The school's key (id).
    pub school: String,
    /// The wave whose released figures are the evidence.
    pub wave: WaveId,
    /// The class, or the school as a whole.
    pub subject: Subject,
    /// Indicator ids with their severity, sorted by indicator.
    pub flags: Vec<(String, Severity)>,
}

impl ReferralDraft {
    /// The highest severity among the flags.
    pub fn severity(&self) -> Severity {
        self.flags.iter().map(|(_, s)| *s).max().unwrap_or(Severity::Watch)
    }

    /// The key that makes a second run find the same referral instead of creating another.
    pub fn flag_key(&self) -> String {
        match &self.subject {
            Subject::Class(class) => format!("{}:class:{class}", self.wave),
            Subject::School => format!("{}:school:{}", self.wave, self.school),
        }
    }
}

fn merge(flags: &mut Vec<(String, Severity)>, indicator: &str, severity: Severity) {
    match flags.iter_mut().find(|(id, _)| id == indicator) {
        Some(existing) => existing.1 = existing.1.max(severity),
        None => flags.push((indicator.to_owned(), severity)),
    }
}

/// The referrals `flags` call for; flags of classes missing from `places` are ignored.
pub fn drafts(flags: &[ClassFlag], places: &BTreeMap<String, ClassPlace>) -> Vec<ReferralDraft> {
    let mut by_class: BTreeMap<&str, Vec<&ClassFlag>> = BTreeMap::new();
    for flag in flags {
        by_class.entry(flag.class.as_str()).or_default().push(flag);
    }
    let mut out: BTreeMap<(String, WaveId, Subject), Vec<(String, Severity)>> = BTreeMap::new();
    for (class, class_flags) in by_class {
        let Some(place) = places.get(class) else { continue };
        if class_flags.iter().all(|f| f.severity == Severity::Watch) {
            continue;
        }
        let named = place.released;
        let subject = if named { Subject::Class(class.to_owned()) } else { Subject::School };
        let entry = out.entry((place.school.clone(), place.wave, subject)).or_default();
        for flag in class_flags {
            // An unnamed class gives the school its signals, not its watch marks.
            if named || flag.severity != Severity::Watch {
                merge(entry, &flag.indicator, flag.severity);
            }
        }
    }
    out.into_iter()
        .filter(|(_, flags)| !flags.is_empty())
        .map(|((school, wave, subject), mut flags)| {
            flags.sort();
            ReferralDraft { school, wave, subject, flags }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn flag(class: &str, indicator: &str, severity: Severity) -> ClassFlag {
        ClassFlag { class: class.into(), indicator: indicator.into(), severity }
    }

    fn places(wave: WaveId) -> BTreeMap<String, ClassPlace> {
        [("7A", "s1", true), ("8A", "s1", true), ("5A", "s1", false), ("6B", "s1", false), ("9B", "s2", true)]
            .into_iter()
            .map(|(class, school, released)| (class.to_owned(), ClassPlace { school: school.into(), wave, released }))
            .collect()
    }

    #[test]
    fn one_referral_per_class_with_every_flag_and_the_highest_severity() {
        let wave = WaveId::random();
        let flags = [
            flag("7A", "bullying_victim", Severity::Elevated),
            flag("7A", "suicidal_ideation", Severity::Watch),
            flag("8A", "acute_risk", Severity::Urgent),
        ];
        let found = drafts(&flags, &places(wave));
        assert_eq!(found.len(), 2, "{found:?}");
        let seven = found.iter().find(|d| d.subject == Subject::Class("7A".into())).unwrap();
        assert_eq!(seven.severity(), Severity::Elevated);
        assert_eq!(
            seven.flags,
            vec![("bullying_victim".into(), Severity::Elevated), ("suicidal_ideation".into(), Severity::Watch)]
        );
        let eight = found.iter().find(|d| d.subject == Subject::Class("8A".into())).unwrap();
        assert_eq!(eight.severity(), Severity::Urgent);
        assert_ne!(seven.flag_key(), eight.flag_key());
    }

    #[test]
    fn a_class_only_on_watch_is_not_referred() {
        let found = drafts(&[flag("9B", "low_mood", Severity::Watch)], &places(WaveId::random()));
        assert!(found.is_empty(), "{found:?}");
    }

    #[test]
    fn classes_not_released_become_one_referral_of_their_school_and_are_never_named() {
        let wave = WaveId::random();
        let flags = [
            flag("5A", "acute_risk", Severity::Urgent),
            flag("6B", "acute_risk", Severity::Urgent),
            flag("6B", "bullying_victim", Severity::Elevated),
            flag("6B", "low_mood", Severity::Watch),
        ];
        let found = drafts(&flags, &places(wave));
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].subject, Subject::School);
        assert_eq!(found[0].school, "s1");
        let expected = vec![("acute_risk".into(), Severity::Urgent), ("bullying_victim".into(), Severity::Elevated)];
        assert_eq!(found[0].flags, expected, "its signals, never its watch marks");
        assert_eq!(found[0].flag_key(), format!("{wave}:school:s1"));
    }

    #[test]
    fn flag_keys_are_stable_across_runs() {
        let wave = WaveId::random();
        let flags = [flag("7A", "bullying_victim", Severity::Elevated)];
        let first = drafts(&flags, &places(wave));
        let again = drafts(&flags, &places(wave));
        assert_eq!(first[0].flag_key(), again[0].flag_key());
        assert_eq!(first[0].flag_key(), format!("{wave}:class:7A"));
    }
}
