//! The planter: a psychologist who holds the class passwords answers nine times in each class of
//! ten, choosing the answers so that the one real pupil's answer moves the class's shown count
//! (four planted "bullied", five not), then reads the classes back through the API and the CSV.
//!
//! Without the noise every guess is right (shown against a server with the exact engine, on the
//! same database). With it the planter may do no better than ε = ln 3 allows: three right guesses
//! in four from even odds, whatever rule it uses.

use ahual::app::close_wave;
use ahual::domain::account::RoleScope;
use ahual::domain::audit::Actor;
use ahual::domain::disclosure::NOISE_EPSILON;
use ahual::domain::ids::WaveId;
use ahual::domain::password::hash_password;
use ahual::domain::survey::wave::AccessMode;
use serde_json::Value;

use crate::common::pupil::{fill, open};
use crate::common::world::{PASSWORD, World, class, school, user};
use crate::common::{Backend, TestApp};
use crate::solver::released_groups;

const CLASSES: usize = 120;
const PLANTER: &str = "psy-planter";
const BULLIED: &str = r#"{"victim_verbal":3,"sh_now":0,"belong":2}"#;
const FINE: &str = r#"{"victim_verbal":0,"sh_now":0,"belong":4}"#;

fn label(class: usize) -> String {
    format!("P{class:03}")
}

/// Whether the real pupil of `class` was bullied: fixed, even odds, unknown to the planter.
fn real_pupil_bullied(class: usize) -> bool {
    (class.wrapping_mul(2_654_435_761) >> 7) & 1 == 1
}

/// A school of `CLASSES` classes of ten: nine planted answers and one real pupil in each.
fn planted_world(app: &TestApp) -> WaveId {
    let mut conn = app.conn();
    World::build(&mut conn);
    let school_id = school(&mut conn, "SCH-PL", "KZ-71");
    user(&mut conn, PLANTER, RoleScope::Psychologist(school_id), &hash_password(PASSWORD).unwrap());
    let labels: Vec<String> = (0..CLASSES).map(label).collect();
    let ids = labels.iter().map(|l| class(&mut conn, school_id, l, 7, 10)).collect();
    let wave = open(&mut conn, school_id, ids, AccessMode::Password).wave_id;
    for (at, l) in labels.iter().enumerate() {
        let real = if real_pupil_bullied(at) { BULLIED } else { FINE };
        fill(&mut conn, wave, &[(l, 4, BULLIED), (l, 5, FINE), (l, 1, real)]);
    }
    close_wave::close(&mut conn, wave, None, Actor::Cli, &crate::common::flags(), chrono::Utc::now().naive_utc())
        .unwrap();
    wave
}

/// The planter's reading of each class's bullying count, from the API and from the CSV.
async fn shown_counts(app: &TestApp, wave: WaveId) -> Vec<(String, (u64, u64))> {
    app.clear_cookies();
    assert_eq!(app.login(PLANTER, PASSWORD).await.status, 303);
    let summary = app.get(&format!("/api/v1/waves/{wave}/summary")).await;
    assert_eq!(summary.status, 200, "{}", summary.body);
    let (_, classes) = released_groups(&serde_json::from_str::<Value>(&summary.body).unwrap());
    assert_eq!(classes.len(), CLASSES, "every class of ten is released");
    let csv = app.get(&format!("/school/waves/{wave}/figures.csv")).await.body;
    classes
        .iter()
        .map(|c| {
            let band = c.band("bullying_victim").expect("a bullying rate for every class");
            let in_csv = csv
                .lines()
                .find(|line| line.starts_with(&format!("class,{},", c.name)) && line.contains(",bullying_victim,"))
                .and_then(|line| line.rsplit(',').next())
                .map(str::to_owned);
            let shown = if band.0 == band.1 { band.0.to_string() } else { format!("{}-{}", band.0, band.1) };
            assert_eq!(in_csv.as_deref(), Some(shown.as_str()), "the CSV shows {} as the API does", c.name);
            (c.name.clone(), band)
        })
        .collect()
}

/// The share of classes whose real pupil the planter guesses right: bullied when the class shows
/// five or more (four were planted).
async fn planter_accuracy(app: &TestApp, wave: WaveId) -> f64 {
    let shown = shown_counts(app, wave).await;
    let right = shown
        .iter()
        .filter(|(name, (low, _))| {
            let class: usize = name[1..].parse().unwrap();
            (*low >= 5) == real_pupil_bullied(class)
        })
        .count();
    right as f64 / shown.len() as f64
}

async fn planted_answers_give_back_no_more_than_the_noise_allows(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let wave = planted_world(&app);
    let exact = TestApp::spawn_exact_on(app.database.clone()).await;
    let without_noise = planter_accuracy(&exact, wave).await;
    assert!((without_noise - 1.0).abs() < f64::EPSILON, "the attack is real: exact figures give {without_noise}");
    let with_noise = planter_accuracy(&app, wave).await;
    eprintln!("the planter guessed right: {without_noise:.3} of exact figures, {with_noise:.3} with the noise");
    let bound = NOISE_EPSILON.exp() / (1.0 + NOISE_EPSILON.exp());
    let slack = 4.0 * (bound * (1.0 - bound) / CLASSES as f64).sqrt();
    assert!(with_noise <= bound + slack, "the planter guessed {with_noise:.3} right; ε = ln 3 allows {bound:.3}");
}

on_both_backends!(planted_answers_give_back_no_more_than_the_noise_allows);
