//! `ahual audit verify`: walks the hash chain of the audit log and names the first broken link.

use std::process::ExitCode;

use clap::Subcommand;

use super::{Cli, setup};
use crate::config::SecretPolicy;
use crate::db::audit;

/// Audit log actions.
#[derive(Subcommand, Debug)]
pub enum AuditCommand {
    /// Check that no entry of the audit log was changed, removed or reordered
    Verify,
}

/// Runs an audit action; exit code 1 on a broken chain.
pub fn run(cli: &Cli, action: &AuditCommand) -> anyhow::Result<ExitCode> {
    let AuditCommand::Verify = action;
    let settings = setup::settings(cli, Vec::new(), SecretPolicy::NotNeeded)?;
    setup::init_logging(&settings.log);
    let pool = setup::database(&settings, 1)?;
    let mut conn = pool.get()?;
    match audit::verify(&mut conn)? {
        Ok(entries) => {
            println!("audit log intact: {entries} entries");
            Ok(ExitCode::SUCCESS)
        }
        Err(broken) => {
            eprintln!("audit log broken at entry {}: {}", broken.seq, broken.reason);
            Ok(ExitCode::FAILURE)
        }
    }
}
