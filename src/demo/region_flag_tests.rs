//! The demo region's planted signals are what the flag rule finds in each region and wave: every
//! bullied class is elevated, every class with an acute answer urgent, and few quiet classes are
//! flagged beside them, so the centre's inbox tells the story the plan planted.

use std::collections::BTreeMap;
use std::path::Path;

use chrono::NaiveDate;

use super::DEMO_REGION;
use super::plan::{SECOND_REGION, Signal, plan};
use super::responses::class_answers;
use super::school_waves::{Which, answers_seed, class_profile};
use crate::app::catalog_files::load_catalog;
use crate::domain::disclosure::K;
use crate::domain::figures::{ClassCounts, SchoolCounts};
use crate::domain::flagging::flag_classes;
use crate::domain::instrument::{Grade, IndicatorOutcome, Instrument, evaluate_indicators, parse_answers};
use crate::domain::statistics::Severity;

/// Each school of `region`, counted as the demo writes its `wave` (0 or 1).
fn region_counts(instrument: &Instrument, region: &str, wave: usize) -> Vec<SchoolCounts> {
    let day = NaiveDate::MIN;
    plan()
        .iter()
        .enumerate()
        .filter(|(_, school)| school.region == region)
        .map(|(number, school)| {
            let classes = school
                .classes
                .iter()
                .enumerate()
                .map(|(index, class)| {
                    let which = Which::Closed(wave, (day, day));
                    let profile = class_profile(class, which, school.bullying_rate);
                    let responses = class_answers(instrument, class.grade, profile, answers_seed(number, which, index));
                    let mut indicators: BTreeMap<String, u32> = BTreeMap::new();
                    for pairs in &responses {
                        let grade = Grade::from_number(class.grade).unwrap();
                        let answers =
                            parse_answers(instrument, grade, pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())))
                                .unwrap();
                        for (id, outcome) in evaluate_indicators(instrument, &answers) {
                            if outcome == IndicatorOutcome::Positive {
                                *indicators.entry(id.to_owned()).or_default() += 1;
                            }
                        }
                    }
                    ClassCounts {
                        key: format!("{}/{}", school.code, class.label),
                        grade: class.grade,
                        respondents: responses.len() as u32,
                        roll: Some(u32::from(class.roll)),
                        indicators,
                        items: BTreeMap::new(),
                    }
                })
                .collect();
            SchoolCounts { key: school.code.clone(), wave: format!("w{wave}"), classes }
        })
        .collect()
}

/// The classes of `region` planted with `signal` in `wave`, as `SCHOOL/LABEL`.
fn planted(region: &str, wave: usize, signal: Signal) -> Vec<String> {
    plan()
        .iter()
        .filter(|s| s.region == region)
        .flat_map(|s| s.classes.iter().map(move |c| (s, c)))
        .filter(|(_, c)| c.closed[wave].signal == signal)
        .map(|(s, c)| format!("{}/{}", s.code, c.label))
        .collect()
}

#[test]
fn every_planted_class_is_flagged_in_both_regions_and_waves() {
    let catalog = load_catalog(&Path::new(env!("CARGO_MANIFEST_DIR")).join("surveys")).unwrap();
    let instrument = catalog.latest(super::DEMO_INSTRUMENT).unwrap();
    for (region, wave) in [(DEMO_REGION, 0), (DEMO_REGION, 1), (SECOND_REGION, 1)] {
        let flags = flag_classes(&region_counts(instrument, region, wave), instrument, K::default());
        let severity = |class: &str, indicator: &str| {
            flags.iter().find(|f| f.class == class && f.indicator == indicator).map(|f| f.severity)
        };
        for class in planted(region, wave, Signal::Bullying) {
            assert_eq!(severity(&class, "bullying_victim"), Some(Severity::Elevated), "{region} wave {wave}: {class}");
        }
        for class in planted(region, wave, Signal::Acute) {
            assert_eq!(severity(&class, "acute_risk"), Some(Severity::Urgent), "{region} wave {wave}: {class}");
        }
        let elevated = flags.iter().filter(|f| f.severity == Severity::Elevated).count();
        let bullied = planted(region, wave, Signal::Bullying).len();
        assert!(elevated <= 3 * bullied + 3, "{region} wave {wave}: {elevated} elevated flags for {bullied} planted");
    }
}
