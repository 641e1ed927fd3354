//! `cargo bench --bench submissions -- [--backend sqlite|postgres|both] [--seconds N] [--json FILE]`
//!
//! Issue 6, parts 2(a) and 2(b): pupils submitting the default questionnaire to the real release
//! server over HTTP, on SQLite and on local PostgreSQL, and in the same run the physical limit of the
//! same rows written straight into the same kind of database. Prints a Markdown table with every figure
//! next to its target and optionally writes JSON. Timings live here, never in unit tests.
//!
//! Other options: `--warmup N` (seconds, default 3), `--pupils N` (default 200), `--workers N` (server
//! HTTP workers; default: the server's own default), `--direct-connections-sqlite N` (default 1) and
//! `--direct-connections-postgres N` (default 16), `--direct-batch N` (submissions per commit in the
//! grouped direct run, default 64), `--postgres URL` (default
//! `postgres://postgres@127.0.0.1:5432`, or `AHUAL_BENCH_POSTGRES`).

#[path = "../common/mod.rs"]
mod common;

mod answers;
mod direct;
mod prepare;
mod pupils;
mod report;

use std::time::Duration;

use anyhow::Context;

use common::cpu;
use common::server::Server;
use prepare::{Backend, BenchDatabase, ROLL};
use report::BackendReport;

/// How many times the HTTP run's classes the direct runs get.
const DIRECT_ROOM: usize = 3;

/// Submissions per second the roll is sized for, per measured second, flat out and then paced (both
/// phases take places from the same classes; a class out of room fails the flow); more classes are
/// cheap. SQLite reached 4,800/s flat out.
const ROLL_SIZED_FOR: f64 = 8000.0 + 2000.0;

struct Options {
    backends: Vec<Backend>,
    seconds: u64,
    warmup: u64,
    pupils: usize,
    workers: Option<usize>,
    direct_sqlite: usize,
    direct_postgres: usize,
    direct_batch: usize,
    json: Option<String>,
    postgres: String,
}

fn options() -> anyhow::Result<Options> {
    let mut o = Options {
        backends: vec![Backend::Sqlite, Backend::Postgres],
        seconds: 10,
        warmup: 3,
        pupils: 200,
        workers: None,
        direct_sqlite: 1,
        direct_postgres: 16,
        direct_batch: 64,
        json: None,
        postgres: std::env::var("AHUAL_BENCH_POSTGRES").unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432".into()),
    };
    for (flag, value) in common::args::flag_values()? {
        let number = || value.parse::<u64>().with_context(|| format!("{flag}: not a number: {value}"));
        match flag.as_str() {
            "--backend" => {
                o.backends = match value.as_str() {
                    "sqlite" => vec![Backend::Sqlite],
                    "postgres" => vec![Backend::Postgres],
                    "both" => vec![Backend::Sqlite, Backend::Postgres],
                    other => anyhow::bail!("--backend {other}: sqlite, postgres or both"),
                }
            }
            "--seconds" => o.seconds = number()?,
            "--warmup" => o.warmup = number()?,
            "--pupils" => o.pupils = usize::try_from(number()?)?,
            "--workers" => o.workers = Some(usize::try_from(number()?)?),
            "--direct-connections-sqlite" => o.direct_sqlite = usize::try_from(number()?)?,
            "--direct-connections-postgres" => o.direct_postgres = usize::try_from(number()?)?,
            "--direct-batch" => o.direct_batch = usize::try_from(number()?)?,
            "--json" => o.json = Some(value),
            "--postgres" => o.postgres = value,
            other => anyhow::bail!("unknown option {other}"),
        }
    }
    Ok(o)
}

