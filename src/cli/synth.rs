//! `ahual synth`: fills an empty database (SQLite or PostgreSQL, from the configured URL) with a
//! synthetic country for benchmarks, through the production code paths, and says how long it took.
//! `--json` prints the report with every planted class, so tests and benchmarks can look for them.

use std::process::ExitCode;

use anyhow::Context;
use chrono::Utc;
use clap::Args;

use super::{Cli, setup};
use crate::config::SecretPolicy;
use crate::db::DatabaseUrl;
use crate::synth::plan::{Profile, SynthSize};
use crate::synth::{SynthOptions, SynthReport, run as synthesise};

/// Options of `ahual synth`.
#[derive(Args, Debug)]
pub struct SynthArgs {
    /// Regions (the first of the 20 built-in ones)
    #[arg(long, default_value_t = 20)]
    regions: usize,
    /// Schools
    #[arg(long, default_value_t = 7_500)]
    schools: usize,
    /// Responses in all
    #[arg(long, default_value_t = 4_000_000)]
    responses: u64,
    /// Seed of the plan and the answers (same seed, same data)
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Multiply schools and responses by this, for quick runs (0.01 is a hundredth)
    #[arg(long, default_value_t = 1.0)]
    scale: f64,
    /// Print the report as JSON, with every planted class
    #[arg(long)]
    json: bool,
    /// Connections writing at once on PostgreSQL (SQLite has one writer, so always 1 there)
    #[arg(long, default_value_t = 2)]
    workers: usize,
}

fn profile_name(profile: Profile) -> &'static str {
    match profile {
        Profile::Quiet => "quiet",
        Profile::Bullying => "bullying",
        Profile::Acute => "acute",
        Profile::UnderK => "under_k",
    }
}

fn print(report: &SynthReport, json: bool) {
    let seconds = (report.load_time + report.close_time).as_secs_f64();
    if json {
        let planted: Vec<serde_json::Value> = report
            .planted
            .iter()
            .map(|p| {
                serde_json::json!({ "school": p.school, "label": p.label, "class_id": p.class_id,
                    "profile": profile_name(p.profile), "responses": p.responses })
            })
            .collect();
        let out = serde_json::json!({
            "schools": report.schools, "classes": report.classes, "responses": report.responses,
            "load_seconds": report.load_time.as_secs_f64(), "close_seconds": report.close_time.as_secs_f64(),
            "planted": planted,
        });
        println!("{out}");
    } else {
        let count = |p: Profile| report.planted.iter().filter(|c| c.profile == p).count();
        println!(
            "{} schools, {} classes, {} responses in {seconds:.1} s ({:.1} s writing, {:.1} s counting and flags); \
             planted: {} bullying, {} acute, {} under k",
            report.schools,
            report.classes,
            report.responses,
            report.load_time.as_secs_f64(),
            report.close_time.as_secs_f64(),
            count(Profile::Bullying),
            count(Profile::Acute),
            count(Profile::UnderK),
        );
    }
}

/// Runs the generator.
pub fn run(cli: &Cli, args: &SynthArgs) -> anyhow::Result<ExitCode> {
    let size = SynthSize::new(args.regions, args.schools, args.responses, args.scale).map_err(anyhow::Error::msg)?;
    let settings = setup::settings(cli, Vec::new(), SecretPolicy::NotNeeded)?;
    setup::init_logging(&settings.log);
    let ctx = setup::flag_context(&settings, setup::catalog(&settings)?);
    let catalog = ctx.catalog.clone();
    let instrument = catalog.latest("school-climate").context("the default instrument school-climate is not loaded")?;
    let workers = match settings.database_url {
        DatabaseUrl::Postgres(_) => args.workers.max(1),
        DatabaseUrl::Sqlite(_) => 1,
    };
    let pool = setup::database(&settings, u32::try_from(workers).unwrap_or(u32::MAX))?;
    let step = (size.schools / 20).max(1);
    let report = synthesise(
        &pool,
        &ctx,
        instrument,
        SynthOptions { size, seed: args.seed, workers },
        Utc::now().naive_utc(),
        |done, all| {
            if done % step == 0 || done == all {
                tracing::info!(done, all, "schools written");
            }
        },
    )?;
    print(&report, args.json);
    Ok(ExitCode::SUCCESS)
}
