use chrono::NaiveDate;

use super::*;

fn flag(class: &str, indicator: &str, severity: Severity) -> ClassFlag {
    ClassFlag { class: class.into(), indicator: indicator.into(), severity }
}

fn autumn() -> ReportingPeriod {
    ReportingPeriod::containing(NaiveDate::from_ymd_opt(2026, 11, 20).unwrap())
}

/// Every indicator these tests flag, with 20 unnamed respondents asked it.
fn asked_by_twenty() -> BTreeMap<String, u32> {
    ["bullying_victim", "suicidal_ideation", "acute_risk", "low_mood"].into_iter().map(|i| (i.to_owned(), 20)).collect()
}

fn place(school: &str, respondents: u32, wave: WaveId, released: bool) -> ClassPlace {
    ClassPlace {
        school: school.into(),
        school_respondents: respondents,
        wave,
        period: autumn(),
        released,
        unnamed_asked: asked_by_twenty(),
    }
}

/// School s1 (60 respondents: 7A and 8A released, 5A and 6B not) and s2 (9B released, 30).
fn places(wave: WaveId) -> BTreeMap<String, ClassPlace> {
    [("7A", "s1", true), ("8A", "s1", true), ("5A", "s1", false), ("6B", "s1", false)]
        .into_iter()
        .map(|(class, school, released)| (class.to_owned(), place(school, 60, wave, released)))
        .chain([("9B".to_owned(), place("s2", 30, WaveId::random(), true))])
        .collect()
}

fn region() -> RegionCode {
    RegionCode::parse("KZ-71").unwrap()
}

fn at(hour: u32, minute: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, 27).unwrap().and_hms_opt(hour, minute, 31).unwrap()
}

#[test]
fn one_referral_per_class_with_every_flag_and_the_highest_severity() {
    let wave = WaveId::random();
    let flags = [
        flag("7A", "bullying_victim", Severity::Elevated),
        flag("7A", "suicidal_ideation", Severity::Watch),
        flag("8A", "acute_risk", Severity::Urgent),
    ];
    let found = drafts(&flags, &places(wave), K::default());
    assert_eq!(found.len(), 2, "{found:?}");
    let seven = found.iter().find(|d| d.class() == Some("7A")).unwrap();
    assert_eq!(seven.severity(), Severity::Elevated);
    assert_eq!(
        seven.flags,
        vec![("bullying_victim".into(), Severity::Elevated), ("suicidal_ideation".into(), Severity::Watch)]
    );
    let eight = found.iter().find(|d| d.class() == Some("8A")).unwrap();
    assert_eq!(eight.severity(), Severity::Urgent);
    assert_eq!((eight.school(), eight.evidence_wave()), (Some("s1"), Some(wave)));
    assert_ne!(seven.flag_key(&region()), eight.flag_key(&region()));
    assert_eq!(eight.appears_at(at(14, 3)), at(14, 3), "a named school's referral appears at once");
}

#[test]
fn a_class_only_on_watch_is_not_referred() {
    let found = drafts(&[flag("9B", "low_mood", Severity::Watch)], &places(WaveId::random()), K::default());
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
    let found = drafts(&flags, &places(wave), K::default());
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].place, DraftPlace::School { school: "s1".into(), wave, subject: Subject::School });
    assert_eq!(found[0].class(), None);
    let expected = vec![("acute_risk".into(), Severity::Urgent), ("bullying_victim".into(), Severity::Elevated)];
    assert_eq!(found[0].flags, expected, "its signals, never its watch marks");
    assert_eq!(found[0].flag_key(&region()), format!("{wave}:school:s1"));
}

#[test]
fn flag_keys_are_stable_across_runs() {
    let wave = WaveId::random();
    let flags = [flag("7A", "bullying_victim", Severity::Elevated)];
    let first = drafts(&flags, &places(wave), K::default());
    let again = drafts(&flags, &places(wave), K::default());
    assert_eq!(first[0].flag_key(&region()), again[0].flag_key(&region()));
    assert_eq!(first[0].flag_key(&region()), format!("{wave}:class:7A"));
}

/// Two small schools (4 and 9 respondents) and one of exactly k (10), each one class of its own.
fn small_world(tiny: WaveId, nine: WaveId, ten: WaveId) -> BTreeMap<String, ClassPlace> {
    [("T1", place("tiny", 4, tiny, false)), ("N1", place("nine", 9, nine, false)), ("X1", place("ten", 10, ten, true))]
        .into_iter()
        .map(|(class, place)| (class.to_owned(), place))
        .collect()
}

