//! The attacker across periods and releases: a psychologist of every school, the centre of every
//! region and the national analyst pool every view they were served at every look (wave pages with
//! their trends, reference lines, answer distributions and class rolls; CSVs; API answers; region
//! pages and national pages of every published period). They first compare what they hold (the same
//! figure must read the same everywhere, a frozen page must not move), then write down every sum they
//! know and solve it:
//!
//! * per wave, school = Σ released classes + withheld remainder, remainder = Σ withheld classes (each
//!   at most its roll, and not asked a measure below its grade);
//! * per region, published period and look, region = Σ shown schools + pool, pool = Σ withheld
//!   schools counted in that period at that look (each the same unknown as on its own pages);
//! * with side knowledge granted: every pupil answered the verbal bullying item "never" or "2-3 times
//!   a month", and every pupil from grade 7 "no" or "yes" to wishing they were dead, so the school's
//!   answer distributions (on its HTML page only) bound its bullying and ideation counts;
//! * the respondent counts of the same sums, with the rolls;
//! * the engine's rule (its code is open): a whole's band is the sum of its cells' bands, so a
//!   remainder's or pool's own band is the whole's ends minus the released parts' ends;
//! * the sums compared with each other: wherever one sum's parts are among another's (a region at two
//!   looks, a pool before and after a school joined it), the difference is a sum of its own;
//! * an urgent referral of a school as a whole: one of its withheld classes gave the acute answer.
//!
//! Found are: any group pinned to nobody or everybody of those asked; a withheld cell with fewer than
//! k asked bounded at all, a withheld class or school of fewer than k pinned to one count (positives
//! or respondents); a withheld group of fewer than k asked known to hold an acute answer.
//!
//! Everything is kept as a finding (a string) so that a failing run says all it found at once.

use std::collections::{BTreeMap, BTreeSet};

use ahual::domain::figures::indicator_min_grade;
use ahual::domain::survey::catalog::Catalog;
use serde_json::Value;

use super::look::Look;
use super::parse::{self, Group, Row, WaveFigures, WavePage};
use super::plan::{Built, C, NATIONAL, REGIONS, W, When, centre, psychologist};
use crate::solver::{Kind, System};

pub const K: u64 = 10;

/// Everything the attacker found that they should not have, or that disagrees.
#[derive(Debug, Default)]
pub struct Findings(pub Vec<String>);

impl Findings {
    fn check(&mut self, ok: bool, what: impl FnOnce() -> String) {
        if !ok {
            self.0.push(what());
        }
    }
}

/// A wave the world ran, with what the attacker calls it.
struct Wave<'a> {
    school: &'a Built,
    plan: &'a W,
    id: ahual::domain::ids::WaveId,
    key: String,
}

fn waves(schools: &[Built]) -> Vec<Wave<'_>> {
    schools
        .iter()
        .flat_map(|school| {
            school.ran().map(move |(plan, id)| Wave {
                school,
                plan,
                id,
                key: format!("{}/{}", school.plan.code, plan.when.period().id()),
            })
        })
        .collect()
}

/// What the attacker read about one counted wave at one look.
#[derive(Debug, Clone)]
struct Read {
    /// The psychologist's page.
    page: WavePage,
    /// The figures every view agrees on (the API's, with exact bands).
    figures: WaveFigures,
    /// Every band every view gave, per group ("school" or a class label) and indicator.
    bands: BTreeMap<(String, String), Vec<(u64, u64)>>,
    /// The wave's last day as its API answer gives it.
    closes_on: String,
}

fn close_enough(a: &str, b: &str) -> bool {
    (a.parse::<f64>().unwrap() - b.parse::<f64>().unwrap()).abs() < 0.05
}

