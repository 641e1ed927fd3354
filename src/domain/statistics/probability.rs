//! A probability that is known to be a finite number in `[0, 1]`.

use super::error::StatisticsError;

/// A finite number in `[0, 1]`: a baseline, a p-value, a false discovery rate.
///
/// Exists so that the statistical functions can take probabilities without re-checking them and
/// without ever producing NaN from a bad input: the only ways to build one are the checked
/// [`Probability::new`] and the engine's own exact ratios of counts.
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd)]
pub struct Probability(f64);

impl Probability {
    /// Certainty that an event does not happen.
    pub const ZERO: Self = Self(0.0);
    /// Certainty that an event happens.
    pub const ONE: Self = Self(1.0);

    /// Accepts `value` when it is a finite number in `[0, 1]`.
    ///
    /// # Errors
    /// [`StatisticsError::ProbabilityOutOfRange`] for NaN, infinities and values outside `[0, 1]`.
    pub fn new(value: f64) -> Result<Self, StatisticsError> {
        if (0.0..=1.0).contains(&value) { Ok(Self(value)) } else { Err(StatisticsError::ProbabilityOutOfRange(value)) }
    }

    /// The ratio `part / whole` of two counts, or `None` when `whole` is 0 or `part > whole`.
    pub fn from_counts(part: u64, whole: u64) -> Option<Self> {
        // Counts fit in f64's 53-bit mantissa for any realistic survey; the clamp only guards
        // against rounding, never against a real value outside [0, 1].
        (whole > 0 && part <= whole).then(|| Self::clamped(part as f64 / whole as f64))
    }

    /// Brings a computed value into `[0, 1]`, mapping NaN to 1 (the conservative p-value).
    pub(super) fn clamped(value: f64) -> Self {
        if value.is_nan() { Self::ONE } else { Self(value.clamp(0.0, 1.0)) }
    }

    /// The number itself, in `[0, 1]`.
    pub fn value(self) -> f64 {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_the_closed_unit_interval() {
        assert_eq!(Probability::new(0.0).map(Probability::value), Ok(0.0));
        assert_eq!(Probability::new(1.0).map(Probability::value), Ok(1.0));
        assert_eq!(Probability::new(0.068).map(Probability::value), Ok(0.068));
    }

    #[test]
    fn refuses_values_outside_the_unit_interval_and_nan() {
        for bad in [-0.0001, 1.0001, f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
            assert!(Probability::new(bad).is_err(), "{bad} accepted");
        }
    }

    #[test]
    fn ratio_of_counts_needs_a_positive_whole_and_a_part_no_larger() {
        assert_eq!(Probability::from_counts(3, 4).map(Probability::value), Some(0.75));
        assert_eq!(Probability::from_counts(0, 0), None);
        assert_eq!(Probability::from_counts(5, 4), None);
    }
}
