//! The command line records its changes of who may look as `cli`: an import's schools and accounts
//! (and nothing when re-imported unchanged), `user add` and `user passwd`, `wave open` with the count
//! of passwords or codes it printed, and `wave close`. No printed secret reaches the log. Runs on
//! SQLite and PostgreSQL.
#![allow(clippy::unwrap_used)]

use crate::common;

use std::process::Output;

use ahual::db::{schools, users};
use ahual::domain::ids::WaveId;
use ahual::domain::organisation::SchoolCode;
use common::audit_log::{all_text, assert_chain_intact, entry, mark, since};
use common::command::{ROSTER, ahual_with};
use common::{Backend, TestDatabase};

/// Runs `ahual args` in `dir` with the shipped instruments and `stdin` as input; it must succeed.
fn ahual(dir: &std::path::Path, args: &[&str], stdin: Option<&str>) -> Output {
    let surveys = concat!(env!("CARGO_MANIFEST_DIR"), "/surveys");
    let output = ahual_with(dir, args, stdin, &[("AHUAL_SURVEYS_DIR", surveys)]);
    assert!(output.status.success(), "ahual {args:?}: {}", String::from_utf8_lossy(&output.stderr));
    output
}

async fn the_command_line_records_its_changes_as_cli(backend: Backend) {
    let db = TestDatabase::create(backend);
    let dir = tempfile::tempdir().unwrap();
    let url = db.url.as_str();
    let mut conn = db.pool().get().unwrap();
    std::fs::write(dir.path().join("roster.toml"), ROSTER).unwrap();
    ahual(dir.path(), &["import", "--database-url", url, "roster.toml"], None);
    let school = schools::find_by_code(&mut conn, &SchoolCode::parse("SCH-0001").unwrap()).unwrap().id;
    let psy = users::find_id_by_login(&mut conn, "psy0001").unwrap().unwrap();
    assert_eq!(
        since(&mut conn, 0),
        [
            entry("cli", "school_created", format!("school:{school}:region:KZ-71")),
            entry("cli", "user_created", format!("user:{psy}:role:psychologist:school:{school}")),
        ]
    );
    let before = mark(&mut conn);
    ahual(dir.path(), &["import", "--database-url", url, "roster.toml"], None);
    assert_eq!(since(&mut conn, before), [], "an unchanged re-import records nothing");
    let add = ["user", "add", "root", "--role", "admin", "--name", "Root", "--database-url", url];
    ahual(dir.path(), &add, Some("a long admin pass\n"));
    ahual(dir.path(), &["user", "passwd", "root", "--database-url", url], Some("another admin pass\n"));
    let root = users::find_id_by_login(&mut conn, "root").unwrap().unwrap();
    let open = ["wave", "open", "--database-url", url, "--school", "SCH-0001", "--instrument", "school-climate"];
    let password = ahual(dir.path(), &[&open[..], &["--json"]].concat(), None);
    // One wave per school and reporting period: the second opens in the next half-year.
    let today = ahual::domain::survey::wave::local_date(chrono::Utc::now());
    let next = ahual::domain::period::ReportingPeriod::containing(today).next().first_day();
    let (opens, closes) = (next.to_string(), (next + chrono::Duration::days(7)).to_string());
    let later = ["--json", "--codes", "--opens", &opens, "--closes", &closes];
    let codes = ahual(dir.path(), &[&open[..], &later[..]].concat(), None);
    let printed: Vec<serde_json::Value> =
        [password, codes].iter().map(|o| serde_json::from_slice(&o.stdout).unwrap()).collect();
    let wave = |n: usize| WaveId::parse(printed[n]["wave_id"].as_str().unwrap()).unwrap();
    ahual(dir.path(), &["wave", "close", &wave(0).to_string(), "--database-url", url], None);
    assert_eq!(
        since(&mut conn, before),
        [
            entry("cli", "user_created", format!("user:{root}:role:admin")),
            entry("cli", "password_set", format!("user:{root}")),
            entry("cli", "wave_opened", format!("wave:{}", wave(0))),
            entry("cli", "wave_codes_issued", format!("wave:{}:passwords:1", wave(0))),
            entry("cli", "wave_opened", format!("wave:{}", wave(1))),
            entry("cli", "wave_codes_issued", format!("wave:{}:codes:25", wave(1))),
            entry("cli", "wave_closed", format!("wave:{}", wave(0))),
        ]
    );
    let text = all_text(&mut conn);
    let class_password = printed[0]["classes"][0]["password"].as_str().unwrap();
    let first_code = printed[1]["classes"][0]["codes"][0].as_str().unwrap();
    let secrets =
        [class_password, first_code, "a long admin pass", "another admin pass", "initial password", "example.kz"];
    for secret in secrets {
        assert!(!text.contains(secret), "`{secret}` is in the audit log:\n{text}");
    }
    assert_chain_intact(&mut conn);
}

on_both_backends!(the_command_line_records_its_changes_as_cli);
