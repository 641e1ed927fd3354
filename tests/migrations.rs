//! Migrations that change tables holding pupils' answers, their counts or the referrals made from
//! them keep every row: each one is run on a database written at the version before it, reverted and
//! run again, on both backends. Today that is the migration keying responses by (wave_id, id) and
//! pointing responses and counts at the class-in-wave, the one that lets a referral of the region
//! name no school, and the one that lets the outbox carry trust box notices (`trust_notices`).
//!
//! Beside them: every migration's schema round trip on both backends (`round_trip`), and the two
//! migration folders compared (`dialects`), over a schema read back from each database (`schema`).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

mod dialects;
mod postgres_schema;
mod round_trip;
mod schema;
mod sqlite_schema;
mod trust_notices;

use std::path::Path;

use ahual::db::DbConnection;
use common::{Backend, TestDatabase};
use diesel::backend::Backend as DieselBackend;
use diesel::connection::SimpleConnection;
use diesel::migration::{Migration, MigrationConnection, MigrationSource};
use diesel::prelude::*;
use diesel_migrations::{FileBasedMigrations, MigrationHarness};

/// The migration keying responses by wave.
const KEYS_BY_WAVE: &str = "2026-11-28-000005_keys_by_wave";
/// The migration letting a referral name no school.
const REGION_REFERRALS: &str = "2026-12-05-000001_region_referrals";

/// Every migration of one dialect, oldest first.
fn migrations<DB: DieselBackend>(dialect: &str) -> Vec<Box<dyn Migration<DB>>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("migrations").join(dialect);
    let source = FileBasedMigrations::from_path(dir).expect("migrations folder");
    let mut all = MigrationSource::<DB>::migrations(&source).expect("readable migrations");
    all.sort_by_key(|m| m.name().to_string());
    all
}

/// Runs the migration called `name` (or, with `down`, reverts it) on whichever backend `conn` is.
fn run(conn: &mut DbConnection, name: &str, down: bool) {
    fn step<DB, C>(conn: &mut C, dialect: &str, name: &str, down: bool)
    where
        DB: DieselBackend,
        C: MigrationHarness<DB> + MigrationConnection,
    {
        conn.setup().expect("the migrations table");
        let all = migrations::<DB>(dialect);
        let migration = all.iter().find(|m| m.name().to_string() == name).expect("migration exists");
        if down {
            conn.revert_migration(migration.as_ref()).expect("reverts");
        } else {
            conn.run_migration(migration.as_ref()).expect("runs");
        }
    }
    match conn {
        DbConnection::Sqlite(lite) => step(lite, "sqlite", name, down),
        DbConnection::Postgresql(pg) => step(pg, "postgres", name, down),
    }
}

/// Names of every migration of the backend's folder, oldest first.
fn names(conn: &DbConnection) -> Vec<String> {
    match conn {
        DbConnection::Sqlite(_) => {
            migrations::<diesel::sqlite::Sqlite>("sqlite").iter().map(|m| m.name().to_string()).collect()
        }
        DbConnection::Postgresql(_) => {
            migrations::<diesel::pg::Pg>("postgres").iter().map(|m| m.name().to_string()).collect()
        }
    }
}

/// Names of every migration before `name`, oldest first.
fn before(conn: &DbConnection, name: &str) -> Vec<String> {
    names(conn).into_iter().take_while(|n| n != name).collect()
}

/// The primary key's columns of `responses`, in key order, as the schema readers of both backends
/// (`schema::Schema::read`) see it.
fn primary_key(conn: &mut DbConnection) -> Vec<String> {
    let schema = schema::Schema::read(conn);
    schema.tables.get("responses").map(|table| table.primary_key.clone()).expect("the responses table")
}

/// Every response and count as text, sorted, to compare before and after.
fn rows(conn: &mut DbConnection) -> Vec<String> {
    use ahual::db::schema::{indicator_counts as ind, item_counts as item, responses as r};
    let responses: Vec<(String, String, String, String)> =
        r::table.select((r::id, r::wave_id, r::class_id, r::answers)).load(conn).unwrap();
    let items: Vec<(String, String, String, i32, i32)> = item::table
        .select((item::wave_id, item::class_id, item::item_id, item::option_value, item::responses))
        .load(conn)
        .unwrap();
    let indicators: Vec<(String, String, String, i32, i32)> = ind::table
        .select((ind::wave_id, ind::class_id, ind::indicator_id, ind::positives, ind::answered))
        .load(conn)
        .unwrap();
    let mut all: Vec<String> = responses.iter().map(|row| format!("response {row:?}")).collect();
    all.extend(items.iter().map(|row| format!("item {row:?}")));
    all.extend(indicators.iter().map(|row| format!("indicator {row:?}")));
    all.sort();
    all
}

