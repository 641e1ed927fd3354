//! The shape of a synthetic country, decided before anything is written: which schools in which
//! regions, their classes (grade, roll, how many answer) and the signals planted in some of them.
//! Pure and seeded, so a run can be repeated and its planted classes checked afterwards.

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

use crate::domain::organisation::Roll;
use crate::domain::region::REGIONS;

/// What to generate, after `--scale`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SynthSize {
    /// Regions used (the first ones of the built-in list).
    pub regions: usize,
    /// Schools, spread over the regions.
    pub schools: usize,
    /// Responses in all, spread over the schools' classes.
    pub responses: u64,
}

/// Most responses one school may get on average. A school holds at most 26 parallel classes of each
/// grade; past 13 of each its classes fill to the largest roll, so even a school weighted 1.6 times
/// the mean fits.
const MAX_MEAN_PER_SCHOOL: u64 = 4_000;

/// Classes of a school (13 per grade) after which new classes fill to the largest roll.
const FULL_CLASSES_AFTER: usize = 91;

impl SynthSize {
    /// Checks the numbers and applies `scale` to schools and responses (regions stay).
    pub fn new(regions: usize, schools: usize, responses: u64, scale: f64) -> Result<SynthSize, String> {
        if !(scale.is_finite() && scale > 0.0 && scale <= 10.0) {
            return Err(format!("--scale {scale}: must be above 0 and at most 10"));
        }
        if !(1..=REGIONS.len()).contains(&regions) {
            return Err(format!("--regions {regions}: must be 1 to {}", REGIONS.len()));
        }
        let schools = ((schools as f64) * scale).round() as usize;
        let responses = ((responses as f64) * scale).round() as u64;
        if schools < regions {
            return Err(format!("{schools} school(s) after scaling: at least one per region is needed"));
        }
        if responses > schools as u64 * MAX_MEAN_PER_SCHOOL {
            return Err(format!(
                "{responses} responses for {schools} schools: at most {MAX_MEAN_PER_SCHOOL} per school"
            ));
        }
        Ok(SynthSize { regions, schools, responses })
    }
}

/// How a class answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Profile {
    /// Low rates on every indicator.
    Quiet,
    /// Planted: peer bullying far above the baseline.
    Bullying,
    /// Planted: one pupil gives the acute ("right now") answer.
    Acute,
    /// Planted: fewer respondents than k, so nothing about it may be released or named.
    UnderK,
}

/// One class to create and fill.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClassPlan {
    /// Label such as `7B`.
    pub label: String,
    /// Grade 5 to 11.
    pub grade: u8,
    /// Pupils on the roll (at most 60).
    pub roll: u16,
    /// Pupils who answer (at most the roll).
    pub responses: u16,
    /// How they answer.
    pub profile: Profile,
}

/// One school to create, with its classes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SchoolPlan {
    /// School code, `SYN-00001` and on.
    pub code: String,
    /// Index into the built-in regions.
    pub region: usize,
    /// Its classes.
    pub classes: Vec<ClassPlan>,
}

const BULLYING_SHARE: f64 = 0.01;
const ACUTE_SHARE: f64 = 0.003;
const UNDER_K_SHARE: f64 = 0.02;

/// Splits `total` over `weights` exactly (largest remainders).
fn apportion(total: u64, weights: &[f64]) -> Vec<u64> {
    let sum: f64 = weights.iter().sum();
    let shares: Vec<f64> = weights.iter().map(|w| total as f64 * w / sum).collect();
    let mut parts: Vec<u64> = shares.iter().map(|s| s.floor() as u64).collect();
    let mut order: Vec<usize> = (0..weights.len()).collect();
    order.sort_by(|a, b| (shares[*b] - shares[*b].floor()).total_cmp(&(shares[*a] - shares[*a].floor())));
    let missing = total.saturating_sub(parts.iter().sum());
    for index in order.iter().cycle().take(missing as usize) {
        parts[*index] += 1;
    }
    parts
}

/// The classes of one school answering `target` responses in all.
fn classes_of(rng: &mut StdRng, target: u64, k: u16) -> Vec<ClassPlan> {
    let mut classes = Vec::new();
    let mut left = target;
    let mut parallel = [0u8; 7];
    let mut grade_index = 0usize;
    while left > 0 {
        let grade = 5 + grade_index as u8;
        let letter = char::from(b'A' + parallel[grade_index].min(25));
        parallel[grade_index] += 1;
        grade_index = (grade_index + 1) % 7;
        let small = rng.random_bool(UNDER_K_SHARE);
        let (roll, wanted) = if small {
            let answering = rng.random_range(3..k.max(4));
            (answering + rng.random_range(0..3u16), answering)
        } else {
            let roll = rng.random_range(18..=32u16);
            (roll, (f64::from(roll) * rng.random_range(0.7..=1.0)).round() as u16)
        };
        let fill = if classes.len() >= FULL_CLASSES_AFTER { Roll::MAX } else { 0 };
        let responses = u64::from(wanted.max(fill)).min(left).min(u64::from(Roll::MAX)) as u16;
        left -= u64::from(responses);
        let roll = roll.max(responses).min(Roll::MAX);
        let profile = if responses < k { Profile::UnderK } else { Profile::Quiet };
        classes.push(ClassPlan { label: format!("{grade}{letter}"), grade, roll, responses, profile });
    }
    classes
}

/// Plants bullying and acute classes among those with at least `2k` and `k` respondents, at least one
/// of each when any class qualifies.
fn plant(rng: &mut StdRng, schools: &mut [SchoolPlan], k: u16) {
    let mut planted = (false, false);
    for class in schools.iter_mut().flat_map(|s| s.classes.iter_mut()) {
        if class.profile != Profile::Quiet {
            continue;
        }
        if class.responses >= 2 * k && (!planted.0 || rng.random_bool(BULLYING_SHARE)) {
            class.profile = Profile::Bullying;
            planted.0 = true;
        } else if class.grade >= 7 && (!planted.1 || rng.random_bool(ACUTE_SHARE)) {
            class.profile = Profile::Acute;
            planted.1 = true;
        }
    }
}

/// The whole plan for `size` with disclosure threshold `k`, the same for the same `seed`.
pub fn plan(size: &SynthSize, k: u32, seed: u64) -> Vec<SchoolPlan> {
    let mut rng = StdRng::seed_from_u64(seed);
    let k = u16::try_from(k).unwrap_or(u16::MAX).clamp(5, 30);
    let weights: Vec<f64> = (0..size.schools).map(|_| rng.random_range(0.4..=1.6)).collect();
    let targets = apportion(size.responses, &weights);
    let region_weights: Vec<f64> = (0..size.regions).map(|r| 1.0 + (r % 5) as f64).collect();
    let per_region = apportion(size.schools as u64, &region_weights);
    let regions = per_region.iter().enumerate().flat_map(|(region, n)| std::iter::repeat_n(region, *n as usize));
    let mut schools: Vec<SchoolPlan> = targets
        .iter()
        .zip(regions)
        .enumerate()
        .map(|(index, (target, region))| SchoolPlan {
            code: format!("SYN-{:05}", index + 1),
            region,
            classes: classes_of(&mut rng, *target, k),
        })
        .collect();
    plant(&mut rng, &mut schools, k);
    schools
}

#[cfg(test)]
#[path = "plan_tests.rs"]
mod tests;