/// Compares the figures of `view` with the reference (the psychologist's API answer): the same
/// groups released, the same respondents, percentages and intervals, the same acute signal, and a
/// band that contains the reference's (equal when both are exact).
fn agree(findings: &mut Findings, what: &str, reference: &WaveFigures, view: &WaveFigures, exact: bool) {
    let groups = |f: &WaveFigures| {
        let mut all: Vec<(String, Group)> = f.classes.iter().map(|(l, g)| (l.clone(), g.clone())).collect();
        all.extend(f.school.iter().map(|g| ("school".to_owned(), g.clone())));
        all.into_iter().collect::<BTreeMap<_, _>>()
    };
    let (a, b) = (groups(reference), groups(view));
    let names = |m: &BTreeMap<String, Group>| m.keys().cloned().collect::<Vec<_>>();
    findings.check(names(&a) == names(&b), || format!("{what}: releases {:?}, the API {:?}", names(&b), names(&a)));
    for (name, g) in &a {
        let Some(h) = b.get(name) else { continue };
        findings.check(g.n == h.n, || format!("{what}: {name} has {} respondents, the API {}", h.n, g.n));
        findings.check(g.acute == h.acute, || format!("{what}: {name} acute {:?}, the API {:?}", h.acute, g.acute));
        let ids = |g: &Group| g.rates.keys().cloned().collect::<Vec<_>>();
        findings.check(ids(g) == ids(h), || format!("{what}: {name} shows rates {:?}, the API {:?}", ids(h), ids(g)));
        for (id, r) in &g.rates {
            let Some(s) = h.rates.get(id) else { continue };
            let same_ci = close_enough(&r.ci.0, &s.ci.0) && close_enough(&r.ci.1, &s.ci.1);
            findings
                .check(r.percent == s.percent && same_ci, || format!("{what}: {name} {id} reads {s:?}, the API {r:?}"));
            let band_ok = if exact { r.band == s.band } else { s.band.0 <= r.band.0 && r.band.1 <= s.band.1 };
            findings.check(band_ok, || format!("{what}: {name} {id} band {:?}, the API {:?}", s.band, r.band));
        }
    }
}

fn all_bands(bands: &mut BTreeMap<(String, String), Vec<(u64, u64)>>, figures: &WaveFigures) {
    let groups = figures
        .classes
        .iter()
        .map(|(l, g)| (l.clone(), g))
        .chain(figures.school.iter().map(|g| ("school".to_owned(), g)));
    for (name, g) in groups {
        for (id, rate) in &g.rates {
            bands.entry((name.clone(), id.clone())).or_default().push(rate.band);
        }
    }
}

/// Reads and cross-checks every view of `wave` at `look`; `None` while its counts are not ready
/// (its CSV and API answer are refused), which every view must then agree on.
fn read_wave(findings: &mut Findings, look: &Look, wave: &Wave<'_>, catalog: &Catalog) -> Option<Read> {
    let psy = psychologist(wave.school.plan.code);
    let centre = centre(wave.school.plan.region);
    let id = wave.id;
    let api_path = format!("/api/v1/waves/{id}/summary");
    let psy_api = look.body(&psy, &api_path);
    let centre_api = look.body(centre, &api_path);
    findings.check(psy_api.is_some() == centre_api.is_some(), || format!("{}: counted for one role only", wave.key));
    let psy_api = psy_api?;
    let closes_on = serde_json::from_str::<Value>(psy_api).unwrap()["wave"]["closes_on"].as_str().unwrap().to_owned();
    let reference = parse::wave_api(psy_api);
    let page = parse::wave_page(look.body(&psy, &format!("/school/waves/{id}")).unwrap(), catalog);
    let centre_page = parse::wave_page(look.body(centre, &format!("/centre/waves/{id}")).unwrap(), catalog);
    let mut bands = BTreeMap::new();
    all_bands(&mut bands, &reference);
    let views = [
        ("the psychologist's page", page.figures.clone(), false),
        ("the centre's page", centre_page.figures.clone(), false),
        (
            "the psychologist's CSV",
            parse::wave_csv(look.body(&psy, &format!("/school/waves/{id}/figures.csv")).unwrap()),
            true,
        ),
        (
            "the centre's CSV",
            parse::wave_csv(look.body(centre, &format!("/centre/waves/{id}/figures.csv")).unwrap()),
            true,
        ),
        ("the centre's API answer", parse::wave_api(centre_api.unwrap()), true),
    ];
    for (what, figures, exact) in &views {
        agree(findings, &format!("{} {what}", wave.key), &reference, figures, *exact);
        all_bands(&mut bands, figures);
    }
    findings.check(page.distributions == centre_page.distributions, || {
        format!("{}: the answer distributions differ between the psychologist and the centre", wave.key)
    });
    findings.check(reference.school.is_some() || page.distributions.is_empty(), || {
        format!("{}: answer distributions of a withheld school", wave.key)
    });
    // Rate charts: each released class with its respondents and shown rate, as in the table.
    for ((label, id), shown) in &page.chart_rows {
        let (class, n) = label.rsplit_once(" (n = ").unwrap();
        let group = reference.classes.get(class);
        let ok = group.is_some_and(|g| {
            g.n.to_string() == n.trim_end_matches(')') && g.rates.get(id).is_some_and(|r| shown.starts_with(&r.percent))
        });
        findings.check(ok, || format!("{}: the {id} chart shows {label}: {shown}, unlike the table", wave.key));
    }
    Some(Read { page, figures: reference, bands, closes_on })
}

