//! The whole system the attacker solves: every look's region and pool sums over the waves'
//! unknowns, the referrals, and the respondent counts.

use ahual::domain::survey::catalog::Catalog;
use serde_json::Value;

use super::attack::{K, waves_in_period};
use super::look::Look;
use super::parse;
use super::plan::{Built, REGIONS, centre, psychologist};
use super::reading::{Findings, Reading, school_row};
use super::unknowns::{Knows, latest, min_grade, roll, wave_unknowns};
use crate::solver::{Kind, System};

/// The referrals of the latest look, as the centres' API answers give them: (wave id, class label or
/// none for the school as a whole, flagged indicators). Each psychologist must see exactly their
/// school's.
pub(super) fn referrals(
    findings: &mut Findings,
    schools: &[Built],
    look: &Look,
) -> Vec<(String, Option<String>, Vec<String>)> {
    let parse = |body: &str| -> Vec<(String, Option<String>, Vec<String>, String)> {
        let json: Value = serde_json::from_str(body).unwrap();
        json["referrals"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                let flags = r["flags"].as_array().unwrap().iter().map(|f| f["indicator"].as_str().unwrap().to_owned());
                (
                    r["wave_id"].as_str().unwrap_or_default().to_owned(),
                    r["class"].as_str().map(str::to_owned),
                    flags.collect(),
                    r["school"].as_str().unwrap_or_default().to_owned(),
                )
            })
            .collect()
    };
    let mut all = Vec::new();
    for region in REGIONS {
        let Some(body) = look.body(centre(region), "/api/v1/referrals") else { continue };
        let seen = parse(body);
        for school in schools.iter().filter(|s| s.plan.region == region) {
            let Some(own) = look.body(&psychologist(school.plan.code), "/api/v1/referrals") else { continue };
            let mut own = parse(own);
            let mut theirs: Vec<_> = seen.iter().filter(|r| r.3 == school.plan.code).cloned().collect();
            own.sort();
            theirs.sort();
            findings.check(own == theirs, || {
                format!("{}: the psychologist and the centre see other referrals", school.plan.code)
            });
        }
        all.extend(seen.into_iter().map(|(wave, class, flags, _)| (wave, class, flags)));
    }
    all
}

/// The whole system of one measure over every look.
pub(super) fn system_of(
    catalog: &Catalog,
    reading: &Reading<'_>,
    referrals: &[(String, Option<String>, Vec<String>)],
    measure: &str,
    knows: Knows,
) -> System {
    let mut system = System::default();
    let school_of: Vec<usize> =
        (0..reading.waves.len()).map(|at| wave_unknowns(&mut system, catalog, reading, at, measure, knows)).collect();
    let grade = min_grade(catalog, measure);
    for (look, regions) in reading.regions.iter().enumerate() {
        for ((region, period), rows) in regions {
            let Some(whole) = rows.first() else { continue };
            let in_period = waves_in_period(reading, look, region, period, |_| true);
            let asked_of = |at: usize| -> u64 {
                reading.waves[at].plan.classes.iter().filter(|c| c.grade >= grade).map(|c| u64::from(c.n)).sum()
            };
            let shown: Vec<usize> = in_period
                .iter()
                .copied()
                .filter(|&at| school_row(rows, reading.waves[at].school.plan.code).is_some())
                .collect();
            let pooled: Vec<usize> = in_period.iter().copied().filter(|at| !shown.contains(at)).collect();
            let pool_n = whole.group.n
                - shown
                    .iter()
                    .map(|&at| school_row(rows, reading.waves[at].school.plan.code).unwrap().group.n)
                    .sum::<u64>();
            let mut parts: Vec<usize> = shown.iter().map(|&at| school_of[at]).collect();
            let mut asked: u64 = shown.iter().map(|&at| asked_of(at)).sum();
            if pool_n > 0 {
                let pool_asked = pooled.iter().map(|&at| asked_of(at)).sum();
                let upper = pooled.iter().map(|&at| system.unknowns[school_of[at]].high).sum::<i64>();
                let upper = u64::try_from(upper).unwrap().min(pool_n);
                let pool = system.unknown(
                    &format!("{region} {period} look {look} {measure}: pool"),
                    Kind::Cell,
                    pool_asked,
                    upper,
                );
                system.sum(pool, pooled.iter().map(|&at| school_of[at]).collect());
                parts.push(pool);
                asked += pool_asked;
                // The region's band is the sum of its cells' bands: the pool's own band is the
                // region's ends (as recovered from its interval) minus the shown schools' ends.
                let school_bands: Option<Vec<(u64, u64)>> = shown
                    .iter()
                    .map(|&at| {
                        let school = latest(reading, at)?.figures.school.as_ref()?;
                        match school.rates.get(measure) {
                            Some(r) => Some(r.band),
                            None if asked_of(at) == 0 => Some((0, 0)),
                            None => None,
                        }
                    })
                    .collect();
                if let (true, Some(rate), Some(cells)) = (knows.ends, whole.group.rates.get(measure), school_bands) {
                    system.bound_ends(pool, rate.band, &cells);
                }
            }
            let upper = if asked == 0 { 0 } else { whole.group.n };
            let name = format!("{region} {period} look {look} {measure}: region");
            let region_u = system.unknown(&name, Kind::Released, asked, upper);
            // The same sum over the schools themselves, for comparing looks (`compare_sums`).
            let mut schools: Vec<usize> = shown.iter().map(|&at| school_of[at]).collect();
            if pool_n > 0 {
                schools.extend(pooled.iter().map(|&at| school_of[at]));
            }
            system.sum(region_u, schools);
            if let Some(rate) = whole.group.rates.get(measure) {
                system.bound(region_u, rate.band);
            }
            for &at in &in_period {
                let Some(read) = reading.reads[look][at].as_ref() else { continue };
                for line in read.page.references.get(measure).into_iter().flatten() {
                    if let Some(shown) = line.strip_prefix("Whole region ") {
                        system.bound(region_u, parse::counts_of_shown(shown, whole.group.n));
                    }
                }
            }
            system.sum(region_u, parts);
        }
    }
    // An urgent referral names a released class, or else the school as a whole: then one of the
    // classes its pages withhold gave the acute answer.
    if measure == "acute" {
        for (wave, class, _) in referrals.iter().filter(|r| r.2.iter().any(|f| f == "acute_risk")) {
            let Some(at) = reading.waves.iter().position(|w| &w.id.to_string() == wave) else { continue };
            let name = format!("{} acute: ", reading.waves[at].key);
            let group = match class {
                Some(label) => label.clone(),
                None if system.has(&format!("{name}remainder")) => "remainder".to_owned(),
                None => "school".to_owned(),
            };
            let u = system.unknown(&format!("{name}{group}"), Kind::Released, 0, 0);
            system.bound(u, (1, u64::MAX >> 2));
        }
    }
    system.compare_sums();
    system
}

