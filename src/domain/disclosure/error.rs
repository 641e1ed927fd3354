//! Why the engine refuses a view.
//!
//! Messages name the rule and never a count: an error may reach a log or a page, and a count in it
//! would be a figure released without suppression.

use thiserror::Error;

use super::level::Level;

/// A view the engine will not produce. `Key` is the caller's identifier of the offending group.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum DisclosureError<Key> {
    /// A filter or breakdown leaves between 1 and `k - 1` respondents outside its parts; showing it
    /// beside its whole would release a figure about them by subtraction (docs/privacy.md promise 3).
    #[error("refused: a breakdown of this {level:?} would leave fewer than k respondents outside it")]
    RemainderBelowK {
        /// Level of the whole whose breakdown is refused.
        level: Level,
        /// The whole whose breakdown is refused.
        key: Key,
    },
    /// The parts of a group hold more respondents than the group: the input is inconsistent.
    #[error("the parts of this {level:?} hold more respondents than it does")]
    PartsExceedWhole {
        /// Level of the inconsistent group.
        level: Level,
        /// The inconsistent group.
        key: Key,
    },
    /// A part is not at a finer level than its whole (this includes any breakdown of a class,
    /// which docs/privacy.md promise 5 forbids).
    #[error("a {part:?} cannot be shown as a part of this {level:?}")]
    LevelOrder {
        /// Level of the whole.
        level: Level,
        /// The whole.
        key: Key,
        /// Level of the misplaced part.
        part: Level,
    },
    /// A whole's indicator count is not its parts' counts plus at most its left-out respondents: the
    /// input is inconsistent (or a measure was given for the whole only, which the positives audit
    /// cannot check: give it to the parts too and drop it from their figures after disclosure).
    #[error("the indicator counts of this {level:?} do not add up over its parts")]
    PositivesDisagree {
        /// Level of the inconsistent group.
        level: Level,
        /// The inconsistent group.
        key: Key,
    },
    /// A group holds more respondents than its roll, or its parts' rolls add up to more than its
    /// own: the input is inconsistent (a class's count is kept within its roll when answers are
    /// stored).
    #[error("this {level:?} holds more than its roll")]
    RollExceeded {
        /// Level of the inconsistent group.
        level: Level,
        /// The inconsistent group.
        key: Key,
    },
    /// An indicator or acute count exceeds the group's respondents: the input is inconsistent.
    #[error("a count of this {level:?} exceeds its respondents")]
    CountExceedsRespondents {
        /// Level of the inconsistent group.
        level: Level,
        /// The inconsistent group.
        key: Key,
    },
}
