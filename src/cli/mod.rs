//! The command line (clap): `serve`, `migrate`, `import`, `user`, `verify`, `backup` and more. Each
//! subcommand lives in its own file; errors end in one line on stderr and exit code 1.

mod audit;
mod backup;
mod flags;
mod import;
mod import_table;
mod serve;
mod setup;
mod survey;
mod synth;
mod user;
mod verify;
mod wave;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};

use crate::domain::region::region_code_list;

/// Anonymous school-climate surveys with k-anonymous figures and referrals to regional centres.
#[derive(Parser, Debug)]
#[command(name = "ahual", version, about, long_about = None)]
pub struct Cli {
    /// Configuration file [default: ./ahual.toml when present]
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Database: sqlite://PATH (default sqlite://ahual.db) or postgres://USER@HOST/DB
    #[arg(long, global = true, value_name = "URL")]
    pub database_url: Option<String>,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Subcommand, Debug)]
pub enum Command {
    /// Run the web server (migrations are applied first)
    Serve(serve::ServeArgs),
    /// Apply pending database migrations and exit
    Migrate,
    /// Create or update schools, classes and staff from a roster file (TOML)
    Import(import::ImportArgs),
    /// Manage staff accounts
    User {
        /// The action.
        #[command(subcommand)]
        action: user::UserCommand,
    },
    /// Check questionnaire files
    Survey {
        /// The action.
        #[command(subcommand)]
        action: survey::SurveyCommand,
    },
    /// Write a consistent copy of the SQLite database to a new file, while the server runs
    Backup(backup::BackupArgs),
    /// Check the audit log
    Audit {
        /// The action.
        #[command(subcommand)]
        action: audit::AuditCommand,
    },
    /// Run the flag statistics and create referrals
    Flags {
        /// The action.
        #[command(subcommand)]
        action: flags::FlagsCommand,
    },
    /// Fill an empty database with a synthetic country (benchmarks, load tests)
    Synth(synth::SynthArgs),
    /// Recount every counter from the stored responses and report each difference (exit 1 when any)
    Verify(verify::VerifyArgs),
    /// Open and close survey waves
    Wave {
        /// The action.
        #[command(subcommand)]
        action: wave::WaveCommand,
    },
}

fn parse_cli() -> Cli {
    let import_help = format!(
        "A TOML file holds [[school]], [[class]] and [[user]] tables (see README); a CSV or XLSX file holds one\n\
         kind (see docs/rosters.md), named by --kind or by its headers. It is checked as a whole first;\n\
         nothing is written when any row is wrong. Re-importing updates rows matched by code, class label and\n\
         login, and never resets an existing account's password.\n\nRegion codes (ISO 3166-2:KZ):\n{}",
        region_code_list()
    );
    let command = Cli::command().mut_subcommand("import", |c| c.after_help(import_help));
    let matches = command.get_matches();
    Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.exit())
}

/// Entry point of the binary.
pub fn run() -> ExitCode {
    let cli = parse_cli();
    let result = match cli.command {
        Command::Serve(ref args) => serve::run(&cli, args),
        Command::Migrate => setup::migrate_only(&cli),
        Command::Import(ref args) => import::run(&cli, args),
        Command::User { ref action } => user::run(&cli, action),
        Command::Survey { ref action } => survey::run(action),
        Command::Wave { ref action } => wave::run(&cli, action),
        Command::Audit { ref action } => audit::run(&cli, action),
        Command::Backup(ref args) => backup::run(&cli, args),
        Command::Flags { ref action } => flags::run(&cli, action),
        Command::Verify(ref args) => verify::run(&cli, args),
        Command::Synth(ref args) => synth::run(&cli, args),
    };
    match result {
        Ok(code) => code,
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::FAILURE
        }
    }
}
