//! Which classes stand out: for every indicator with a flag rule in the instrument, the classes of a
//! region's waves go through `statistics::classify` together (one Benjamini-Hochberg family per region,
//! wave set and indicator). Pure; the caller stores the result as referrals (issue 5).

use super::disclosure::K;
use super::figures::{SchoolCounts, indicator_min_grade};
use super::instrument::Instrument;
use super::statistics::{ClassCount, FlagSettings, Severity, classify};

/// One class found to stand out on one indicator.
#[derive(Debug, Clone, PartialEq)]
pub struct ClassFlag {
    /// The class key (its id).
    pub class: String,
    /// The indicator id.
    pub indicator: String,
    /// How much it stands out.
    pub severity: Severity,
}

/// Flags for every class of `schools` (the region's latest closed waves of one questionnaire version).
pub fn flag_classes(schools: &[SchoolCounts], instrument: &Instrument, k: K) -> Vec<ClassFlag> {
    let settings = FlagSettings::new(k.get());
    let mut flags = Vec::new();
    for flag_rule in instrument.flag_rules() {
        let rule = flag_rule.criterion();
        let indicator = flag_rule.indicator();
        let min_grade = indicator_min_grade(instrument, indicator);
        // Keyed by borrowed ids: a region has tens of thousands of classes per rule, and only the few
        // flagged ones need an owned key.
        let counts: Vec<ClassCount<&str>> = schools
            .iter()
            .flat_map(|s| s.classes.iter())
            .filter(|c| c.grade >= min_grade && c.respondents > 0)
            .filter_map(|c| {
                ClassCount::new(c.key.as_str(), c.indicators.get(indicator).copied().unwrap_or(0), c.respondents).ok()
            })
            .collect();
        for assessment in classify(&counts, &rule, &settings) {
            if let Some(severity) = assessment.severity() {
                flags.push(ClassFlag {
                    class: (*assessment.key()).to_owned(),
                    indicator: indicator.to_owned(),
                    severity,
                });
            }
        }
    }
    flags
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;
    use std::path::Path;

    use super::*;
    use crate::demo::responses::class_answers;
    use crate::demo::{DEMO_CLASSES, demo_profiles};
    use crate::domain::figures::ClassCounts;
    use crate::domain::instrument::{Grade, IndicatorOutcome, evaluate_indicators, parse_answers};
    use crate::domain::survey::catalog::Catalog;

    /// The demo school's counts, generated exactly as `serve --demo` generates its wave.
    fn demo_school(instrument: &Instrument) -> SchoolCounts {
        let classes = DEMO_CLASSES
            .iter()
            .zip(demo_profiles())
            .enumerate()
            .map(|(index, ((label, grade, roll), profile))| {
                let grade = u8::try_from(*grade).unwrap();
                let mut indicators: BTreeMap<String, u32> = BTreeMap::new();
                let responses = class_answers(instrument, grade, profile, 1000 + index as u64);
                for pairs in &responses {
                    let answers = parse_answers(
                        instrument,
                        Grade::from_number(grade).unwrap(),
                        pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())),
                    )
                    .unwrap();
                    for (id, outcome) in evaluate_indicators(instrument, &answers) {
                        if outcome == IndicatorOutcome::Positive {
                            *indicators.entry(id.to_owned()).or_default() += 1;
                        }
                    }
                }
                ClassCounts {
                    key: (*label).to_owned(),
                    grade,
                    respondents: responses.len() as u32,
                    roll: u32::try_from(*roll).ok(),
                    indicators,
                    items: BTreeMap::new(),
                }
            })
            .collect();
        SchoolCounts { key: "SCH-DEMO".into(), wave: "w".into(), classes }
    }

    #[test]
    fn the_planted_demo_classes_are_flagged_and_the_quiet_ones_are_not() {
        let catalog = Catalog::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("surveys")).unwrap();
        let instrument = catalog.latest("school-climate").unwrap();
        let flags = flag_classes(&[demo_school(instrument)], instrument, K::default());
        let found = |class: &str, indicator: &str| {
            flags.iter().find(|f| f.class == class && f.indicator == indicator).map(|f| f.severity)
        };
        assert_eq!(found("7A", "bullying_victim"), Some(Severity::Elevated), "{flags:?}");
        assert_eq!(found("8A", "acute_risk"), Some(Severity::Urgent), "{flags:?}");
        for quiet in ["5A", "6B", "9B", "10A"] {
            assert_eq!(found(quiet, "bullying_victim"), None, "{quiet}: {flags:?}");
            assert_eq!(found(quiet, "acute_risk"), None, "{quiet}: {flags:?}");
        }
        println!("{flags:?}");
        assert!(
            flags.iter().all(|f| f.severity != Severity::Elevated || f.class == "7A"),
            "only the planted class is elevated: {flags:?}"
        );
    }
}
