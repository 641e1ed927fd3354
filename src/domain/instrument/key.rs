//! Which questionnaire, and which version of it: the key a wave freezes when it opens.
//!
//! The pair used to travel as a `(String, u32)` or as two arguments, and every place spelled its
//! own order, comparison and message. One type gives it one order (code, then version, so the
//! versions of a questionnaire sit together oldest first), one text form and one place to change.

use std::fmt;

/// A questionnaire (`school-climate`) at one version (`2`).
///
/// Exists so that a wave, a catalogue lookup, a region's counts and a cache all name an
/// instrument version the same way; a version without its code (or the reverse) cannot be passed
/// by mistake. Ordered by code, then version.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct InstrumentKey {
    code: String,
    version: u32,
}

impl InstrumentKey {
    /// The key of `version` of questionnaire `code`. Any code is accepted: a key read back from the
    /// database or a URL names a questionnaire that may not be loaded, which the catalogue answers.
    pub fn new(code: impl Into<String>, version: u32) -> InstrumentKey {
        InstrumentKey { code: code.into(), version }
    }

    /// The questionnaire's code, as in its file and in the `waves` table (`school-climate`).
    pub fn code(&self) -> &str {
        &self.code
    }

    /// The version, frozen for a wave; any change to an item means a new version.
    pub fn version(&self) -> u32 {
        self.version
    }
}

/// `school-climate v2`: how messages and logs name an instrument version.
impl fmt::Display for InstrumentKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} v{}", self.code, self.version)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_of_one_questionnaire_sort_together_oldest_first() {
        let mut keys = [
            InstrumentKey::new("school-climate", 2),
            InstrumentKey::new("express", 10),
            InstrumentKey::new("school-climate", 1),
            InstrumentKey::new("express", 2),
        ];
        keys.sort();
        let shown: Vec<String> = keys.iter().map(ToString::to_string).collect();
        assert_eq!(shown, ["express v2", "express v10", "school-climate v1", "school-climate v2"]);
    }
}
