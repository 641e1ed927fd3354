//! The `ahual` binary as an operator uses it: configuration errors in one line, `import` that checks
//! the whole file first, `migrate`, `user add`, and help texts. Import runs on SQLite and PostgreSQL.
#![allow(clippy::unwrap_used)]

use crate::common;

use std::process::{Command, Output};

use ahual::db::schools::{self, SchoolFilter};
use ahual::db::users;
use ahual::domain::password::verify_password;
use common::command::{ROSTER, ahual};
use common::{Backend, TestDatabase};

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

async fn an_import_with_one_bad_row_writes_nothing_and_names_the_row(backend: Backend) {
    let db = TestDatabase::create(backend);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("roster.toml");
    std::fs::write(&file, ROSTER.replace("grade = 7", "grade = 13")).unwrap();
    let output = ahual(dir.path(), &["import", "--database-url", &db.url, "roster.toml"], None);
    assert!(!output.status.success());
    let text = stderr(&output);
    assert!(text.contains("roster.toml:6: grade `13`"), "{text}");
    assert!(text.contains("nothing was imported"), "{text}");
    let mut conn = db.pool().get().unwrap();
    assert!(
        schools::list(&mut conn, SchoolFilter::All).unwrap().is_empty(),
        "the good school row was not written either"
    );
    assert_eq!(users::count(&mut conn).unwrap(), 0);
}

async fn a_reimport_updates_and_never_duplicates(backend: Backend) {
    let db = TestDatabase::create(backend);
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("roster.toml"), ROSTER).unwrap();
    let first = ahual(dir.path(), &["import", "--database-url", &db.url, "roster.toml"], None);
    assert!(first.status.success(), "{}", stderr(&first));
    assert!(stdout(&first).contains("schools 1 new, 0 updated"), "{}", stdout(&first));
    std::fs::write(
        dir.path().join("roster.toml"),
        ROSTER.replace("roll = 25", "roll = 27").replace("initial password", "another password"),
    )
    .unwrap();
    let second = ahual(dir.path(), &["import", "--database-url", &db.url, "roster.toml"], None);
    assert!(stdout(&second).contains("classes 0 new, 1 updated; users 0 new, 1 updated"), "{}", stdout(&second));
    let mut conn = db.pool().get().unwrap();
    let listed = schools::list(&mut conn, SchoolFilter::All).unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].class_count, 1);
    let school = listed[0].school.id;
    assert_eq!(ahual::db::classes::list(&mut conn, school).unwrap()[0].roll.get(), 27);
    let credentials = users::find_credentials(&mut conn, "psy0001").unwrap().unwrap();
    assert!(verify_password("initial password", &credentials.password_hash), "a re-import never resets a password");
}

#[test]
fn k_below_five_stops_the_start_with_one_line_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let output = ahual(dir.path(), &["serve", "--demo", "--k", "3"], None);
    assert!(!output.status.success());
    let text = stderr(&output);
    assert_eq!(text.trim().lines().count(), 1, "{text}");
    assert!(text.contains("--k") && text.contains("at least 5"), "{text}");
}

#[test]
fn serving_for_real_requires_a_secret_key() {
    let dir = tempfile::tempdir().unwrap();
    let output = ahual(dir.path(), &["serve"], None);
    assert!(!output.status.success());
    assert!(stderr(&output).contains("AHUAL_SECRET_KEY"), "{}", stderr(&output));
}

#[test]
fn a_bad_value_in_ahual_toml_is_named_with_the_file() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("ahual.toml"), "bind = \"nowhere\"\n").unwrap();
    let output = ahual(dir.path(), &["migrate"], None);
    assert!(!output.status.success());
    assert!(stderr(&output).contains("ahual.toml: bind"), "{}", stderr(&output));
}

#[test]
fn import_help_lists_the_region_codes_and_every_command_has_help() {
    let dir = tempfile::tempdir().unwrap();
    let help = stdout(&ahual(dir.path(), &["import", "--help"], None));
    for code in ["KZ-71", "KZ-75", "KZ-79", "KZ-10", "KZ-62"] {
        assert!(help.contains(code), "{code} missing from:\n{help}");
    }
    for args in
        [&["serve", "--help"][..], &["migrate", "--help"], &["user", "add", "--help"], &["user", "passwd", "--help"]]
    {
        let output = ahual(dir.path(), args, None);
        assert!(output.status.success() && stdout(&output).contains("Usage"), "{args:?}");
    }
}

