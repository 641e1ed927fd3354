//! Participation while a wave is open: respondents in bands of `k`, and nothing else.
//!
//! DESIGN.md promise 4: no watching it fill up. A band is `[j·k, j·k + k - 1]`, shown as `"10-19"`
//! for `k = 10`; it is the only figure an open wave yields, for every group, small ones included.

use serde::Serialize;

use super::k::K;

/// A band of `k` respondent counts, such as `0-9` or `10-19`.
///
/// Promises: the width is exactly `k`, bands start at multiples of `k`, so a band says nothing
/// finer than which multiple of `k` has been passed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ParticipationBand {
    low: u32,
    high: u32,
}

impl ParticipationBand {
    /// The band holding `responses` at threshold `k`.
    pub(super) fn of(responses: u32, k: K) -> Self {
        let k = k.get();
        let low = responses / k * k;
        Self { low, high: low.saturating_add(k - 1) }
    }

    /// The smallest count in the band.
    pub fn low(self) -> u32 {
        self.low
    }

    /// The largest count in the band.
    pub fn high(self) -> u32 {
        self.high
    }
}

impl std::fmt::Display for ParticipationBand {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}-{}", self.low, self.high)
    }
}

impl Serialize for ParticipationBand {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn band(responses: u32, k: u32) -> String {
        let k = K::new(k).unwrap_or_default();
        ParticipationBand::of(responses, k).to_string()
    }

    #[test]
    fn bands_of_ten_for_the_default_k() {
        let table = [(0, "0-9"), (9, "0-9"), (10, "10-19"), (19, "10-19"), (23, "20-29")];
        for (responses, expected) in table {
            assert_eq!(band(responses, 10), expected, "{responses} responses");
        }
    }

    #[test]
    fn bands_follow_a_raised_or_lowered_k() {
        assert_eq!(band(6, 5), "5-9");
        assert_eq!(band(14, 7), "14-20");
        assert_eq!(band(29, 15), "15-29");
    }
}
