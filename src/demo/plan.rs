//! The shape of the demo region, decided before anything is written: Astana's schools around the demo
//! school and a smaller Almaty, their classes (grade, roll), how many pupils of each class answered in
//! each of the two closed waves and in the open one, and where signals are planted. Pure and seeded, so
//! every `serve --demo` shows the same region and its planted classes can be checked by a test.

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

use super::{DEMO_CLASSES, DEMO_REGION, DEMO_SCHOOL};

/// The second region, so the national pages compare (Almaty city).
pub const SECOND_REGION: &str = "KZ-75";

/// Schools of Astana besides the demo school.
pub const ASTANA_SCHOOLS: usize = 34;

/// Schools of Almaty.
pub const ALMATY_SCHOOLS: usize = 10;

/// The plan's seed: one demo, always the same.
const SEED: u64 = 2026_0021;

/// How a class answered in one wave.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Signal {
    /// Low rates on every indicator.
    Quiet,
    /// Planted: peer bullying far above the region.
    Bullying,
    /// Planted: one pupil gave the acute ("right now") answer.
    Acute,
}

/// One class's answers in one wave.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Answered {
    /// Pupils who answered (at most the roll).
    pub responses: u16,
    /// What their answers carry.
    pub signal: Signal,
}

/// One class to create, with its answers in the earlier and the later closed wave and, when its
/// school runs one, in the open wave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClassPlan {
    /// Label such as `7B`.
    pub label: String,
    /// Grade 5 to 11.
    pub grade: u8,
    /// Pupils on the roll.
    pub roll: u16,
    /// The two closed waves, the earlier first.
    pub closed: [Answered; 2],
    /// Pupils who have answered the open wave so far (0 when the school runs none).
    pub open: u16,
}

/// One school to create.
#[derive(Debug, Clone, PartialEq)]
pub struct SchoolPlan {
    /// Its code (`SCH-DEMO`, `AST-012`, `ALA-003`).
    pub code: String,
    /// Its region's code.
    pub region: &'static str,
    /// Its name in Kazakh, Russian and English.
    pub names: [String; 3],
    /// Its classes.
    pub classes: Vec<ClassPlan>,
    /// Whether it runs a wave in the current period (participation bands while it is open).
    pub open_wave: bool,
    /// Its usual bullying rate per item for quiet classes: schools differ, so the funnel has spread.
    pub bullying_rate: f64,
}

/// The kinds of school, as their names say them in kk, ru and en.
const KINDS: [[&str; 3]; 4] = [
    ["мектеп-лицей", "Школа-лицей", "School-Lyceum"],
    ["мектеп-гимназия", "Школа-гимназия", "School-Gymnasium"],
    ["жалпы білім беретін мектеп", "Общеобразовательная школа", "Comprehensive School"],
    ["IT-лицей", "IT-лицей", "IT Lyceum"],
];

fn names(number: u32, kind: [&str; 3]) -> [String; 3] {
    [format!("№ {number} {}", kind[0]), format!("{} № {number}", kind[1]), format!("{} No. {number}", kind[2])]
}

/// The demo school as it always was: its six classes, 7A bullied and 8A with an acute answer in the
/// later wave; 7A was already bullied in the earlier one (the trend shows it), 10A is below k in both.
/// The small fixture ([`super::ensure_demo`]) creates it too.
pub fn demo_school() -> SchoolPlan {
    // Earlier wave, later wave (the later one is `super::demo_profiles`, which the flag test checks).
    let answered: [[(u16, Signal); 2]; 6] = [
        [(17, Signal::Quiet), (16, Signal::Quiet)],
        [(21, Signal::Quiet), (23, Signal::Quiet)],
        [(22, Signal::Bullying), (23, Signal::Bullying)],
        [(24, Signal::Quiet), (25, Signal::Acute)],
        [(23, Signal::Quiet), (22, Signal::Quiet)],
        [(7, Signal::Quiet), (6, Signal::Quiet)],
    ];
    let classes = DEMO_CLASSES
        .iter()
        .zip(answered)
        .map(|((label, grade, roll), waves)| ClassPlan {
            label: (*label).to_owned(),
            grade: u8::try_from(*grade).unwrap_or(5),
            roll: u16::try_from(*roll).unwrap_or(1),
            closed: waves.map(|(responses, signal)| Answered { responses, signal }),
            open: 0,
        })
        .collect();
    SchoolPlan {
        code: DEMO_SCHOOL.to_owned(),
        region: DEMO_REGION,
        names: [
            "№ 1 мектеп-гимназия (демо)".into(),
            "Школа-гимназия № 1 (демо)".into(),
            "School-Gymnasium No. 1 (demo)".into(),
        ],
        classes,
        open_wave: false,
        bullying_rate: 0.012,
    }
}

