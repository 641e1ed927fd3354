//! The cases named in the issue, plus the refusals, through the public entry point.

use super::super::{DisclosureError, GroupReport, GroupTally, K, Level, WaveState, disclose};

fn class(key: &str, n: u32) -> GroupTally<String> {
    GroupTally::new(Level::Class, key.to_owned(), n).with_indicator("bullying_victim", n / 4)
}

/// A school `key` whose classes are named `key/0`, `key/1`, ... in the order of `sizes`.
fn school(key: &str, sizes: &[u32]) -> GroupTally<String> {
    let classes = sizes.iter().enumerate().map(|(i, &n)| class(&format!("{key}/{i}"), n));
    GroupTally::new(Level::School, key.to_owned(), sizes.iter().sum()).with_parts(classes.collect())
}

fn region(schools: Vec<GroupTally<String>>) -> GroupTally<String> {
    let n = schools.iter().map(GroupTally::respondents).sum();
    GroupTally::new(Level::Region, "R".to_owned(), n).with_parts(schools)
}

fn k(value: u32) -> K {
    K::new(value).unwrap_or_default()
}

/// The keys of the withheld groups, wholes before parts.
fn hidden(tally: &GroupTally<String>, k: K) -> Vec<String> {
    fn walk(report: &GroupReport<String>, out: &mut Vec<String>) {
        if report.figures().is_none() {
            out.push(report.key().clone());
        }
        report.parts().iter().for_each(|part| walk(part, out));
    }
    let mut out = Vec::new();
    match disclose(tally, k, WaveState::Closed) {
        Ok(report) => walk(&report, &mut out),
        Err(error) => panic!("view refused: {error}"),
    }
    out
}

// No class here has a roll, but each showed a band while the wave was open ("0-9", "10-19", ...),
// so a withheld class lies within its band. The sizes of the first cases sit inside their bands,
// where the sum of the withheld classes leaves the small one all of its band; the cases after
// `a_complement_at_the_bottom_of_its_band_takes_more_with_it` show what happens when it would not.

#[test]
fn one_small_class_takes_the_next_smallest_class_with_it() {
    assert_eq!(hidden(&school("S", &[4, 15, 36, 22]), k(10)), ["S/0", "S/1"]);
}

#[test]
fn two_small_classes_that_reach_k_together_hide_nothing_else() {
    assert_eq!(hidden(&school("S", &[4, 6, 30]), k(10)), ["S/0", "S/1"]);
}

#[test]
fn a_complement_at_the_bottom_of_its_band_takes_more_with_it() {
    // 20 showed "20-29": with only it beside 4, the residue 24 less at least 20 leaves 4 at most 4
    // (its band said 0-9). Each class hidden next adds room, 36 last; only the school's total stays.
    assert_eq!(hidden(&school("S", &[4, 20, 36, 22]), k(10)), ["S/0", "S/1", "S/2", "S/3"]);
    // 4 and 7 reach k, but 11 less at most 9 would leave 4 at least 2: the next class goes too.
    assert_eq!(hidden(&school("S", &[4, 7, 30]), k(10)), ["S/0", "S/1", "S/2"]);
}

#[test]
fn a_roll_that_cuts_a_complement_s_band_takes_more_with_it() {
    // The case: a class of roll 10 with 10 answers showed "10-19" before; now it shows
    // "0-10", but it is full, and 14 less at most 10 would leave the small class at least 4. Nor
    // may the reader narrow the class of 10 itself, which might be the small one for all they
    // know: the class of 25 adds too little room, and only the bands are left.
    let rolls = |sizes: &[(u32, u32)]| {
        let classes = sizes.iter().enumerate().map(|(i, &(n, roll))| class(&format!("S/{i}"), n).with_roll(roll));
        GroupTally::new(Level::School, "S".to_owned(), sizes.iter().map(|s| s.0).sum()).with_parts(classes.collect())
    };
    assert_eq!(hidden(&rolls(&[(4, 6), (10, 10), (25, 30)]), k(10)), ["S", "S/0", "S/1", "S/2"]);
    // With room in the complement (12 of 19 pupils answered) one is enough.
    assert_eq!(hidden(&rolls(&[(4, 6), (12, 19), (25, 30)]), k(10)), ["S/0", "S/1"]);
}

#[test]
fn full_participation_withholds_the_school_of_a_small_class() {
    // Everybody answered: the school's total would equal the sum of the rolls and say so.
    let classes = [(25, 25), (12, 12), (4, 4)]
        .iter()
        .enumerate()
        .map(|(i, &(n, roll))| class(&format!("S/{i}"), n).with_roll(roll))
        .collect();
    let view = GroupTally::new(Level::School, "S".to_owned(), 41).with_parts(classes);
    assert_eq!(hidden(&view, k(10)), ["S", "S/0", "S/1", "S/2"]);
}