#[test]
fn migrate_then_user_add_creates_an_account_that_verifies() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("a.db").display());
    let first = ahual(dir.path(), &["migrate", "--database-url", &url], None);
    let applied: usize = stdout(&first).split_whitespace().next().unwrap().parse().unwrap();
    let shipped = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/migrations/sqlite")).unwrap().count();
    assert_eq!(applied, shipped, "every migration runs on a fresh database: {}", stderr(&first));
    let again = ahual(dir.path(), &["migrate", "--database-url", &url], None);
    assert!(stdout(&again).contains("0 migration(s) applied"));
    let short = ahual(
        dir.path(),
        &["user", "add", "root", "--role", "admin", "--name", "Root", "--database-url", &url],
        Some("short\n"),
    );
    assert!(!short.status.success() && stderr(&short).contains("at least 10"));
    let added = ahual(
        dir.path(),
        &["user", "add", "root", "--role", "admin", "--name", "Root", "--database-url", &url],
        Some("a long admin pass\n"),
    );
    assert!(added.status.success(), "{}", stderr(&added));
    let pool = ahual::db::connect(&ahual::db::DatabaseUrl::parse(&url).unwrap(), 1).unwrap();
    let credentials = users::find_credentials(&mut pool.get().unwrap(), "root").unwrap().unwrap();
    assert!(verify_password("a long admin pass", &credentials.password_hash));
    let wrong_scope = ahual(
        dir.path(),
        &["user", "add", "x1x", "--role", "centre_staff", "--name", "X", "--database-url", &url],
        Some("a long admin pass\n"),
    );
    assert!(!wrong_scope.status.success() && stderr(&wrong_scope).contains("--region"));
}

#[test]
fn survey_check_names_every_problem_with_its_line_and_passes_the_shipped_files() {
    let dir = tempfile::tempdir().unwrap();
    let shipped = concat!(env!("CARGO_MANIFEST_DIR"), "/surveys");
    let good = ahual(
        dir.path(),
        &[
            "survey",
            "check",
            &format!("{shipped}/school-climate-v1.toml"),
            &format!("{shipped}/express-v1.toml"),
            &format!("{shipped}/school-climate-v2.toml"),
            &format!("{shipped}/express-v2.toml"),
        ],
        None,
    );
    assert!(good.status.success(), "{}", stderr(&good));
    let source = std::fs::read_to_string(format!("{shipped}/express-v2.toml")).unwrap();
    std::fs::write(
        dir.path().join("broken.toml"),
        source.replacen("id = \"express\"", "id = \"express\"\ncolour = \"red\"", 1),
    )
    .unwrap();
    let bad = ahual(dir.path(), &["survey", "check", "broken.toml"], None);
    assert_eq!(bad.status.code(), Some(1));
    let text = stderr(&bad);
    assert!(text.contains("broken.toml:") && text.contains("colour"), "{text}");
}

#[test]
fn the_server_refuses_to_start_on_an_invalid_instrument_and_names_it() {
    let dir = tempfile::tempdir().unwrap();
    let surveys = dir.path().join("surveys");
    std::fs::create_dir(&surveys).unwrap();
    std::fs::write(surveys.join("bad-v1.toml"), "id = \"bad\"\nversion = 1\n").unwrap();
    let mut command = Command::new(env!("CARGO_BIN_EXE_ahual"));
    command
        .args(["serve", "--demo", "--bind", "127.0.0.1:0"])
        .current_dir(dir.path())
        .env("AHUAL_SURVEYS_DIR", &surveys);
    let output = command.output().unwrap();
    assert!(!output.status.success());
    assert!(stderr(&output).contains("bad-v1.toml"), "{}", stderr(&output));
}

