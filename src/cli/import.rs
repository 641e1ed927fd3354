//! `ahual import FILE`: a TOML roster, or a CSV or XLSX table of one kind (`import_table`). Checks the
//! whole file, then writes it in one transaction, audited as `cli`.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::Args;

use super::{Cli, setup};
use crate::app::import_roster;
use crate::config::SecretPolicy;
use crate::db::schools;
use crate::domain::audit::Actor;
use crate::domain::password::hash_password;
use crate::domain::roster::headers::Kind;
use crate::domain::roster::{Roster, parse_roster};

/// Options of `import`.
#[derive(Args, Debug)]
pub struct ImportArgs {
    /// The roster file: .toml, .csv or .xlsx
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// What a CSV or XLSX file lists (schools, classes or staff); found from its headers when left out
    #[arg(long, value_parser = parse_kind)]
    pub kind: Option<Kind>,
}

fn parse_kind(text: &str) -> Result<Kind, String> {
    Kind::parse(text).ok_or_else(|| "use schools, classes or staff".to_owned())
}

fn is_toml(path: &std::path::Path) -> bool {
    path.extension().is_some_and(|e| e.eq_ignore_ascii_case("toml"))
}

/// The checked roster, or every problem as a line to print.
fn check(args: &ImportArgs, bytes: &[u8], known: &HashSet<String>) -> Result<Roster, Vec<String>> {
    if !is_toml(&args.file) {
        return super::import_table::check_file(&args.file, bytes, args.kind, known);
    }
    let name = args.file.display();
    let source = std::str::from_utf8(bytes).map_err(|_| vec![format!("{name}: not UTF-8")])?;
    parse_roster(source, known)
        .map_err(|errors| errors.iter().map(|e| format!("{name}:{}: {}", e.line, e.message)).collect())
}

/// Runs the import; every bad row is printed as `FILE:LINE: message` (`FILE:ROW:COLUMN: message` for a
/// table) and nothing is written.
pub fn run(cli: &Cli, args: &ImportArgs) -> anyhow::Result<ExitCode> {
    let settings = setup::settings(cli, Vec::new(), SecretPolicy::NotNeeded)?;
    setup::init_logging(&settings.log);
    let bytes = std::fs::read(&args.file).with_context(|| format!("cannot read {}", args.file.display()))?;
    let pool = setup::database(&settings, 1)?;
    let mut conn = pool.get()?;
    let known: HashSet<String> = schools::all_codes(&mut conn)?.into_iter().collect();
    let parsed = match check(args, &bytes, &known) {
        Ok(parsed) => parsed,
        Err(errors) => {
            for error in &errors {
                eprintln!("{error}");
            }
            eprintln!("error: {} problem(s) found; nothing was imported", errors.len());
            return Ok(ExitCode::FAILURE);
        }
    };
    let mut hashes = HashMap::new();
    for user in &parsed.users {
        let hash = hash_password(&user.password).map_err(|e| anyhow::anyhow!("cannot hash a password: {e}"))?;
        hashes.insert(user.login.as_str().to_owned(), hash);
    }
    let counts = import_roster::apply(&mut conn, Actor::Cli, &parsed, &hashes)?;
    println!(
        "imported: schools {} new, {} updated; classes {} new, {} updated; users {} new, {} updated",
        counts.schools_created,
        counts.schools_updated,
        counts.classes_created,
        counts.classes_updated,
        counts.users_created,
        counts.users_updated
    );
    Ok(ExitCode::SUCCESS)
}
