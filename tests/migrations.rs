//! Migrations that change tables holding pupils' answers or their counts keep every row: each one is
//! run on a database written at the version before it, reverted and run again, on both backends.
//! Today that is the migration keying responses by (wave_id, id) and pointing responses and counts at
//! the class-in-wave.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::path::Path;

use ahual::db::DbConnection;
use common::{Backend, TestDatabase};
use diesel::backend::Backend as DieselBackend;
use diesel::connection::SimpleConnection;
use diesel::migration::{Migration, MigrationConnection, MigrationSource};
use diesel::prelude::*;
use diesel::sql_types::Text;
use diesel_migrations::{FileBasedMigrations, MigrationHarness};

/// The migration under test.
const KEYS_BY_WAVE: &str = "2026-11-28-000005_keys_by_wave";

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

/// Names of every migration before `name`, oldest first.
fn before(conn: &DbConnection, name: &str) -> Vec<String> {
    let names: Vec<String> = match conn {
        DbConnection::Sqlite(_) => {
            migrations::<diesel::sqlite::Sqlite>("sqlite").iter().map(|m| m.name().to_string()).collect()
        }
        DbConnection::Postgresql(_) => {
            migrations::<diesel::pg::Pg>("postgres").iter().map(|m| m.name().to_string()).collect()
        }
    };
    names.into_iter().take_while(|n| n != name).collect()
}

#[derive(QueryableByName, Debug, PartialEq, Eq)]
struct Column {
    #[diesel(sql_type = Text)]
    name: String,
}

/// The primary key's columns of `responses`, in key order.
fn primary_key(conn: &mut DbConnection) -> Vec<String> {
    let sql = match conn {
        DbConnection::Sqlite(_) => "SELECT name FROM pragma_table_info('responses') WHERE pk > 0 ORDER BY pk",
        DbConnection::Postgresql(_) => {
            "SELECT a.attname::text AS name FROM pg_index i \
             JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey) \
             WHERE i.indrelid = 'responses'::regclass AND i.indisprimary \
             ORDER BY array_position(i.indkey::int2[], a.attnum)"
        }
    };
    diesel::sql_query(sql).load::<Column>(conn).unwrap().into_iter().map(|c| c.name).collect()
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

on_both_backends!(rows_keyed_by_wave_survive_up_down_and_up_again);
