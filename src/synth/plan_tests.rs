use std::collections::BTreeSet;

use super::*;

fn size(schools: usize, responses: u64) -> SynthSize {
    SynthSize::new(20, schools, responses, 1.0).unwrap()
}

fn classes(plan: &[SchoolPlan]) -> impl Iterator<Item = &ClassPlan> {
    plan.iter().flat_map(|s| s.classes.iter())
}

#[test]
fn the_plan_adds_up_to_exactly_the_responses_asked_for() {
    for (schools, responses) in [(20, 0), (20, 1), (75, 40_000), (300, 160_000), (40, 159_999), (20, 80_000)] {
        let plan = plan(&size(schools, responses), 10, 7);
        assert_eq!(plan.len(), schools);
        assert_eq!(classes(&plan).map(|c| u64::from(c.responses)).sum::<u64>(), responses, "{schools} {responses}");
    }
}

#[test]
fn every_class_fits_its_roll_and_the_rules_of_a_class() {
    let plan =
        plan(&size(200, 200 * 4_000), 10, 3).into_iter().chain(plan(&size(20, 20 * 4_000), 10, 4)).collect::<Vec<_>>();
    for school in &plan {
        let labels: BTreeSet<&str> = school.classes.iter().map(|c| c.label.as_str()).collect();
        assert_eq!(labels.len(), school.classes.len(), "labels are unique within a school");
        for class in &school.classes {
            assert!(class.responses <= class.roll && class.roll <= Roll::MAX && class.roll >= 1, "{class:?}");
            assert!((5..=11).contains(&class.grade));
            assert!(crate::domain::organisation::ClassLabel::parse(&class.label).is_ok());
        }
        assert!(crate::domain::organisation::SchoolCode::parse(&school.code).is_ok());
    }
}

#[test]
fn schools_cover_every_region_asked_for() {
    let plan = plan(&size(100, 50_000), 10, 1);
    let regions: BTreeSet<usize> = plan.iter().map(|s| s.region).collect();
    assert_eq!(regions, (0..20).collect());
}

#[test]
fn signals_are_planted_where_they_can_be_seen() {
    let plan = plan(&size(75, 40_000), 10, 11);
    for class in classes(&plan) {
        match class.profile {
            Profile::Bullying => assert!(class.responses >= 20, "{class:?}"),
            Profile::Acute => assert!(class.grade >= 7 && class.responses >= 10, "{class:?}"),
            Profile::UnderK => assert!(class.responses < 10),
            Profile::Quiet => assert!(class.responses >= 10),
        }
    }
    for profile in [Profile::Bullying, Profile::Acute, Profile::UnderK] {
        assert!(classes(&plan).any(|c| c.profile == profile), "{profile:?} planted");
    }
}

#[test]
fn the_same_seed_gives_the_same_plan() {
    let size = size(30, 12_000);
    assert_eq!(plan(&size, 10, 5), plan(&size, 10, 5));
    assert_ne!(plan(&size, 10, 5), plan(&size, 10, 6));
}

#[test]
fn scale_shrinks_schools_and_responses_but_refuses_nonsense() {
    let scaled = SynthSize::new(20, 7_500, 4_000_000, 0.01).unwrap();
    assert_eq!((scaled.regions, scaled.schools, scaled.responses), (20, 75, 40_000));
    assert!(SynthSize::new(20, 7_500, 4_000_000, 0.0).is_err());
    assert!(SynthSize::new(20, 7_500, 4_000_000, f64::NAN).is_err());
    assert!(SynthSize::new(21, 7_500, 4_000_000, 1.0).is_err());
    assert!(SynthSize::new(20, 10, 1_000, 1.0).is_err(), "fewer schools than regions");
    assert!(SynthSize::new(1, 1, 1_000_000, 1.0).is_err(), "more than a school can hold");
}
