//! What the attacker reads (the overviews and each school's API summary as its psychologist and the
//! centre see it) and the checks that need no solving.

use serde_json::Value;

use super::K;
use super::parse::{Row, api_cell, rows};
use super::world::{Built, fetch, psychologist};
use crate::common::TestApp;
use crate::views::normalised;

/// What the attacker read.
pub(super) struct Read {
    /// Per region: the centre's overview rows (region first).
    pub(super) regions: Vec<(&'static str, Vec<Row>)>,
    /// Per school: its API summary as its psychologist and as the centre reads it.
    pub(super) summaries: Vec<(Value, Value)>,
}

pub(super) async fn read(app: &TestApp, built: &Built) -> Read {
    let mut regions = Vec::new();
    let national = rows(&fetch(app, "national", "/national").await);
    for (region, centre) in [("KZ-71", "centre-a"), ("KZ-75", "centre-b")] {
        let overview = rows(&fetch(app, centre, "/centre/region").await);
        if let Some(whole) = overview.first() {
            let same = national.iter().any(|r| r.n == whole.n && r.cells == whole.cells);
            assert!(same, "{region}: the national page shows other figures than the centre: {whole:?} vs {national:?}");
        }
        regions.push((region, overview));
    }
    for row in national.iter().chain(regions.iter().flat_map(|(_, r)| r)) {
        assert!(row.n >= K, "a released row of fewer than k: {row:?}");
    }
    let mut summaries = Vec::new();
    for (plan, _, wave) in &built.schools {
        let path = format!("/api/v1/waves/{wave}/summary");
        let own = fetch(app, &psychologist(plan.code), &path).await;
        let centre = if plan.region == "KZ-71" { "centre-a" } else { "centre-b" };
        let seen = fetch(app, centre, &path).await;
        assert_eq!(normalised(&own), normalised(&seen), "{}: the psychologist and the centre differ", plan.code);
        summaries.push((serde_json::from_str(&own).unwrap(), serde_json::from_str(&seen).unwrap()));
    }
    Read { regions, summaries }
}

/// The released school and class groups of a summary: (school, [(label, group)]).
pub(super) fn groups(summary: &Value) -> (Option<&Value>, Vec<(&str, &Value)>) {
    let all = summary["groups"].as_array().unwrap();
    let released = |g: &&Value| g["released"] == Value::Bool(true);
    let school = all.iter().filter(released).find(|g| g.get("class").and_then(Value::as_str).is_none());
    let classes =
        all.iter().filter(released).filter_map(|g| g.get("class").and_then(Value::as_str).map(|l| (l, g))).collect();
    (school, classes)
}

/// The consistency and respondent checks that need no solving.
pub(super) fn check_views(built: &Built, read: &Read) {
    let catalog = crate::common::catalog();
    let instrument = catalog.latest("school-climate").unwrap();
    let ids: Vec<&str> = instrument.rate_indicators().map(|i| i.id()).collect();
    for ((plan, _, _), (summary, _)) in built.schools.iter().zip(&read.summaries) {
        let (whole, classes) = groups(summary);
        let overview = &read.regions.iter().find(|(r, _)| *r == plan.region).unwrap().1;
        let row = overview.iter().skip(1).find(|r| r.label.starts_with(&format!("{} ", plan.code)));
        let Some(whole) = whole else {
            assert!(row.is_none(), "{} is withheld on its page but shown in the region: {row:?}", plan.code);
            assert!(classes.is_empty(), "{}: a class of a withheld school is released", plan.code);
            continue;
        };
        let n = whole["respondents"].as_u64().unwrap();
        let row = row.unwrap_or_else(|| panic!("{} is released on its page but not in the region", plan.code));
        assert_eq!(row.n, n, "{}: respondents differ between roles", plan.code);
        for (id, cell) in ids.iter().zip(&row.cells) {
            let from_api = whole["indicators"].get(*id).map_or_else(|| "—".to_owned(), api_cell);
            assert_eq!(&from_api, cell, "{}: {id} differs between the psychologist and the region", plan.code);
        }
        let released: u64 = classes.iter().map(|(_, g)| g["respondents"].as_u64().unwrap()).sum();
        assert!(n - released == 0 || n - released >= K, "{}: a remainder of {} respondents", plan.code, n - released);
        for (label, g) in &classes {
            assert!(g["respondents"].as_u64().unwrap() >= K, "{}: class {label} released below k", plan.code);
        }
    }
    for (region, overview) in &read.regions {
        let Some(whole) = overview.first() else { continue };
        let pool = whole.n - overview.iter().skip(1).map(|r| r.n).sum::<u64>();
        assert!(pool == 0 || pool >= K, "{region}: region minus its shown schools is {pool}");
    }
}
