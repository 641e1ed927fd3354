//! The demo's planted signals are what the flag rule finds: its bullied class is elevated, its class
//! in acute risk is urgent, and its quiet classes are not flagged.

use std::collections::BTreeMap;
use std::path::Path;

use super::responses::class_answers;
use super::{DEMO_CLASSES, demo_profiles};
use crate::app::catalog_files::load_catalog;
use crate::domain::disclosure::K;
use crate::domain::figures::ClassCounts;
use crate::domain::figures::SchoolCounts;
use crate::domain::flagging::flag_classes;
use crate::domain::instrument::Instrument;
use crate::domain::instrument::{Grade, IndicatorOutcome, evaluate_indicators, parse_answers};
use crate::domain::statistics::Severity;

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
    let catalog = load_catalog(&Path::new(env!("CARGO_MANIFEST_DIR")).join("surveys")).unwrap();
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
