//! What the application counts, named so that an operator can find the row: the class's response
//! counter against its roll, the used single-use codes, and the counts materialised at close.

use std::collections::BTreeMap;
use std::fmt;

/// One stored number of one wave, identified by its table, column and key.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Counter {
    /// `wave_classes.responses`: responses received by a class (kept live while the wave is open).
    ClassResponses {
        /// Class id.
        class: String,
    },
    /// Spent `access_codes` of a class in an open codes wave (the roll less the codes still there: a
    /// spent code is deleted): one per stored response.
    UsedCodes {
        /// Class id.
        class: String,
    },
    /// `item_counts.responses`: respondents choosing one option of one item.
    ItemOption {
        /// Class id.
        class: String,
        /// Item id.
        item: String,
        /// Option value.
        option: u8,
    },
    /// `indicator_counts.positives`: respondents on the positive side of an indicator.
    IndicatorPositives {
        /// Class id.
        class: String,
        /// Indicator id.
        indicator: String,
    },
    /// `indicator_counts.answered`: respondents who answered an indicator's items.
    IndicatorAnswered {
        /// Class id.
        class: String,
        /// Indicator id.
        indicator: String,
    },
}

impl Counter {
    /// The table and column that hold it.
    pub fn column(&self) -> &'static str {
        match self {
            Counter::ClassResponses { .. } => "wave_classes.responses",
            Counter::UsedCodes { .. } => "access_codes (roll less unused)",
            Counter::ItemOption { .. } => "item_counts.responses",
            Counter::IndicatorPositives { .. } => "indicator_counts.positives",
            Counter::IndicatorAnswered { .. } => "indicator_counts.answered",
        }
    }

    /// The class it counts.
    pub fn class(&self) -> &str {
        match self {
            Counter::ClassResponses { class }
            | Counter::UsedCodes { class }
            | Counter::ItemOption { class, .. }
            | Counter::IndicatorPositives { class, .. }
            | Counter::IndicatorAnswered { class, .. } => class,
        }
    }

    /// The key within the class (`item=option` or the indicator id), empty for per-class counters.
    pub fn detail(&self) -> String {
        match self {
            Counter::ClassResponses { .. } | Counter::UsedCodes { .. } => String::new(),
            Counter::ItemOption { item, option, .. } => format!("{item}={option}"),
            Counter::IndicatorPositives { indicator, .. } | Counter::IndicatorAnswered { indicator, .. } => {
                indicator.clone()
            }
        }
    }
}

impl fmt::Display for Counter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let detail = self.detail();
        if detail.is_empty() {
            write!(f, "{} of class {}", self.column(), self.class())
        } else {
            write!(f, "{}[{detail}] of class {}", self.column(), self.class())
        }
    }
}

/// Values of a wave's counters; a counter that is absent stands for zero (no row is stored for it).
pub type CounterSet = BTreeMap<Counter, u64>;
