//! The counts the engine works on: positives out of respondents, per class.

use super::error::StatisticsError;

/// `x` positive answers out of `n` respondents for one indicator, with `x ≤ n` guaranteed.
///
/// Exists so that every statistical function can rely on `x ≤ n` without checking it again.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Tally {
    positives: u32,
    respondents: u32,
}

impl Tally {
    /// Accepts `positives` out of `respondents`.
    ///
    /// # Errors
    /// [`StatisticsError::PositivesExceedRespondents`] when `positives > respondents`.
    pub fn new(positives: u32, respondents: u32) -> Result<Self, StatisticsError> {
        if positives <= respondents {
            Ok(Self { positives, respondents })
        } else {
            Err(StatisticsError::PositivesExceedRespondents { positives, respondents })
        }
    }

    /// `x`: respondents whose answers meet the indicator.
    pub fn positives(self) -> u32 {
        self.positives
    }

    /// `n`: respondents who answered the indicator's items.
    pub fn respondents(self) -> u32 {
        self.respondents
    }
}

/// One class's tally for one indicator in one wave, tagged with the caller's key.
///
/// Exists so that callers can hand the engine every class of a region and wave with whatever
/// identifies a class on their side (a typed id, an index) and get the key back on each assessment.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ClassCount<K> {
    key: K,
    tally: Tally,
}

impl<K> ClassCount<K> {
    /// Accepts `positives` out of `respondents` for the class identified by `key`.
    ///
    /// # Errors
    /// [`StatisticsError::PositivesExceedRespondents`] when `positives > respondents`.
    pub fn new(key: K, positives: u32, respondents: u32) -> Result<Self, StatisticsError> {
        Ok(Self { key, tally: Tally::new(positives, respondents)? })
    }

    /// The caller's identifier for the class.
    pub fn key(&self) -> &K {
        &self.key
    }

    /// The class's counts.
    pub fn tally(&self) -> Tally {
        self.tally
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_more_positives_than_respondents() {
        assert_eq!(
            ClassCount::new("7A", 26, 25),
            Err(StatisticsError::PositivesExceedRespondents { positives: 26, respondents: 25 })
        );
    }

    #[test]
    fn accepts_all_and_none_positive() {
        assert!(Tally::new(25, 25).is_ok());
        assert!(Tally::new(0, 0).is_ok());
        assert_eq!(ClassCount::new(7_u64, 3, 20).map(|c| *c.key()), Ok(7));
    }
}