/// A class's roll: mostly 15 to 30, now and then a small one (a class below k shows suppression).
fn roll(rng: &mut StdRng) -> u16 {
    if rng.random_bool(0.04) { rng.random_range(6..=9) } else { rng.random_range(15..=30) }
}

fn answered(rng: &mut StdRng, roll: u16) -> u16 {
    ((f64::from(roll) * rng.random_range(0.65..=0.95)).round() as u16).clamp(1, roll)
}

/// The classes of one generated school: one to two parallels of each grade from 5 to 11.
fn classes(rng: &mut StdRng, open_wave: bool) -> Vec<ClassPlan> {
    let mut classes = Vec::new();
    for grade in 5..=11u8 {
        let parallels = if rng.random_bool(0.35) { 2 } else { 1 };
        for letter in ['A', 'B'].into_iter().take(parallels) {
            let roll = roll(rng);
            let closed = [0, 1].map(|_| Answered { responses: answered(rng, roll), signal: Signal::Quiet });
            let open = if open_wave { (f64::from(roll) * rng.random_range(0.0..=0.8)).round() as u16 } else { 0 };
            classes.push(ClassPlan { label: format!("{grade}{letter}"), grade, roll, closed, open });
        }
    }
    classes
}

fn school(rng: &mut StdRng, region: &'static str, prefix: &str, index: usize) -> SchoolPlan {
    let number = u32::try_from(index * 3 + 2 + rng.random_range(0..3usize)).unwrap_or(1);
    let kind = KINDS[rng.random_range(0..KINDS.len())];
    let open_wave = rng.random_bool(0.4);
    SchoolPlan {
        code: format!("{prefix}-{number:03}"),
        region,
        names: names(number, kind),
        classes: classes(rng, open_wave),
        open_wave,
        bullying_rate: rng.random_range(0.006..=0.02),
    }
}

/// Plants `signal` in the `wave` (0 or 1) of every `step`-th generated class of `region` with at least
/// `least` respondents, starting at `offset`, `count` times in all.
fn plant(schools: &mut [SchoolPlan], region: &str, wave: usize, signal: Signal, spacing: (usize, usize), count: usize) {
    let (offset, step) = spacing;
    let candidates = schools
        .iter_mut()
        .filter(|s| s.region == region && s.code != DEMO_SCHOOL)
        .flat_map(|s| s.classes.iter_mut())
        .filter(|c| c.closed[wave].responses >= 15 && c.grade >= 7 && c.closed[wave].signal == Signal::Quiet);
    for class in candidates.skip(offset).step_by(step).take(count) {
        class.closed[wave].signal = signal;
    }
}

/// The whole demo: the demo school first, then Astana's other schools, then Almaty's. The same on
/// every call.
pub fn plan() -> Vec<SchoolPlan> {
    let mut rng = StdRng::seed_from_u64(SEED);
    let mut schools = vec![demo_school()];
    schools.extend((0..ASTANA_SCHOOLS).map(|i| school(&mut rng, DEMO_REGION, "AST", i)));
    schools.extend((0..ALMATY_SCHOOLS).map(|i| school(&mut rng, SECOND_REGION, "ALA", i)));
    // Astana: bullying in a handful of classes in each wave (some the same classes: a trend that
    // stays), acute answers in two classes of the later wave and one of the earlier.
    plant(&mut schools, DEMO_REGION, 0, Signal::Bullying, (3, 40), 4);
    plant(&mut schools, DEMO_REGION, 1, Signal::Bullying, (3, 25), 6);
    plant(&mut schools, DEMO_REGION, 0, Signal::Acute, (20, 1), 1);
    plant(&mut schools, DEMO_REGION, 1, Signal::Acute, (50, 90), 2);
    plant(&mut schools, SECOND_REGION, 1, Signal::Bullying, (5, 30), 2);
    plant(&mut schools, SECOND_REGION, 1, Signal::Acute, (12, 1), 1);
    schools
}

#[cfg(test)]
#[path = "plan_tests.rs"]
mod tests;
