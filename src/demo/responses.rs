//! Generated answers for the demo wave, written through the same submission path pupils use. Most
//! pupils answer on the benign side of every indicator; the demo plants one class with a high
//! bullying rate, one acute answer in another class, and a class with fewer than k responses.

use std::collections::BTreeSet;

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

use crate::domain::instrument::{Grade, IndicatorRule, Instrument, Item, parse_answers};
use crate::domain::statistics::FlagMethod;

/// How one demo class answers.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ClassProfile {
    /// Responses to generate.
    pub responses: u32,
    /// Chance that one indicator item is answered on its positive side (peer bullying items).
    pub bullying_item_rate: f64,
    /// Chance for every other indicator item.
    pub other_item_rate: f64,
    /// Whether one response carries the acute ("right now") answer.
    pub one_acute_answer: bool,
}

/// Ids of the items behind indicators whose name mentions bullying by peers.
fn bullying_items(instrument: &Instrument) -> BTreeSet<String> {
    instrument
        .indicators()
        .iter()
        .filter(|i| i.id() == "bullying_victim" || i.id() == "cyberbullying_victim")
        .flat_map(|i| i.items().iter().cloned())
        .collect()
}

/// Ids of the items behind indicators flagged by method "any" (the acute item).
fn acute_items(instrument: &Instrument) -> BTreeSet<String> {
    instrument
        .flag_rules()
        .iter()
        .filter(|r| r.method() == FlagMethod::Any)
        .filter_map(|r| instrument.indicator(r.indicator()))
        .flat_map(|i| i.items().iter().cloned())
        .collect()
}

/// The threshold rule an item takes part in, if any.
fn rule_of(instrument: &Instrument, item: &Item) -> Option<IndicatorRule> {
    instrument.indicators().iter().find(|i| i.items().iter().any(|id| id == item.id())).map(|i| i.rule())
}

fn pick(rng: &mut StdRng, values: &[u8]) -> Option<u8> {
    (!values.is_empty()).then(|| values[rng.random_range(0..values.len())])
}

/// One answer to `item`: positive side with probability `rate`, otherwise benign.
fn answer(rng: &mut StdRng, instrument: &Instrument, item: &Item, rate: f64) -> Option<u8> {
    let values: Vec<u8> = item.choices().iter().map(|c| c.value()).collect();
    let positive = rng.random_bool(rate.clamp(0.0, 1.0));
    let (hit, miss): (Vec<u8>, Vec<u8>) = match rule_of(instrument, item) {
        Some(IndicatorRule::AnyAtLeast(v)) => values.iter().partition(|x| **x >= v),
        Some(IndicatorRule::AnyAtMost(v)) => values.iter().partition(|x| **x <= v),
        Some(IndicatorRule::SumAtLeast(_)) => values.iter().partition(|x| **x >= 2),
        None => return pick(rng, &values),
    };
    if positive { pick(rng, &hit) } else { pick(rng, &miss) }
}

/// The answers of one class as form pairs (item id, value), `profile.responses` of them.
pub fn class_answers(
    instrument: &Instrument,
    grade: u8,
    profile: ClassProfile,
    seed: u64,
) -> Vec<Vec<(String, String)>> {
    let mut rng = StdRng::seed_from_u64(seed);
    let bullying = bullying_items(instrument);
    let acute = acute_items(instrument);
    let visible: Vec<&Item> =
        instrument.sections().iter().filter(|s| s.min_grade().get() <= grade).flat_map(|s| s.items().iter()).collect();
    (0..profile.responses)
        .map(|n| {
            visible
                .iter()
                .filter_map(|item| {
                    let rate = if acute.contains(item.id()) {
                        if profile.one_acute_answer && n == 0 { 1.0 } else { 0.0 }
                    } else if bullying.contains(item.id()) {
                        profile.bullying_item_rate
                    } else {
                        profile.other_item_rate
                    };
                    // About one answer in twenty is skipped, as real pupils do.
                    if rng.random_bool(0.05) && rate < 1.0 {
                        return None;
                    }
                    answer(&mut rng, instrument, item, rate).map(|v| (item.id().to_owned(), v.to_string()))
                })
                .collect()
        })
        .collect()
}

/// The answers of one class as the JSON object the submission path stores (`{"item": value}`), each
/// checked by the same parser a submitted form goes through; `None` if one does not pass.
pub fn class_answers_json(instrument: &Instrument, grade: u8, profile: ClassProfile, seed: u64) -> Option<Vec<String>> {
    let checked_grade = Grade::from_number(grade)?;
    class_answers(instrument, grade, profile, seed)
        .iter()
        .map(|pairs| {
            let answers =
                parse_answers(instrument, checked_grade, pairs.iter().map(|(k, v)| (k.as_str(), v.as_str()))).ok()?;
            let json = serde_json::Value::Object(answers.iter().map(|(k, v)| (k.to_owned(), v.into())).collect());
            Some(json.to_string())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::catalog_files::load_catalog;
    use crate::domain::instrument::{IndicatorOutcome, evaluate_indicators};

    fn rate(instrument: &Instrument, grade: u8, profile: ClassProfile, indicator: &str) -> f64 {
        let responses = class_answers(instrument, grade, profile, 7);
        let grade = Grade::from_number(grade).unwrap();
        let positives = responses
            .iter()
            .filter(|pairs| {
                let answers =
                    parse_answers(instrument, grade, pairs.iter().map(|(k, v)| (k.as_str(), v.as_str()))).unwrap();
                evaluate_indicators(instrument, &answers)
                    .iter()
                    .any(|(id, o)| *id == indicator && *o == IndicatorOutcome::Positive)
            })
            .count();
        positives as f64 / responses.len() as f64
    }

    #[test]
    fn generated_answers_are_valid_and_the_planted_class_stands_out() {
        let catalog = load_catalog(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("surveys")).unwrap();
        let instrument = catalog.latest("school-climate").unwrap();
        let quiet =
            ClassProfile { responses: 200, bullying_item_rate: 0.01, other_item_rate: 0.02, one_acute_answer: false };
        let loud = ClassProfile { bullying_item_rate: 0.25, ..quiet };
        assert!(rate(instrument, 8, quiet, "bullying_victim") < 0.12);
        assert!(rate(instrument, 8, loud, "bullying_victim") > 0.45);
        assert_eq!(rate(instrument, 8, quiet, "acute_risk"), 0.0);
        let acute = ClassProfile { one_acute_answer: true, ..quiet };
        assert!((rate(instrument, 8, acute, "acute_risk") - 1.0 / 200.0).abs() < 1e-9);
    }
}
