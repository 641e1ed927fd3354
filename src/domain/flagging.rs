//! Which classes stand out: for every indicator with a flag rule in the instrument, the classes of a
//! region's waves go through `statistics::classify` together (one Benjamini-Hochberg family per region,
//! wave set and indicator). Pure; the caller stores the result as referrals (issue 5).

use super::disclosure::K;
use super::figures::{SchoolCounts, indicator_min_grade};
use super::instrument::Instrument;
use super::statistics::{ClassCount, FlagSettings, Severity, classify};

/// One class found to stand out on one indicator.
#[derive(Debug, Clone, PartialEq)]
pub struct ClassFlag {
    /// The class key (its id).
    pub class: String,
    /// The indicator id.
    pub indicator: String,
    /// How much it stands out.
    pub severity: Severity,
}

/// Flags for every class of `schools` (the region's latest closed waves of one questionnaire version).
pub fn flag_classes(schools: &[SchoolCounts], instrument: &Instrument, k: K) -> Vec<ClassFlag> {
    let settings = FlagSettings::new(k.get());
    let mut flags = Vec::new();
    for flag_rule in instrument.flag_rules() {
        let rule = flag_rule.criterion();
        let indicator = flag_rule.indicator();
        let min_grade = indicator_min_grade(instrument, indicator);
        // Keyed by borrowed ids: a region has tens of thousands of classes per rule, and only the few
        // flagged ones need an owned key.
        let counts: Vec<ClassCount<&str>> = schools
            .iter()
            .flat_map(|s| s.classes.iter())
            .filter(|c| c.grade >= min_grade && c.respondents > 0)
            .filter_map(|c| {
                ClassCount::new(c.key.as_str(), c.indicators.get(indicator).copied().unwrap_or(0), c.respondents).ok()
            })
            .collect();
        for assessment in classify(&counts, &rule, &settings) {
            if let Some(severity) = assessment.severity() {
                flags.push(ClassFlag {
                    class: (*assessment.key()).to_owned(),
                    indicator: indicator.to_owned(),
                    severity,
                });
            }
        }
    }
    flags
}
