//! `ahual import FILE.toml`: checks the whole roster, then writes it in one transaction, audited as `cli`.

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
use crate::domain::roster::parse_roster;

/// Options of `import`.
#[derive(Args, Debug)]
pub struct ImportArgs {
    /// The roster file
    #[arg(value_name = "FILE.toml")]
    pub file: PathBuf,
}

/// Runs the import; every bad row is printed as `FILE:LINE: message` and nothing is written.
pub fn run(cli: &Cli, args: &ImportArgs) -> anyhow::Result<ExitCode> {
    let settings = setup::settings(cli, Vec::new(), SecretPolicy::NotNeeded)?;
    setup::init_logging(&settings.log);
    let source = std::fs::read_to_string(&args.file).with_context(|| format!("cannot read {}", args.file.display()))?;
    let pool = setup::database(&settings, 1)?;
    let mut conn = pool.get()?;
    let known: HashSet<String> = schools::all_codes(&mut conn)?.into_iter().collect();
    let parsed = match parse_roster(&source, &known) {
        Ok(parsed) => parsed,
        Err(errors) => {
            for error in &errors {
                eprintln!("{}:{}: {}", args.file.display(), error.line, error.message);
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
