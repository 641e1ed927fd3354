//! `ahual synth` at a tiny scale on both backends: the counts come out as asked, every counter equals
//! its recount (`ahual verify` is clean), the flags find the planted bullying and acute classes, and no
//! referral names a class below k. The batch submission it writes through keeps the roll ceiling.
#![allow(clippy::unwrap_used)]

use crate::common;

use std::process::{Command, Output};

use ahual::db::schema::{referral_flags, referrals, responses, wave_classes, waves};
use common::{Backend, TestDatabase};
use diesel::dsl::sum;
use diesel::prelude::*;

fn ahual(db: &TestDatabase, args: &[&str]) -> Output {
    let dir = tempfile::tempdir().unwrap();
    Command::new(env!("CARGO_BIN_EXE_ahual"))
        .args(args)
        .args(["--database-url", &db.url])
        .current_dir(dir.path())
        .env("AHUAL_SURVEYS_DIR", concat!(env!("CARGO_MANIFEST_DIR"), "/surveys"))
        .env("AHUAL_LOG", "warn")
        .output()
        .unwrap()
}

fn flags_of(conn: &mut ahual::db::DbConnection, class: &str) -> Vec<(String, String)> {
    referrals::table
        .inner_join(referral_flags::table)
        .filter(referrals::class_id.eq(class))
        .select((referral_flags::indicator_id, referral_flags::severity))
        .load(conn)
        .unwrap()
}

async fn a_tiny_country_is_counted_verified_and_flagged_where_planted(backend: Backend) {
    let db = TestDatabase::create(backend);
    let args = ["synth", "--regions", "3", "--schools", "9", "--responses", "4000", "--seed", "7", "--json"];
    let output = ahual(&db, &args);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!((report["schools"].as_u64(), report["responses"].as_u64()), (Some(9), Some(4000)), "{report}");

    let mut conn = db.pool().get().unwrap();
    let stored: i64 = responses::table.count().get_result(&mut conn).unwrap();
    let counted: Option<i64> = wave_classes::table.select(sum(wave_classes::responses)).first(&mut conn).unwrap();
    assert_eq!((stored, counted), (4000, Some(4000)));
    let finished: i64 = waves::table
        .filter(waves::closed_at.is_not_null())
        .filter(waves::aggregated_at.is_not_null())
        .filter(waves::flagged_at.is_not_null())
        .count()
        .get_result(&mut conn)
        .unwrap();
    assert_eq!(finished, 9, "every wave is closed, counted and flagged");

    let verified = ahual(&db, &["verify"]);
    assert_eq!(verified.status.code(), Some(0), "{}", String::from_utf8_lossy(&verified.stdout));

    let planted = report["planted"].as_array().unwrap();
    let of = |profile: &'static str| planted.iter().filter(move |p| p["profile"] == profile);
    assert!(of("bullying").count() >= 1 && of("acute").count() >= 1 && of("under_k").count() >= 1, "{report}");
    for class in of("bullying") {
        let flags = flags_of(&mut conn, class["class_id"].as_str().unwrap());
        assert!(flags.contains(&("bullying_victim".into(), "elevated".into())), "{class}: {flags:?}");
    }
    for class in of("acute") {
        let flags = flags_of(&mut conn, class["class_id"].as_str().unwrap());
        assert!(flags.contains(&("acute_risk".into(), "urgent".into())), "{class}: {flags:?}");
    }
    for class in of("under_k") {
        assert!(flags_of(&mut conn, class["class_id"].as_str().unwrap()).is_empty(), "{class} is never named");
    }

    let again = ahual(&db, &args);
    assert!(!again.status.success(), "a second run refuses a database that has schools");
    assert!(String::from_utf8_lossy(&again.stderr).contains("empty database"));
}

async fn a_batch_of_responses_is_stored_whole_or_not_at_all_within_the_roll(backend: Backend) {
    use ahual::db::responses::{SubmitError, submit_many};
    use ahual::domain::lang::Lang;
    use ahual::domain::survey::admission::Refusal;
    let db = TestDatabase::create(backend);
    let mut conn = db.pool().get().unwrap();
    let world = common::world::World::build(&mut conn);
    let class = ahual::db::waves::classes_of(&mut conn, world.wave_a).unwrap()[0].clone();
    let today = ahual::domain::survey::wave::local_date(chrono::Utc::now());
    let answers = |n: usize| vec![(Lang::Kk, r#"{"belong":1}"#); n];
    let too_many = submit_many(&mut conn, class.id, today, &answers(usize::from(class.roll) + 1));
    assert!(matches!(too_many, Err(SubmitError::Refused(Refusal::ClassFull))), "{too_many:?}");
    let stored: i64 = responses::table.count().get_result(&mut conn).unwrap();
    assert_eq!(stored, 0, "nothing of a refused batch is written");
    assert_eq!(submit_many(&mut conn, class.id, today, &answers(usize::from(class.roll))).unwrap(), 25);
    let one_more = submit_many(&mut conn, class.id, today, &answers(1));
    assert!(matches!(one_more, Err(SubmitError::Refused(Refusal::ClassFull))));
    let late = submit_many(&mut conn, class.id, today + chrono::Duration::days(30), &answers(0));
    assert!(matches!(late, Err(SubmitError::Refused(Refusal::Closed))), "the same open-wave check as a pupil");
}

on_both_backends!(
    a_tiny_country_is_counted_verified_and_flagged_where_planted,
    a_batch_of_responses_is_stored_whole_or_not_at_all_within_the_roll,
);