#[test]
fn a_class_above_its_roll_is_refused() {
    let view = GroupTally::new(Level::School, "S".to_owned(), 31)
        .with_parts(vec![class("S/0", 21).with_roll(20), class("S/1", 10).with_roll(12)]);
    let refused = DisclosureError::RollExceeded { level: Level::Class, key: "S/0".to_owned() };
    assert_eq!(disclose(&view, k(10), WaveState::Closed), Err(refused));
}

#[test]
fn two_small_classes_below_k_together_take_the_smallest_other_class() {
    assert_eq!(hidden(&school("S", &[3, 4, 30, 25]), k(10)), ["S/0", "S/1", "S/3"]);
}

#[test]
fn a_school_with_a_single_class_is_shown_or_hidden_with_it() {
    assert!(hidden(&school("S", &[25]), k(10)).is_empty());
    assert_eq!(hidden(&school("S", &[6]), k(10)), ["S", "S/0"]);
}

#[test]
fn a_single_class_school_hidden_as_a_complement_hides_its_class_too() {
    let view = region(vec![school("X", &[5]), school("Y", &[15]), school("Z", &[20, 20])]);
    assert_eq!(hidden(&view, k(10)), ["X", "X/0", "Y", "Y/0"]);
}

#[test]
fn a_school_hidden_as_a_complement_keeps_its_smallest_class_hidden() {
    // Y is hidden to protect X; with both its classes shown Y = 16 + 19 would give X back.
    let view = region(vec![school("X", &[3]), school("Y", &[16, 19]), school("Z", &[30, 30])]);
    assert_eq!(hidden(&view, k(10)), ["X", "X/0", "Y", "Y/0"]);
}

#[test]
fn one_complement_school_is_enough_once_its_class_is_hidden() {
    let schools = vec![school("X", &[5]), school("Y", &[15]), school("Z", &[20, 20]), school("W", &[25, 25])];
    assert_eq!(hidden(&region(schools), k(10)), ["X", "X/0", "Y", "Y/0"]);
}

#[test]
fn a_grade_breakdown_is_protected_like_any_other_level() {
    let grade = |key: &str, sizes: &[u32]| {
        let classes = sizes.iter().enumerate().map(|(i, &n)| class(&format!("{key}/{i}"), n));
        GroupTally::new(Level::Grade, key.to_owned(), sizes.iter().sum()).with_parts(classes.collect())
    };
    let view = GroupTally::new(Level::School, "S".to_owned(), 59)
        .with_parts(vec![grade("G7", &[16, 3]), grade("G8", &[20, 20])]);
    assert_eq!(hidden(&view, k(10)), ["G7/0", "G7/1"]);
}

#[test]
fn a_raised_k_hides_more() {
    assert!(hidden(&school("S", &[12, 30]), k(10)).is_empty());
    assert_eq!(hidden(&school("S", &[12, 32, 45]), k(15)), ["S/0", "S/1"]);
}

#[test]
fn nothing_is_released_about_a_region_below_k() {
    assert_eq!(hidden(&region(vec![school("X", &[8])]), k(10)), ["R", "X", "X/0"]);
}

#[test]
fn a_breakdown_whose_remainder_is_below_k_is_refused() {
    // A filter showing 35 of the school's 40 respondents: the other 5 follow by subtraction.
    let view = GroupTally::new(Level::School, "S".to_owned(), 40).with_parts(vec![class("S/0", 20), class("S/1", 15)]);
    let refused = DisclosureError::RemainderBelowK { level: Level::School, key: "S".to_owned() };
    assert_eq!(disclose(&view, k(10), WaveState::Closed), Err(refused));
}

#[test]
fn a_breakdown_whose_remainder_reaches_k_is_shown() {
    let view = GroupTally::new(Level::School, "S".to_owned(), 47).with_parts(vec![class("S/0", 20), class("S/1", 15)]);
    assert!(hidden(&view, k(10)).is_empty());
}

#[test]
fn a_whole_known_from_its_remainder_never_serves_as_a_complement() {
    // Y's only part is empty, so Y = its remainder: hiding Y could not protect X.
    let y = GroupTally::new(Level::School, "Y".to_owned(), 12).with_parts(vec![class("Y/0", 0)]);
    let view = region(vec![school("X", &[5]), y, school("Z", &[25, 30])]);
    assert_eq!(hidden(&view, k(10)), ["X", "X/0", "Y/0", "Z", "Z/0"]);
}

