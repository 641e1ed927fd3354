//! Running the release `ahual` command as an operator would, for the benches: on a given database,
//! with the repository's questionnaires, optionally with one line on standard input (a password).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// The questionnaires of the repository.
pub fn surveys_dir() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/surveys"))
}

/// `ahual` (the binary cargo built for this bench) set up for the database at `url`, run in `dir`.
pub fn command(url: &str, dir: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_ahual"));
    command
        .current_dir(dir)
        .env("AHUAL_DATABASE_URL", url)
        .env("AHUAL_SURVEYS_DIR", surveys_dir())
        .env("AHUAL_LOG", "warn");
    command
}

/// Runs `ahual ARGS` on the database at `url`, feeding `stdin` when given, and returns its standard
/// output; a failure carries the command's standard error.
pub fn run(url: &str, dir: &Path, args: &[&str], stdin: Option<&str>) -> anyhow::Result<String> {
    let mut child = command(url, dir)
        .args(args)
        .stdin(if stdin.is_some() { Stdio::piped() } else { Stdio::null() })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()?;
    if let (Some(text), Some(mut pipe)) = (stdin, child.stdin.take()) {
        pipe.write_all(text.as_bytes())?;
    }
    let output = child.wait_with_output()?;
    if !output.status.success() {
        anyhow::bail!("ahual {}: {}", args.join(" "), String::from_utf8_lossy(&output.stderr));
    }
    Ok(String::from_utf8(output.stdout)?)
}
