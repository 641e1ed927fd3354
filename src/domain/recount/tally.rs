//! Tallies of one wave's responses per class: respondents, respondents per item option, and positive
//! and answering respondents per indicator.

use std::collections::BTreeMap;

use thiserror::Error;

use crate::domain::instrument::{Answers, Grade, IndicatorOutcome, Instrument, evaluate_indicators, parse_answers};

/// Why a stored response could not be counted. It carries nothing of what the pupil answered.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum UnreadableResponse {
    /// The answers column is not a JSON object.
    #[error("the stored answers are not a JSON object")]
    NotJson,
    /// The answers do not fit the wave's instrument and the class's grade.
    #[error("the stored answers do not fit the instrument: {0}")]
    BadAnswers(String),
}

/// Reads the answers column of a response (`{"item": value}`) back into checked [`Answers`], with the
/// same rules a submitted form passes.
pub fn decode_stored(instrument: &Instrument, grade: Grade, json: &str) -> Result<Answers, UnreadableResponse> {
    let map: serde_json::Map<String, serde_json::Value> =
        serde_json::from_str(json).map_err(|_| UnreadableResponse::NotJson)?;
    let pairs: Vec<(String, String)> = map.into_iter().map(|(k, v)| (k, v.to_string())).collect();
    parse_answers(instrument, grade, pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())))
        .map_err(|e| UnreadableResponse::BadAnswers(e.to_string()))
}

/// What a wave's responses add up to, per class (keys are class ids).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tallies {
    /// Responses per class.
    pub responses: BTreeMap<String, u32>,
    /// Respondents per (class, item, option value).
    pub items: BTreeMap<(String, String, u8), u32>,
    /// Positive and answering respondents per (class, indicator).
    pub indicators: BTreeMap<(String, String), (u32, u32)>,
}

impl Tallies {
    /// Counts one response of `class`.
    pub fn add(&mut self, instrument: &Instrument, class: &str, answers: &Answers) {
        *self.responses.entry(class.to_owned()).or_default() += 1;
        for (item, value) in answers.iter() {
            *self.items.entry((class.to_owned(), item.to_owned(), value)).or_default() += 1;
        }
        for (indicator, outcome) in evaluate_indicators(instrument, answers) {
            let entry = self.indicators.entry((class.to_owned(), indicator.to_owned())).or_default();
            match outcome {
                IndicatorOutcome::Positive => *entry = (entry.0 + 1, entry.1 + 1),
                IndicatorOutcome::Negative => entry.1 += 1,
                IndicatorOutcome::NotAnswered => {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::survey::catalog::Catalog;

    fn catalog() -> Catalog {
        Catalog::shipped()
    }

    fn grade(n: u8) -> Grade {
        Grade::from_number(n).unwrap()
    }

    #[test]
    fn stored_answers_read_back_as_the_form_gave_them() {
        let catalog = catalog();
        let instrument = catalog.latest("school-climate").unwrap();
        let answers = decode_stored(instrument, grade(8), r#"{"victim_verbal":3,"sh_now":1}"#).unwrap();
        assert_eq!(answers.get("victim_verbal"), Some(3));
        assert_eq!(answers.get("sh_now"), Some(1));
    }

    #[test]
    fn unreadable_answers_are_named_without_their_content() {
        let catalog = catalog();
        let instrument = catalog.latest("school-climate").unwrap();
        assert_eq!(decode_stored(instrument, grade(8), "not json"), Err(UnreadableResponse::NotJson));
        assert_eq!(decode_stored(instrument, grade(8), "[1,2]"), Err(UnreadableResponse::NotJson));
        let error = decode_stored(instrument, grade(5), r#"{"sh_now":1}"#).unwrap_err();
        assert!(matches!(error, UnreadableResponse::BadAnswers(_)), "{error:?}");
        let error = decode_stored(instrument, grade(8), r#"{"victim_verbal":"secret"}"#).unwrap_err();
        assert!(!error.to_string().contains("secret"));
    }

    #[test]
    fn a_tally_counts_respondents_options_and_indicator_outcomes() {
        let catalog = catalog();
        let instrument = catalog.latest("school-climate").unwrap();
        let mut tallies = Tallies::default();
        for json in [r#"{"victim_verbal":3}"#, r#"{"victim_verbal":0}"#, "{}"] {
            tallies.add(instrument, "c1", &decode_stored(instrument, grade(8), json).unwrap());
        }
        assert_eq!(tallies.responses["c1"], 3);
        assert_eq!(tallies.items[&("c1".into(), "victim_verbal".into(), 3)], 1);
        assert_eq!(tallies.items[&("c1".into(), "victim_verbal".into(), 0)], 1);
        assert_eq!(tallies.indicators[&("c1".into(), "bullying_victim".into())], (1, 2));
    }
}
