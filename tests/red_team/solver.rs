//! The subtraction attacker's solver: from a school's released bands and the sum
//! school = Σ released classes + withheld remainder, the exact range each class and the remainder
//! can have. One level of sums with interval bands is solved exactly by these bounds.

use serde_json::Value;

/// A released group: respondents and, per indicator, the band of positives.
#[derive(Debug, Clone)]
pub struct Group {
    pub name: String,
    pub respondents: u64,
    pub bands: Vec<(String, (u64, u64))>,
}

impl Group {
    pub fn band(&self, indicator: &str) -> Option<(u64, u64)> {
        self.bands.iter().find(|(name, _)| name == indicator).map(|(_, band)| *band)
    }
}

/// `5` or `"2-3"` as a band.
fn band(positives: &Value) -> (u64, u64) {
    if let Some(exact) = positives.as_u64() {
        return (exact, exact);
    }
    let text = positives.as_str().unwrap();
    let (low, high) = text.split_once('-').unwrap();
    (low.parse().unwrap(), high.parse().unwrap())
}

fn group(json: &Value, name: String) -> Group {
    let bands = json["indicators"]
        .as_object()
        .map(|map| map.iter().map(|(indicator, rate)| (indicator.clone(), band(&rate["positives"]))).collect())
        .unwrap_or_default();
    Group { name, respondents: json["respondents"].as_u64().unwrap(), bands }
}

/// The released school and classes of an API summary.
pub fn released_groups(summary: &Value) -> (Group, Vec<Group>) {
    let groups = summary["groups"].as_array().unwrap();
    let released = groups.iter().filter(|g| g["released"] == Value::Bool(true));
    let mut school = None;
    let mut classes = Vec::new();
    for g in released {
        match g.get("class").and_then(Value::as_str) {
            Some(label) => classes.push(group(g, label.to_owned())),
            None => school = Some(group(g, "school".to_owned())),
        }
    }
    (school.expect("the attacked school is released"), classes)
}

/// Every class or remainder the sums leave with a single possible count of 0 or of all its
/// respondents, as "indicator: group = value".
pub fn pinned(school: &Group, classes: &[Group]) -> Vec<String> {
    let remainder = school.respondents - classes.iter().map(|c| c.respondents).sum::<u64>();
    let mut found = Vec::new();
    for (indicator, whole) in &school.bands {
        let parts: Vec<(&str, u64, (u64, u64))> = classes
            .iter()
            .map(|c| (c.name.as_str(), c.respondents, c.band(indicator).unwrap_or((0, c.respondents))))
            .collect();
        let low_sum: u64 = parts.iter().map(|p| p.2.0).sum();
        let high_sum: u64 = parts.iter().map(|p| p.2.1).sum();
        for &(name, n, (low, high)) in &parts {
            let others = (low_sum - low, high_sum - high);
            let lowest = low.max(whole.0.saturating_sub(others.1 + remainder));
            let highest = high.min(whole.1.saturating_sub(others.0));
            if lowest == highest && (highest == 0 || highest == n) {
                found.push(format!("{indicator}: {name} = {highest} of {n}"));
            }
        }
        if remainder > 0 {
            let lowest = whole.0.saturating_sub(high_sum);
            let highest = remainder.min(whole.1.saturating_sub(low_sum));
            if lowest == highest && (highest == 0 || highest == remainder) {
                found.push(format!("{indicator}: remainder = {highest} of {remainder}"));
            }
        }
    }
    found
}

#[test]
fn the_solver_finds_the_issue_s_example_in_exact_figures() {
    let school = Group { name: "school".into(), respondents: 47, bands: vec![("b".into(), (7, 7))] };
    let classes = [
        Group { name: "A".into(), respondents: 17, bands: vec![("b".into(), (4, 4))] },
        Group { name: "B".into(), respondents: 18, bands: vec![("b".into(), (3, 3))] },
        Group { name: "C".into(), respondents: 12, bands: vec![("b".into(), (0, 1))] },
    ];
    assert_eq!(pinned(&school, &classes), ["b: C = 0 of 12"]);
}
