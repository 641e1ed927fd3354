//! Rolls and participation bands: the psychologist knows every class's roll (the wave page lists
//! it), watches the wave page and the API while the wave fills (a participation band per class and
//! for the school), and reads the closed wave's API summary. From
//! `school = Σ released classes + Σ withheld classes`, each withheld class bounded by its last band,
//! its roll and the smallest class released (classes are withheld smallest first), they solve for
//! every withheld class. The test fails if a class's band is narrower than k and not its whole
//! roll, or if a withheld class whose band reaches below k (the attacker cannot tell a small class
//! from its complement) is left with fewer than k possible counts, unless that is all its bounds
//! allow from 1 up; in particular if it is pinned.
//!
//! The worlds: the two ways this broke, a complement whose roll cut its band to one value (roll 10,
//! band "10-19") and full participation, where rolls alone bound the withheld classes; a school
//! where most pupils answered, which the code before narrowed to three counts; and a school with
//! room, where one complement is still enough and the school and its largest class stay shown.

use ahual::app::close_wave;
use ahual::domain::account::RoleScope;
use ahual::domain::audit::Actor;
use ahual::domain::ids::WaveId;
use ahual::domain::password::hash_password;
use ahual::domain::survey::wave::AccessMode;
use serde_json::Value;

use crate::common::pupil::{fill, open};
use crate::common::world::{PASSWORD, World, class, school, user};
use crate::common::{Backend, TestApp};

const K: u64 = 10;
const LOGIN: &str = "psy-rolls";
const ANSWERS: &str = r#"{"victim_verbal":0,"sh_now":0,"belong":4}"#;

/// A class: label, roll, and how many answered in each stretch of the wave (looked at after each).
struct Plan {
    label: &'static str,
    roll: u64,
    answered: [u32; 3],
}

/// What the attacker knows of one class: its roll and, after each look, its band.
#[derive(Debug, Default, Clone)]
struct Known {
    label: String,
    roll: u64,
    /// The tightest bounds every look allows for the class's final count: counts only grow, so an
    /// earlier band's low still holds; the last band's high is the final one.
    band: (u64, u64),
}

/// `"10-19"` as `(10, 19)`.
fn band(text: &str) -> (u64, u64) {
    let (low, high) = text.split_once('-').unwrap_or_else(|| panic!("a band: {text}"));
    (low.parse().unwrap(), high.parse().unwrap())
}

/// The text of each cell of each body row of the first table of `page`.
fn table_rows(page: &str) -> Vec<Vec<String>> {
    let body = page.split("<tbody>").nth(1).and_then(|rest| rest.split("</tbody>").next()).unwrap_or_default();
    body.split("<tr>")
        .skip(1)
        .map(|row| {
            row.split("<td")
                .skip(1)
                .map(|cell| {
                    let text = cell.split_once('>').map_or("", |(_, rest)| rest);
                    text.split("</td>").next().unwrap_or_default().trim().to_owned()
                })
                .collect()
        })
        .collect()
}

/// One look while the wave is open: the wave page (rolls and bands) and the API (bands), which must
/// agree; the attacker keeps the tightest bounds.
async fn look(app: &TestApp, wave: WaveId, known: &mut Vec<Known>) {
    let page = app.get(&format!("/school/waves/{wave}")).await;
    assert_eq!(page.status, 200, "{}", page.body);
    let summary: Value = serde_json::from_str(&app.get(&format!("/api/v1/waves/{wave}/summary")).await.body).unwrap();
    for row in table_rows(&page.body) {
        let [label, _grade, roll, shown] = row.as_slice() else { panic!("a class row: {row:?}") };
        let api = summary["groups"].as_array().unwrap().iter().find(|g| g["class"] == label.as_str()).unwrap();
        assert_eq!(api["respondents"].as_str(), Some(shown.as_str()), "the page and the API show one band");
        let (low, high) = band(shown);
        match known.iter_mut().find(|k| &k.label == label) {
            Some(class) => class.band = (class.band.0.max(low), high),
            None => known.push(Known { label: label.clone(), roll: roll.parse().unwrap(), band: (low, high) }),
        }
    }
}

/// Builds the school, opens its wave, lets it fill while the psychologist looks, and closes it.
async fn watched_and_closed(app: &TestApp, plans: &[Plan]) -> (WaveId, Vec<Known>) {
    let wave = {
        let mut conn = app.conn();
        World::build(&mut conn);
        let id = school(&mut conn, "SCH-ROLL", "KZ-71");
        user(&mut conn, LOGIN, RoleScope::Psychologist(id), &hash_password(PASSWORD).unwrap());
        let classes = plans.iter().map(|p| class(&mut conn, id, p.label, 7, i64::try_from(p.roll).unwrap())).collect();
        open(&mut conn, id, classes, AccessMode::Password).wave_id
    };
    assert_eq!(app.login(LOGIN, PASSWORD).await.status, 303);
    let mut known = Vec::new();
    for stretch in 0..3 {
        let batch: Vec<(&str, u32, &str)> = plans.iter().map(|p| (p.label, p.answered[stretch], ANSWERS)).collect();
        fill(&mut app.conn(), wave, &batch);
        look(app, wave, &mut known).await;
    }
    let now = chrono::Utc::now().naive_utc();
    close_wave::close(&mut app.conn(), wave, None, Actor::Cli, &crate::common::flags(), now).unwrap();
    (wave, known)
}