/// Rows written at the schema before the migration (class c2 takes part in wave w1 only).
const SCHEMA_4_ROWS: &str = "
    INSERT INTO regions (code, name_kk, name_ru, name_en, sort_order) VALUES ('KZ-TEST', 'a', 'b', 'c', 1);
    INSERT INTO schools (id, code, region_code, name_kk, name_ru, name_en, created_at)
        VALUES ('s1', 'S-1', 'KZ-TEST', 'a', 'b', 'c', '2026-11-01 08:00:00');
    INSERT INTO classes (id, school_id, label, grade, roll) VALUES ('c1', 's1', '7A', 7, 25), ('c2', 's1', '8A', 8, 25);
    INSERT INTO waves (id, school_id, instrument_id, instrument_version, access_mode, opens_on, closes_on,
                       creation_nonce, created_at)
        VALUES ('w1', 's1', 'school-climate', 1, 'password', '2026-11-02', '2026-11-12', 'n1', '2026-11-01 08:00:00'),
               ('w2', 's1', 'school-climate', 1, 'password', '2026-11-20', '2026-11-30', 'n2', '2026-11-01 08:00:00');
    INSERT INTO wave_classes (id, wave_id, class_id, grade, roll, responses)
        VALUES ('wc1', 'w1', 'c1', 7, 25, 1), ('wc2', 'w1', 'c2', 8, 25, 1), ('wc3', 'w2', 'c1', 7, 25, 1);
    INSERT INTO item_counts (wave_id, class_id, item_id, option_value, responses)
        VALUES ('w1', 'c1', 'belong', 1, 1), ('w1', 'c2', 'belong', 2, 1);
    INSERT INTO indicator_counts (wave_id, class_id, indicator_id, positives, answered)
        VALUES ('w1', 'c1', 'bullying_victim', 0, 1);
    INSERT INTO responses (id, wave_id, class_id, instrument_version, lang, submitted_on, answers) VALUES
        ('9f3b0c1e-0000-4000-8000-000000000001', 'w1', 'c1', 1, 'kk', '2026-11-03', '{\"belong\":1}'),
        ('1a2b3c4d-0000-4000-8000-000000000002', 'w1', 'c2', 1, 'ru', '2026-11-04', '{\"belong\":2}'),
        ('5e6f7a8b-0000-4000-8000-000000000003', 'w2', 'c1', 1, 'en', '2026-11-21', '{}');
";

fn refused(conn: &mut DbConnection, sql: &str) -> bool {
    diesel::sql_query(sql).execute(conn).is_err()
}

async fn rows_keyed_by_wave_survive_up_down_and_up_again(backend: Backend) {
    let db = TestDatabase::empty(backend);
    let mut conn = db.pool().get().unwrap();
    for name in before(&conn, KEYS_BY_WAVE) {
        run(&mut conn, &name, false);
    }
    conn.batch_execute(SCHEMA_4_ROWS).unwrap();
    let written = rows(&mut conn);
    assert_eq!(written.len(), 6);
    assert_eq!(primary_key(&mut conn), ["id"]);

    run(&mut conn, KEYS_BY_WAVE, false);
    assert_eq!(rows(&mut conn), written, "every row survives the new keys");
    assert_eq!(primary_key(&mut conn), ["wave_id", "id"]);
    assert!(
        refused(
            &mut conn,
            "INSERT INTO responses (id, wave_id, class_id, instrument_version, lang, submitted_on, answers) \
             VALUES ('9f3b0c1e-0000-4000-8000-000000000001', 'w1', 'c1', 1, 'kk', '2026-11-03', '{}')"
        ),
        "the key is still unique"
    );
    assert!(
        refused(
            &mut conn,
            "INSERT INTO item_counts (wave_id, class_id, item_id, option_value, responses) \
             VALUES ('w2', 'c2', 'belong', 1, 1)"
        ),
        "a count names only a class that took part in its wave"
    );
    assert!(
        refused(
            &mut conn,
            "INSERT INTO responses (id, wave_id, class_id, instrument_version, lang, submitted_on, answers) \
             VALUES ('0d1e2f3a-0000-4000-8000-000000000004', 'w2', 'c2', 1, 'kk', '2026-11-21', '{}')"
        ),
        "and so does a response"
    );

    run(&mut conn, KEYS_BY_WAVE, true);
    assert_eq!(rows(&mut conn), written, "and survives going back");
    assert_eq!(primary_key(&mut conn), ["id"]);
    run(&mut conn, KEYS_BY_WAVE, false);
    assert_eq!(rows(&mut conn), written);
    assert_eq!(primary_key(&mut conn), ["wave_id", "id"]);
}

