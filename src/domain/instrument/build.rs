//! Assembles a validated [`Instrument`] from a draft that passed every check.

use std::collections::HashMap;

use toml::Spanned;

use super::draft::{ChoiceSource, FlagDraft, IndicatorDraft, InstrumentDraft, ItemDraft, RuleName, SectionDraft};
use super::indicator::{FlagRule, Indicator, IndicatorRule};
use super::model::{Choice, Instrument, Item, Section};

/// The instrument described by `draft`.
///
/// Only called when the checks reported nothing, so every part is present; `None`
/// would mean a check is missing, and the caller reports it as an internal error.
pub(super) fn build(draft: InstrumentDraft) -> Option<Instrument> {
    let scales: HashMap<String, Vec<Choice>> =
        draft.scales.into_iter().map(|scale| Some((scale.id?.into_inner(), scale.choices?))).collect::<Option<_>>()?;
    let sections: Vec<Section> =
        draft.sections.into_iter().map(|section| build_section(section, &scales)).collect::<Option<_>>()?;
    let indicators: Vec<Indicator> =
        draft.indicators.into_iter().map(|indicator| build_indicator(indicator, &sections)).collect::<Option<_>>()?;
    let flag_rules = draft.flags.into_iter().map(build_flag_rule).collect::<Option<_>>()?;
    Some(Instrument {
        id: draft.id?.into_inner(),
        version: draft.version?,
        title: draft.title?,
        intro: draft.intro?,
        outro: draft.outro?,
        sections,
        indicators,
        flag_rules,
    })
}

fn build_section(section: SectionDraft, scales: &HashMap<String, Vec<Choice>>) -> Option<Section> {
    Some(Section {
        id: section.id?.into_inner(),
        title: section.title?,
        intro: section.intro,
        min_grade: section.min_grade,
        sensitive: section.sensitive,
        items: section.items.into_iter().map(|item| build_item(item, scales)).collect::<Option<_>>()?,
    })
}

fn build_item(item: ItemDraft, scales: &HashMap<String, Vec<Choice>>) -> Option<Item> {
    let choices = match item.choices? {
        ChoiceSource::Listed(choices) => choices,
        ChoiceSource::Scale(scale) => scales.get(scale.get_ref())?.clone(),
    };
    Some(Item { id: item.id?.into_inner(), kind: item.kind?, text: item.text?, choices, sensitive: item.sensitive })
}

fn build_indicator(indicator: IndicatorDraft, sections: &[Section]) -> Option<Indicator> {
    let threshold = indicator.threshold?.into_inner();
    let rule = match indicator.rule? {
        RuleName::AnyAtLeast => IndicatorRule::AnyAtLeast(u8::try_from(threshold).ok()?),
        RuleName::AnyAtMost => IndicatorRule::AnyAtMost(u8::try_from(threshold).ok()?),
        RuleName::SumAtLeast => IndicatorRule::SumAtLeast(threshold),
    };
    let items: Vec<String> = indicator.items.into_iter().map(Spanned::into_inner).collect();
    let first = items.first()?;
    let min_grade = sections.iter().find(|section| section.items.iter().any(|item| &item.id == first))?.min_grade;
    Some(Indicator { id: indicator.id?.into_inner(), label: indicator.label?, rule, items, min_grade })
}

fn build_flag_rule(flag: FlagDraft) -> Option<FlagRule> {
    Some(FlagRule {
        indicator: flag.indicator?.into_inner(),
        criterion: flag.criterion?,
        severity: flag.severity?,
        reference: flag.reference?,
    })
}
