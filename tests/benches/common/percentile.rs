//! Percentiles of measured durations, the same way in every bench: the exact nearest-rank value.

use std::time::Duration;

/// The nearest-rank percentile `p` (0-100) of `sorted` samples, in milliseconds; NaN when empty.
pub fn percentile_ms(sorted: &[Duration], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil().max(1.0) as usize;
    sorted[rank.min(sorted.len()) - 1].as_secs_f64() * 1000.0
}