/// A school's row on a region page.
fn school_row<'r>(rows: &'r [Row], code: &str) -> Option<&'r Row> {
    rows.iter().skip(1).find(|r| r.label.starts_with(&format!("{code} ")))
}

/// The figures a region or school row and a wave's school share (respondents and rates; rows carry
/// no acute signal).
fn same_row(a: &Group, b: &Group) -> bool {
    a.n == b.n
        && a.rates.len() == b.rates.len()
        && a.rates.iter().all(|(id, r)| {
            b.rates.get(id).is_some_and(|s| {
                r.percent == s.percent && close_enough(&r.ci.0, &s.ci.0) && close_enough(&r.ci.1, &s.ci.1)
            })
        })
}

fn region_name(code: &str) -> &'static str {
    match code {
        "KZ-71" => "Astana",
        "KZ-75" => "Almaty",
        other => panic!("{other}"),
    }
}

/// What the attacker holds, look by look.
struct Reading<'a> {
    waves: Vec<Wave<'a>>,
    /// Per look, per wave (by index): what was read, if counted.
    reads: Vec<Vec<Option<Read>>>,
    /// Per look, per (region, period id): the centre's rows (region first).
    regions: Vec<BTreeMap<(String, String), Vec<Row>>>,
}

fn read_all<'a>(findings: &mut Findings, schools: &'a [Built], looks: &[Look], catalog: &Catalog) -> Reading<'a> {
    let waves = waves(schools);
    let mut reading = Reading { waves, reads: Vec::new(), regions: Vec::new() };
    for look in looks {
        let reads: Vec<Option<Read>> = reading.waves.iter().map(|w| read_wave(findings, look, w, catalog)).collect();
        let mut regions = BTreeMap::new();
        for region in REGIONS {
            for query in super::look::period_queries() {
                let Some(body) = look.body(centre(region), &format!("/centre/region{query}")) else { continue };
                let rows = parse::overview(body, catalog);
                let national = parse::overview(look.body(NATIONAL, &format!("/national{query}")).unwrap(), catalog);
                let theirs = national.iter().find(|r| r.label == region_name(region));
                findings.check(rows.first().map(|r| &r.group) == theirs.map(|r| &r.group), || {
                    format!("{region} {query}: the centre reads {:?}, the national analyst {:?}", rows.first(), theirs)
                });
                for row in rows.iter().chain(&national) {
                    findings.check(row.group.n >= K, || format!("{region} {query}: a row of fewer than k: {row:?}"));
                }
                let period = query.strip_prefix("?period=").map_or_else(|| When::Last.period().id(), str::to_owned);
                if let Some(earlier) = regions.insert((region.to_owned(), period.clone()), rows.clone()) {
                    findings.check(earlier == rows, || {
                        format!("{region} {period}: the default page differs from ?period=")
                    });
                }
            }
        }
        reading.reads.push(reads);
        reading.regions.push(regions);
    }
    reading
}

