//! The JSON API: the named suppression cases end to end, the shape of the summary (snapshot), scope
//! (a psychologist never reads another school, a centre never another region), bearer tokens, open
//! waves (bands only) and the OpenAPI document. Runs on SQLite and PostgreSQL.
#![allow(clippy::unwrap_used)]

use crate::common;

use ahual::app::close_wave;
use ahual::domain::audit::Actor;
use ahual::domain::ids::{SchoolId, WaveId};
use ahual::domain::survey::wave::AccessMode;
use common::pupil::{fill, open};
use common::world::{PASSWORD, World, class, school};
use common::{Backend, TestApp};
use serde_json::{Value, json};

const BULLIED: &str = r#"{"victim_verbal":3,"belong":2}"#;
const FINE: &str = r#"{"victim_verbal":0,"belong":4}"#;

/// A class of a test wave: label, grade, roll, respondents, and how many of them were bullied.
type ClassPlan<'a> = (&'a str, i64, u32, u32, u32);

/// Adds the classes to `school`, runs a wave over them with the planned answers, and closes it.
fn run_wave(app: &TestApp, school_id: SchoolId, classes: &[ClassPlan<'_>]) -> WaveId {
    let mut conn = app.conn();
    let ids: Vec<_> = classes
        .iter()
        .map(|(label, grade, roll, ..)| class(&mut conn, school_id, label, *grade, i64::from(*roll).max(1)))
        .collect();
    let wave = open(&mut conn, school_id, ids, AccessMode::Password).wave_id;
    let plan: Vec<(&str, u32, &str)> = classes
        .iter()
        .flat_map(|(label, _, _, n, bullied)| [(*label, *bullied, BULLIED), (*label, n - bullied, FINE)])
        .collect();
    fill(&mut conn, wave, &plan);
    close_wave::close(&mut conn, wave, None, Actor::Cli, &common::flags(), chrono::Utc::now().naive_utc()).unwrap();
    wave
}

/// A new school in Astana with one closed wave.
fn closed_wave(app: &TestApp, code: &str, classes: &[ClassPlan<'_>]) -> (SchoolId, WaveId) {
    let school_id = school(&mut app.conn(), code, "KZ-71");
    (school_id, run_wave(app, school_id, classes))
}

async fn summary(app: &TestApp, wave: WaveId) -> Value {
    let reply = app.get(&format!("/api/v1/waves/{wave}/summary")).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    serde_json::from_str(&reply.body).unwrap()
}

fn group<'a>(body: &'a Value, class: Option<&str>) -> &'a Value {
    body["groups"].as_array().unwrap().iter().find(|g| g.get("class").and_then(Value::as_str) == class).unwrap()
}

fn released(body: &Value) -> Vec<String> {
    body["groups"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|g| g["released"] == json!(true))
        .map(|g| g["class"].as_str().unwrap_or("school").to_owned())
        .collect()
}

/// Every unreleased group carries nothing but its level, school, class and a null count.
fn assert_withheld_groups_are_empty(body: &Value) {
    for g in body["groups"].as_array().unwrap().iter().filter(|g| g["released"] == json!(false)) {
        assert_eq!(g["respondents"], Value::Null, "{g}");
        assert!(g.get("indicators").is_none() && g.get("acute").is_none(), "{g}");
    }
}

