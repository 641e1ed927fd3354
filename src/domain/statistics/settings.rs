//! What the engine needs to know besides the counts: the indicator's rule and the region-wide
//! settings (false discovery rate, baseline rule, smallest class a rate flag may name).

use super::baseline::BaselineRule;
use super::error::StatisticsError;
use super::probability::Probability;
use super::severity::Severity;

/// How an indicator raises flags, named as in the instrument files' `method`.
///
/// Exists so that the acute-risk item ("any answer is urgent") and the prevalence indicators
/// ("stands out from the region") share one engine. The instrument reader decodes the file's
/// `method` straight into this type (serde names are [`FlagMethod::as_str`]'s), so the file and
/// the engine cannot name methods differently.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FlagMethod {
    /// `"any"`: one positive answer makes the class [`Urgent`](super::Severity::Urgent); there is
    /// no baseline and nothing else is flagged.
    Any,
    /// `"binomial"`: `Elevated` or `Watch` from the exact binomial test against a baseline,
    /// Benjamini-Hochberg and empirical Bayes.
    Binomial,
}

impl FlagMethod {
    /// The name used in instrument files.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Any => "any",
            Self::Binomial => "binomial",
        }
    }

    /// Reads a name written by [`FlagMethod::as_str`].
    ///
    /// # Errors
    /// [`StatisticsError::UnknownFlagMethod`] for any other text.
    pub fn parse(name: &str) -> Result<Self, StatisticsError> {
        [Self::Any, Self::Binomial]
            .into_iter()
            .find(|method| method.as_str() == name)
            .ok_or_else(|| StatisticsError::UnknownFlagMethod(name.to_owned()))
    }

    /// The highest level a rule of this method can give a class: [`Severity::Urgent`] for `any`,
    /// [`Severity::Elevated`] for `binomial`. An instrument file declares it as the rule's
    /// `severity`, and the reader refuses a file whose declaration says otherwise.
    pub fn highest_severity(self) -> Severity {
        match self {
            Self::Any => Severity::Urgent,
            Self::Binomial => Severity::Elevated,
        }
    }
}

/// The test a class's count goes through on one indicator: its method, with the reference
/// prevalence (the baseline) when the method tests against one.
///
/// Exists so that "binomial" always comes with a usable reference (strictly between 0 and 1,
/// refused when the instrument is loaded rather than when a region is classified) and "any" never
/// pretends to have one. The instrument's `FlagRule` holds one, built when the file is read, so
/// the engine gets exactly what the file declared. Not to be confused with the instrument's
/// `IndicatorRule`, which says how a *response's* answers make the indicator positive; this says
/// when a *class's* count of positives raises a flag.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FlagCriterion {
    reference: Option<Probability>,
}

impl FlagCriterion {
    /// The `"binomial"` rule with reference prevalence `reference` (e.g. 0.068 for bullying
    /// victimisation, HBSC Kazakhstan 2022).
    ///
    /// # Errors
    /// [`StatisticsError::DegenerateReference`] unless `0 < reference < 1`.
    pub fn binomial(reference: f64) -> Result<Self, StatisticsError> {
        if reference > 0.0 && reference < 1.0 {
            Ok(Self { reference: Some(Probability::new(reference)?) })
        } else {
            Err(StatisticsError::DegenerateReference(reference))
        }
    }

    /// The `"any"` rule: one positive answer is urgent.
    pub fn any() -> Self {
        Self { reference: None }
    }

    /// The instrument's reference prevalence, the baseline until a region has its own; `None`
    /// for [`FlagMethod::Any`].
    pub fn reference(&self) -> Option<Probability> {
        self.reference
    }

    /// How this indicator raises flags.
    pub fn method(&self) -> FlagMethod {
        match self.reference {
            Some(_) => FlagMethod::Binomial,
            None => FlagMethod::Any,
        }
    }
}

/// Settings shared by every indicator of a region and wave.
///
/// Exists so that the deployment's `k` reaches the engine explicitly: `Elevated` and `Watch` name a
/// class's rate, so they are only given to classes with at least `k` respondents.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FlagSettings {
    false_discovery_rate: Probability,
    baseline_rule: BaselineRule,
    min_rate_respondents: u32,
}

impl FlagSettings {
    /// The design's q = 0.10.
    pub const DEFAULT_FALSE_DISCOVERY_RATE: f64 = 0.10;

    /// Default settings for a deployment whose disclosure threshold is `k` respondents
    /// (values below 1 are treated as 1: a class with no respondents is never flagged).
    pub fn new(k: u32) -> Self {
        Self {
            false_discovery_rate: Probability::clamped(Self::DEFAULT_FALSE_DISCOVERY_RATE),
            baseline_rule: BaselineRule::default(),
            min_rate_respondents: k.max(1),
        }
    }

    /// The same settings with another false discovery rate `q`.
    #[must_use]
    pub fn with_false_discovery_rate(self, q: Probability) -> Self {
        Self { false_discovery_rate: q, ..self }
    }

    /// The same settings with another baseline rule.
    #[must_use]
    pub fn with_baseline_rule(self, baseline_rule: BaselineRule) -> Self {
        Self { baseline_rule, ..self }
    }

    /// q for Benjamini-Hochberg.
    pub fn false_discovery_rate(&self) -> Probability {
        self.false_discovery_rate
    }

    /// When the region's pooled rate replaces the reference.
    pub fn baseline_rule(&self) -> BaselineRule {
        self.baseline_rule
    }

    /// The fewest respondents a class needs to be tested for, and flagged as, `Elevated` or `Watch`.
    pub fn min_rate_respondents(&self) -> u32 {
        self.min_rate_respondents
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn method_names_round_trip_and_unknown_ones_are_refused() {
        for method in [FlagMethod::Any, FlagMethod::Binomial] {
            assert_eq!(FlagMethod::parse(method.as_str()), Ok(method));
        }
        assert!(FlagMethod::parse("elevation").is_err());
    }

    #[test]
    fn instrument_files_use_the_same_method_names() {
        for method in [FlagMethod::Any, FlagMethod::Binomial] {
            let quoted = format!("\"{}\"", method.as_str());
            assert_eq!(serde_json::from_str::<FlagMethod>(&quoted).ok(), Some(method));
        }
    }

    #[test]
    fn any_rules_raise_urgent_flags_and_binomial_rules_elevated_ones_at_most() {
        assert_eq!(FlagMethod::Any.highest_severity(), Severity::Urgent);
        assert_eq!(FlagMethod::Binomial.highest_severity(), Severity::Elevated);
    }

    #[test]
    fn a_reference_must_lie_strictly_inside_the_unit_interval() {
        for bad in [0.0, 1.0, -0.1, 1.5, f64::NAN] {
            assert!(FlagCriterion::binomial(bad).is_err(), "{bad}");
        }
        let rule = FlagCriterion::binomial(0.068).expect("valid rule");
        assert_eq!(rule.reference().map(Probability::value), Some(0.068));
        assert_eq!(rule.method(), FlagMethod::Binomial);
        assert_eq!((FlagCriterion::any().method(), FlagCriterion::any().reference()), (FlagMethod::Any, None));
    }

    #[test]
    fn defaults_follow_the_design() {
        let settings = FlagSettings::new(10);
        assert_eq!(settings.false_discovery_rate().value(), 0.10);
        assert_eq!(settings.baseline_rule(), BaselineRule::default());
        assert_eq!(settings.min_rate_respondents(), 10);
        assert_eq!(FlagSettings::new(0).min_rate_respondents(), 1);
    }
}
