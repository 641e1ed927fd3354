//! Whole minus parts: the school of 47 (classes of 17, 18 and 12 with 4, 3 and 0 bullied),
//! and a school whose withheld remainder answered alike, attacked through the API and the CSV.

use serde_json::Value;

use crate::common::{Backend, TestApp};
use crate::solver::{Group, pinned, released_groups};
use crate::views;
use crate::world::{ClassPlan, build, plan};

/// The released groups of the CSV: `level,class,respondents,measure,percent,ci_low,ci_high,positives`.
fn csv_groups(csv: &str) -> (Group, Vec<Group>) {
    let mut groups: Vec<Group> = Vec::new();
    for line in csv.lines().filter(|l| !l.starts_with('#')).skip(1) {
        let cells: Vec<&str> = line.split(',').collect();
        let name = if cells[0] == "school" { "school".to_owned() } else { cells[1].to_owned() };
        if cells[3] == "acute_signal" {
            continue;
        }
        let positives = match cells[7].split_once('-') {
            Some((low, high)) => (low.parse().unwrap(), high.parse().unwrap()),
            None => (cells[7].parse().unwrap(), cells[7].parse().unwrap()),
        };
        let at = groups.iter().position(|g| g.name == name).unwrap_or_else(|| {
            groups.push(Group { name: name.clone(), respondents: cells[2].parse().unwrap(), bands: Vec::new() });
            groups.len() - 1
        });
        groups[at].bands.push((cells[3].to_owned(), positives));
    }
    let school = groups.iter().position(|g| g.name == "school").unwrap();
    let school = groups.remove(school);
    (school, groups)
}

async fn attack(backend: Backend, classes: &[ClassPlan]) {
    // Exact figures: the solver takes every shown band as the truth, which only the exact engine
    // promises (see `main.rs`).
    let app = TestApp::spawn_exact(backend).await;
    let attacked = build(&app, classes);
    for (path, body) in
        views::psychologist(&app, &attacked).await.into_iter().chain(views::centre(&app, &attacked).await)
    {
        let found = if path.ends_with("/summary") {
            let (school, classes) = released_groups(&serde_json::from_str::<Value>(&body).unwrap());
            pinned(&school, &classes)
        } else if path.ends_with(".csv") {
            let (school, classes) = csv_groups(&body);
            assert!(!classes.is_empty(), "the CSV releases classes: {body}");
            pinned(&school, &classes)
        } else {
            continue;
        };
        assert!(found.is_empty(), "{path} lets the attacker compute {found:?}");
    }
}

async fn whole_minus_parts_pins_no_class(backend: Backend) {
    attack(backend, &[plan("7A", 17, 4), plan("7B", 18, 3), plan("7C", 12, 0)]).await;
}

async fn whole_minus_parts_pins_no_withheld_remainder(backend: Backend) {
    // 7D and 7E are withheld together (4 + 7, each of a roll of 10); nobody in them was bullied.
    let small = |label, respondents| ClassPlan { roll: 10, ..plan(label, respondents, 0) };
    attack(backend, &[plan("7A", 25, 2), plan("7B", 22, 5), small("7D", 4), small("7E", 7)]).await;
}

on_both_backends!(whole_minus_parts_pins_no_class, whole_minus_parts_pins_no_withheld_remainder);