/// The respondent counts the attacker can work out: released ones are known, a withheld class is at
/// most its roll, a withheld school at most its classes' rolls; sums as for positives. Found: a
/// withheld class or school of fewer than k whose count is pinned.
pub(super) fn respondents(findings: &mut Findings, reading: &Reading<'_>) {
    let mut system = System::default();
    let mut school_of = Vec::new();
    for (at, wave) in reading.waves.iter().enumerate() {
        let read = latest(reading, at);
        let figures = read.map(|r| &r.figures);
        let rolls: u64 = wave.plan.classes.iter().map(|c| roll(read, wave.school, c)).sum();
        let truth: u64 = wave.plan.classes.iter().map(|c| u64::from(c.n)).sum();
        let school_n = figures.and_then(|f| f.school.as_ref()).map(|g| g.n);
        let kind = if school_n.is_some() { Kind::Released } else { Kind::Part };
        let school = system.unknown(&format!("{}: school", wave.key), kind, truth, rolls);
        if let Some(n) = school_n {
            system.bound(school, (n, n));
        }
        let mut parts = Vec::new();
        for c in &wave.plan.classes {
            let shown = figures.and_then(|f| f.classes.get(c.label)).map(|g| g.n);
            let kind = if shown.is_some() { Kind::Released } else { Kind::Part };
            let u =
                system.unknown(&format!("{}: {}", wave.key, c.label), kind, u64::from(c.n), roll(read, wave.school, c));
            if let Some(n) = shown {
                system.bound(u, (n, n));
            }
            parts.push(u);
        }
        system.sum(school, parts);
        school_of.push(school);
    }
    for (look, regions) in reading.regions.iter().enumerate() {
        for ((region, period), rows) in regions {
            let Some(whole) = rows.first() else { continue };
            let pooled = waves_in_period(reading, look, region, period, |r| r.figures.school.is_none());
            let pool_n = whole.group.n - rows.iter().skip(1).map(|r| r.group.n).sum::<u64>();
            let truth: u64 =
                pooled.iter().flat_map(|&at| &reading.waves[at].plan.classes).map(|c| u64::from(c.n)).sum();
            findings.check(pool_n == 0 || pool_n == truth, || {
                format!("{region} {period} look {look}: a pool of {pool_n}, its withheld schools hold {truth}")
            });
            let shown = waves_in_period(reading, look, region, period, |r| r.figures.school.is_some());
            let region_u = system.unknown(
                &format!("{region} {period} look {look}: region"),
                Kind::Released,
                whole.group.n,
                whole.group.n,
            );
            system.bound(region_u, (whole.group.n, whole.group.n));
            let mut members: Vec<usize> = shown.iter().map(|&at| school_of[at]).collect();
            if pool_n > 0 {
                let pool = system.unknown(&format!("{region} {period} look {look}: pool"), Kind::Cell, pool_n, pool_n);
                system.bound(pool, (pool_n, pool_n));
                system.sum(pool, pooled.iter().map(|&at| school_of[at]).collect());
                members.extend(pooled.iter().map(|&at| school_of[at]));
            }
            system.sum(region_u, members);
        }
    }
    system.compare_sums();
    system.solve();
    findings.0.extend(system.contradictions().into_iter().map(|c| format!("respondents contradict: {c}")));
    for u in &system.unknowns {
        if u.kind == Kind::Part && (1..K).contains(&u.asked) && u.low == u.high {
            findings.0.push(format!("respondents: {} = {} (< k)", u.name, u.low));
        }
    }
}