/// Checks that need no solving: a counted wave reads the same at every look, a trend shows only
/// waves over the same classes and reads as they do, a region reference line reads as the region,
/// a region page shows every released school as its own pages do and nothing of a withheld one, and
/// every remainder and pool is 0 or at least k.
fn check_views(findings: &mut Findings, reading: &Reading<'_>) {
    for (at, wave) in reading.waves.iter().enumerate() {
        let seen: Vec<&Read> = reading.reads.iter().filter_map(|r| r[at].as_ref()).collect();
        for later in seen.iter().skip(1) {
            findings.check(
                later.figures == seen[0].figures && later.page.distributions == seen[0].page.distributions,
                || format!("{}: a counted wave's figures moved between looks", wave.key),
            );
        }
        for read in &seen {
            let f = &read.figures;
            if let Some(school) = &f.school {
                let released: u64 = f.classes.values().map(|g| g.n).sum();
                let rest = school.n - released;
                findings.check(rest == 0 || rest >= K, || format!("{}: a remainder of {rest}", wave.key));
            }
            for (label, g) in
                f.classes.iter().map(|(l, g)| (l.as_str(), g)).chain(f.school.iter().map(|g| ("school", g)))
            {
                findings.check(g.n >= K, || format!("{}: {label} released with {} respondents", wave.key, g.n));
            }
            for (day, points) in &read.page.trends {
                let Some((other_at, other)) = reading
                    .waves
                    .iter()
                    .enumerate()
                    .filter(|(_, o)| o.school.id == wave.school.id)
                    .find_map(|(i, _)| {
                        reading.reads.iter().find_map(|r| r[i].as_ref()).filter(|r| &r.closes_on == day).map(|r| (i, r))
                    })
                else {
                    findings
                        .check(false, || format!("{}: a trend point of {day} matches no wave of the school", wave.key));
                    continue;
                };
                let same = reading.waves[other_at].plan.labels() == wave.plan.labels();
                findings.check(same, || {
                    format!(
                        "{}: its trend sets it next to {} over other classes",
                        wave.key, reading.waves[other_at].key
                    )
                });
                for (id, (shown, ci)) in points {
                    let rate = other.figures.school.as_ref().and_then(|s| s.rates.get(id));
                    let ok = rate.is_some_and(|r| {
                        &r.percent == shown
                            && (r.ci.0.parse::<f64>().unwrap() - ci.0).abs() < 0.05
                            && (r.ci.1.parse::<f64>().unwrap() - ci.1).abs() < 0.05
                    });
                    findings.check(ok, || {
                        format!("{}: trend point {day} {id} reads {shown} {ci:?}, its wave {rate:?}", wave.key)
                    });
                }
            }
        }
    }
    for (look, regions) in reading.regions.iter().enumerate() {
        for ((region, period), rows) in regions {
            let Some(whole) = rows.first() else { continue };
            let shown: u64 = rows.iter().skip(1).map(|r| r.group.n).sum();
            let pool = whole.group.n - shown;
            findings.check(pool == 0 || pool >= K, || {
                format!("{region} {period} look {look}: region minus its schools is {pool}")
            });
            for (at, wave) in reading.waves.iter().enumerate() {
                if wave.school.plan.region != region || &wave.plan.when.period().id() != period {
                    continue;
                }
                let row = school_row(rows, wave.school.plan.code);
                match reading.reads[look][at].as_ref().map(|r| &r.figures.school) {
                    Some(Some(school)) => findings.check(row.is_some_and(|r| same_row(&r.group, school)), || {
                        format!("{} look {look}: the region page shows {row:?}, its own pages {school:?}", wave.key)
                    }),
                    _ => findings.check(row.is_none(), || {
                        format!(
                            "{} look {look}: shown in the region, withheld or not counted on its own pages",
                            wave.key
                        )
                    }),
                }
            }
            // Reference lines on the psychologists' pages of the period's waves read as the region.
            for (at, wave) in reading.waves.iter().enumerate() {
                let Some(read) = reading.reads[look][at].as_ref() else { continue };
                if wave.school.plan.region != region || &wave.plan.when.period().id() != period {
                    continue;
                }
                for (id, lines) in &read.page.references {
                    for line in lines.iter().filter_map(|l| l.strip_prefix("Whole region ")) {
                        let ok = whole.group.rates.get(id).is_some_and(|r| r.percent == line);
                        findings.check(ok, || {
                            format!(
                                "{}: its {id} reference reads {line}, the region {:?}",
                                wave.key,
                                whole.group.rates.get(id)
                            )
                        });
                    }
                }
            }
        }
    }
}

/// What the attacker knows beyond the views: that a whole's band is the sum of its cells' bands
/// (the engine's code is open), and how every pupil of these worlds answered the items behind the
/// bullying and ideation indicators (granted side knowledge).
#[derive(Debug, Clone, Copy)]
struct Knows {
    ends: bool,
    answers: bool,
}

impl Knows {
    const STRONGEST_FIRST: [Knows; 4] = [
        Knows { ends: true, answers: true },
        Knows { ends: true, answers: false },
        Knows { ends: false, answers: true },
        Knows { ends: false, answers: false },
    ];
}

/// The measures the attacker solves: every rate indicator, and the acute signal.
fn measures(catalog: &Catalog) -> Vec<String> {
    let mut all = parse::rate_indicators(catalog);
    all.push("acute".to_owned());
    all
}