#[test]
fn a_class_cannot_be_broken_down() {
    let view = class("7A", 25).with_parts(vec![class("7A-girls", 12)]);
    let refused = disclose(&view, k(10), WaveState::Closed);
    assert!(matches!(refused, Err(DisclosureError::LevelOrder { level: Level::Class, .. })));
}

#[test]
fn inconsistent_counts_are_refused() {
    let too_many_parts =
        GroupTally::new(Level::School, "S".to_owned(), 10).with_parts(vec![class("S/0", 8), class("S/1", 8)]);
    let result = disclose(&too_many_parts, k(10), WaveState::Closed);
    assert!(matches!(result, Err(DisclosureError::PartsExceedWhole { .. })));
    let too_many_positives = class("7A", 20).with_indicator("bullying_victim", 21);
    let result = disclose(&too_many_positives, k(10), WaveState::Closed);
    assert!(matches!(result, Err(DisclosureError::CountExceedsRespondents { .. })));
    let too_many_acute = class("7A", 20).with_acute(21);
    let result = disclose(&too_many_acute, k(10), WaveState::Closed);
    assert!(matches!(result, Err(DisclosureError::CountExceedsRespondents { .. })));
}

#[test]
fn refusals_never_name_a_count() {
    let view = GroupTally::new(Level::School, "S".to_owned(), 47).with_parts(vec![class("S/0", 20), class("S/1", 20)]);
    let message = disclose(&view, k(10), WaveState::Closed).err().map(|e| e.to_string());
    let message = message.unwrap_or_default();
    assert!(message.contains("refused"), "{message}");
    assert!(!message.chars().any(|c| c.is_ascii_digit()), "{message}");
}

/// The school's and each class's acute signal as shown (`None`: not shown).
fn acute_signals(classes: &[(&str, u32, Option<u32>)]) -> Vec<Option<super::super::AcuteSignal>> {
    let parts: Vec<GroupTally<String>> = classes
        .iter()
        .map(|&(key, n, acute)| {
            let class = GroupTally::new(Level::Class, key.to_owned(), n);
            match acute {
                Some(count) => class.with_acute(count),
                None => class,
            }
        })
        .collect();
    let total = classes.iter().map(|c| c.1).sum();
    let school = GroupTally::new(Level::School, "S".to_owned(), total)
        .with_acute(classes.iter().filter_map(|c| c.2).sum())
        .with_parts(parts);
    let report = disclose(&school, k(10), WaveState::Closed).unwrap_or_else(|e| panic!("refused: {e}"));
    let signal = |r: &GroupReport<String>| r.figures().and_then(|f| f.get().acute());
    std::iter::once(signal(&report)).chain(report.parts().iter().map(signal)).collect()
}

#[test]
fn a_school_hides_its_acute_signal_when_its_withheld_asked_pupils_are_fewer_than_k() {
    use super::super::AcuteSignal::NoneReported;
    // 7C (5, grade 7, one acute answer) is withheld with 5A (14, grade 5, never asked): "≥1" for the
    // school beside "none" for 7A and 7B would point at 7C's five. (The remainder of 19 leaves 7C
    // ten possible counts within the bands 0-9 and 10-19, so nothing else is withheld.)
    let shown = acute_signals(&[("7A", 22, Some(0)), ("7B", 20, Some(0)), ("7C", 5, Some(1)), ("5A", 14, None)]);
    assert_eq!(shown, [None, Some(NoneReported), Some(NoneReported), None, None]);
    // Whatever 7C answered: the decision does not depend on the answer.
    let nobody = acute_signals(&[("7A", 22, Some(0)), ("7B", 20, Some(0)), ("7C", 5, Some(0)), ("5A", 14, None)]);
    assert_eq!(nobody, shown);
}

#[test]
fn a_school_shows_its_acute_signal_when_its_withheld_pupils_were_all_asked_or_none_are_withheld() {
    use super::super::AcuteSignal::{AtLeastOne, NoneReported};
    let all_asked = acute_signals(&[("7A", 22, Some(0)), ("7C", 5, Some(1)), ("7D", 14, Some(0))]);
    assert_eq!(all_asked, [Some(AtLeastOne), Some(NoneReported), None, None]);
    let none_withheld = acute_signals(&[("7A", 22, Some(1)), ("5A", 12, None)]);
    assert_eq!(none_withheld, [Some(AtLeastOne), Some(AtLeastOne), None]);
}
