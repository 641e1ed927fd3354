//! `ahual backup PATH`: a consistent copy of the SQLite database, made while the server runs and
//! pupils submit (`db::backup`). It refuses to write over an existing file, and refuses a PostgreSQL
//! database, whose copy is `pg_dump -Fc` (docs/operations.md). Check a copy with `ahual verify` and
//! `ahual audit verify` pointed at it.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, bail};
use clap::Args;

use super::{Cli, setup};
use crate::config::SecretPolicy;
use crate::db::{self, DatabaseUrl, backup};

/// Options of `ahual backup`.
#[derive(Args, Debug)]
pub struct BackupArgs {
    /// The file to write: a new file (an existing one is never overwritten), in an existing folder
    #[arg(value_name = "PATH")]
    path: PathBuf,
}

/// Makes the copy and says where it is and how to check it.
pub fn run(cli: &Cli, args: &BackupArgs) -> anyhow::Result<ExitCode> {
    let settings = setup::settings(cli, Vec::new(), SecretPolicy::NotNeeded)?;
    setup::init_logging(&settings.log);
    if args.path.exists() {
        bail!("{} already exists: a backup never overwrites a file; choose a new name", args.path.display());
    }
    match &settings.database_url {
        DatabaseUrl::Postgres(_) => bail!("{}", backup::BackupError::Postgres),
        DatabaseUrl::Sqlite(source) if !source.exists() => {
            bail!("there is no database at {}: check --database-url", source.display())
        }
        DatabaseUrl::Sqlite(_) => {}
    }
    // Only a connection: a backup changes nothing in the database it copies (no migrations).
    let pool = db::connect(&settings.database_url, 1)?;
    let mut conn = pool.get()?;
    backup::copy_sqlite(&mut conn, &args.path).with_context(|| format!("cannot write {}", args.path.display()))?;
    // SQLite writes the copy without syncing it; a backup that a power cut could lose is none.
    std::fs::File::open(&args.path).and_then(|f| f.sync_all()).context("cannot flush the copy to disk")?;
    let bytes = std::fs::metadata(&args.path).map(|m| m.len()).unwrap_or(0);
    println!("copied the database to {} ({bytes} bytes)", args.path.display());
    println!("check it: ahual --database-url sqlite://{} verify (and audit verify)", args.path.display());
    Ok(ExitCode::SUCCESS)
}
