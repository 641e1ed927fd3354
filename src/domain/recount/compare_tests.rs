use super::*;
use crate::domain::survey::catalog::Catalog;

fn catalog() -> Catalog {
    Catalog::shipped()
}

fn facts(codes: bool, aggregated: bool) -> WaveFacts {
    WaveFacts { codes, aggregated, grades: [("c1".to_owned(), 8), ("c2".to_owned(), 5)].into() }
}

fn class_responses(class: &str) -> Counter {
    Counter::ClassResponses { class: class.into() }
}

const RESPONSES: [(&str, &str); 3] =
    [("c1", r#"{"victim_verbal":3}"#), ("c1", r#"{"victim_verbal":0}"#), ("c2", r#"{"belong":1}"#)];

#[test]
fn an_open_wave_recounts_responses_per_class_only() {
    let (counters, findings) = recount(&facts(false, false), None, RESPONSES);
    assert!(findings.is_empty());
    assert_eq!(counters, [(class_responses("c1"), 2), (class_responses("c2"), 1)].into());
}

#[test]
fn codes_mode_expects_one_used_code_per_response() {
    let (counters, _) = recount(&facts(true, false), None, RESPONSES);
    assert_eq!(counters[&Counter::UsedCodes { class: "c1".into() }], 2);
}

#[test]
fn an_aggregated_wave_recounts_items_and_indicators() {
    let catalog = catalog();
    let instrument = catalog.latest("school-climate").unwrap();
    let (counters, findings) = recount(&facts(false, true), Some(instrument), RESPONSES);
    assert!(findings.is_empty(), "{findings:?}");
    let option = Counter::ItemOption { class: "c1".into(), item: "victim_verbal".into(), option: 3 };
    assert_eq!(counters[&option], 1);
    let positives = Counter::IndicatorPositives { class: "c1".into(), indicator: "bullying_victim".into() };
    let answered = Counter::IndicatorAnswered { class: "c1".into(), indicator: "bullying_victim".into() };
    assert_eq!((counters[&positives], counters[&answered]), (1, 2));
}

#[test]
fn unreadable_responses_and_unknown_classes_are_findings_not_panics() {
    let catalog = catalog();
    let instrument = catalog.latest("school-climate").unwrap();
    let responses = [("c1", "garbage"), ("c2", r#"{"sh_now":1}"#), ("stranger", "{}")];
    let (counters, findings) = recount(&facts(false, true), Some(instrument), responses);
    assert_eq!(counters[&class_responses("stranger")], 1, "a response is counted even when unreadable");
    let classes: Vec<&str> = findings
        .iter()
        .map(|f| match f {
            Finding::Unreadable { class, responses: 1 } => class.as_str(),
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(classes, ["c1", "c2", "stranger"]);
}

#[test]
fn matching_counters_give_no_finding() {
    let (counters, _) = recount(&facts(true, false), None, RESPONSES);
    assert!(compare(&counters, &counters).is_empty());
}

#[test]
fn every_differing_counter_is_named_with_both_values() {
    let stored: CounterSet = [(class_responses("c1"), 3), (class_responses("c3"), 1)].into();
    let recounted: CounterSet = [(class_responses("c1"), 2), (class_responses("c2"), 1)].into();
    let findings = compare(&stored, &recounted);
    assert_eq!(
        findings,
        [
            Finding::Mismatch { counter: class_responses("c1"), stored: 3, recounted: 2 },
            Finding::Mismatch { counter: class_responses("c2"), stored: 0, recounted: 1 },
            Finding::Mismatch { counter: class_responses("c3"), stored: 1, recounted: 0 },
        ]
    );
}

#[test]
fn counters_name_their_table_column_and_key() {
    let option = Counter::ItemOption { class: "c1".into(), item: "victim_verbal".into(), option: 3 };
    assert_eq!(option.to_string(), "item_counts.responses[victim_verbal=3] of class c1");
    assert_eq!(class_responses("c1").to_string(), "wave_classes.responses of class c1");
}