fn run_backend(backend: Backend, o: &Options) -> anyhow::Result<BackendReport> {
    let (warmup, measure) = (Duration::from_secs(o.warmup), Duration::from_secs(o.seconds));
    let classes = ((ROLL_SIZED_FOR * (o.warmup + o.seconds) as f64) / ROLL as f64).ceil() as usize;
    eprintln!("[{}] preparing a database with 2 schools of {classes} classes each…", backend.name());
    let database = BenchDatabase::create(backend, &o.postgres)?;
    // The grouped direct run may write several times faster than the HTTP run: give it room.
    let prepared = prepare::prepare(&database, classes, classes * DIRECT_ROOM)?;
    let questionnaire = answers::Questionnaire::load()?;

    let server = Server::start(&database.url, database.dir(), o.workers)?;
    eprintln!("[{}] {} pupils for {}+{} s against {}…", backend.name(), o.pupils, o.warmup, o.seconds, server.base);
    let load = pupils::Load { pupils: o.pupils, warmup, measure, rate: None };
    let pid = server.pid();
    let sampler = std::thread::spawn(move || {
        std::thread::sleep(warmup);
        cpu::sample(pid)
    });
    let http = pupils::run(&server.base, prepared.http_classes.clone(), questionnaire, load);
    let after = cpu::sample(pid)?;
    let before = sampler.join().map_err(|_| anyhow::anyhow!("the CPU sampler panicked"))??;
    let usage = cpu::between(before, after);
    let throughput_target = match backend {
        Backend::Sqlite => 2000.0,
        Backend::Postgres => 1000.0,
    };
    // The same server, now at the target rate: is p99 within its target while that rate is met?
    eprintln!(
        "[{}] {} pupils paced at {throughput_target}/s for {}+{} s…",
        backend.name(),
        o.pupils,
        o.warmup,
        o.seconds
    );
    let used = usize::try_from(http.begun.div_ceil(ROLL)).unwrap_or(usize::MAX);
    let rest = prepared.http_classes.get(used..).unwrap_or_default().to_vec();
    let paced_load = pupils::Load { rate: Some(throughput_target), ..load };
    let paced = pupils::run(&server.base, rest, answers::Questionnaire::load()?, paced_load);
    let peak_memory = server.peak_memory()?;
    drop(server);

    let threads = match backend {
        Backend::Sqlite => o.direct_sqlite,
        Backend::Postgres => o.direct_postgres,
    };
    let url = ahual::db::DatabaseUrl::parse(&database.url).map_err(anyhow::Error::msg)?;
    let target = direct::Target { wave_id: &prepared.direct_wave, classes: &prepared.direct_classes };
    let questionnaire = answers::Questionnaire::load()?;
    let mut first = 0;
    let mut direct = Vec::new();
    for batch in [1, o.direct_batch] {
        eprintln!(
            "[{}] direct writes, {threads} connection(s), {batch} per commit, for {}+{} s…",
            backend.name(),
            o.warmup,
            o.seconds
        );
        let writers = direct::Writers { threads, batch, first };
        let run = direct::run(&url, &target, &questionnaire, writers, (warmup, measure))?;
        first = run.next;
        direct.push(run);
    }
    let direct: [direct::DirectOutcome; 2] =
        direct.try_into().map_err(|_| anyhow::anyhow!("two direct runs expected"))?;
    let report = BackendReport {
        backend: backend.name(),
        throughput_target,
        http,
        paced,
        usage,
        peak_memory,
        direct,
        pupils: o.pupils,
    };
    Ok(report.finish())
}

fn main() -> anyhow::Result<()> {
    let o = options()?;
    let mut reports = Vec::new();
    for backend in &o.backends {
        reports.push(run_backend(*backend, &o).with_context(|| format!("the {} run failed", backend.name()))?);
    }
    println!("{}", report::table(&reports));
    for report in &reports {
        for phase in ["http", "paced"] {
            let errors = report.json()[phase]["errors_by_reason"].clone();
            if errors.as_object().is_some_and(|e| !e.is_empty()) {
                println!("{} {phase} errors by reason: {errors}", report.backend);
            }
        }
    }
    if let Some(path) = &o.json {
        let document = serde_json::json!({
            "machine": { "cores": std::thread::available_parallelism().map(|n| n.get()).unwrap_or(0) },
            "seconds": o.seconds,
            "warmup_seconds": o.warmup,
            "backends": reports.iter().map(BackendReport::json).collect::<Vec<_>>(),
        });
        std::fs::write(path, serde_json::to_string_pretty(&document)?).with_context(|| format!("writing {path}"))?;
        eprintln!("wrote {path}");
    }
    Ok(())
}
