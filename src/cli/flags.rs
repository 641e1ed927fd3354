//! `ahual flags run --wave ID [--json]`: runs the flag statistics of the wave's region and
//! questionnaire version and stores new referrals, as closing the wave does. Running it again creates
//! nothing twice.

use std::process::ExitCode;

use anyhow::Context;
use chrono::Utc;
use clap::Subcommand;

use super::{Cli, setup};
use crate::app::run_flags;
use crate::config::SecretPolicy;
use crate::domain::ids::WaveId;

/// Flag actions.
#[derive(Subcommand, Debug)]
pub enum FlagsCommand {
    /// Assess the classes of a closed wave's region and refer the ones that stand out
    Run {
        /// The wave (closed and counted)
        #[arg(long, value_name = "ID")]
        wave: String,
        /// Print the result as JSON
        #[arg(long)]
        json: bool,
    },
}

/// Runs a flags action.
pub fn run(cli: &Cli, action: &FlagsCommand) -> anyhow::Result<ExitCode> {
    let FlagsCommand::Run { wave, json } = action;
    let settings = setup::settings(cli, Vec::new(), SecretPolicy::NotNeeded)?;
    setup::init_logging(&settings.log);
    let wave_id = WaveId::parse(wave).with_context(|| format!("`{wave}` is not a wave id"))?;
    let ctx = setup::flag_context(&settings, setup::catalog(&settings)?);
    let pool = setup::database(&settings, 1)?;
    let mut conn = pool.get()?;
    let report = run_flags::run(&mut conn, wave_id, &ctx, Utc::now().naive_utc())
        .with_context(|| format!("cannot run the flags of wave {wave_id}"))?;
    let created: Vec<String> = report.created.iter().map(ToString::to_string).collect();
    if *json {
        println!(
            "{}",
            serde_json::json!({ "classes": report.classes, "created": created, "existing": report.existing })
        );
    } else {
        println!(
            "{} classes assessed; {} new referral(s), {} already referred",
            report.classes,
            created.len(),
            report.existing
        );
        for id in &created {
            println!("  {id}");
        }
    }
    Ok(ExitCode::SUCCESS)
}
