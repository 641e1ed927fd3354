//! The unknowns of one wave's school and classes for one measure, with the sums and bounds the
//! attacker writes down from what the wave's views released.

use ahual::domain::figures::indicator_min_grade;
use ahual::domain::survey::catalog::Catalog;

use super::parse;
use super::plan::{Built, C};
use super::reading::{Read, Reading};
use crate::solver::{Kind, System};

/// What the attacker knows beyond the views: that a whole's band is the sum of its cells' bands
/// (the engine's code is open), and how every pupil of these worlds answered the items behind the
/// bullying and ideation indicators (granted side knowledge).
#[derive(Debug, Clone, Copy)]
pub(super) struct Knows {
    pub(super) ends: bool,
    pub(super) answers: bool,
}

impl Knows {
    pub(super) const STRONGEST_FIRST: [Knows; 4] = [
        Knows { ends: true, answers: true },
        Knows { ends: true, answers: false },
        Knows { ends: false, answers: true },
        Knows { ends: false, answers: false },
    ];
}

/// The measures the attacker solves: every rate indicator, and the acute signal.
pub(super) fn measures(catalog: &Catalog) -> Vec<String> {
    let mut all = parse::rate_indicators(catalog);
    all.push("acute".to_owned());
    all
}

pub(super) fn min_grade(catalog: &Catalog, measure: &str) -> i64 {
    let instrument = catalog.latest("school-climate").unwrap();
    i64::from(indicator_min_grade(instrument, if measure == "acute" { "acute_risk" } else { measure }))
}

/// The latest read of wave `at`, if it was ever counted.
pub(super) fn latest<'r>(reading: &'r Reading<'_>, at: usize) -> Option<&'r Read> {
    reading.reads.iter().rev().find_map(|r| r[at].as_ref())
}

/// The roll of a class as the wave's page gives it (the truth as a fallback: the centre sees rolls on
/// the school's page too).
pub(super) fn roll(read: Option<&Read>, school: &Built, c: &C) -> u64 {
    read.and_then(|r| r.page.rolls.get(c.label).map(|(_, roll)| *roll)).unwrap_or(u64::from(c.n + school.plan.absent))
}

/// The unknown of a wave's school for `measure` (created with its classes and sums on first use).
pub(super) fn wave_unknowns(
    system: &mut System,
    catalog: &Catalog,
    reading: &Reading<'_>,
    at: usize,
    measure: &str,
    knows: Knows,
) -> usize {
    let wave = &reading.waves[at];
    let read = latest(reading, at);
    let grade = min_grade(catalog, measure);
    let asked = |c: &C| if c.grade >= grade { u64::from(c.n) } else { 0 };
    let figures = read.map(|r| &r.figures);
    let released = |label: &str| figures.is_some_and(|f| f.classes.contains_key(label));
    let school_n = figures.and_then(|f| f.school.as_ref()).map(|g| g.n);
    let released_n: u64 = figures.map_or(0, |f| f.classes.values().map(|g| g.n).sum());
    let rest = school_n.map(|n| n - released_n);
    let upper = |c: &C| -> u64 {
        if c.grade < grade {
            0
        } else if released(c.label) {
            u64::from(c.n)
        } else {
            rest.map_or(roll(read, wave.school, c), |rest| rest.min(roll(read, wave.school, c)))
        }
    };
    let total_asked: u64 = wave.plan.classes.iter().map(asked).sum();
    let total_upper: u64 = wave.plan.classes.iter().map(upper).sum();
    let name = format!("{} {measure}", wave.key);
    let kind = if school_n.is_some() { Kind::Released } else { Kind::Part };
    let school = system.unknown(
        &format!("{name}: school"),
        kind,
        total_asked,
        school_n.map_or(total_upper, |n| n.min(total_upper)),
    );
    let mut parts = Vec::new();
    let mut withheld = Vec::new();
    for c in &wave.plan.classes {
        let kind = if released(c.label) { Kind::Released } else { Kind::Part };
        let u = system.unknown(&format!("{name}: {}", c.label), kind, asked(c), upper(c));
        if released(c.label) { parts.push(u) } else { withheld.push(u) }
    }
    match rest {
        Some(rest) if rest > 0 => {
            let withheld_asked = wave.plan.classes.iter().filter(|c| !released(c.label)).map(asked).sum();
            let withheld_upper =
                wave.plan.classes.iter().filter(|c| !released(c.label)).map(upper).sum::<u64>().min(rest);
            let remainder = system.unknown(&format!("{name}: remainder"), Kind::Cell, withheld_asked, withheld_upper);
            system.sum(remainder, withheld);
            parts.push(remainder);
            // The engine's rule, which the attacker knows: the school's band is the sum of its cells'
            // bands, so the remainder's own band is the school's ends minus the released classes' ends.
            if knows.ends
                && let Some(f) = figures
            {
                let school_band = f.school.as_ref().and_then(|g| g.rates.get(measure)).map(|r| r.band);
                let class_bands: Option<Vec<(u64, u64)>> = wave
                    .plan
                    .classes
                    .iter()
                    .filter(|c| released(c.label))
                    .map(|c| match f.classes[c.label].rates.get(measure) {
                        Some(r) => Some(r.band),
                        None if c.grade < grade => Some((0, 0)),
                        None => None,
                    })
                    .collect();
                if let (Some(whole), Some(cells)) = (school_band, class_bands) {
                    system.bound_ends(remainder, whole, &cells);
                }
            }
        }
        Some(_) => assert!(withheld.is_empty() || wave.plan.classes.iter().all(|c| released(c.label))),
        None => parts.extend(withheld),
    }
    system.sum(school, parts);
    // What the views show.
    for read in reading.reads.iter().filter_map(|r| r[at].as_ref()) {
        let groups = read
            .figures
            .classes
            .iter()
            .map(|(l, g)| (l.clone(), g))
            .chain(read.figures.school.iter().map(|g| ("school".to_owned(), g)));
        for (label, g) in groups {
            let u = system.unknown(&format!("{name}: {label}"), Kind::Released, 0, 0);
            if measure == "acute" {
                match g.acute.as_deref() {
                    Some("none") => system.bound(u, (0, 0)),
                    Some(_) => system.bound(u, (1, u64::MAX >> 2)),
                    None => {}
                }
                continue;
            }
            for band in read.bands.get(&(label.clone(), measure.to_owned())).into_iter().flatten() {
                system.bound(u, *band);
            }
        }
        // The answer distributions, with the side knowledge: bullied = "2-3 times a month" to the
        // verbal item, the rest "never"; ideation = "yes" to wishing to be dead.
        if let (true, Some(n)) = (knows.answers, school_n) {
            let d = &read.page.distributions;
            match measure {
                "bullying_victim" => {
                    if let Some(&band) = d.get(&("victim_verbal".to_owned(), 3)) {
                        system.bound(school, band);
                    }
                    if let Some(&(low, high)) = d.get(&("victim_verbal".to_owned(), 0)) {
                        system.bound(school, (n.saturating_sub(high), n - low));
                    }
                }
                "suicidal_ideation" => {
                    if let Some(&band) = d.get(&("sh_wish_dead".to_owned(), 1)) {
                        system.bound(school, band);
                    }
                }
                _ => {}
            }
        }
    }
    school
}
