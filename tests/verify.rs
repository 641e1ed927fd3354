//! `ahual verify` recounts every counter from the stored responses: a consistent database gives exit 0
//! and no difference; a tampered counter gives exit 1 and is named with its table, key and both values.
//! On SQLite and PostgreSQL.
#![allow(clippy::unwrap_used)]

use crate::common;

use std::process::{Command, Output};

use ahual::db::DbConnection;
use ahual::db::responses::{NewResponse, submit};
use ahual::db::schema::{indicator_counts, wave_classes};
use ahual::demo::{DEMO_SCHOOL, ensure_demo};
use ahual::domain::lang::Lang;
use ahual::domain::organisation::SchoolCode;
use ahual::domain::survey::access_secret;
use ahual::domain::survey::wave::{AccessMode, local_date};
use chrono::Utc;
use common::{Backend, TestDatabase};
use diesel::prelude::*;

/// `ahual verify --json` on `db`: its exit code and report.
pub(crate) fn verify(db: &TestDatabase) -> (Option<i32>, serde_json::Value) {
    let dir = tempfile::tempdir().unwrap();
    let output: Output = Command::new(env!("CARGO_BIN_EXE_ahual"))
        .args(["verify", "--json", "--database-url", &db.url])
        .current_dir(dir.path())
        .env("AHUAL_SURVEYS_DIR", concat!(env!("CARGO_MANIFEST_DIR"), "/surveys"))
        .env("AHUAL_LOG", "warn")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&output.stdout);
    let json = serde_json::from_str(text.trim())
        .unwrap_or_else(|e| panic!("{e}: {text}\n{}", String::from_utf8_lossy(&output.stderr)));
    (output.status.code(), json)
}

/// The demo's closed wave, and an open codes wave of the same school where five pupils used their code.
fn populated(conn: &mut DbConnection) -> String {
    ensure_demo(conn, &common::flags()).unwrap();
    let school = ahual::db::schools::find_by_code(conn, &SchoolCode::parse(DEMO_SCHOOL).unwrap()).unwrap();
    let opened = common::pupil::open(conn, school.id, Vec::new(), AccessMode::Codes);
    let class = &ahual::db::waves::classes_of(conn, opened.wave_id).unwrap()[0];
    let codes = &opened.classes.iter().find(|c| c.label == class.label.as_str()).unwrap().codes;
    let today = local_date(Utc::now());
    for code in &codes[..5] {
        let response = NewResponse {
            wave_class_id: class.id,
            nonce: ahual::db::form_tokens::issue(conn, 1, today).unwrap().remove(0),
            code_hash: Some(access_secret::hash(code)),
            lang: Lang::Ru,
            today,
            answers_json: r#"{"victim_verbal":2}"#.into(),
        };
        submit(conn, &response).unwrap();
    }
    class.id.to_string()
}

async fn a_consistent_database_verifies_clean(backend: Backend) {
    let db = TestDatabase::create(backend);
    populated(&mut db.pool().get().unwrap());
    let (code, report) = verify(&db);
    assert_eq!(report["differences"], serde_json::json!([]), "{report}");
    assert_eq!(code, Some(0));
    assert_eq!(report["waves"], 2);
    assert_eq!(report["responses"], 16 + 23 + 23 + 25 + 22 + 6 + 5, "every stored response was recounted");
}

async fn tampered_counters_are_each_named_and_fail_the_check(backend: Backend) {
    let db = TestDatabase::create(backend);
    let mut conn = db.pool().get().unwrap();
    let wave_class = populated(&mut conn);
    diesel::update(wave_classes::table.find(&wave_class))
        .set(wave_classes::responses.eq(wave_classes::responses - 1))
        .execute(&mut conn)
        .unwrap();
    let (class, indicator): (String, String) = indicator_counts::table
        .filter(indicator_counts::indicator_id.eq("bullying_victim"))
        .select((indicator_counts::class_id, indicator_counts::indicator_id))
        .first(&mut conn)
        .unwrap();
    diesel::update(
        indicator_counts::table
            .filter(indicator_counts::class_id.eq(&class))
            .filter(indicator_counts::indicator_id.eq(&indicator)),
    )
    .set(indicator_counts::positives.eq(indicator_counts::positives + 1))
    .execute(&mut conn)
    .unwrap();
    let class_of_wave_class: String =
        wave_classes::table.find(&wave_class).select(wave_classes::class_id).first(&mut conn).unwrap();
    let (code, report) = verify(&db);
    assert_eq!(code, Some(1), "{report}");
    let differences = report["differences"].as_array().unwrap();
    assert_eq!(differences.len(), 2, "{report}");
    let counter = differences.iter().find(|d| d["counter"] == "wave_classes.responses").unwrap();
    assert_eq!(counter["class"], class_of_wave_class.as_str());
    assert_eq!((counter["stored"].as_u64(), counter["recounted"].as_u64()), (Some(4), Some(5)));
    let positives = differences.iter().find(|d| d["counter"] == "indicator_counts.positives").unwrap();
    assert_eq!(
        (positives["class"].as_str(), positives["key"].as_str()),
        (Some(class.as_str()), Some("bullying_victim"))
    );
    assert_eq!(positives["stored"].as_u64().unwrap(), positives["recounted"].as_u64().unwrap() + 1);
}

/// Counts carry no foreign key (they are derived from responses, which do): a count row for a class
/// that is not in its wave, which the key would have refused, is a difference `verify` names.
async fn a_count_of_a_class_outside_its_wave_is_named(backend: Backend) {
    let db = TestDatabase::create(backend);
    let mut conn = db.pool().get().unwrap();
    populated(&mut conn);
    let wave: String = indicator_counts::table.select(indicator_counts::wave_id).first(&mut conn).unwrap();
    let stray = uuid::Uuid::new_v4().to_string();
    diesel::insert_into(indicator_counts::table)
        .values((
            indicator_counts::wave_id.eq(&wave),
            indicator_counts::class_id.eq(&stray),
            indicator_counts::indicator_id.eq("bullying_victim"),
            indicator_counts::positives.eq(3),
            indicator_counts::answered.eq(12),
        ))
        .execute(&mut conn)
        .unwrap();
    let (code, report) = verify(&db);
    assert_eq!(code, Some(1), "{report}");
    let differences = report["differences"].as_array().unwrap();
    assert!(
        differences.iter().any(|d| d["class"] == stray.as_str() && d["counter"] == "indicator_counts.positives"),
        "{report}"
    );
}

on_both_backends!(
    a_consistent_database_verifies_clean,
    tampered_counters_are_each_named_and_fail_the_check,
    a_count_of_a_class_outside_its_wave_is_named
);
