//! The disclosure threshold `k`: no figure is released about fewer than `k` respondents.
//!
//! docs/privacy.md promise 2: `k` defaults to 10, a deployment may raise it, never set it below 5. The type
//! makes "below 5" unrepresentable, so no caller can weaken the promise by passing a bare number.

use serde::Deserialize;
use thiserror::Error;

/// A refused threshold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
pub enum KError {
    /// The requested threshold is below [`K::MIN`].
    #[error("k must be at least {min}, got {requested}", min = K::MIN)]
    BelowMinimum {
        /// The value that was asked for.
        requested: u32,
    },
}

/// The disclosure threshold: at least [`K::MIN`], [`K::DEFAULT`] unless a deployment raises it.
///
/// Promises: every value of this type is `>= 5`. It deserialises from a plain number through
/// [`K::new`], so a configuration file cannot lower it either.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(try_from = "u32")]
pub struct K(u32);

impl K {
    /// The smallest threshold any deployment may use.
    pub const MIN: u32 = 5;
    /// The threshold when the deployment says nothing.
    pub const DEFAULT: u32 = 10;

    /// Accepts `value` as the threshold.
    ///
    /// # Errors
    /// [`KError::BelowMinimum`] when `value < K::MIN`.
    pub fn new(value: u32) -> Result<Self, KError> {
        if value >= Self::MIN { Ok(Self(value)) } else { Err(KError::BelowMinimum { requested: value }) }
    }

    /// The threshold as a number, always `>= K::MIN`.
    pub fn get(self) -> u32 {
        self.0
    }

    /// Whether a whole of `respondents` may be named on its own, by a figure or by a signal that
    /// points at it: at least k. Code outside this module asks here instead of comparing with k (a
    /// referral of a school whose wave has fewer goes to its region, `domain::referral::drafts`).
    pub fn may_name(self, respondents: u32) -> bool {
        respondents >= self.0
    }
}

impl Default for K {
    /// `k = 10`, the product default.
    fn default() -> Self {
        Self(Self::DEFAULT)
    }
}

impl TryFrom<u32> for K {
    type Error = KError;

    fn try_from(value: u32) -> Result<Self, Self::Error> {
        Self::new(value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn k_below_five_is_refused() {
        for value in 0..5 {
            assert_eq!(K::new(value), Err(KError::BelowMinimum { requested: value }));
        }
    }

    #[test]
    fn k_of_five_and_above_is_accepted() {
        assert_eq!(K::new(5).map(K::get), Ok(5));
        assert_eq!(K::new(25).map(K::get), Ok(25));
    }

    #[test]
    fn default_k_is_ten() {
        assert_eq!(K::default().get(), 10);
    }

    #[test]
    fn a_whole_may_be_named_from_k_respondents_up() {
        let k = K::default();
        assert!(!k.may_name(0) && !k.may_name(9));
        assert!(k.may_name(10) && k.may_name(11));
        assert!(!K::new(15).is_ok_and(|k| k.may_name(14)), "a raised k raises the bar");
    }

    #[test]
    fn a_configuration_cannot_lower_k() {
        assert!(serde_json::from_str::<K>("4").is_err());
        assert_eq!(serde_json::from_str::<K>("12").map(K::get).ok(), Some(12));
    }
}