async fn wave_open_prints_json_once_and_wave_close_closes(backend: Backend) {
    let db = TestDatabase::create(backend);
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("roster.toml"), ROSTER).unwrap();
    assert!(ahual(dir.path(), &["import", "--database-url", &db.url, "roster.toml"], None).status.success());
    let surveys = concat!(env!("CARGO_MANIFEST_DIR"), "/surveys");
    let open = |extra: &[&str]| {
        let mut args = vec![
            "wave",
            "open",
            "--database-url",
            &db.url,
            "--school",
            "SCH-0001",
            "--instrument",
            "school-climate",
            "--json",
        ];
        args.extend_from_slice(extra);
        let mut command = Command::new(env!("CARGO_BIN_EXE_ahual"));
        command.args(&args).current_dir(dir.path()).env("AHUAL_SURVEYS_DIR", surveys).env("AHUAL_LOG", "warn");
        command.output().unwrap()
    };
    let output = open(&["--classes", "7A"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let json: serde_json::Value = serde_json::from_str(stdout(&output).trim()).unwrap();
    assert_eq!(json["classes"][0]["label"], "7A");
    let password = json["classes"][0]["password"].as_str().unwrap();
    assert_eq!(password.len(), 10);
    let same_period = open(&["--codes"]);
    assert!(!same_period.status.success(), "one wave per school and reporting period");
    assert!(stderr(&same_period).contains("reporting period"), "{}", stderr(&same_period));
    let today = ahual::domain::survey::wave::local_date(chrono::Utc::now());
    let next = ahual::domain::period::ReportingPeriod::containing(today).next().first_day();
    let (opens, closes) = (next.to_string(), (next + chrono::Duration::days(7)).to_string());
    let codes = open(&["--codes", "--opens", &opens, "--closes", &closes]);
    assert!(codes.status.success(), "{}", stderr(&codes));
    let json_codes: serde_json::Value = serde_json::from_str(stdout(&codes).trim()).unwrap();
    assert_eq!(json_codes["classes"][0]["codes"].as_array().unwrap().len(), 25, "one code per pupil on the roll");
    let unknown = open(&["--classes", "9Z"]);
    assert!(!unknown.status.success() && stderr(&unknown).contains("9Z"));
    let id = json["wave_id"].as_str().unwrap();
    let wave_id = ahual::domain::ids::WaveId::parse(id).unwrap();
    common::pupil::fill(&mut db.pool().get().unwrap(), wave_id, &[("7A", 12, r#"{"victim_verbal":3,"sh_now":1}"#)]);
    let mut command = Command::new(env!("CARGO_BIN_EXE_ahual"));
    command
        .args(["wave", "close", id, "--database-url", &db.url])
        .current_dir(dir.path())
        .env("AHUAL_SURVEYS_DIR", surveys);
    let closed = command.output().unwrap();
    assert!(stdout(&closed).contains("closed"), "{}", stderr(&closed));
    let wave =
        ahual::db::waves::get(&mut db.pool().get().unwrap(), ahual::domain::ids::WaveId::parse(id).unwrap(), None)
            .unwrap();
    assert!(wave.closed);
    let flags = |extra: &[&str]| {
        let mut args = vec!["flags", "run", "--database-url", &db.url];
        args.extend_from_slice(extra);
        let mut command = Command::new(env!("CARGO_BIN_EXE_ahual"));
        command.args(&args).current_dir(dir.path()).env("AHUAL_SURVEYS_DIR", surveys).env("AHUAL_LOG", "warn");
        command.output().unwrap()
    };
    let again = flags(&["--wave", id, "--json"]);
    assert!(again.status.success(), "{}", stderr(&again));
    let report: serde_json::Value = serde_json::from_str(stdout(&again).trim()).unwrap();
    assert_eq!(report["created"].as_array().unwrap().len(), 0, "closing already referred the class: {report}");
    assert_eq!(report["existing"], 1);
    let bad = flags(&["--wave", "not-a-wave"]);
    assert!(!bad.status.success() && stderr(&bad).contains("not-a-wave"));
}

on_both_backends!(
    an_import_with_one_bad_row_writes_nothing_and_names_the_row,
    a_reimport_updates_and_never_duplicates,
    wave_open_prints_json_once_and_wave_close_closes,
);
