use std::collections::BTreeSet;

use super::*;
use crate::domain::organisation::{ClassLabel, Grade, Roll, SchoolCode};

fn classes<'a>(plan: &'a [SchoolPlan], region: &'a str) -> impl Iterator<Item = &'a ClassPlan> {
    plan.iter().filter(move |s| s.region == region).flat_map(|s| s.classes.iter())
}

fn planted(plan: &[SchoolPlan], region: &str, wave: usize, signal: Signal) -> usize {
    classes(plan, region).filter(|c| c.closed[wave].signal == signal).count()
}

#[test]
fn the_plan_is_the_same_every_time() {
    assert_eq!(plan(), plan());
}

#[test]
fn astana_has_thirty_to_forty_schools_and_a_few_hundred_classes_and_almaty_compares() {
    let plan = plan();
    let astana = plan.iter().filter(|s| s.region == DEMO_REGION).count();
    assert!((30..=40).contains(&astana), "{astana} schools in Astana");
    let almaty = plan.iter().filter(|s| s.region == SECOND_REGION).count();
    assert!(almaty >= 8, "{almaty} schools in Almaty");
    let astana_classes = classes(&plan, DEMO_REGION).count();
    assert!((200..=500).contains(&astana_classes), "{astana_classes} classes in Astana");
    let open = plan.iter().filter(|s| s.open_wave).count();
    assert!(open >= 5, "{open} schools run a wave now");
}

#[test]
fn the_demo_school_keeps_its_code_classes_and_planted_classes_and_runs_no_wave_now() {
    let plan = plan();
    let demo = &plan[0];
    assert_eq!((demo.code.as_str(), demo.region), (DEMO_SCHOOL, DEMO_REGION));
    assert!(!demo.open_wave, "the browser tests open a wave for it in the current period");
    let labels: Vec<&str> = demo.classes.iter().map(|c| c.label.as_str()).collect();
    assert_eq!(labels, DEMO_CLASSES.map(|(label, _, _)| label));
    let later: Vec<u16> = demo.classes.iter().map(|c| c.closed[1].responses).collect();
    assert_eq!(later, super::super::demo_profiles().map(|p| p.responses as u16), "the later wave is the old demo wave");
    let seven = &demo.classes[2];
    assert_eq!(seven.closed.map(|a| a.signal), [Signal::Bullying; 2], "7A is bullied in both waves: a trend");
    assert_eq!(demo.classes[3].closed[1].signal, Signal::Acute);
    assert!(demo.classes[5].closed.iter().all(|a| a.responses < 10), "10A stays below k");
}

#[test]
fn every_school_and_class_passes_the_rules_of_the_organisation() {
    let plan = plan();
    let codes: BTreeSet<&str> = plan.iter().map(|s| s.code.as_str()).collect();
    assert_eq!(codes.len(), plan.len(), "codes are unique");
    for school in &plan {
        assert!(SchoolCode::parse(&school.code).is_ok(), "{}", school.code);
        assert!(school.names.iter().all(|n| !n.is_empty()));
        let labels: BTreeSet<&str> = school.classes.iter().map(|c| c.label.as_str()).collect();
        assert_eq!(labels.len(), school.classes.len(), "labels are unique within {}", school.code);
        for class in &school.classes {
            assert!(ClassLabel::parse(&class.label).is_ok() && Grade::new(i64::from(class.grade)).is_ok());
            assert!(Roll::new(i64::from(class.roll)).is_ok(), "{class:?}");
            assert!(class.closed.iter().all(|a| a.responses <= class.roll) && class.open <= class.roll, "{class:?}");
            assert!(school.open_wave || class.open == 0, "answers to an open wave only where one runs");
        }
    }
    let small = plan.iter().skip(1).flat_map(|s| s.classes.iter()).filter(|c| c.roll < 10).count();
    assert!(small >= 2, "a few small classes show suppression ({small})");
}

#[test]
fn signals_are_planted_in_both_regions_and_both_waves() {
    let plan = plan();
    // The demo school's own 7A and 8A come on top of these.
    assert!(planted(&plan, DEMO_REGION, 0, Signal::Bullying) >= 4);
    assert!(planted(&plan, DEMO_REGION, 1, Signal::Bullying) >= 6);
    assert!(planted(&plan, DEMO_REGION, 1, Signal::Acute) >= 2);
    assert!(planted(&plan, DEMO_REGION, 0, Signal::Acute) >= 1);
    assert!(planted(&plan, SECOND_REGION, 1, Signal::Bullying) >= 1);
    assert!(planted(&plan, SECOND_REGION, 1, Signal::Acute) >= 1);
    for class in plan.iter().flat_map(|s| s.classes.iter()) {
        for answered in class.closed.iter().filter(|a| a.signal != Signal::Quiet) {
            assert!(answered.responses >= 15, "a planted class is big enough to stand out: {class:?}");
        }
    }
}