#[test]
fn a_school_below_k_is_never_named_and_its_urgent_signal_goes_to_the_region_at_once() {
    let (tiny, nine, ten) = (WaveId::random(), WaveId::random(), WaveId::random());
    let flags = [
        flag("T1", "acute_risk", Severity::Urgent),
        flag("T1", "low_mood", Severity::Watch),
        flag("N1", "acute_risk", Severity::Urgent),
        flag("X1", "acute_risk", Severity::Urgent),
    ];
    let found = drafts(&flags, &small_world(tiny, nine, ten), K::default());
    assert_eq!(found.len(), 3, "{found:?}");
    let region_drafts: Vec<&ReferralDraft> = found.iter().filter(|d| d.school().is_none()).collect();
    assert_eq!(region_drafts.len(), 2, "one urgent referral of the region per small school's wave: {found:?}");
    for draft in &region_drafts {
        assert_eq!((draft.class(), draft.evidence_wave()), (None, None), "no class, no wave");
        assert_eq!(draft.flags, vec![("acute_risk".into(), Severity::Urgent)], "no watch marks");
        assert_eq!(draft.appears_at(at(14, 3)).to_string(), "2026-11-27 14:00:00", "dated to the hour");
    }
    let keys: Vec<String> = region_drafts.iter().map(|d| d.flag_key(&region())).collect();
    assert!(keys.contains(&format!("{tiny}:region")) && keys.contains(&format!("{nine}:region")), "{keys:?}");
    assert!(found.iter().all(|d| d.school() != Some("tiny") && d.school() != Some("nine")));
    let named = found.iter().find(|d| d.school().is_some()).unwrap();
    assert_eq!(named.class(), Some("X1"), "a school of exactly k keeps its own referral");
}

#[test]
fn elevated_signals_of_small_schools_wait_for_the_period_in_one_referral_of_the_region() {
    let (tiny, nine, ten) = (WaveId::random(), WaveId::random(), WaveId::random());
    let mut world = small_world(tiny, nine, ten);
    let spring = autumn().next();
    world.insert("S1".into(), ClassPlace { period: spring, ..place("spring", 6, WaveId::random(), false) });
    let flags = [
        flag("T1", "acute_risk", Severity::Urgent),
        flag("T1", "bullying_victim", Severity::Elevated),
        flag("N1", "bullying_victim", Severity::Elevated),
        flag("N1", "low_mood", Severity::Elevated),
        flag("S1", "low_mood", Severity::Elevated),
    ];
    let found = drafts(&flags, &world, K::default());
    let pooled: Vec<&ReferralDraft> =
        found.iter().filter(|d| matches!(d.place, DraftPlace::Region(RegionBatch::Period(_)))).collect();
    assert_eq!(pooled.len(), 2, "one per period: {found:?}");
    let autumn_pool = pooled.iter().find(|d| d.place == DraftPlace::Region(RegionBatch::Period(autumn()))).unwrap();
    let both = vec![("bullying_victim".into(), Severity::Elevated), ("low_mood".into(), Severity::Elevated)];
    assert_eq!(autumn_pool.flags, both, "both small schools' signals, pooled");
    assert_eq!(autumn_pool.appears_at(at(14, 3)), autumn().published_at(), "when the period is published");
    assert_eq!(autumn_pool.flag_key(&region()), "KZ-71:2026-27-1:region");
    let other = RegionCode::parse("KZ-75").unwrap();
    assert_ne!(autumn_pool.flag_key(&region()), autumn_pool.flag_key(&other), "one pool per region");
    let urgent = found.iter().find(|d| d.place == DraftPlace::Region(RegionBatch::Urgent(tiny))).unwrap();
    assert_eq!(urgent.flags, vec![("acute_risk".into(), Severity::Urgent)], "only what cannot wait comes at once");
}

#[test]
fn a_raised_k_sends_a_larger_school_to_the_region() {
    let (tiny, nine, ten) = (WaveId::random(), WaveId::random(), WaveId::random());
    let flags = [flag("X1", "acute_risk", Severity::Urgent)];
    let k12 = K::new(12).unwrap();
    let found = drafts(&flags, &small_world(tiny, nine, ten), k12);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].place, DraftPlace::Region(RegionBatch::Urgent(ten)));
}

#[test]
fn a_signal_whose_unnamed_asked_pupils_are_fewer_than_k_goes_to_the_region() {
    // 7C (5, grade 7) is withheld with 5A (12, grade 5, never asked the self-harm section): a referral
    // of the school for 7C's acute answer would point at its five.
    let wave = WaveId::random();
    let few = |released| ClassPlace {
        unnamed_asked: [("acute_risk".to_owned(), 5), ("bullying_victim".to_owned(), 17)].into_iter().collect(),
        ..place("s3", 56, wave, released)
    };
    let places: BTreeMap<String, ClassPlace> =
        [("7A", true), ("7C", false), ("5A", false)].into_iter().map(|(c, r)| (c.to_owned(), few(r))).collect();
    let flags = [flag("7C", "acute_risk", Severity::Urgent), flag("5A", "bullying_victim", Severity::Elevated)];
    let made = drafts(&flags, &places, K::default());
    let region: Vec<&ReferralDraft> = made.iter().filter(|d| d.school().is_none()).collect();
    let school: Vec<&ReferralDraft> = made.iter().filter(|d| d.school() == Some("s3")).collect();
    assert_eq!(region.len(), 1, "{made:?}");
    assert_eq!(region[0].place, DraftPlace::Region(RegionBatch::Urgent(wave)));
    assert_eq!(region[0].flags, [("acute_risk".to_owned(), Severity::Urgent)]);
    assert_eq!(school.len(), 1, "the bullying signal's 17 asked may name the school: {made:?}");
    assert_eq!(school[0].flags, [("bullying_victim".to_owned(), Severity::Elevated)]);
}