/// Referrals of school S-1 (one of class 7A, one of the school as a whole) with their flags, a note
/// and a queued notice, written at the schema before referrals could name no school.
const REFERRAL_ROWS: &str = "
    INSERT INTO regions (code, name_kk, name_ru, name_en, sort_order) VALUES ('KZ-TEST', 'a', 'b', 'c', 1);
    INSERT INTO schools (id, code, region_code, name_kk, name_ru, name_en, created_at)
        VALUES ('s1', 'S-1', 'KZ-TEST', 'a', 'b', 'c', '2026-11-01 08:00:00');
    INSERT INTO classes (id, school_id, label, grade, roll) VALUES ('c1', 's1', '7A', 7, 25);
    INSERT INTO waves (id, school_id, instrument_id, instrument_version, access_mode, opens_on, closes_on,
                       creation_nonce, created_at)
        VALUES ('w1', 's1', 'school-climate', 1, 'password', '2026-11-02', '2026-11-12', 'n1', '2026-11-01 08:00:00');
    INSERT INTO users (id, login, password_hash, role, region_code, display_name, password_changed_at, created_at)
        VALUES ('u1', 'centre', 'h', 'centre_staff', 'KZ-TEST', 'C', '2026-11-01 08:00:00', '2026-11-01 08:00:00');
    INSERT INTO referrals (id, region_code, school_id, class_id, wave_id, source, flag_key, severity, status,
                           outcome, outcome_reason, raised_by, created_at, acknowledge_by, acknowledged_at,
                           closed_at, updated_at)
        VALUES ('r1', 'KZ-TEST', 's1', 'c1', 'w1', 'flag', 'w1:class:c1', 'urgent', 'closed', 'no_action',
                'moved', NULL, '2026-11-13 08:00:00', '2026-11-14 08:00:00', '2026-11-13 09:00:00',
                '2026-11-20 10:00:00', '2026-11-20 10:00:00'),
               ('r2', 'KZ-TEST', 's1', NULL, 'w1', 'flag', 'w1:school:s1', 'elevated', 'new', NULL, NULL, NULL,
                '2026-11-13 08:00:00', '2026-11-20 08:00:00', NULL, NULL, '2026-11-13 08:00:00');
    INSERT INTO referral_flags (referral_id, indicator_id, severity)
        VALUES ('r1', 'acute_risk', 'urgent'), ('r2', 'bullying_victim', 'elevated');
    INSERT INTO referral_notes (id, referral_id, author_id, author_side, body, created_at)
        VALUES ('n1', 'r1', 'u1', 'centre', 'Seen', '2026-11-13 09:00:00');
    INSERT INTO outbox (id, referral_id, channel, recipient, subject, body, attempts, next_attempt_at, created_at)
        VALUES ('o1', 'r2', 'email', 'psc@example.kz', 's', 'b', 0, '2026-11-13 08:00:00', '2026-11-13 08:00:00');
";

/// A referral of the region (no school, class or wave) with a flag, a note and a notice.
const REGION_ROWS: &str = "
    INSERT INTO referrals (id, region_code, school_id, class_id, wave_id, source, flag_key, severity, status,
                           created_at, acknowledge_by, updated_at)
        VALUES ('r3', 'KZ-TEST', NULL, NULL, NULL, 'flag', 'w9:region', 'urgent', 'new',
                '2026-11-13 08:00:00', '2026-11-14 08:00:00', '2026-11-13 08:00:00');
    INSERT INTO referral_flags (referral_id, indicator_id, severity) VALUES ('r3', 'acute_risk', 'urgent');
    INSERT INTO referral_notes (id, referral_id, author_id, author_side, body, created_at)
        VALUES ('n3', 'r3', 'u1', 'centre', 'Region-wide', '2026-11-13 09:00:00');
    INSERT INTO outbox (id, referral_id, channel, recipient, subject, body, attempts, next_attempt_at, created_at)
        VALUES ('o3', 'r3', 'email', 'psc@example.kz', 's', 'b', 0, '2026-11-13 08:00:00', '2026-11-13 08:00:00');
";

