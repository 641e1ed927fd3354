//! Checks that span several tables: unique ids and every reference between tables.
//!
//! They run on whatever the decoder could read, so an author sees these problems
//! together with the local ones. A reference to something that exists but is itself
//! broken is not reported again.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use toml::Spanned;

use super::decode::name;
use super::diagnostic::Report;
use super::draft::{ChoiceSource, IndicatorDraft, InstrumentDraft, RuleName};
use super::grade::Grade;
use super::model::Choice;

/// What the indicator checks need to know about one item.
struct ItemFacts<'d> {
    min_grade: Grade,
    /// `None` when the item's options could not be read or resolved.
    choices: Option<&'d [Choice]>,
}

/// Reports duplicate ids and broken references between the tables of `draft`.
pub(super) fn cross_check(draft: &InstrumentDraft, report: &mut Report) {
    let scale_ids = draft.scales.iter().filter_map(|scale| scale.id.as_ref());
    check_unique("scale", scale_ids, report);
    let section_ids = draft.sections.iter().filter_map(|section| section.id.as_ref());
    check_unique("section", section_ids, report);
    let item_ids = draft.sections.iter().flat_map(|section| &section.items);
    check_unique("item", item_ids.filter_map(|item| item.id.as_ref()), report);
    let indicator_ids = draft.indicators.iter().filter_map(|indicator| indicator.id.as_ref());
    check_unique("indicator", indicator_ids, report);

    let items = item_facts(draft, report);
    for indicator in &draft.indicators {
        check_indicator(indicator, &items, report);
    }
    check_flags(draft, report);
}

fn check_unique<'d>(what: &str, ids: impl Iterator<Item = &'d Spanned<String>>, report: &mut Report) {
    let mut first: HashMap<&str, Range<usize>> = HashMap::new();
    for id in ids {
        match first.get(id.get_ref().as_str()) {
            Some(earlier) => {
                let line = report.line_of(earlier);
                let message = format!("duplicate {what} id `{}` (first defined on line {line})", id.get_ref());
                report.error(id.span(), message);
            }
            None => {
                first.insert(id.get_ref(), id.span());
            }
        }
    }
}

/// Resolves every item's options (reporting unknown scales) and records its grade.
fn item_facts<'d>(draft: &'d InstrumentDraft, report: &mut Report) -> HashMap<&'d str, ItemFacts<'d>> {
    let scales: HashMap<&str, Option<&[Choice]>> = draft
        .scales
        .iter()
        .filter_map(|scale| Some((scale.id.as_ref()?.get_ref().as_str(), scale.choices.as_deref())))
        .collect();
    let mut items = HashMap::new();
    for section in &draft.sections {
        for item in &section.items {
            let choices = match &item.choices {
                None => None,
                Some(ChoiceSource::Listed(choices)) => Some(choices.as_slice()),
                Some(ChoiceSource::Scale(scale)) => {
                    scales.get(scale.get_ref().as_str()).copied().unwrap_or_else(|| {
                        report.error(scale.span(), format!("unknown scale `{}`", scale.get_ref()));
                        None
                    })
                }
            };
            if let Some(id) = &item.id {
                let facts = ItemFacts { min_grade: section.min_grade, choices };
                items.entry(id.get_ref().as_str()).or_insert(facts);
            }
        }
    }
    items
}

fn check_indicator(indicator: &IndicatorDraft, items: &HashMap<&str, ItemFacts<'_>>, report: &mut Report) {
    let indicator_name = name(indicator.id.as_ref());
    let mut known = Vec::new();
    for item in &indicator.items {
        match items.get(item.get_ref().as_str()) {
            Some(facts) => known.push((item, facts)),
            None => {
                let message = format!("indicator {indicator_name} names unknown item `{}`", item.get_ref());
                report.error(item.span(), message);
            }
        }
    }
    if let Some((_, first)) = known.first()
        && let Some((other, facts)) = known.iter().find(|(_, facts)| facts.min_grade != first.min_grade)
    {
        let message = format!(
            "indicator {indicator_name}: item `{}` is shown from grade {}, the first item from grade {}; \
             all items of an indicator must start at the same grade",
            other.get_ref(),
            facts.min_grade,
            first.min_grade,
        );
        report.error(other.span(), message);
    }
    let (Some(rule), Some(threshold)) = (indicator.rule, &indicator.threshold) else {
        return;
    };
    if rule == RuleName::SumAtLeast && known.len() < indicator.items.len() {
        return; // the range of a sum over unknown items means nothing
    }
    let resolved: Option<Vec<(&Spanned<String>, &[Choice])>> =
        known.iter().map(|(item, facts)| Some((*item, facts.choices?))).collect();
    if let Some(resolved) = resolved {
        check_threshold(&indicator_name, rule, threshold, &resolved, report);
    }
}

/// Reports a threshold that no answer can meet, or that every answer meets.
fn check_threshold(
    indicator_name: &str,
    rule: RuleName,
    threshold: &Spanned<u16>,
    items: &[(&Spanned<String>, &[Choice])],
    report: &mut Report,
) {
    let limit = *threshold.get_ref();
    let range = |choices: &[Choice]| {
        let values = choices.iter().map(|choice| u16::from(choice.value));
        (values.clone().min().unwrap_or(0), values.max().unwrap_or(0))
    };
    if rule == RuleName::SumAtLeast {
        let (lowest, highest) = items.iter().fold((0, 0), |(low, high), (_, choices)| {
            let (min, max) = range(choices);
            (low + min, high + max)
        });
        if limit > highest {
            let message = format!(
                "indicator {indicator_name}: cut-off {limit} can never be reached (the highest possible sum is {highest})"
            );
            report.error(threshold.span(), message);
        } else if limit <= lowest {
            let message = format!(
                "indicator {indicator_name}: cut-off {limit} is met by every complete answer (the lowest possible sum is {lowest})"
            );
            report.error(threshold.span(), message);
        }
        return;
    }
    for (item, choices) in items {
        let item = item.get_ref();
        let (min, max) = range(choices);
        let met_by_all = if rule == RuleName::AnyAtLeast { min >= limit } else { max <= limit };
        if !choices.iter().any(|choice| u16::from(choice.value) == limit) {
            let message = format!("indicator {indicator_name}: item `{item}` has no option with value {limit}");
            report.error(threshold.span(), message);
        } else if met_by_all {
            let message = format!(
                "indicator {indicator_name}: every answer to item `{item}` meets threshold {limit}, \
                 so everyone who answers it would count as positive"
            );
            report.error(threshold.span(), message);
        }
    }
}

/// Reports flag rules for unknown indicators and second rules for one indicator.
fn check_flags(draft: &InstrumentDraft, report: &mut Report) {
    let indicators: HashSet<&str> =
        draft.indicators.iter().filter_map(|indicator| Some(indicator.id.as_ref()?.get_ref().as_str())).collect();
    let mut ruled: HashMap<&str, Range<usize>> = HashMap::new();
    for indicator in draft.flags.iter().filter_map(|flag| flag.indicator.as_ref()) {
        let id = indicator.get_ref().as_str();
        if !indicators.contains(id) {
            report.error(indicator.span(), format!("flag rule names unknown indicator `{id}`"));
        } else if let Some(earlier) = ruled.get(id) {
            let line = report.line_of(earlier);
            let message = format!("indicator `{id}` already has a flag rule (line {line})");
            report.error(indicator.span(), message);
        } else {
            ruled.insert(id, indicator.span());
        }
    }
}
