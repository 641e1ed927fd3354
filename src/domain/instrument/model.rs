//! A validated instrument: its sections, items and answer options.
//!
//! Values of these types only come out of [`super::check_source`], so code that holds
//! an [`Instrument`] may rely on everything the validator checks: unique ids, complete
//! translations, at least one item, and options with unique values.

use serde::Deserialize;

use super::grade::Grade;
use super::indicator::{FlagRule, Indicator};
use super::key::InstrumentKey;
use crate::domain::lang::Localized;
use crate::domain::statistics::FlagMethod;

/// One version of a questionnaire, ready to show and to score.
#[derive(Debug, Clone, PartialEq)]
pub struct Instrument {
    pub(super) id: String,
    pub(super) version: u32,
    pub(super) title: Localized,
    pub(super) intro: Localized,
    pub(super) outro: Localized,
    pub(super) sections: Vec<Section>,
    pub(super) indicators: Vec<Indicator>,
    pub(super) flag_rules: Vec<FlagRule>,
}

impl Instrument {
    /// The instrument's id, e.g. `school-climate`; with [`Self::version`] it names
    /// exactly one set of questions, so responses are stored against the pair.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The version number; any change to an item means a new version.
    pub fn version(&self) -> u32 {
        self.version
    }

    /// The code and version together: what a wave freezes and the catalogue is keyed by.
    pub fn key(&self) -> InstrumentKey {
        InstrumentKey::new(self.id.clone(), self.version)
    }

    /// The questionnaire's title.
    pub fn title(&self) -> &Localized {
        &self.title
    }

    /// The text shown before the first question.
    pub fn intro(&self) -> &Localized {
        &self.intro
    }

    /// The closing text, shown at the end of the questionnaire above the send button (the thank-you
    /// page is the same for every questionnaire, so it cannot carry it).
    pub fn outro(&self) -> &Localized {
        &self.outro
    }

    /// Every section in questionnaire order, whatever the grade.
    pub fn sections(&self) -> &[Section] {
        &self.sections
    }

    /// The sections a pupil in `grade` sees, in questionnaire order.
    pub fn visible_sections(&self, grade: Grade) -> impl Iterator<Item = &Section> {
        self.sections.iter().filter(move |section| section.is_visible_to(grade))
    }

    /// Every item in questionnaire order, whatever the grade.
    pub fn items(&self) -> impl Iterator<Item = &Item> {
        self.sections.iter().flat_map(|section| &section.items)
    }

    /// The item with id `item_id` (its form field name).
    pub fn item(&self, item_id: &str) -> Option<&Item> {
        self.find_item(item_id).map(|(_, item)| item)
    }

    /// The item with id `item_id` together with the section that holds it.
    pub(super) fn find_item(&self, item_id: &str) -> Option<(&Section, &Item)> {
        self.sections
            .iter()
            .find_map(|section| section.items.iter().find(|item| item.id == item_id).map(|item| (section, item)))
    }

    /// The indicators declared over the items, in file order.
    pub fn indicators(&self) -> &[Indicator] {
        &self.indicators
    }

    /// The indicator with id `indicator_id`.
    pub fn indicator(&self, indicator_id: &str) -> Option<&Indicator> {
        self.indicators.iter().find(|indicator| indicator.id() == indicator_id)
    }

    /// Whether `indicator_id` is a signal only: its flag rule fires on any single answer (the acute
    /// "right now" item), so it is released as "≥1" / "none" and never as a rate, count or answer
    /// split, at any level (a rate next to "≥1" would say how many).
    pub fn is_signal_only(&self, indicator_id: &str) -> bool {
        self.flag_rule(indicator_id).is_some_and(|rule| rule.method() == FlagMethod::Any)
    }

    /// The indicators released as rates (every one but the signals), in file order.
    pub fn rate_indicators(&self) -> impl Iterator<Item = &Indicator> + Clone {
        self.indicators.iter().filter(|indicator| !self.is_signal_only(indicator.id()))
    }

    /// The flag rules, at most one per indicator, in file order.
    pub fn flag_rules(&self) -> &[FlagRule] {
        &self.flag_rules
    }

    /// The flag rule for `indicator_id`, if that indicator raises flags at all.
    pub fn flag_rule(&self, indicator_id: &str) -> Option<&FlagRule> {
        self.flag_rules.iter().find(|rule| rule.indicator() == indicator_id)
    }
}

/// A page-sized group of items with a common theme.
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    pub(super) id: String,
    pub(super) title: Localized,
    pub(super) intro: Option<Localized>,
    pub(super) min_grade: Grade,
    pub(super) sensitive: bool,
    pub(super) items: Vec<Item>,
}

impl Section {
    /// The section id, unique within the instrument.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The section heading.
    pub fn title(&self) -> &Localized {
        &self.title
    }

    /// Optional text shown under the heading, before the items.
    pub fn intro(&self) -> Option<&Localized> {
        self.intro.as_ref()
    }

    /// The youngest grade that sees this section (5 unless the file says otherwise).
    pub fn min_grade(&self) -> Grade {
        self.min_grade
    }

    /// Whether a pupil in `grade` sees this section.
    pub fn is_visible_to(&self, grade: Grade) -> bool {
        grade >= self.min_grade
    }

    /// Whether the page must show the help contacts inside this section, for every
    /// pupil: true when the section or any of its items is marked sensitive.
    pub fn shows_help_contacts(&self) -> bool {
        self.sensitive || self.items.iter().any(Item::is_sensitive)
    }

    /// The items in questionnaire order.
    pub fn items(&self) -> &[Item] {
        &self.items
    }
}

/// How an item is asked; the page may lay the kinds out differently.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemKind {
    /// Pick one of the options the file lists (inline or through a named scale).
    SingleChoice,
    /// "Yes" (value 1) or "No" (value 0); the options are built in.
    YesNo,
    /// A four-step agreement scale from "strongly disagree" (1) to "strongly agree"
    /// (4); the options are built in.
    Agreement,
}

/// One question.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    pub(super) id: String,
    pub(super) kind: ItemKind,
    pub(super) text: Localized,
    pub(super) choices: Vec<Choice>,
    pub(super) sensitive: bool,
}

impl Item {
    /// The item id: unique within the instrument, and the form field name the page
    /// posts the answer under.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// How the item is asked.
    pub fn kind(&self) -> ItemKind {
        self.kind
    }

    /// The question.
    pub fn text(&self) -> &Localized {
        &self.text
    }

    /// The answer options in display order (skipping is always possible and is not
    /// an option).
    pub fn choices(&self) -> &[Choice] {
        &self.choices
    }

    /// The option with `value`.
    pub fn choice(&self, value: u8) -> Option<&Choice> {
        self.choices.iter().find(|choice| choice.value == value)
    }

    /// Whether the item asks about self-harm, suicide or abuse, so its section shows
    /// help contacts.
    pub fn is_sensitive(&self) -> bool {
        self.sensitive
    }

    /// The highest option value, i.e. the most this item can add to a sum.
    pub(super) fn max_value(&self) -> u8 {
        self.choices.iter().map(|choice| choice.value).max().unwrap_or(0)
    }
}

/// One answer option of an item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    pub(super) value: u8,
    pub(super) label: Localized,
}

impl Choice {
    /// The stable value (0 to 99): what the form posts, what is stored, and the
    /// option's score in indicators.
    pub fn value(&self) -> u8 {
        self.value
    }

    /// The text shown next to the radio button.
    pub fn label(&self) -> &Localized {
        &self.label
    }
}
