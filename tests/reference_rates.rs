//! Issue 20: a single school on SQLite never reaches the regional pooling threshold, so the
//! questionnaire's reference rates decide its flags. A school whose classes all sit at (or, rounded
//! up, just above) every reference rate raises no elevated flag, and no referral at all. Each class's
//! answers are checked against the instrument's own scoring before they are stored, so the test
//! fails if an indicator stops counting the way it is set up here.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use ahual::db::responses::submit_many;
use ahual::db::waves;
use ahual::domain::account::RoleScope;
use ahual::domain::lang::Lang;
use ahual::domain::password::hash_password;
use ahual::domain::survey::wave::{AccessMode, local_date};
use chrono::Utc;
use common::world::{PASSWORD, class, school, user};
use common::{Backend, TestApp};
use serde_json::Value;

/// For each indicator of `school-climate` v1 with a binomial rule, the answers that make a pupil
/// positive for it (and, for cyberbullying, for bullying too: it is one of bullying's items).
const POSITIVE: [(&str, &[(&str, u8)]); 6] = [
    ("bullying_victim", &[("victim_physical", 2)]),
    ("cyberbullying_victim", &[("victim_cyber", 2)]),
    ("staff_aggression", &[("staff_humiliated", 1)]),
    ("feels_unsafe", &[("safe_school", 2)]),
    ("low_mood", &[("mood_interest", 2), ("mood_down", 1)]),
    ("suicidal_ideation", &[("sh_wish_dead", 1)]),
];

/// A pupil negative on every ruled indicator, and with no acute answer.
const NEGATIVE: [(&str, u8); 14] = [
    ("victim_physical", 0),
    ("victim_verbal", 0),
    ("victim_relational", 0),
    ("victim_cyber", 0),
    ("staff_humiliated", 0),
    ("staff_physical", 0),
    ("safe_school", 4),
    ("mood_interest", 0),
    ("mood_down", 0),
    ("sh_wish_dead", 0),
    ("sh_better_off", 0),
    ("sh_thoughts", 0),
    ("sh_harm", 0),
    ("sh_now", 0),
];

/// The answers of a class of `n` where `positives[i]` pupils are positive for `POSITIVE[i]`: pupil
/// `j` is positive for every indicator with more than `j` positives, so the cyberbullied (fewer) are
/// among the bullied and add none there.
fn answers_at(positives: &[u32], n: u32) -> Vec<String> {
    (0..n)
        .map(|j| {
            let mut answers: std::collections::BTreeMap<&str, u8> = NEGATIVE.into_iter().collect();
            for ((_, items), &x) in POSITIVE.iter().zip(positives) {
                if j < x {
                    answers.extend(items.iter().copied());
                }
            }
            serde_json::to_string(&answers).unwrap()
        })
        .collect()
}

#[actix_rt::test]
async fn a_single_school_whose_classes_sit_at_the_references_raises_no_elevated_flag() {
    use ahual::domain::instrument::{Grade, IndicatorOutcome, evaluate_indicators, parse_answers};
    use ahual::domain::statistics::FlagMethod;
    let app = TestApp::spawn(Backend::Sqlite).await;
    let catalog = common::catalog();
    let instrument = catalog.latest("school-climate").unwrap();
    let references: Vec<f64> = POSITIVE
        .iter()
        .map(|(indicator, _)| match instrument.flag_rule(indicator).map(|rule| rule.baseline()) {
            Some(Some(baseline)) => baseline,
            other => panic!("{indicator}: {other:?}"),
        })
        .collect();
    let binomial_rules = instrument.flag_rules().iter().filter(|r| r.method() == FlagMethod::Binomial);
    assert_eq!(binomial_rules.count(), POSITIVE.len(), "every binomial rule of the instrument is set at its reference");

    let hash = hash_password(PASSWORD).unwrap();
    let id = school(&mut app.conn(), "SCH-REF", "KZ-71");
    user(&mut app.conn(), "psy-ref", RoleScope::Psychologist(id), &hash);
    let classes = [("7A", 7, 12), ("7B", 7, 25), ("8A", 8, 18), ("9A", 9, 30), ("10A", 10, 22), ("11A", 11, 27)];
    let ids = classes.iter().map(|(label, grade, n)| class(&mut app.conn(), id, label, *grade, *n)).collect();
    let mut conn = app.conn();
    let wave = common::pupil::open(&mut conn, id, ids, AccessMode::Password).wave_id;
    let today = local_date(Utc::now());
    for wave_class in waves::classes_of(&mut conn, wave).unwrap() {
        let n = u32::from(wave_class.roll);
        // At the reference or just above it: the positives rounded up.
        let positives: Vec<u32> = references.iter().map(|p| (p * f64::from(n)).ceil() as u32).collect();
        let answers = answers_at(&positives, n);
        let grade = Grade::from_number(wave_class.grade).unwrap();
        for (i, (indicator, _)) in POSITIVE.iter().enumerate() {
            let counted = answers
                .iter()
                .map(|json| serde_json::from_str::<std::collections::BTreeMap<String, u8>>(json).unwrap())
                .filter(|pairs| {
                    let strings: Vec<(String, String)> =
                        pairs.iter().map(|(k, v)| (k.clone(), v.to_string())).collect();
                    let parsed =
                        parse_answers(instrument, grade, strings.iter().map(|(k, v)| (k.as_str(), v.as_str())));
                    evaluate_indicators(instrument, &parsed.unwrap())
                        .iter()
                        .any(|(id, outcome)| id == indicator && *outcome == IndicatorOutcome::Positive)
                })
                .count();
            assert_eq!(counted as u32, positives[i], "{} {indicator}", wave_class.label.as_str());
        }
        let batch: Vec<(Lang, &str)> = answers.iter().map(|json| (Lang::Ru, json.as_str())).collect();
        assert_eq!(submit_many(&mut conn, wave_class.id, today, &batch).unwrap(), n as usize);
    }
    drop(conn);

    assert_eq!(app.login("psy-ref", PASSWORD).await.status, 303);
    assert_eq!(app.post_form(&format!("/school/waves/{wave}/close"), &[]).await.status, 303);
    let reply = app.get("/api/v1/referrals").await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    let body: Value = serde_json::from_str(&reply.body).unwrap();
    let referrals = body["referrals"].as_array().unwrap();
    let elevated =
        referrals.iter().flat_map(|r| r["flags"].as_array().unwrap()).filter(|f| f["severity"] == "elevated");
    assert_eq!(elevated.count(), 0, "{referrals:?}");
    assert!(referrals.is_empty(), "nothing else either (no acute answer, and watch is not referred): {referrals:?}");
}
