//! Indicators (what share of a class shows a sign) and the flag rules that act on them.

use super::grade::Grade;
use crate::domain::lang::Localized;
use crate::domain::statistics::{FlagCriterion, FlagMethod, Probability, Severity};

/// A yes/no property of one response, computed from some of its items, such as
/// "was bullied at least 2-3 times a month". Prevalences and flags are about these.
#[derive(Debug, Clone, PartialEq)]
pub struct Indicator {
    pub(super) id: String,
    pub(super) label: Localized,
    pub(super) rule: IndicatorRule,
    pub(super) items: Vec<String>,
    pub(super) min_grade: Grade,
}

impl Indicator {
    /// The indicator id, unique within the instrument; instruments that measure the
    /// same thing the same way use the same id.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// A short name for dashboards and referrals.
    pub fn label(&self) -> &Localized {
        &self.label
    }

    /// How the items decide the outcome.
    pub fn rule(&self) -> IndicatorRule {
        self.rule
    }

    /// The ids of the items the rule looks at, in file order.
    pub fn items(&self) -> &[String] {
        &self.items
    }

    /// Whether pupils in `grade` are asked the indicator's items (the validator makes
    /// all items of one indicator start at the same grade).
    pub fn applies_to(&self, grade: Grade) -> bool {
        grade >= self.min_grade
    }
}

/// How an indicator's items decide whether a response is positive.
///
/// New rules are added as variants here, with their checks in the validator and their
/// meaning in `evaluate_indicators` and `surveys/README.md`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IndicatorRule {
    /// Positive when any answered item has a value at or above this option value.
    AnyAtLeast(u8),
    /// Positive when any answered item has a value at or below this option value
    /// (for items where a low value is the worrying one, e.g. "I feel safe").
    AnyAtMost(u8),
    /// Positive when the values of the answered items add up to at least this cut-off.
    SumAtLeast(u16),
}

/// When an indicator raises a flag for a class, and how serious the flag is: the file's
/// `[[flags]]` table, decoded into the statistics engine's own types so that what the file says is
/// exactly what the engine runs.
#[derive(Debug, Clone, PartialEq)]
pub struct FlagRule {
    pub(super) indicator: String,
    pub(super) criterion: FlagCriterion,
    pub(super) severity: Severity,
    pub(super) reference: Option<ReferenceSource>,
}

impl FlagRule {
    /// The id of the indicator this rule watches (always one the instrument declares).
    pub fn indicator(&self) -> &str {
        &self.indicator
    }

    /// How the class's count is judged: the method and, for `binomial`, the baseline (checked
    /// strictly between 0 and 1 when the file was read).
    pub fn criterion(&self) -> FlagCriterion {
        self.criterion
    }

    /// The method alone (`any` or `binomial`).
    pub fn method(&self) -> FlagMethod {
        self.criterion.method()
    }

    /// The baseline of a `binomial` rule as a proportion; `None` for `any`.
    pub fn baseline(&self) -> Option<f64> {
        self.criterion.reference().map(Probability::value)
    }

    /// The highest level the rule raises, as the file declares it; the reader has checked that it
    /// is the one the method gives ([`FlagMethod::highest_severity`]), so it tells a reader of the
    /// file the referral deadline without the engine having to be consulted.
    pub fn severity(&self) -> Severity {
        self.severity
    }

    /// Where a binomial rule's baseline comes from, so that whoever reads a flag can judge the
    /// yardstick it was measured with (`None` in files written before sources were required).
    pub fn reference(&self) -> Option<&ReferenceSource> {
        self.reference.as_ref()
    }
}

/// How a baseline was obtained: a reader trusts a published figure more than an assumption, and
/// must be told which one a flag rests on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReferenceBasis {
    /// A prevalence read in a published source for a comparable item and population.
    Published,
    /// Computed from published figures by a stated derivation (for an item that differs).
    Derived,
    /// No source fits; a documented assumption, with the reason.
    Assumption,
}

/// The source of a baseline: its basis and a citation (or, for an assumption, its reasoning),
/// written in the file in the three languages and shown on the pages that explain a flag.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReferenceSource {
    pub(super) basis: ReferenceBasis,
    pub(super) citation: Localized,
}

impl ReferenceSource {
    /// Published, derived or assumed.
    pub fn basis(&self) -> ReferenceBasis {
        self.basis
    }

    /// The citation with year and population, or the assumption's reasoning, in each language.
    pub fn citation(&self) -> &Localized {
        &self.citation
    }
}