fn min_grade(catalog: &Catalog, measure: &str) -> i64 {
    let instrument = catalog.latest("school-climate").unwrap();
    i64::from(indicator_min_grade(instrument, if measure == "acute" { "acute_risk" } else { measure }))
}

/// The latest read of wave `at`, if it was ever counted.
fn latest<'r>(reading: &'r Reading<'_>, at: usize) -> Option<&'r Read> {
    reading.reads.iter().rev().find_map(|r| r[at].as_ref())
}

/// The roll of a class as the wave's page gives it (the truth as a fallback: the centre sees rolls on
/// the school's page too).
fn roll(read: Option<&Read>, school: &Built, c: &C) -> u64 {
    read.and_then(|r| r.page.rolls.get(c.label).map(|(_, roll)| *roll)).unwrap_or(u64::from(c.n + school.plan.absent))
}

/// The unknown of a wave's school for `measure` (created with its classes and sums on first use).
fn wave_unknowns(
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

/// The referrals of the latest look, as the centres' API answers give them: (wave id, class label or
/// none for the school as a whole, flagged indicators). Each psychologist must see exactly their
/// school's.
fn referrals(findings: &mut Findings, schools: &[Built], look: &Look) -> Vec<(String, Option<String>, Vec<String>)> {
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
fn system_of(
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
fn respondents(findings: &mut Findings, reading: &Reading<'_>) {
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

/// Plays the attack on `looks` of a world and returns everything it found.
pub fn attack(schools: &[Built], looks: &[Look]) -> Findings {
    let catalog = crate::common::catalog();
    let mut findings = Findings::default();
    let reading = read_all(&mut findings, schools, looks, &catalog);
    check_views(&mut findings, &reading);
    respondents(&mut findings, &reading);
    let referrals = referrals(&mut findings, schools, &looks[looks.len() - 1]);
    for measure in measures(&catalog) {
        // The strongest attacker whose knowledge the figures do not contradict (noise on small
        // groups' figures may break the sums of band ends, or the side knowledge about answers).
        let mut system = System::default();
        for knows in Knows::STRONGEST_FIRST {
            system = system_of(&catalog, &reading, &referrals, &measure, knows);
            system.solve();
            if system.contradictions().is_empty() {
                break;
            }
        }
        let contradictions = system.contradictions();
        findings.check(contradictions.is_empty(), || {
            format!("{measure}: the views contradict each other: {contradictions:?}")
        });
        if measure == "acute" {
            findings.0.extend(system.forbidden_signal(K));
        } else {
            findings.0.extend(system.forbidden(K));
        }
    }
    findings
}

/// The paths of frozen views at `look` whose bodies must never change afterwards: every view of a
/// counted wave, and region and national pages of periods whose waves had all been counted.
pub fn frozen(schools: &[Built], look: &Look, complete: &BTreeSet<String>) -> BTreeSet<(String, String)> {
    let mut paths = BTreeSet::new();
    for (login, views) in &look.by_role {
        for (path, (status, _)) in views {
            let period = path.split("?period=").nth(1).map(str::to_owned);
            let overview = path.starts_with("/centre/region") || path.starts_with("/national");
            let keep = if overview {
                period.map_or_else(|| complete.contains(&When::Last.period().id()), |p| complete.contains(&p))
            } else {
                let counted = schools.iter().flat_map(|s| s.ran()).any(|(_, id)| {
                    path.contains(&id.to_string())
                        && look
                            .by_role
                            .values()
                            .any(|v| v.get(&format!("/api/v1/waves/{id}/summary")).is_some_and(|(s, _)| *s == 200))
                });
                counted && *status == 200
            };
            if keep {
                paths.insert((login.clone(), path.clone()));
            }
        }
    }
    paths
}

/// The waves of `region` that count in `period` and were read at `look`, where `read` holds: a wave
/// closed after its period was published never counts in it (`db::region_counts`).
fn waves_in_period(
    reading: &Reading<'_>,
    look: usize,
    region: &str,
    period: &str,
    read: impl Fn(&Read) -> bool,
) -> Vec<usize> {
    (0..reading.waves.len())
        .filter(|&at| {
            let w = &reading.waves[at];
            w.school.plan.region == region
                && w.plan.when.period().id() == period
                && !w.plan.late
                && reading.reads[look][at].as_ref().is_some_and(&read)
        })
        .collect()
}