/// Every withheld class whose band reaches below k and whose possible counts, given the closed
/// summary, are fewer than k and not all that its band, roll and the released classes allow, as
/// "label: low-high".
fn narrowed(summary: &Value, known: &[Known]) -> Vec<String> {
    let groups = summary["groups"].as_array().unwrap();
    let school = groups.iter().find(|g| g.get("class").is_none()).unwrap();
    let Some(total) = school["respondents"].as_u64() else {
        return Vec::new(); // the school is withheld: nothing but the bands, which the test checks open
    };
    let released = |label: &str| {
        groups
            .iter()
            .find(|g| g["class"] == label)
            .and_then(|g| g["respondents"].as_u64().filter(|_| g["released"] == true))
    };
    let withheld: Vec<&Known> = known.iter().filter(|k| released(&k.label).is_none()).collect();
    let remainder = total - known.iter().filter_map(|k| released(&k.label)).sum::<u64>();
    // Classes are withheld smallest first: none holds more than the smallest class released.
    let smallest_released = known.iter().filter_map(|k| released(&k.label)).min().unwrap_or(u64::MAX);
    let bounds: Vec<(u64, u64)> =
        withheld.iter().map(|k| (k.band.0, k.band.1.min(k.roll).min(smallest_released))).collect();
    let (lows, highs): (u64, u64) = (bounds.iter().map(|b| b.0).sum(), bounds.iter().map(|b| b.1).sum());
    let mut found = Vec::new();
    for (class, &(low, high)) in withheld.iter().zip(&bounds) {
        let least = low.max(remainder.saturating_sub(highs - high));
        let most = high.min(remainder - (lows - low));
        // All its bounds allow, from 1 up: the engine takes a withheld class as known to have answered.
        let everything = least <= low.max(1) && most == high;
        if low < K && most + 1 - least < K && !everything {
            found.push(format!("{}: {least}-{most} (roll {})", class.label, class.roll));
        }
    }
    found
}

/// Runs the attack on a school of `plans` and returns the names of the groups the closed summary
/// releases ("school" and class labels), so each world can say what it expects to stay useful.
async fn attack(backend: Backend, plans: &[Plan]) -> Vec<String> {
    let app = TestApp::spawn(backend).await;
    let (wave, known) = watched_and_closed(&app, plans).await;
    let mut found: Vec<String> = known
        .iter()
        .filter(|class| {
            let (low, high) = (class.band.0, class.band.1.min(class.roll));
            high + 1 - low < K && !(low == 0 && high == class.roll)
        })
        .map(|class| format!("while open, {}: {:?} (roll {})", class.label, class.band, class.roll))
        .collect();
    let summary: Value = serde_json::from_str(&app.get(&format!("/api/v1/waves/{wave}/summary")).await.body).unwrap();
    assert_eq!(summary["wave"]["status"], "closed");
    found.extend(narrowed(&summary, &known).into_iter().map(|class| format!("once closed, {class}")));
    assert!(found.is_empty(), "rolls and bands give away {found:?}; closed: {summary}");
    let groups = summary["groups"].as_array().unwrap().iter().filter(|g| g["released"] == true);
    groups.map(|g| g["class"].as_str().unwrap_or("school").to_owned()).collect()
}

/// The issue's case: 7B's roll is 10 and it showed "10-19", so it had exactly 10; the remainder
/// (7B and the small 7C) minus 10 was 7C's count. Now 7B shows "0-10", and since the classes leave
/// too little room for 7C within their rolls, only the bands of the school are shown.
async fn a_roll_that_cuts_a_band_pins_no_small_class(backend: Backend) {
    let plans = [
        Plan { label: "7A", roll: 30, answered: [12, 8, 5] },
        Plan { label: "7B", roll: 10, answered: [4, 5, 1] },
        Plan { label: "7C", roll: 6, answered: [1, 2, 1] },
    ];
    assert!(attack(backend, &plans).await.is_empty(), "nothing but bands");
}

/// Everybody answered: the remainder minus the complement's roll was the small class's count, with
/// no band needed. The school's total would say so too, so it is withheld.
async fn full_participation_pins_no_small_class(backend: Backend) {
    let plans = [
        Plan { label: "7A", roll: 25, answered: [10, 10, 5] },
        Plan { label: "7B", roll: 12, answered: [6, 4, 2] },
        Plan { label: "7C", roll: 4, answered: [2, 1, 1] },
    ];
    assert!(attack(backend, &plans).await.is_empty(), "nothing but bands");
}

/// Most pupils answered in a school of four classes, one of them small: 7B alone left 7D at 7-9 on
/// the code before; now more is withheld, and the school's total still says nothing narrow.
async fn high_participation_narrows_no_small_class(backend: Backend) {
    let plans = [
        Plan { label: "7A", roll: 28, answered: [10, 8, 4] },
        Plan { label: "7B", roll: 26, answered: [9, 9, 1] },
        Plan { label: "7C", roll: 24, answered: [8, 5, 6] },
        Plan { label: "7D", roll: 9, answered: [3, 2, 2] },
    ];
    assert!(attack(backend, &plans).await.contains(&"school".to_owned()), "the school's total is shown");
}

/// Where the classes leave room, one complement is still enough: the school and 7A are shown.
async fn a_class_with_room_is_protected_by_one_complement(backend: Backend) {
    let plans = [
        Plan { label: "7A", roll: 28, answered: [10, 10, 4] },
        Plan { label: "7B", roll: 26, answered: [8, 6, 2] },
        Plan { label: "7C", roll: 9, answered: [1, 1, 1] },
    ];
    assert_eq!(attack(backend, &plans).await, ["school", "7A"]);
}

on_both_backends!(
    a_roll_that_cuts_a_band_pins_no_small_class,
    full_participation_pins_no_small_class,
    high_participation_narrows_no_small_class,
    a_class_with_room_is_protected_by_one_complement
);
