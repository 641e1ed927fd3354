//! `cargo bench --bench flags -- --database-url URL [--wave ID] [--runs N] [--json FILE]`
//!
//! Issue 6, part 2(d): the flags of a region wave on data of `ahual synth`. Times `ahual flags run
//! --wave ID --json` (the release binary, as an operator runs it) and, in this process, its parts:
//! reading the region's counts, the statistics over every class, and the whole run without process
//! start-up. By default the wave is the closed wave of the largest school of the region with the most
//! classes. Synth's sweep has already run the flags once, so those runs assess every class and create
//! nothing. The first run as at a close, which also writes every referral, is timed in-process inside
//! a transaction that removes the region's referrals first and is always rolled back.

#[path = "../common/args.rs"]
mod args;
#[path = "../common/cli.rs"]
mod cli;
#[path = "../common/percentile.rs"]
mod percentile;

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::Context;
use chrono::Utc;
use diesel::prelude::*;
use diesel::result::Error as DieselError;

use ahual::app::catalog_files::load_catalog;
use ahual::app::run_flags::{self, FlagContext};
use ahual::db::DatabaseUrl;
use ahual::db::schema::{outbox, referral_flags, referral_notes, referrals, schools, wave_classes, waves};
use ahual::db::{DbConnection, region_counts};
use ahual::domain::disclosure::K;
use ahual::domain::flagging::flag_classes;
use ahual::domain::ids::WaveId;
use ahual::domain::region::RegionCode;
use percentile::percentile_ms;

/// The target for a region wave of 30,000 classes.
const TARGET_MS: f64 = 1000.0;

struct Options {
    database_url: String,
    wave: Option<String>,
    runs: usize,
    json: Option<String>,
}

fn options() -> anyhow::Result<Options> {
    let (mut url, mut o) = (None, Options { database_url: String::new(), wave: None, runs: 5, json: None });
    for (flag, value) in args::flag_values()? {
        match flag.as_str() {
            "--database-url" => url = Some(value),
            "--wave" => o.wave = Some(value),
            "--runs" => o.runs = value.parse::<usize>().with_context(|| format!("--runs {value}"))?.max(1),
            "--json" => o.json = Some(value),
            other => anyhow::bail!("unknown option {other}"),
        }
    }
    o.database_url = url.context("--database-url URL is required (a database filled by `ahual synth`)")?;
    Ok(o)
}

/// The closed wave of the largest school (most wave classes) of the region with the most wave classes.
fn default_wave(conn: &mut DbConnection) -> anyhow::Result<String> {
    let rows: Vec<(String, String)> = wave_classes::table
        .inner_join(waves::table.inner_join(schools::table))
        .filter(waves::closed_at.is_not_null())
        .select((schools::region_code, waves::id))
        .load(conn)?;
    let mut regions: BTreeMap<&str, usize> = BTreeMap::new();
    let mut wave_sizes: BTreeMap<(&str, &str), usize> = BTreeMap::new();
    for (region, wave) in &rows {
        *regions.entry(region).or_default() += 1;
        *wave_sizes.entry((region, wave)).or_default() += 1;
    }
    let region = regions.iter().max_by_key(|(code, n)| (**n, std::cmp::Reverse(**code))).map(|(c, _)| *c);
    wave_sizes
        .iter()
        .filter(|((r, _), _)| Some(*r) == region)
        .max_by_key(|((_, wave), n)| (**n, std::cmp::Reverse(*wave)))
        .map(|((_, wave), _)| (*wave).to_owned())
        .context("the database holds no closed wave: fill it with `ahual synth` first")
}

/// The run as at a wave's close, when nothing of the region is referred yet: inside one transaction
/// that is always rolled back, the region's referrals (with their flags, notes and messages) are
/// removed and the flags run. Returns how long the run took and what it did; the database is left as
/// it was.
fn first_run(
    conn: &mut DbConnection,
    region: &RegionCode,
    wave: WaveId,
    ctx: &FlagContext,
) -> anyhow::Result<(Duration, run_flags::FlagRunReport)> {
    let mut measured = None;
    let rolled_back = conn.transaction::<(), DieselError, _>(|c| {
        let ids = || referrals::table.filter(referrals::region_code.eq(region.as_str())).select(referrals::id);
        diesel::delete(referral_flags::table.filter(referral_flags::referral_id.eq_any(ids()))).execute(c)?;
        diesel::delete(referral_notes::table.filter(referral_notes::referral_id.eq_any(ids()))).execute(c)?;
        diesel::delete(outbox::table.filter(outbox::referral_id.eq_any(ids().select(referrals::id.nullable()))))
            .execute(c)?;
        diesel::delete(referrals::table.filter(referrals::region_code.eq(region.as_str()))).execute(c)?;
        let started = Instant::now();
        let report = run_flags::run(c, wave, ctx, Utc::now().naive_utc());
        measured = Some((started.elapsed(), report));
        Err(DieselError::RollbackTransaction)
    });
    match (rolled_back, measured) {
        (Err(DieselError::RollbackTransaction), Some((took, report))) => Ok((took, report?)),
        (Err(other), _) => Err(other.into()),
        _ => anyhow::bail!("the first-run transaction ended without the run"),
    }
}

