//! Running the `ahual` binary as an operator does: in a directory of its own, with no `AHUAL_*`
//! setting inherited from the test's environment; and the roster the command-line tests import.
#![allow(dead_code, clippy::unwrap_used)]

use std::io::Write;
use std::process::{Command, Output, Stdio};

/// A roster with one school in Astana, its class 7A (roll 25) and its psychologist `psy0001`.
pub const ROSTER: &str = r#"[[school]]
code = "SCH-0001"
region = "KZ-71"
name = { kk = "№1 мектеп", ru = "Школа №1", en = "School No. 1" }

[[class]]
school = "SCH-0001"
label = "7A"
grade = 7
roll = 25

[[user]]
login = "psy0001"
role = "psychologist"
school = "SCH-0001"
password = "initial password"
display_name = "Айгүл Серікқызы"
email = "psy0001@example.kz"
"#;

/// Runs `ahual args` in `dir` with `stdin` as its input.
pub fn ahual(dir: &std::path::Path, args: &[&str], stdin: Option<&str>) -> Output {
    ahual_with(dir, args, stdin, &[])
}

/// Runs `ahual args` in `dir` with `stdin` as its input and the settings `env` (such as
/// `AHUAL_SURVEYS_DIR`).
pub fn ahual_with(dir: &std::path::Path, args: &[&str], stdin: Option<&str>, env: &[(&str, &str)]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_ahual"));
    command
        .args(args)
        .current_dir(dir)
        .env("AHUAL_LOG", "warn")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (key, _) in std::env::vars().filter(|(k, _)| k.starts_with("AHUAL_") && k != "AHUAL_LOG") {
        command.env_remove(key);
    }
    command.envs(env.iter().copied());
    let mut child = command.spawn().unwrap();
    if let Some(text) = stdin {
        child.stdin.take().unwrap().write_all(text.as_bytes()).unwrap();
    }
    drop(child.stdin.take());
    child.wait_with_output().unwrap()
}
