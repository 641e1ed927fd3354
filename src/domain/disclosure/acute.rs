//! The acute-risk signal of a released group: "≥1" or "none", never a count.
//!
//! DESIGN.md promise 5: the acute-risk signal is shown as "≥1", never as an exact count. Its absence
//! is stated as "none" rather than left out. Any signal whose presence is shown also tells, by its
//! absence, that nobody answered yes; saying so openly hides nothing that silence would not tell,
//! and lets a reader tell "nobody" apart from "not asked" (the field is left out for the latter).

use serde::Serialize;

/// Whether anyone in a released group gave the acute-risk answer.
///
/// Promises: carries one bit, never the count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum AcuteSignal {
    /// One or more respondents gave the acute-risk answer; serialised as `"≥1"`.
    #[serde(rename = "≥1")]
    AtLeastOne,
    /// No respondent gave it; serialised as `"none"`.
    #[serde(rename = "none")]
    NoneReported,
}

impl AcuteSignal {
    /// The signal for `count` acute answers.
    pub(super) fn from_count(count: u32) -> Self {
        if count == 0 { Self::NoneReported } else { Self::AtLeastOne }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn any_count_is_only_at_least_one() {
        assert_eq!(AcuteSignal::from_count(1), AcuteSignal::AtLeastOne);
        assert_eq!(AcuteSignal::from_count(7), AcuteSignal::AtLeastOne);
        assert_eq!(AcuteSignal::from_count(0), AcuteSignal::NoneReported);
    }

    #[test]
    fn serialises_without_a_count() {
        let json = serde_json::to_string(&[AcuteSignal::AtLeastOne, AcuteSignal::NoneReported]);
        assert_eq!(json.ok().as_deref(), Some(r#"["≥1","none"]"#));
    }
}
