//! A pupil's submitted answers, checked against the instrument and grade.

use std::collections::{BTreeMap, HashSet};

use thiserror::Error;

use super::grade::Grade;
use super::model::{Instrument, Item};

/// The answers of one response: item id → option value, for answered items only
/// (a skipped item is simply absent).
///
/// Only [`parse_answers`] makes one, so every entry is an item the pupil's grade
/// was shown, with one of that item's option values.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Answers {
    values: BTreeMap<String, u8>,
}

impl Answers {
    /// The option value given for `item_id`, or `None` if the item was skipped.
    pub fn get(&self, item_id: &str) -> Option<u8> {
        self.values.get(item_id).copied()
    }

    /// The answered items and their values, ordered by item id (never by the order
    /// the pupil answered in).
    pub fn iter(&self) -> impl Iterator<Item = (&str, u8)> {
        self.values.iter().map(|(item, value)| (item.as_str(), *value))
    }

    /// How many items were answered.
    pub fn len(&self) -> usize {
        self.values.len()
    }

    /// Whether every item was skipped.
    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }
}

/// Why a submitted form is not a valid set of answers.
///
/// It never carries a submitted value, so it can be logged without recording what a
/// pupil answered; field names are cut to 48 characters.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum AnswerError {
    /// A field that names no item of the instrument.
    #[error("the form has a field `{0}` that is not an item of this instrument")]
    UnknownField(String),
    /// An item from a section this grade does not see.
    #[error("item `{item}` is not shown to grade {grade}")]
    NotShownToGrade {
        /// The item id.
        item: String,
        /// The grade of the class.
        grade: Grade,
    },
    /// A value that is not one of the item's option values.
    #[error("item `{0}` got a value that is not one of its options")]
    InvalidValue(String),
    /// The same field twice.
    #[error("the form has the field `{0}` more than once")]
    DuplicateField(String),
}

/// Checks the posted form fields of one response against `instrument` for a class in
/// `grade`: field name = item id, value = option value, empty value = skipped.
///
/// Refuses the whole form on the first unknown field, item not shown to `grade`,
/// value outside the item's options (values must be written exactly as the form
/// writes them: `"2"`, not `"02"` or `"+2"`), or repeated field. The web layer
/// removes its own fields (such as the form token) before calling.
pub fn parse_answers<'a>(
    instrument: &Instrument,
    grade: Grade,
    pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
) -> Result<Answers, AnswerError> {
    let mut seen = HashSet::new();
    let mut values = BTreeMap::new();
    for (field, value) in pairs {
        if !seen.insert(field) {
            return Err(AnswerError::DuplicateField(for_log(field)));
        }
        let Some((section, item)) = instrument.find_item(field) else {
            return Err(AnswerError::UnknownField(for_log(field)));
        };
        if !section.is_visible_to(grade) {
            return Err(AnswerError::NotShownToGrade { item: item.id().to_owned(), grade });
        }
        if value.is_empty() {
            continue;
        }
        let value = option_value(item, value).ok_or_else(|| AnswerError::InvalidValue(item.id().to_owned()))?;
        values.insert(item.id().to_owned(), value);
    }
    Ok(Answers { values })
}

/// The option value `text` stands for, if it is one of `item`'s, written canonically.
fn option_value(item: &Item, text: &str) -> Option<u8> {
    let value: u8 = text.parse().ok()?;
    (value.to_string() == text && item.choice(value).is_some()).then_some(value)
}

/// A field name short enough to put in a log line.
fn for_log(field: &str) -> String {
    field.chars().take(48).collect()
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::super::fixture::{GRADE_5, GRADE_9, small_instrument};
    use super::*;

    #[test]
    fn answered_items_are_kept_and_empty_values_are_skips() {
        let instrument = small_instrument();
        let answers = parse_answers(&instrument, GRADE_9, [("hit", "3"), ("safe", ""), ("sh_now", "0")]);
        let answers = answers.expect("valid answers");
        assert_eq!(answers.iter().collect::<Vec<_>>(), [("hit", 3), ("sh_now", 0)]);
        assert_eq!(answers.get("safe"), None);
    }

    #[test]
    fn an_empty_form_is_a_response_with_every_item_skipped() {
        let answers = parse_answers(&small_instrument(), GRADE_5, []).expect("an empty form is valid");
        assert!(answers.is_empty());
    }

    #[test]
    fn unknown_fields_are_refused() {
        let result = parse_answers(&small_instrument(), GRADE_9, [("_token", "abc")]);
        assert_eq!(result, Err(AnswerError::UnknownField("_token".into())));
    }

    #[test]
    fn items_of_sections_above_the_grade_are_refused() {
        let result = parse_answers(&small_instrument(), GRADE_5, [("sh_now", "")]);
        assert!(matches!(result, Err(AnswerError::NotShownToGrade { item, .. }) if item == "sh_now"));
    }

    #[test]
    fn values_outside_the_options_are_refused() {
        for bad in ["5", "02", "+2", " 2", "-1", "yes", "2.0", "256"] {
            let result = parse_answers(&small_instrument(), GRADE_9, [("hit", bad)]);
            assert_eq!(result, Err(AnswerError::InvalidValue("hit".into())), "{bad:?}");
        }
    }

    #[test]
    fn repeated_fields_are_refused_even_when_one_is_empty() {
        let result = parse_answers(&small_instrument(), GRADE_9, [("hit", "1"), ("hit", "")]);
        assert_eq!(result, Err(AnswerError::DuplicateField("hit".into())));
    }

    #[test]
    fn errors_do_not_repeat_what_was_submitted() {
        let error = parse_answers(&small_instrument(), GRADE_9, [("hit", "secret")]).expect_err("not an option");
        assert!(!error.to_string().contains("secret"));
        let long = "x".repeat(500);
        let error = parse_answers(&small_instrument(), GRADE_9, [(long.as_str(), "1")]).expect_err("not an item");
        assert!(error.to_string().len() < 120);
    }

    fn field() -> impl Strategy<Value = String> {
        prop_oneof![
            Just("hit".to_owned()),
            Just("safe".to_owned()),
            Just("tease".to_owned()),
            Just("sh_now".to_owned()),
            Just("sh_wish".to_owned()),
            "\\PC{0,12}",
        ]
    }

    fn value() -> impl Strategy<Value = String> {
        prop_oneof![Just(String::new()), (0u16..300).prop_map(|n| n.to_string()), "\\PC{0,6}"]
    }

    proptest! {
        #[test]
        fn any_form_is_refused_or_gives_only_valid_answers(
            pairs in proptest::collection::vec((field(), value()), 0..8),
            grade in 5u8..=11,
        ) {
            let instrument = small_instrument();
            let grade = Grade::from_number(grade).expect("5 to 11 is a grade");
            let borrowed = pairs.iter().map(|(f, v)| (f.as_str(), v.as_str()));
            if let Ok(answers) = parse_answers(&instrument, grade, borrowed) {
                for (item_id, value) in answers.iter() {
                    let (section, item) = instrument.find_item(item_id).expect("answers name items");
                    prop_assert!(section.is_visible_to(grade));
                    prop_assert!(item.choice(value).is_some());
                }
            }
        }
    }
}
