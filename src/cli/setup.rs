//! What every command does first: settings, logging, a migrated database with the built-in regions.

use std::process::ExitCode;

use super::Cli;
use crate::app::run_flags::FlagContext;
use crate::config::{ConfigInputs, SecretPolicy, Settings};
use crate::db::{self, Pool, regions};
use crate::domain::survey::catalog::Catalog;
use crate::notify::NotifyPlan;
use crate::startup;

/// Loads settings with the global flags and any command-specific `flags` on top.
pub fn settings(cli: &Cli, mut flags: Vec<(&'static str, String)>, secret: SecretPolicy) -> anyhow::Result<Settings> {
    if let Some(url) = &cli.database_url {
        flags.push(("database_url", url.clone()));
    }
    let inputs = ConfigInputs::from_process(cli.config.clone(), flags, secret);
    Ok(Settings::load(&inputs)?)
}

/// Sends tracing output to stderr with the configured filter. Pupil routes log nothing about pupils.
pub fn init_logging(filter: &str) {
    let filter =
        tracing_subscriber::EnvFilter::try_new(filter).unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    // Colours only on a terminal: journald and log files get plain text.
    let colours = std::io::IsTerminal::is_terminal(&std::io::stderr());
    let _ =
        tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr).with_ansi(colours).try_init();
}

/// Connects, applies migrations and makes sure the built-in regions exist (as the server's start
/// does: [`startup::open_database`]).
pub fn database(settings: &Settings, pool_size: u32) -> anyhow::Result<Pool> {
    Ok(startup::open_database(&settings.database_url, pool_size)?)
}

/// `ahual migrate`.
pub fn migrate_only(cli: &Cli) -> anyhow::Result<ExitCode> {
    let settings = settings(cli, Vec::new(), SecretPolicy::NotNeeded)?;
    init_logging(&settings.log);
    let pool = db::connect(&settings.database_url, 1)?;
    let mut conn = pool.get()?;
    let applied = db::migrate(&mut conn)?;
    regions::ensure_built_in(&mut conn)?;
    println!("{} migration(s) applied to the {} database", applied, settings.database_url.backend());
    Ok(ExitCode::SUCCESS)
}

/// Loads the instruments; an invalid file refuses the start with every problem as `file:line: message`.
pub fn catalog(settings: &Settings) -> anyhow::Result<Catalog> {
    Ok(startup::load_catalog(&settings.surveys_dir)?)
}

/// What closing waves and running flags needs, from the settings and the checked instruments.
pub fn flag_context(settings: &Settings, catalog: Catalog) -> FlagContext {
    FlagContext::new(std::sync::Arc::new(catalog), settings.k, NotifyPlan::new(&settings.public_url, &settings.notify))
}