async fn the_named_suppression_cases_hold_through_the_api(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    World::build(&mut app.conn());
    app.login("psy-a", PASSWORD).await;
    let school_a = ahual::db::schools::find_by_code(
        &mut app.conn(),
        &ahual::domain::organisation::SchoolCode::parse("SCH-A").unwrap(),
    )
    .unwrap();
    // The psychologist of school A reads only school A: build the cases in school A's own waves.
    // The small classes and their complements have rolls with room: with everybody answering, the
    // rolls alone would say how many answered, and the whole school would be withheld.
    let cases: [(&str, &[ClassPlan<'_>], &[&str]); 3] = [
        ("one small class", &[("5X", 5, 25, 15, 5), ("6X", 6, 26, 26, 3), ("7X", 7, 8, 6, 1)], &["school", "6X"]),
        (
            "two small classes",
            &[("5Y", 5, 25, 25, 5), ("6Y", 6, 26, 26, 3), ("7Y", 7, 11, 6, 1), ("8Y", 8, 11, 7, 0)],
            &["school", "5Y", "6Y"],
        ),
        ("a school with a single class", &[("9Z", 9, 15, 15, 3)], &["school", "9Z"]),
    ];
    for (name, classes, expected) in cases {
        let wave = run_wave(&app, school_a.id, classes);
        let body = summary(&app, wave).await;
        assert_eq!(released(&body), expected.to_vec(), "{name}: {body}");
        assert_withheld_groups_are_empty(&body);
        let hidden: u64 =
            classes.iter().filter(|(l, ..)| !expected.contains(l)).map(|(_, _, _, n, _)| u64::from(*n)).sum();
        assert!(hidden == 0 || hidden >= 10, "{name}: hidden classes total {hidden}, which subtraction would expose");
    }
}

async fn the_summary_has_the_documented_shape(backend: Backend) {
    // Exact figures, so the documented numbers hold (the noise moves them by a count or two).
    let app = TestApp::spawn_exact(backend).await;
    World::build(&mut app.conn());
    let (_, wave) = closed_wave(&app, "SCH-SNAP", &[("7A", 7, 25, 25, 5), ("7B", 7, 20, 20, 0)]);
    let hash = ahual::domain::api_token::hash("ahual_snapshot_token");
    let psy = common::world::user(
        &mut app.conn(),
        "psy-snap",
        ahual::domain::account::RoleScope::Psychologist(
            ahual::db::schools::find_by_code(
                &mut app.conn(),
                &ahual::domain::organisation::SchoolCode::parse("SCH-SNAP").unwrap(),
            )
            .unwrap()
            .id,
        ),
        &ahual::domain::password::hash_password(PASSWORD).unwrap(),
    );
    ahual::db::users::set_api_token(&mut app.conn(), psy, Some(&hash)).unwrap();
    let reply = app.get_with_bearer(&format!("/api/v1/waves/{wave}/summary"), "ahual_snapshot_token").await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    let mut body: Value = serde_json::from_str(&reply.body).unwrap();
    body["wave"]["id"] = json!("…");
    body["wave"]["opens_on"] = json!("…");
    body["wave"]["closes_on"] = json!("…");
    let school = group(&body, None).clone();
    let class_7a = group(&body, Some("7A")).clone();
    assert_eq!(
        body["wave"],
        json!({"id": "…", "school": "SCH-SNAP", "instrument": "school-climate", "instrument_version": 2, "opens_on": "…", "closes_on": "…", "status": "closed"})
    );
    assert_eq!(body["k"], json!(10));
    assert_eq!(school["level"], json!("school"));
    assert_eq!(school["respondents"], json!(45));
    assert_eq!(school["released"], json!(true));
    assert_eq!(
        school["indicators"]["bullying_victim"],
        json!({"positives": "5-6", "percent": "11-14%", "ci_low": 4.8, "ci_high": 26.2}),
        "the school shows what its classes add up to: 5 of 25 and ≤5% (0-1) of 20"
    );
    assert_eq!(
        class_7a["indicators"]["bullying_victim"],
        json!({"positives": 5, "percent": "20%", "ci_low": 8.9, "ci_high": 39.1})
    );
    assert_eq!(group(&body, Some("7B"))["indicators"]["bullying_victim"]["percent"], json!("≤5%"));
    assert!(school["indicators"].as_object().unwrap().keys().all(|k| !k.starts_with("item:")));
    assert_eq!(app.get_with_bearer("/api/v1/waves", "ahual_snapshot_token").await.status, 200);
    assert_eq!(app.get_with_bearer("/api/v1/waves", "ahual_wrong_token").await.status, 401);
}

async fn callers_outside_the_scope_get_nothing(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let world = World::build(&mut app.conn());
    let (_, wave) = closed_wave(&app, "SCH-OTHER", &[("7A", 7, 25, 25, 5)]);
    assert_eq!(app.get(&format!("/api/v1/waves/{wave}/summary")).await.status, 401, "no session, no token");
    let unauthorised = app.get("/api/v1/waves").await;
    assert_eq!(unauthorised.status, 401);
    assert!(unauthorised.headers["content-type"].starts_with("application/json"));
    app.login("psy-b", PASSWORD).await;
    let other_school = app.get(&format!("/api/v1/waves/{wave}/summary")).await;
    assert_eq!(other_school.status, 404, "a psychologist of another school");
    let listed: Value = serde_json::from_str(&app.get("/api/v1/waves").await.body).unwrap();
    assert!(listed["waves"].as_array().unwrap().is_empty(), "school B has no waves");
    app.clear_cookies();
    app.login("centre-b", PASSWORD).await;
    assert_eq!(app.get(&format!("/api/v1/waves/{wave}/summary")).await.status, 404, "a centre of another region");
    assert_eq!(app.get(&format!("/centre/waves/{wave}")).await.status, 404);
    app.clear_cookies();
    app.login("centre-a", PASSWORD).await;
    assert_eq!(app.get(&format!("/api/v1/waves/{wave}/summary")).await.status, 200, "the region's own centre");
    assert_eq!(app.get(&format!("/centre/waves/{wave}")).await.status, 200);
    let waves: Value = serde_json::from_str(&app.get("/api/v1/waves").await.body).unwrap();
    assert_eq!(waves["waves"].as_array().unwrap().len(), 2, "the world's wave and this one");
    app.clear_cookies();
    app.login("admin", PASSWORD).await;
    assert_eq!(app.get("/api/v1/waves").await.status, 403, "administrators read no figures");
    let _ = world;
}

async fn a_token_works_until_it_is_revoked_or_its_account_disabled(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let world = World::build(&mut app.conn());
    app.login("psy-a", PASSWORD).await;
    let shown = |body: &str| body.find("ahual_").map(|at| body[at..at + 6 + 64].to_owned()).unwrap();
    let first = shown(&app.create_api_token("psy-a").await.body);
    let second = shown(&app.create_api_token("psy-a").await.body);
    assert_ne!(first, second, "a new token each time");
    app.clear_cookies();
    assert_eq!(app.get_with_bearer("/api/v1/waves", &first).await.status, 401, "the new token replaced it");
    assert_eq!(app.get_with_bearer("/api/v1/waves", &second).await.status, 200);
    app.login("psy-a", PASSWORD).await;
    assert_eq!(app.post_form("/account/api-token", &[("action", "revoke")]).await.status, 200);
    app.clear_cookies();
    assert_eq!(app.get_with_bearer("/api/v1/waves", &second).await.status, 401, "revoked");
    app.login("psy-a", PASSWORD).await;
    let third = shown(&app.create_api_token("psy-a").await.body);
    app.clear_cookies();
    common::world::disable(&mut app.conn(), world.psy_a);
    assert_eq!(app.get_with_bearer("/api/v1/waves", &third).await.status, 401, "a disabled account's token");
}

async fn an_open_wave_gives_bands_only(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let world = World::build(&mut app.conn());
    fill(&mut app.conn(), world.wave_a, &[("7A", 12, BULLIED)]);
    app.login("psy-a", PASSWORD).await;
    let body = summary(&app, world.wave_a).await;
    let school = group(&body, None);
    // 12 of 7A's 25: its bands are 0-9 and 10-25 (a last band of 6 joins the one before), and the
    // school shows what its classes' bands add up to.
    assert_eq!(group(&body, Some("7A"))["respondents"], json!("10-25"));
    assert_eq!(school["respondents"], json!("10-25"));
    assert_eq!(school["released"], json!(false));
    assert!(school.get("indicators").is_none());
    assert_eq!(body["wave"]["status"], json!("open"));
}

async fn the_openapi_document_describes_the_api(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let reply = app.get("/api/v1/openapi.json").await;
    assert_eq!(reply.status, 200);
    let doc: Value = serde_json::from_str(&reply.body).unwrap();
    assert_eq!(doc["openapi"], json!("3.1.0"));
    assert!(doc["paths"]["/waves"]["get"].is_object());
    assert!(doc["paths"]["/waves/{id}/summary"]["get"]["responses"]["200"].is_object());
    assert!(doc["components"]["securitySchemes"]["bearer"].is_object());
}

on_both_backends!(
    the_named_suppression_cases_hold_through_the_api,
    the_summary_has_the_documented_shape,
    callers_outside_the_scope_get_nothing,
    a_token_works_until_it_is_revoked_or_its_account_disabled,
    an_open_wave_gives_bands_only,
    the_openapi_document_describes_the_api,
);
