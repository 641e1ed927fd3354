//! The noise against the attacker it is for: an insider who plants all but one answer of a class
//! and reads the last pupil's answer off the released figures; and the promises the noise must keep
//! (every view shows a cell alike, a whole is still the sum of its cells).

use proptest::prelude::*;

use super::super::{
    GroupReport, GroupTally, K, Level, NOISE_EPSILON, Noise, NoiseKey, WaveState, disclose_apart, disclose_noisy,
};

fn keyed(byte: u8) -> Noise {
    Noise::keyed(&NoiseKey::from_bytes([byte; 16]))
}

fn class(s: usize, c: usize, n: u32, x: u32) -> GroupTally<String> {
    GroupTally::new(Level::Class, format!("{s}/{c}"), n)
        .with_indicator("bully", x)
        .with_cell_name(format!("w{s}/{s}/{c}"))
}

fn whole(level: Level, key: String, parts: Vec<GroupTally<String>>) -> GroupTally<String> {
    let n = parts.iter().map(GroupTally::respondents).sum();
    let x = parts.iter().filter_map(|p| p.indicators().get("bully")).sum();
    GroupTally::new(level, key, n).with_indicator("bully", x).with_parts(parts)
}

fn school(s: usize, classes: &[(u32, u32)]) -> GroupTally<String> {
    let parts = classes.iter().enumerate().map(|(c, &(n, x))| class(s, c, n, x)).collect();
    whole(Level::School, format!("{s}"), parts)
}

fn region(schools: &[Vec<(u32, u32)>]) -> GroupTally<String> {
    whole(Level::Region, "R".to_owned(), schools.iter().enumerate().map(|(s, c)| school(s, c)).collect())
}

fn schools() -> impl Strategy<Value = Vec<Vec<(u32, u32)>>> {
    let class = prop_oneof![0_u32..40, 0_u32..12].prop_flat_map(|n| (Just(n), 0..=n));
    prop::collection::vec(prop::collection::vec(class, 1..=5), 1..=8)
}

/// The shown positives band of `report`'s bullying rate, if released.
fn band(report: &GroupReport<String>) -> Option<(u32, u32)> {
    let rate = report.figures()?.get().indicator("bully").copied()?;
    Some((rate.positives().low(), rate.positives().high()))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn every_view_shows_a_noisy_cell_alike(schools in schools(), key in any::<u8>()) {
        let (k, noise) = (K::default(), keyed(key));
        let Ok(in_region) = disclose_apart(region(&schools), k, &noise) else {
            return Err(TestCaseError::fail("refused"));
        };
        for (s, classes) in schools.iter().enumerate() {
            let own_page = disclose_noisy(&school(s, classes), k, WaveState::Closed, &noise).ok();
            prop_assert_eq!(in_region.parts().get(s), own_page.as_ref());
        }
    }

    #[test]
    fn a_released_school_of_released_classes_shows_the_sum_of_their_noisy_bands(
        classes in prop::collection::vec((10_u32..40).prop_flat_map(|n| (Just(n), 0..=n)), 1..=6),
        key in any::<u8>(),
    ) {
        let report = disclose_noisy(&school(0, &classes), K::default(), WaveState::Closed, &keyed(key));
        let Ok(report) = report else { return Err(TestCaseError::fail("refused")) };
        let parts: Option<Vec<(u32, u32)>> = report.parts().iter().map(band).collect();
        if let (Some(parts), Some(whole)) = (parts, band(&report)) {
            let sum = parts.iter().fold((0, 0), |(low, high), (l, h)| (low + l, high + h));
            prop_assert_eq!(whole, sum);
        }
    }
}

/// What the planter reads in one trial: the class's shown band when the real pupil is positive or
/// not, `planted` of the nine planted answers positive.
fn planted_trial(noise: &Noise, trial: usize, planted: u32, real_positive: bool) -> Option<(u32, u32)> {
    let x = planted + u32::from(real_positive);
    let tally = GroupTally::new(Level::School, "school".to_owned(), 10)
        .with_indicator("bully", x)
        .with_parts(vec![class(trial, 0, 10, x)]);
    let report = disclose_noisy(&tally, K::default(), WaveState::Closed, noise).ok()?;
    report.parts().first().and_then(band)
}

/// The planter's best rule, learnt from `learn` trials whose answers it is told (the shown band
/// most often seen with a positive pupil is read as positive), scored on `score` fresh trials.
fn planter_accuracy(noise: &Noise, learn: usize, score: usize) -> f64 {
    use std::collections::BTreeMap;
    let planted = 4;
    let mut seen: BTreeMap<(u32, u32), (u32, u32)> = BTreeMap::new();
    for trial in 0..learn {
        let truth = trial % 2 == 0;
        if let Some(shown) = planted_trial(noise, trial, planted, truth) {
            let tally = seen.entry(shown).or_default();
            if truth { tally.0 += 1 } else { tally.1 += 1 }
        }
    }
    let mut right = 0_u32;
    for trial in learn..learn + score {
        let truth = (trial * 7919 / 13) % 2 == 0;
        let shown = planted_trial(noise, trial, planted, truth);
        let guess = shown.and_then(|s| seen.get(&s)).is_some_and(|(yes, no)| yes > no);
        right += u32::from(guess == truth);
    }
    f64::from(right) / score as f64
}

#[test]
fn without_noise_nine_planted_answers_give_the_tenth_back() {
    assert!((planter_accuracy(&Noise::none(), 200, 2_000) - 1.0).abs() < f64::EPSILON);
}

#[test]
fn with_noise_the_planter_guesses_no_better_than_the_bound_of_three_to_one() {
    // ε = ln 3: whatever the rule, P(right) ≤ e^ε / (1 + e^ε) = 3/4 from even odds.
    let bound = NOISE_EPSILON.exp() / (1.0 + NOISE_EPSILON.exp());
    let score = 20_000;
    let accuracy = planter_accuracy(&keyed(5), 20_000, score);
    let slack = 4.0 * (bound * (1.0 - bound) / score as f64).sqrt();
    assert!(accuracy <= bound + slack, "the planter guessed {accuracy:.3} right, bound {bound:.3}");
    assert!(
        accuracy > 0.55,
        "the attack should still see something ({accuracy:.3}): the test would not detect a broken bound"
    );
}