/// Every referral, flag, note and notice as text, sorted, to compare before and after.
fn referral_rows(conn: &mut DbConnection) -> Vec<String> {
    use ahual::db::schema::{outbox as o, referral_flags as f, referral_notes as n, referrals as r};
    type Times = (chrono::NaiveDateTime, chrono::NaiveDateTime, Option<chrono::NaiveDateTime>);
    type Names = (String, String, Option<String>, Option<String>, Option<String>);
    type State = (String, String, String, Option<String>, Option<String>);
    let referrals: Vec<(Names, Option<String>, Times)> = r::table
        .select((
            (r::id, r::region_code, r::school_id, r::class_id, r::wave_id),
            r::flag_key,
            (r::created_at, r::acknowledge_by, r::closed_at),
        ))
        .load(conn)
        .unwrap();
    let more: Vec<State> =
        r::table.select((r::id, r::severity, r::status, r::outcome, r::outcome_reason)).load(conn).unwrap();
    let flags: Vec<(String, String, String)> =
        f::table.select((f::referral_id, f::indicator_id, f::severity)).load(conn).unwrap();
    let notes: Vec<(String, String, String)> = n::table.select((n::id, n::referral_id, n::body)).load(conn).unwrap();
    let notices: Vec<(String, Option<String>, String)> =
        o::table.select((o::id, o::referral_id, o::body)).load(conn).unwrap();
    let mut all: Vec<String> = referrals.iter().map(|row| format!("referral {row:?}")).collect();
    all.extend(more.iter().map(|row| format!("referral state {row:?}")));
    all.extend(flags.iter().map(|row| format!("flag {row:?}")));
    all.extend(notes.iter().map(|row| format!("note {row:?}")));
    all.extend(notices.iter().map(|row| format!("notice {row:?}")));
    all.sort();
    all
}

async fn referrals_survive_and_the_region_may_go_unnamed(backend: Backend) {
    let db = TestDatabase::empty(backend);
    let mut conn = db.pool().get().unwrap();
    for name in before(&conn, REGION_REFERRALS) {
        run(&mut conn, &name, false);
    }
    conn.batch_execute(REFERRAL_ROWS).unwrap();
    let written = referral_rows(&mut conn);
    assert_eq!(written.len(), 8);
    let unnamed = "INSERT INTO referrals (id, region_code, source, severity, status, created_at, acknowledge_by, \
                   updated_at) VALUES ('r0', 'KZ-TEST', 'flag', 'urgent', 'new', '2026-11-13 08:00:00', \
                   '2026-11-14 08:00:00', '2026-11-13 08:00:00')";
    assert!(refused(&mut conn, unnamed), "before: every referral names a school");

    run(&mut conn, REGION_REFERRALS, false);
    assert_eq!(referral_rows(&mut conn), written, "every referral, flag, note and notice survives");
    conn.batch_execute(REGION_ROWS).expect("a referral of the region names no school");
    let with_region = referral_rows(&mut conn);
    assert_eq!(with_region.len(), 13);
    assert!(
        refused(
            &mut conn,
            "INSERT INTO referrals (id, region_code, school_id, class_id, wave_id, source, severity, status,              created_at, acknowledge_by, updated_at) VALUES ('r4', 'KZ-TEST', NULL, 'c1', NULL, 'flag', 'urgent',              'new', '2026-11-13 08:00:00', '2026-11-14 08:00:00', '2026-11-13 08:00:00')"
        ),
        "a class is named only with its school"
    );
    assert!(
        refused(
            &mut conn,
            "INSERT INTO referrals (id, region_code, school_id, class_id, wave_id, source, severity, status,              created_at, acknowledge_by, updated_at) VALUES ('r5', 'KZ-TEST', 'nowhere', NULL, NULL, 'flag',              'urgent', 'new', '2026-11-13 08:00:00', '2026-11-14 08:00:00', '2026-11-13 08:00:00')"
        ),
        "the school is still a foreign key"
    );
    assert!(
        refused(&mut conn, "INSERT INTO referral_flags (referral_id, indicator_id, severity) VALUES ('r9', 'x', 'y')"),
        "flags still point at a referral"
    );
    assert!(
        refused(
            &mut conn,
            "INSERT INTO referrals (id, region_code, source, flag_key, severity, status, created_at,              acknowledge_by, updated_at) VALUES ('r6', 'KZ-TEST', 'flag', 'w9:region', 'urgent', 'new',              '2026-11-13 08:00:00', '2026-11-14 08:00:00', '2026-11-13 08:00:00')"
        ),
        "a flag key is still unique"
    );

    run(&mut conn, REGION_REFERRALS, true);
    assert_eq!(referral_rows(&mut conn), written, "going back drops the region's referral and keeps the rest");
    run(&mut conn, REGION_REFERRALS, false);
    assert_eq!(referral_rows(&mut conn), written);
    conn.batch_execute(REGION_ROWS).expect("and up again");
    assert_eq!(referral_rows(&mut conn), with_region);
}

on_both_backends!(rows_keyed_by_wave_survive_up_down_and_up_again, referrals_survive_and_the_region_may_go_unnamed);
