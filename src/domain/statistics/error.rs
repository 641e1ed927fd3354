//! The one error type of the statistics engine.
//!
//! Every error here is a caller mistake caught at construction (a probability outside `[0, 1]`, more
//! positives than respondents, an unknown name). Once values are constructed, the engine itself
//! cannot fail: `classify` returns assessments, not `Result`s.

use thiserror::Error;

/// Why a statistics input was refused.
///
/// Exists so that invalid figures are rejected where they enter the engine, with a message that
/// names the offending value; none of these carry pupil data beyond the counts the caller passed.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum StatisticsError {
    /// A probability (baseline, false discovery rate) was NaN or outside `[0, 1]`.
    #[error("probability {0} is not a number in [0, 1]")]
    ProbabilityOutOfRange(f64),
    /// A reference baseline must lie strictly between 0 and 1 to be tested against.
    #[error("reference baseline {0} must lie strictly between 0 and 1")]
    DegenerateReference(f64),
    /// A class cannot have more positive answers than respondents.
    #[error("{positives} positives exceed {respondents} respondents")]
    PositivesExceedRespondents {
        /// Positive answers claimed.
        positives: u32,
        /// Respondents claimed.
        respondents: u32,
    },
    /// A pooled baseline needs at least two classes, so that leaving one out leaves data.
    #[error("the pooled baseline needs at least 2 classes, got {0}")]
    TooFewBaselineClasses(u32),
    /// A severity name that is not `urgent`, `elevated` or `watch`.
    #[error("unknown severity {0:?}")]
    UnknownSeverity(String),
    /// A flag method name that is not `any` or `binomial`.
    #[error("unknown flag method {0:?}")]
    UnknownFlagMethod(String),
}
