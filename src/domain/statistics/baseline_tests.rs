//! Tests of the reference-or-pooled baseline rule.

use super::*;

fn tallies(counts: &[(u32, u32)]) -> Vec<Tally> {
    counts.iter().map(|&(x, n)| Tally::new(x, n).expect("valid tally")).collect()
}

fn reference() -> Probability {
    Probability::new(0.068).expect("valid reference")
}

#[test]
fn a_small_region_uses_the_reference_for_every_class() {
    // 29 classes of 40 = 1,160 respondents: enough respondents, one class short.
    let region = tallies(&[(3, 40); 29]);
    let baseline = RegionBaseline::new(BaselineRule::default(), reference(), region.clone());
    assert!(!baseline.uses_pooled_rate());
    assert_eq!(baseline.for_class(region[0]), reference());
}

#[test]
fn a_region_with_enough_data_leaves_each_class_out() {
    // 39 classes of 2/30 and one of 12/30: 1,200 respondents, 90 positives. Leaving out a quiet
    // class: 88/1170; leaving out the loud one: 78/1170 = 1/15.
    let mut region = tallies(&[(2, 30); 39]);
    region.push(Tally::new(12, 30).expect("valid"));
    let baseline = RegionBaseline::new(BaselineRule::default(), reference(), region.clone());
    assert!(baseline.uses_pooled_rate());
    assert_eq!(baseline.for_class(region[0]).value(), 88.0 / 1170.0);
    assert_eq!(baseline.for_class(region[39]).value(), 78.0 / 1170.0);
}

#[test]
fn classes_without_respondents_do_not_count_towards_the_rule() {
    let mut region = tallies(&[(3, 40); 29]);
    region.extend(tallies(&[(0, 0); 5]));
    let baseline = RegionBaseline::new(BaselineRule::default(), reference(), region);
    assert!(!baseline.uses_pooled_rate());
}

#[test]
fn too_few_positives_keep_the_reference() {
    // 1,500 respondents in 50 classes but only 10 positives: a pooled rate this thin would let
    // single answers look significant.
    let mut region = tallies(&[(0, 30); 40]);
    region.extend(tallies(&[(1, 30); 10]));
    let baseline = RegionBaseline::new(BaselineRule::default(), reference(), region);
    assert!(!baseline.uses_pooled_rate());
}

#[test]
fn a_rule_needs_two_classes() {
    assert_eq!(BaselineRule::new(100, 1, 0), Err(StatisticsError::TooFewBaselineClasses(1)));
    assert!(BaselineRule::new(100, 2, 0).is_ok());
}

#[test]
fn reference_only_never_switches() {
    let region = tallies(&[(5, 30); 1000]);
    let baseline = RegionBaseline::new(BaselineRule::reference_only(), reference(), region);
    assert!(!baseline.uses_pooled_rate());
}

#[test]
fn a_loose_rule_can_pool_two_classes() {
    let rule = BaselineRule::new(0, 2, 0).expect("valid rule");
    let region = tallies(&[(1, 10), (4, 20)]);
    let baseline = RegionBaseline::new(rule, reference(), region.clone());
    assert_eq!(baseline.for_class(region[0]).value(), 0.2);
    assert_eq!(baseline.for_class(region[1]).value(), 0.1);
}

#[test]
fn classes_taken_out_of_the_pool_no_longer_raise_the_others_baseline() {
    // 39 classes of 2/30 and one of 12/30 (90 of 1,200). Without the loud one the pool is 78/1,170:
    // a quiet class is tested against 76/1,140 (not 88/1,170), the loud one against 78/1,170.
    let mut region = tallies(&[(2, 30); 39]);
    let loud = Tally::new(12, 30).expect("valid");
    region.push(loud);
    let rule = BaselineRule::default();
    let pooled = RegionBaseline::new(rule, reference(), region.clone());
    let without = pooled.excluding(rule, [loud]);
    assert!(without.uses_pooled_rate());
    assert_eq!(without.for_class(region[0]).value(), 76.0 / 1140.0);
    assert_eq!(without.for_excluded_class().value(), 78.0 / 1170.0);
    assert_eq!(pooled.excluding(rule, []), pooled, "taking nothing out changes nothing");
}

#[test]
fn a_pool_too_thin_without_the_classes_that_stand_out_falls_back_to_the_reference() {
    // 30 classes of 40 meet the rule exactly; without one of them only 29 are left.
    let region = tallies(&[(3, 40); 30]);
    let rule = BaselineRule::default();
    let pooled = RegionBaseline::new(rule, reference(), region.clone());
    assert!(pooled.uses_pooled_rate());
    let without = pooled.excluding(rule, [region[0]]);
    assert!(!without.uses_pooled_rate());
    assert_eq!((without.for_class(region[1]), without.for_excluded_class()), (reference(), reference()));
}

#[test]
fn a_region_on_the_reference_keeps_it_whatever_is_taken_out() {
    let region = tallies(&[(3, 40); 10]);
    let baseline = RegionBaseline::new(BaselineRule::default(), reference(), region.clone());
    let without = baseline.excluding(BaselineRule::default(), [region[0]]);
    assert_eq!(without, baseline);
    assert_eq!(without.for_excluded_class(), reference());
}
