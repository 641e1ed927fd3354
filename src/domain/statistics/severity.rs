//! How strongly a class stands out: the three flag levels and their stored names.

use std::fmt;
use std::str::FromStr;

use super::error::StatisticsError;

/// A flag level, ordered by how soon the centre must act: `Urgent > Elevated > Watch`.
///
/// Exists so that referral deadlines (24 h for urgent, 5 working days otherwise), sorting of the
/// inbox and storage as text all hang off one type. "No flag" is `Option::<Severity>::None`.
/// An instrument file's flag rule declares the highest level it raises with the same names
/// (`severity = "elevated"`), decoded into this type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Wilson lower bound above the baseline, not enough for `Elevated`: worth a look, no referral
    /// deadline of its own.
    Watch,
    /// Significant after Benjamini-Hochberg and an empirical-Bayes rate at least twice the baseline.
    Elevated,
    /// Any acute-risk answer in the class: the centre answers within 24 hours.
    Urgent,
}

impl Severity {
    /// Every level, lowest first.
    pub const ALL: [Self; 3] = [Self::Watch, Self::Elevated, Self::Urgent];

    /// The stable lower-case name stored in the database and used in URLs and messages.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Watch => "watch",
            Self::Elevated => "elevated",
            Self::Urgent => "urgent",
        }
    }

    /// Reads a name written by [`Severity::as_str`].
    ///
    /// # Errors
    /// [`StatisticsError::UnknownSeverity`] for any other text (case matters).
    pub fn parse(name: &str) -> Result<Self, StatisticsError> {
        Self::ALL
            .into_iter()
            .find(|level| level.as_str() == name)
            .ok_or_else(|| StatisticsError::UnknownSeverity(name.to_owned()))
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(self.as_str())
    }
}

impl FromStr for Severity {
    type Err = StatisticsError;

    fn from_str(name: &str) -> Result<Self, Self::Err> {
        Self::parse(name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for level in Severity::ALL {
            assert_eq!(Severity::parse(level.as_str()), Ok(level));
            assert_eq!(level.to_string().parse::<Severity>(), Ok(level));
        }
        assert_eq!(Severity::Elevated.as_str(), "elevated");
    }

    #[test]
    fn instrument_files_use_the_stored_names() {
        for level in Severity::ALL {
            let quoted = format!("\"{}\"", level.as_str());
            assert_eq!(serde_json::from_str::<Severity>(&quoted).ok(), Some(level));
        }
    }

    #[test]
    fn unknown_names_are_refused() {
        for name in ["", "Urgent", "high", "none"] {
            assert!(Severity::parse(name).is_err(), "{name} accepted");
        }
    }

    #[test]
    fn urgent_outranks_elevated_outranks_watch() {
        assert!(Severity::Urgent > Severity::Elevated);
        assert!(Severity::Elevated > Severity::Watch);
        assert_eq!([Severity::Watch, Severity::Urgent, Severity::Elevated].iter().max(), Some(&Severity::Urgent));
        assert!(Some(Severity::Watch) > None);
    }
}