/// Runs `work` `runs` times and returns the sorted durations and the last result.
fn timed<T>(runs: usize, mut work: impl FnMut() -> anyhow::Result<T>) -> anyhow::Result<(Vec<Duration>, T)> {
    let mut took = Vec::with_capacity(runs);
    let mut last = None;
    for _ in 0..runs {
        let started = Instant::now();
        last = Some(work()?);
        took.push(started.elapsed());
    }
    took.sort_unstable();
    Ok((took, last.context("no run")?))
}

fn main() -> anyhow::Result<()> {
    let o = options()?;
    let url = DatabaseUrl::parse(&o.database_url).map_err(anyhow::Error::msg)?;
    let pool = ahual::db::connect(&url, 1)?;
    let mut conn = pool.get()?;
    let wave = match &o.wave {
        Some(w) => w.clone(),
        None => default_wave(&mut conn)?,
    };
    let wave_id = WaveId::parse(&wave).with_context(|| format!("{wave} is not a wave id"))?;
    let wave_row = ahual::db::waves::get(&mut conn, wave_id, None)?;
    let region: RegionCode =
        ahual::db::schools::get(&mut conn, wave_row.school_id, ahual::db::schools::SchoolFilter::All)?.region;
    let catalog = Arc::new(load_catalog(&cli::surveys_dir()).map_err(|e| anyhow::anyhow!("surveys: {e:?}"))?);
    let instrument = catalog.get(&wave_row.instrument).context("the wave's questionnaire is not loaded")?;
    let version = &wave_row.instrument;
    let dir = tempfile::tempdir()?;
    eprintln!("wave {wave} of region {region}: {} run(s) of each…", o.runs);

    let (command, printed) = timed(o.runs, || {
        let out = cli::run(&o.database_url, dir.path(), &["flags", "run", "--wave", &wave, "--json"], None)?;
        Ok(serde_json::from_str::<serde_json::Value>(&out)?)
    })?;
    // What the flag run reads: the indicators with a flag rule, where a class has positives.
    let ruled: Vec<&str> = instrument.flag_rules().iter().map(|rule| rule.indicator()).collect();
    let (read, counts) = timed(o.runs, || Ok(region_counts::latest_of(&mut conn, &region, version, &ruled)?))?;
    let k = K::default();
    let (assess, flags) = timed(o.runs, || Ok(flag_classes(&counts.schools, instrument, k)))?;
    let ctx = FlagContext::new(catalog.clone(), k, ahual::notify::NotifyPlan::default());
    let (whole, run) = timed(o.runs, || Ok(run_flags::run(&mut conn, wave_id, &ctx, Utc::now().naive_utc())?))?;
    let mut first = Vec::with_capacity(o.runs);
    let mut first_report = run_flags::FlagRunReport::default();
    for _ in 0..o.runs {
        let (took, report) = first_run(&mut conn, &region, wave_id, &ctx)?;
        first.push(took);
        first_report = report;
    }
    first.sort_unstable();

    let classes: usize = counts.schools.iter().map(|s| s.classes.len()).sum();
    let created = printed["created"].as_array().map_or(0, Vec::len);
    let median_and_max =
        |d: &[Duration]| (percentile_ms(d, 50.0), d.last().map_or(f64::NAN, |x| x.as_secs_f64() * 1e3));
    let met = |ms: f64| if ms <= TARGET_MS { "yes" } else { "**no**" };
    let rows = [
        (
            format!(
                "`ahual flags run --wave ID --json`, whole process ({} classes assessed, {created} created, {} already referred)",
                printed["classes"], printed["existing"]
            ),
            &command,
            true,
        ),
        (
            format!("in-process: read the region's counts ({} schools, {classes} classes)", counts.schools.len()),
            &read,
            false,
        ),
        (format!("in-process: statistics over every class and flag rule ({} flags)", flags.len()), &assess, false),
        (
            format!(
                "in-process: whole flag run without process start ({} classes, {} created)",
                run.classes,
                run.created.len()
            ),
            &whole,
            true,
        ),
        (
            format!(
                "in-process: first run as at the close (the region's referrals removed in a rolled-back transaction; {} created)",
                first_report.created.len()
            ),
            &first,
            true,
        ),
    ];
    println!("| figure | median | slowest of {} | target | met |\n|---|---|---|---|---|", o.runs);
    for (name, durations, judged) in &rows {
        let (median, slowest) = median_and_max(durations);
        let (target, ok) = if *judged {
            (format!("≤ {TARGET_MS:.0} ms"), met(slowest).to_owned())
        } else {
            (String::new(), String::new())
        };
        println!("| {name} | {median:.0} ms | {slowest:.0} ms | {target} | {ok} |");
    }
    if let Some(path) = &o.json {
        let figure =
            |d: &[Duration]| serde_json::json!({ "median_ms": median_and_max(d).0, "max_ms": median_and_max(d).1 });
        let document = serde_json::json!({
            "wave": wave, "region": region.as_str(), "schools": counts.schools.len(), "classes": classes,
            "runs": o.runs, "target_ms": TARGET_MS, "cli_output": printed,
            "cli_whole_process": figure(&command), "read_counts": figure(&read),
            "statistics": figure(&assess), "flags": flags.len(), "in_process_run": figure(&whole),
            "in_process_first_run": figure(&first), "first_run_created": first_report.created.len(),
        });
        std::fs::write(path, serde_json::to_string_pretty(&document)?).with_context(|| format!("writing {path}"))?;
        eprintln!("wrote {path}");
    }
    Ok(())
}
