//! A region's released figures for one questionnaire version, disclosed once and then kept.
//!
//! The region overview, every school dashboard's region reference lines and the national overview
//! all start from the same disclosure of a whole region. A large region holds about 16,000 classes,
//! so redoing that work on every view made those pages take half a second. The figures of a closed
//! wave are frozen (docs/privacy.md promise 4), so they can be kept until another wave of the region is
//! counted. Only what those views show is kept: released region and school figures. Class figures
//! and answer counts are not kept.

use std::collections::BTreeMap;

use super::disclosure::{DisclosureError, GroupReport, K, Level, Noise, RegionBeside};
use super::figures::{SchoolCounts, region_report};
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
}

impl RegionFigures {
    /// Discloses the region from each school's counts; `waves` names the wave counted for each school.
    pub fn compute(
        schools: &[SchoolCounts],
        waves: BTreeMap<String, WaveId>,
        instrument: &Instrument,
        k: K,
        noise: &Noise,
    ) -> Result<Self, DisclosureError<String>> {
        let report = region_report(schools, instrument, k, noise)?.without_parts_finer_than(Level::School);
        Ok(Self { report, waves })
    }

    /// Region → schools, as disclosed.
    pub fn report(&self) -> &GroupReport<String> {
        &self.report
    }

    /// The wave counted for each school (by school key).
    pub fn waves(&self) -> &BTreeMap<String, WaveId> {
        &self.waves
    }

    /// What these figures say about school `own` for [`region_lines`](super::disclosure::region_lines), the rule for drawing the
    /// region beside it: the wave they counted of it, the region's and the school's respondents.
    pub fn beside(&self, own: &str) -> RegionBeside {
        let respondents = |report: &GroupReport<String>| report.figures().map(|f| f.get().respondents());
        let school = self.report.parts().iter().find(|p| p.key() == own).and_then(respondents);
        RegionBeside {
            counted_wave: self.waves.get(own).copied(),
            region_respondents: respondents(&self.report),
            school_respondents: school.unwrap_or(0),
        }
    }
}

#[cfg(test)]
mod tests {

    use super::*;
    use crate::domain::disclosure::{RegionLines, region_lines};
    use crate::domain::figures::ClassCounts;
    use crate::domain::survey::catalog::Catalog;

    fn class(key: &str, grade: u8, respondents: u32, bullying: u32) -> ClassCounts {
        let mut indicators = BTreeMap::new();
        indicators.insert("bullying_victim".to_owned(), bullying);
        if grade >= 7 {
            indicators.insert("suicidal_ideation".to_owned(), 1);
        }
        ClassCounts { key: key.into(), grade, respondents, roll: None, indicators, items: BTreeMap::new() }
    }

    fn schools() -> Vec<SchoolCounts> {
        vec![
            SchoolCounts {
                key: "A".into(),
                wave: "w".into(),
                classes: vec![class("A5", 5, 11, 0), class("A7", 7, 23, 2), class("A10", 10, 6, 0)],
            },
            SchoolCounts {
                key: "B".into(),
                wave: "w".into(),
                classes: vec![class("B7", 7, 30, 3), class("B8", 8, 28, 1)],
            },
            SchoolCounts { key: "C".into(), wave: "w".into(), classes: vec![class("C6", 6, 7, 1)] },
        ]
    }

    #[test]
    fn keeps_the_region_and_school_figures_of_the_full_disclosure_and_drops_the_classes() {
        let catalog = Catalog::shipped();
        let instrument = catalog.latest("school-climate").unwrap();
        let full = region_report(&schools(), instrument, K::default(), &Noise::none()).unwrap();
        let kept =
            RegionFigures::compute(&schools(), BTreeMap::new(), instrument, K::default(), &Noise::none()).unwrap();
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
    fn a_school_is_beside_its_region_with_the_wave_counted_and_both_respondents() {
        let catalog = Catalog::shipped();
        let instrument = catalog.latest("school-climate").unwrap();
        let wave = WaveId::random();
        let waves = BTreeMap::from([("A".to_owned(), wave)]);
        let kept = RegionFigures::compute(&schools(), waves, instrument, K::default(), &Noise::none()).unwrap();
        let a = kept.beside("A");
        assert_eq!(a.counted_wave, Some(wave));
        assert_eq!(a.school_respondents, 11 + 23 + 6);
        assert_eq!(a.region_respondents, Some(11 + 23 + 6 + 30 + 28), "the school of 7 is left out");
        assert_eq!(region_lines(wave, Some(&a)), RegionLines::Drawn);
        assert_eq!(kept.beside("B").counted_wave, None, "no wave of B was named");
        let alone = [schools().remove(1), schools().remove(2)];
        let waves = BTreeMap::from([("B".to_owned(), wave)]);
        let kept = RegionFigures::compute(&alone, waves, instrument, K::default(), &Noise::none()).unwrap();
        let b = kept.beside("B");
        assert_eq!(b.region_respondents, Some(b.school_respondents), "the school of 7 is left out");
        assert_eq!(region_lines(wave, Some(&b)), RegionLines::SchoolAlone);
    }
}
