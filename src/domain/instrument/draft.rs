//! What the decoder could read from a file, before the cross-checks.
//!
//! Every field that can be missing or broken is an `Option`, so one broken item does
//! not hide the rest of the file: the cross-checks use whatever was read, and an
//! [`super::model::Instrument`] is built only when nothing at all was reported.

use serde::Deserialize;
use toml::Spanned;

use super::grade::Grade;
use super::indicator::ReferenceSource;
use super::model::{Choice, ItemKind};
use crate::domain::lang::Localized;
use crate::domain::statistics::{FlagCriterion, Severity};

/// The whole file as read.
pub(super) struct InstrumentDraft {
    pub(super) id: Option<Spanned<String>>,
    pub(super) version: Option<u32>,
    pub(super) title: Option<Localized>,
    pub(super) intro: Option<Localized>,
    pub(super) outro: Option<Localized>,
    pub(super) scales: Vec<ScaleDraft>,
    pub(super) sections: Vec<SectionDraft>,
    pub(super) indicators: Vec<IndicatorDraft>,
    pub(super) flags: Vec<FlagDraft>,
}

/// A named list of options that several items share (`[[scales]]`).
pub(super) struct ScaleDraft {
    pub(super) id: Option<Spanned<String>>,
    pub(super) choices: Option<Vec<Choice>>,
}

/// A `[[sections]]` table.
pub(super) struct SectionDraft {
    pub(super) id: Option<Spanned<String>>,
    pub(super) title: Option<Localized>,
    pub(super) intro: Option<Localized>,
    pub(super) min_grade: Grade,
    pub(super) sensitive: bool,
    pub(super) items: Vec<ItemDraft>,
}

/// A `[[sections.items]]` table.
pub(super) struct ItemDraft {
    pub(super) id: Option<Spanned<String>>,
    pub(super) kind: Option<ItemKind>,
    pub(super) text: Option<Localized>,
    pub(super) choices: Option<ChoiceSource>,
    pub(super) sensitive: bool,
}

/// Where an item's options come from.
pub(super) enum ChoiceSource {
    /// Listed in the item, or built into its kind.
    Listed(Vec<Choice>),
    /// A `[[scales]]` entry, by id.
    Scale(Spanned<String>),
}

/// The `rule` of an indicator, as written in the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(super) enum RuleName {
    AnyAtLeast,
    AnyAtMost,
    SumAtLeast,
}

/// An `[[indicators]]` table.
pub(super) struct IndicatorDraft {
    pub(super) id: Option<Spanned<String>>,
    pub(super) label: Option<Localized>,
    pub(super) rule: Option<RuleName>,
    pub(super) threshold: Option<Spanned<u16>>,
    pub(super) items: Vec<Spanned<String>>,
}

/// A `[[flags]]` table.
pub(super) struct FlagDraft {
    pub(super) indicator: Option<Spanned<String>>,
    pub(super) criterion: Option<FlagCriterion>,
    pub(super) severity: Option<Severity>,
    /// `Some(None)` when the file gives no source; `None` when what it gives is wrong.
    pub(super) reference: Option<Option<ReferenceSource>>,
}
