//! A region's released figures for one questionnaire version, disclosed once and then kept.
//!
//! The region overview, every school dashboard's region reference lines and the national overview
//! all start from the same disclosure of a whole region. A large region holds about 16,000 classes,
//! so redoing that work on every view made those pages take half a second. The figures of a closed
//! wave are frozen (DESIGN.md promise 4), so they can be kept until another wave of the region is
//! counted. Only what those views show is kept: released region and school figures, and for each
//! school how many respondents were asked each indicator (the guard a school needs before it may
//! compare itself with the region). Class figures and answer counts are not kept.

use std::collections::BTreeMap;

use super::disclosure::{DisclosureError, GroupReport, K, Level};
use super::figures::{SchoolCounts, indicator_min_grade, region_report};
use super::ids::WaveId;
use super::instrument::Instrument;

/// A region's disclosure, reduced to what its views show.
///
/// Promises: `report` is exactly [`region_report`] of the counts it was built from, without the
/// class level.
#[derive(Debug, Clone)]
pub struct RegionFigures {
    report: GroupReport<String>,
    waves: BTreeMap<String, WaveId>,
    eligible: BTreeMap<String, Eligible>,
}

/// Respondents asked one indicator: in the whole region and per school.
#[derive(Debug, Clone, Default)]
struct Eligible {
    total: u32,
    by_school: BTreeMap<String, u32>,
}

impl RegionFigures {
    /// Discloses the region from each school's counts; `waves` names the wave counted for each school.
    pub fn compute(
        schools: &[SchoolCounts],
        waves: BTreeMap<String, WaveId>,
        instrument: &Instrument,
        k: K,
    ) -> Result<Self, DisclosureError<String>> {
        let report = region_report(schools, instrument, k)?.without_parts_finer_than(Level::School);
        let mut eligible = BTreeMap::new();
        for indicator in instrument.indicators() {
            let min = indicator_min_grade(instrument, indicator.id());
            let mut asked = Eligible::default();
            for school in schools {
                let n: u32 = school.classes.iter().filter(|c| c.grade >= min).map(|c| c.respondents).sum();
                asked.total += n;
                asked.by_school.insert(school.key.clone(), n);
            }
            eligible.insert(indicator.id().to_owned(), asked);
        }
        Ok(Self { report, waves, eligible })
    }

    /// Region → schools, as disclosed.
    pub fn report(&self) -> &GroupReport<String> {
        &self.report
    }

    /// The wave counted for each school (by school key).
    pub fn waves(&self) -> &BTreeMap<String, WaveId> {
        &self.waves
    }

    /// Respondents of the schools other than `own` who were asked `indicator`: a school may compare
    /// itself with the region only when this is 0 or at least k, or the region minus the school would
    /// describe fewer than k. An indicator the instrument lacks counts as asked of nobody.
    pub fn others_eligible(&self, own: &str, indicator: &str) -> u32 {
        self.eligible.get(indicator).map_or(0, |asked| asked.total - asked.by_school.get(own).copied().unwrap_or(0))
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::domain::figures::{ClassCounts, others_eligible};
    use crate::domain::survey::catalog::Catalog;

    fn class(key: &str, grade: u8, respondents: u32, bullying: u32) -> ClassCounts {
        let mut indicators = BTreeMap::new();
        indicators.insert("bullying_victim".to_owned(), bullying);
        if grade >= 7 {
            indicators.insert("suicidal_ideation".to_owned(), 1);
        }
        ClassCounts { key: key.into(), grade, respondents, indicators, items: BTreeMap::new() }
    }

    fn schools() -> Vec<SchoolCounts> {
        vec![
            SchoolCounts {
                key: "A".into(),
                classes: vec![class("A5", 5, 11, 0), class("A7", 7, 23, 2), class("A10", 10, 6, 0)],
            },
            SchoolCounts { key: "B".into(), classes: vec![class("B7", 7, 30, 3), class("B8", 8, 28, 1)] },
            SchoolCounts { key: "C".into(), classes: vec![class("C6", 6, 7, 1)] },
        ]
    }

    #[test]
    fn keeps_the_region_and_school_figures_of_the_full_disclosure_and_drops_the_classes() {
        let catalog = Catalog::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("surveys")).unwrap();
        let instrument = catalog.latest("school-climate").unwrap();
        let full = region_report(&schools(), instrument, K::default()).unwrap();
        let kept = RegionFigures::compute(&schools(), BTreeMap::new(), instrument, K::default()).unwrap();
        assert_eq!(kept.report().figures(), full.figures());
        assert_eq!(kept.report().parts().len(), 3);
        for (kept_school, full_school) in kept.report().parts().iter().zip(full.parts()) {
            assert_eq!(kept_school.key(), full_school.key());
            assert_eq!(kept_school.disclosed(), full_school.disclosed());
            assert!(kept_school.parts().is_empty(), "no class figures are kept");
            assert!(!full_school.parts().is_empty());
        }
    }

    #[test]
    fn the_subtraction_guard_counts_what_the_full_counts_would() {
        let catalog = Catalog::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("surveys")).unwrap();
        let instrument = catalog.latest("school-climate").unwrap();
        let kept = RegionFigures::compute(&schools(), BTreeMap::new(), instrument, K::default()).unwrap();
        for own in ["A", "B", "C", "not-in-region"] {
            for indicator in instrument.indicators() {
                assert_eq!(
                    kept.others_eligible(own, indicator.id()),
                    others_eligible(&schools(), own, instrument, indicator.id()),
                    "{own} {}",
                    indicator.id()
                );
            }
        }
        assert_eq!(kept.others_eligible("C", "bullying_victim"), 98);
        assert_eq!(kept.others_eligible("A", "no-such-indicator"), 0);
    }
}
