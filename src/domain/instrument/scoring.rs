//! Scores one response: for each indicator, is it positive, negative, or not known?
//!
//! Pure functions of an instrument and [`Answers`]; counting outcomes over a class,
//! and deciding what may be shown, belongs to the statistics and disclosure modules.

use super::answers::Answers;
use super::indicator::{Indicator, IndicatorRule};
use super::model::Instrument;

/// What one response says about one indicator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IndicatorOutcome {
    /// The response meets the indicator's rule: counts in the numerator and the
    /// denominator.
    Positive,
    /// The response does not meet the rule: counts in the denominator only.
    Negative,
    /// The pupil skipped the indicator's items (or, for a sum, skipped enough of them
    /// that the answers given cannot decide it): counts in neither.
    NotAnswered,
}

/// The outcome of every indicator of `instrument` for one response, in file order.
///
/// - `any_at_least V` / `any_at_most V`: positive when at least one answered item is
///   at or above (below) `V`; negative when at least one item is answered and none
///   is; not answered when all its items are skipped.
/// - `sum_at_least C`: positive when the answered items already add up to `C`;
///   negative when they fall short of `C` even if every skipped item had been given
///   its highest value; otherwise not answered.
pub fn evaluate_indicators<'i>(instrument: &'i Instrument, answers: &Answers) -> Vec<(&'i str, IndicatorOutcome)> {
    instrument.indicators().iter().map(|indicator| (indicator.id(), evaluate(instrument, indicator, answers))).collect()
}

fn evaluate(instrument: &Instrument, indicator: &Indicator, answers: &Answers) -> IndicatorOutcome {
    let answered: Vec<u8> = indicator.items().iter().filter_map(|item| answers.get(item)).collect();
    if answered.is_empty() {
        return IndicatorOutcome::NotAnswered;
    }
    let positive = match indicator.rule() {
        IndicatorRule::AnyAtLeast(limit) => answered.iter().any(|&value| value >= limit),
        IndicatorRule::AnyAtMost(limit) => answered.iter().any(|&value| value <= limit),
        IndicatorRule::SumAtLeast(cut_off) => {
            let sum: u16 = answered.iter().map(|&value| u16::from(value)).sum();
            if sum < cut_off && sum + still_possible(instrument, indicator, answers) >= cut_off {
                return IndicatorOutcome::NotAnswered;
            }
            sum >= cut_off
        }
    };
    if positive { IndicatorOutcome::Positive } else { IndicatorOutcome::Negative }
}

/// The most the skipped items of `indicator` could have added to its sum.
fn still_possible(instrument: &Instrument, indicator: &Indicator, answers: &Answers) -> u16 {
    indicator
        .items()
        .iter()
        .filter(|item| answers.get(item).is_none())
        .filter_map(|item| instrument.item(item))
        .map(|item| u16::from(item.max_value()))
        .sum()
}

#[cfg(test)]
mod tests {
    use super::super::answers::parse_answers;
    use super::super::fixture::{GRADE_9, small_instrument};
    use super::IndicatorOutcome::{Negative, NotAnswered, Positive};
    use super::*;

    /// The outcome of `indicator` for a pupil in grade 9 who posted `pairs`.
    fn outcome(indicator: &str, pairs: &[(&str, &str)]) -> IndicatorOutcome {
        let instrument = small_instrument();
        let answers = parse_answers(&instrument, GRADE_9, pairs.iter().copied()).expect("valid answers");
        let outcomes = evaluate_indicators(&instrument, &answers);
        outcomes.into_iter().find(|(id, _)| *id == indicator).expect("the fixture has this indicator").1
    }

    #[test]
    fn every_indicator_gets_an_outcome_in_file_order() {
        let instrument = small_instrument();
        let outcomes = evaluate_indicators(&instrument, &Answers::default());
        let ids: Vec<&str> = outcomes.iter().map(|(id, _)| *id).collect();
        assert_eq!(ids, ["victim", "unsafe", "often_total", "acute"]);
        assert!(outcomes.iter().all(|(_, outcome)| *outcome == NotAnswered));
    }

    #[test]
    fn any_at_least_is_positive_when_one_answer_reaches_the_value() {
        assert_eq!(outcome("victim", &[("hit", "0"), ("tease", "1")]), Positive);
        assert_eq!(outcome("victim", &[("hit", "3")]), Positive);
    }

    #[test]
    fn any_at_least_is_negative_when_answered_items_stay_below() {
        assert_eq!(outcome("victim", &[("hit", "0"), ("tease", "0")]), Negative);
        assert_eq!(outcome("victim", &[("hit", "0")]), Negative);
    }

    #[test]
    fn an_indicator_whose_items_are_all_skipped_is_not_answered() {
        assert_eq!(outcome("victim", &[("hit", ""), ("safe", "4")]), NotAnswered);
    }

    #[test]
    fn any_at_most_is_positive_at_or_below_the_value() {
        assert_eq!(outcome("unsafe", &[("safe", "2")]), Positive);
        assert_eq!(outcome("unsafe", &[("safe", "1")]), Positive);
        assert_eq!(outcome("unsafe", &[("safe", "3")]), Negative);
    }

    #[test]
    fn a_sum_counts_when_the_answers_given_decide_it() {
        assert_eq!(outcome("often_total", &[("hit", "3"), ("tease", "1")]), Positive);
        assert_eq!(outcome("often_total", &[("hit", "1"), ("tease", "1")]), Negative);
    }

    #[test]
    fn a_sum_that_skipped_items_could_still_change_is_not_answered() {
        // 1 + (at most 3) could reach 4.
        assert_eq!(outcome("often_total", &[("hit", "1")]), NotAnswered);
        // 0 + (at most 3) cannot, so the answer is a negative.
        assert_eq!(outcome("often_total", &[("hit", "0")]), Negative);
        // 3 alone falls short, but the skipped item could add what is missing.
        assert_eq!(outcome("often_total", &[("tease", "3")]), NotAnswered);
    }

    #[test]
    fn yes_on_the_acute_item_is_positive() {
        assert_eq!(outcome("acute", &[("sh_now", "1")]), Positive);
        assert_eq!(outcome("acute", &[("sh_now", "0")]), Negative);
    }
}
