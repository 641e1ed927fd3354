//! Empirical-Bayes rates: a class's rate shrunk toward its region by a fitted Beta prior.
//!
//! A class of 25 with 4 positives has a raw rate of 16%, but much of that is luck. Fitting a Beta
//! prior to all classes of a region, wave and indicator says how much classes really differ; the
//! posterior mean `(x + α)/(n + α + β)` then pulls small or unremarkable classes toward the
//! region's rate and leaves large, consistent differences standing. `Elevated` asks that this
//! shrunk rate be at least twice the baseline, so that a significant but small excess is not
//! referred.
//!
//! The prior is fitted by the method of moments for the beta-binomial with unequal class sizes
//! (the ANOVA estimator of the intra-class correlation ρ = 1/(α + β + 1)), which needs no
//! iteration and costs one pass over the classes.

use super::tally::Tally;

/// A Beta(α, β) prior for class rates, held as its mean `α/(α+β)` and strength `α + β`.
///
/// Exists so that every class's estimate is shrunk by the same, data-fitted amount. Promises: the
/// mean is in `[0, 1]`, the strength is finite, at least 0 and at most the region's respondent
/// count, so no estimate is NaN and the prior never claims more information than the data it
/// was fitted on.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BetaPrior {
    mean: f64,
    strength: f64,
}

/// Sums over the classes with respondents, gathered in one pass.
#[derive(Debug, Default)]
struct Moments {
    classes: f64,
    respondents: f64,
    positives: f64,
    squared_sizes: f64,
}

impl BetaPrior {
    /// Fits the prior to every class with at least one respondent; `None` when there is none.
    ///
    /// When the classes vary no more than binomial sampling explains (estimated ρ at or below
    /// `1/(N + 1)`, with `N` the respondents of all classes), or all or none of the respondents
    /// are positive, the prior is the most concentrated one allowed: centred on the pooled rate
    /// with strength `N`, so every estimate sits close to the pooled rate.
    pub fn fit(tallies: impl IntoIterator<Item = Tally>) -> Option<Self> {
        let tallies: Vec<Tally> = tallies.into_iter().filter(|tally| tally.respondents() > 0).collect();
        let moments = Moments::of(&tallies);
        if moments.respondents == 0.0 {
            return None;
        }
        let mean = moments.positives / moments.respondents;
        let rho_floor = 1.0 / (moments.respondents + 1.0);
        let rho = intra_class_correlation(&tallies, &moments, mean).map_or(rho_floor, |rho| rho.clamp(rho_floor, 1.0));
        Some(Self { mean, strength: 1.0 / rho - 1.0 })
    }

    /// The prior mean: the pooled rate of the classes it was fitted to.
    pub fn mean(self) -> f64 {
        self.mean
    }

    /// `α + β`: how many respondents' worth of information the prior adds to each class.
    pub fn strength(self) -> f64 {
        self.strength
    }

    /// The posterior mean rate `(x + α)/(n + α + β)`; the prior mean when `n = 0`.
    pub fn posterior_mean(self, tally: Tally) -> f64 {
        let n = f64::from(tally.respondents());
        if tally.respondents() == 0 || n + self.strength == 0.0 {
            return self.mean;
        }
        let alpha = self.mean * self.strength;
        ((f64::from(tally.positives()) + alpha) / (n + self.strength)).clamp(0.0, 1.0)
    }
}

impl Moments {
    fn of(tallies: &[Tally]) -> Self {
        tallies.iter().fold(Self::default(), |sums, tally| {
            let n = f64::from(tally.respondents());
            Self {
                classes: sums.classes + 1.0,
                respondents: sums.respondents + n,
                positives: sums.positives + f64::from(tally.positives()),
                squared_sizes: sums.squared_sizes + n * n,
            }
        })
    }
}

/// The moment estimate of ρ, from `E[S] = π(1−π)·[(m−1) + ρ·(N − Σn²/N − (m−1))]` with
/// `S = Σ (x − nπ)²/n`; `None` when it is undefined (one class, all classes of one respondent, or
/// a pooled rate of exactly 0 or 1).
fn intra_class_correlation(tallies: &[Tally], moments: &Moments, mean: f64) -> Option<f64> {
    let binomial_variance = mean * (1.0 - mean);
    let degrees = moments.classes - 1.0;
    let denominator = moments.respondents - moments.squared_sizes / moments.respondents - degrees;
    if binomial_variance <= 0.0 || denominator <= 0.0 {
        return None;
    }
    let dispersion: f64 = tallies
        .iter()
        .map(|tally| {
            let n = f64::from(tally.respondents());
            let excess = f64::from(tally.positives()) - n * mean;
            excess * excess / n
        })
        .sum();
    Some((dispersion / binomial_variance - degrees) / denominator)
}

#[cfg(test)]
#[path = "empirical_bayes_tests.rs"]
mod tests;
