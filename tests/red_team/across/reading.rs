//! The attacker reads every view of every look and cross-checks them: each counted wave's pages, CSVs
//! and API answers against one another, and each region's page against the national one.

use std::collections::BTreeMap;

use ahual::domain::survey::catalog::Catalog;
use serde_json::Value;

use super::attack::K;
use super::look::Look;
use super::look::PUBLIC;
use super::parse::{self, Group, Row, WaveFigures, WavePage};
use super::plan::{Built, NATIONAL, REGIONS, W, When, centre, psychologist};

/// Everything the attacker found that they should not have, or that disagrees.
#[derive(Debug, Default)]
pub struct Findings(pub Vec<String>);

impl Findings {
    pub(super) fn check(&mut self, ok: bool, what: impl FnOnce() -> String) {
        if !ok {
            self.0.push(what());
        }
    }
}

/// A wave the world ran, with what the attacker calls it.
pub(super) struct Wave<'a> {
    pub(super) school: &'a Built,
    pub(super) plan: &'a W,
    pub(super) id: ahual::domain::ids::WaveId,
    pub(super) key: String,
}

pub(super) fn waves(schools: &[Built]) -> Vec<Wave<'_>> {
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
pub(super) struct Read {
    /// The psychologist's page.
    pub(super) page: WavePage,
    /// The figures every view agrees on (the API's, with exact bands).
    pub(super) figures: WaveFigures,
    /// Every band every view gave, per group ("school" or a class label) and indicator.
    pub(super) bands: BTreeMap<(String, String), Vec<(u64, u64)>>,
    /// The wave's last day as its API answer gives it.
    pub(super) closes_on: String,
}

pub(super) fn close_enough(a: &str, b: &str) -> bool {
    (a.parse::<f64>().unwrap() - b.parse::<f64>().unwrap()).abs() < 0.05
}

/// Compares the figures of `view` with the reference (the psychologist's API answer): the same
/// groups released, the same respondents, percentages and intervals, the same acute signal, and a
/// band that contains the reference's (equal when both are exact).
pub(super) fn agree(findings: &mut Findings, what: &str, reference: &WaveFigures, view: &WaveFigures, exact: bool) {
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

pub(super) fn all_bands(bands: &mut BTreeMap<(String, String), Vec<(u64, u64)>>, figures: &WaveFigures) {
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
pub(super) fn read_wave(findings: &mut Findings, look: &Look, wave: &Wave<'_>, catalog: &Catalog) -> Option<Read> {
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
pub(super) fn school_row<'r>(rows: &'r [Row], code: &str) -> Option<&'r Row> {
    rows.iter().skip(1).find(|r| r.label.starts_with(&format!("{code} ")))
}

/// The figures a region or school row and a wave's school share (respondents and rates; rows carry
/// no acute signal).
pub(super) fn same_row(a: &Group, b: &Group) -> bool {
    a.n == b.n
        && a.rates.len() == b.rates.len()
        && a.rates.iter().all(|(id, r)| {
            b.rates.get(id).is_some_and(|s| {
                r.percent == s.percent && close_enough(&r.ci.0, &s.ci.0) && close_enough(&r.ci.1, &s.ci.1)
            })
        })
}

pub(super) fn region_name(code: &str) -> &'static str {
    match code {
        "KZ-71" => "Astana",
        "KZ-75" => "Almaty",
        other => panic!("{other}"),
    }
}

/// What the attacker holds, look by look.
pub(super) struct Reading<'a> {
    pub(super) waves: Vec<Wave<'a>>,
    /// Per look, per wave (by index): what was read, if counted.
    pub(super) reads: Vec<Vec<Option<Read>>>,
    /// Per look, per (region, period id): the centre's rows (region first).
    pub(super) regions: Vec<BTreeMap<(String, String), Vec<Row>>>,
}

pub(super) fn read_all<'a>(
    findings: &mut Findings,
    schools: &'a [Built],
    looks: &[Look],
    catalog: &Catalog,
) -> Reading<'a> {
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
                let public = look.body(PUBLIC, &format!("/open/{region}{query}")).unwrap();
                let open = parse::open_region(public, catalog);
                findings.check(open.as_ref() == theirs.map(|r| &r.group), || {
                    format!("{region} {query}: the public reads {open:?}, the national analyst {theirs:?}")
                });
                let csv = look.body(PUBLIC, &format!("/open/{region}/figures.csv{query}")).unwrap();
                for text in [public, csv] {
                    findings
                        .check(!text.contains("SCH-"), || format!("{region} {query}: the open figures name a school"));
                }
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
