//! How one released rate is written and drawn.

use crate::domain::disclosure::{Percent, Rate};
use crate::web::views::charts::Estimate;

/// A released rate as text and numbers for tables and charts; the point of an extreme ("≤5%") is
/// drawn in the middle of its range, never at 0 or 100, and so is a whole's range ("12-14%").
pub fn estimate(rate: &Rate) -> Estimate {
    let point = match rate.percent() {
        Percent::Exactly(p) => f64::from(p),
        Percent::AtMost(p) => f64::from(p) / 2.0,
        Percent::AtLeast(p) => (f64::from(p) + 100.0) / 2.0,
        Percent::Between(low, high) => (f64::from(low) + f64::from(high)) / 2.0,
    };
    Estimate { shown: rate.percent().to_string(), point, ci: (rate.ci_low(), rate.ci_high()) }
}

/// "20% (8.9–39.1)".
pub fn with_interval(estimate: &Estimate) -> String {
    format!("{} ({:.1}–{:.1})", estimate.shown, estimate.ci.0, estimate.ci.1)
}
