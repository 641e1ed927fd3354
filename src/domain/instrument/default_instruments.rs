//! Specification tests for the two instruments shipped in `surveys/`.

use super::{FlagMethod, Grade, Instrument, Localized, Severity, check_source};

const SCHOOL_CLIMATE: &str = include_str!("../../../surveys/school-climate-v1.toml");
const EXPRESS: &str = include_str!("../../../surveys/express-v1.toml");

/// Indicators both instruments must have (school-climate also has `staff_aggression`).
const CORE_INDICATORS: [&str; 6] =
    ["bullying_victim", "cyberbullying_victim", "feels_unsafe", "low_mood", "suicidal_ideation", "acute_risk"];

fn load(name: &str, source: &str) -> Instrument {
    check_source(name, source).unwrap_or_else(|diagnostics| {
        let lines: Vec<String> = diagnostics.iter().map(ToString::to_string).collect();
        panic!("{}", lines.join("\n"))
    })
}

fn school_climate() -> Instrument {
    load("school-climate-v1.toml", SCHOOL_CLIMATE)
}

fn express() -> Instrument {
    load("express-v1.toml", EXPRESS)
}

fn grade(number: u8) -> Grade {
    Grade::from_number(number).expect("a surveyed grade")
}

#[test]
fn ids_and_versions_match_the_file_names() {
    assert_eq!((school_climate().id(), school_climate().version()), ("school-climate", 1));
    assert_eq!((express().id(), express().version()), ("express", 1));
}

#[test]
fn express_has_at_most_twelve_items() {
    assert!(express().items().count() <= 12);
}

#[test]
fn both_instruments_have_the_core_indicators_and_the_full_one_staff_aggression() {
    for instrument in [school_climate(), express()] {
        for id in CORE_INDICATORS {
            assert!(instrument.indicator(id).is_some(), "{} lacks {id}", instrument.id());
        }
    }
    assert!(school_climate().indicator("staff_aggression").is_some());
}

#[test]
fn shared_sections_items_indicators_and_flags_are_identical() {
    let full = school_climate();
    let short = express();
    for section in short.sections() {
        let same = full.sections().iter().find(|other| other.id() == section.id());
        let same = same.expect("express sections exist in school-climate");
        assert_eq!(
            (section.title(), section.intro(), section.min_grade(), section.shows_help_contacts()),
            (same.title(), same.intro(), same.min_grade(), same.shows_help_contacts()),
            "section {}",
            section.id()
        );
    }
    for item in short.items() {
        assert_eq!(Some(item), full.item(item.id()), "item {}", item.id());
    }
    for indicator in short.indicators() {
        assert_eq!(Some(indicator), full.indicator(indicator.id()), "indicator {}", indicator.id());
    }
    for rule in short.flag_rules() {
        assert_eq!(Some(rule), full.flag_rule(rule.indicator()), "flag {}", rule.indicator());
    }
}

#[test]
fn bullying_is_judged_against_the_hbsc_kazakhstan_rate() {
    for instrument in [school_climate(), express()] {
        let rule = instrument.flag_rule("bullying_victim").expect("a flag rule");
        assert!(matches!(rule.method(), FlagMethod::Binomial { baseline } if baseline.get() == 0.068));
        assert_eq!(rule.severity(), Severity::Elevated);
    }
}

#[test]
fn any_acute_risk_answer_is_urgent() {
    for instrument in [school_climate(), express()] {
        let rule = instrument.flag_rule("acute_risk").expect("a flag rule");
        assert_eq!((rule.method(), rule.severity()), (FlagMethod::Any, Severity::Urgent));
    }
}

#[test]
fn suicide_questions_start_in_grade_seven_with_help_contacts() {
    for instrument in [school_climate(), express()] {
        for id in ["suicidal_ideation", "acute_risk"] {
            let indicator = instrument.indicator(id).expect("a core indicator");
            assert!(!indicator.applies_to(grade(6)) && indicator.applies_to(grade(7)), "{id}");
        }
        for section in instrument.sections() {
            if section.items().iter().any(|item| item.id().starts_with("sh_")) {
                assert_eq!(section.min_grade(), grade(7));
                assert!(section.shows_help_contacts());
                assert!(section.items().iter().all(|item| item.is_sensitive()));
            }
        }
    }
}

#[test]
fn grade_five_sees_everything_but_the_suicide_questions() {
    let instrument = school_climate();
    let hidden: Vec<&str> = instrument
        .sections()
        .iter()
        .filter(|section| !section.is_visible_to(grade(5)))
        .map(|section| section.id())
        .collect();
    assert_eq!(hidden, ["difficult_thoughts"]);
}

/// Every text of the instrument, with where it is.
fn texts(instrument: &Instrument) -> Vec<(String, &Localized)> {
    let mut texts = vec![
        ("title".to_owned(), instrument.title()),
        ("intro".to_owned(), instrument.intro()),
        ("outro".to_owned(), instrument.outro()),
    ];
    for section in instrument.sections() {
        texts.push((section.id().to_owned(), section.title()));
        texts.extend(section.intro().map(|intro| (section.id().to_owned(), intro)));
        for item in section.items() {
            texts.push((item.id().to_owned(), item.text()));
            let labels = item.choices().iter().map(|choice| choice.label());
            texts.extend(labels.map(|label| (item.id().to_owned(), label)));
        }
    }
    for indicator in instrument.indicators() {
        texts.push((indicator.id().to_owned(), indicator.label()));
    }
    texts
}

#[test]
fn kazakh_and_russian_texts_have_no_latin_lookalike_letters() {
    for instrument in [school_climate(), express()] {
        for (place, text) in texts(&instrument) {
            for (language, words) in [("kk", &text.kk), ("ru", &text.ru)] {
                assert!(!words.chars().any(|c| c.is_ascii_alphabetic()), "{place} {language}: {words}");
            }
        }
    }
}

#[test]
fn kazakh_is_not_a_copy_of_russian() {
    for instrument in [school_climate(), express()] {
        for (place, text) in texts(&instrument) {
            assert_ne!(text.kk, text.ru, "{place}");
        }
    }
}
