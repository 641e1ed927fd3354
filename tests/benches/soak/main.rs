//! `cargo bench --bench soak -- [--minutes 30] [--rate 1000] [--backend sqlite|postgres] [--out DIR]`
//!
//! Issue 22's soak: the release `ahual serve` for a long stretch at a steady rate of pupils, with
//! staff reading pages at the same time, to show that memory and latency stay flat (or do not). It
//! fills a database with one synthetic region (`ahual synth`, Astana: closed waves for the staff to
//! read), adds a school in Almaty with a wave open in enough classes for the whole run, starts the
//! server and then, minute after minute, drives the submissions bench's paced pupils
//! (`submissions/pupils.rs`: password, form, answers, each flow on its schedule) while a
//! psychologist reads a school dashboard and centre staff their region overview (`staff.rs`), and
//! samples the server's resident memory every second (`memory.rs`). Each minute becomes a row
//! (submissions, submit p50/p99, staff pages and their p50/p99, RSS peak and end, CPU), printed as it
//! comes and written to `OUT/soak.md` and `OUT/soak.json`. Timings live here, never in tests.
//!
//! Why 1,000 submissions/s by default: `BENCHMARKS.md` measured about 7,300/s (SQLite) and 5,600/s
//! (PostgreSQL) flat out on the 2-core machine, with the load generator on the same cores. Half of
//! that would be 2,800-3,650/s; 1,000/s is well under half of either, which leaves the staff
//! readers, the generator and the growing database their share of two cores, and it is the
//! PostgreSQL paced target (SQLite's is 2,000/s). Thirty minutes of it is 1.8 million answers,
//! half the national synth. `--rate` changes it.
//!
//! Other options: `--pupils N` (concurrent pupils, 200), `--staff-pause-ms N` (each reader's pause
//! between pages, 500), `--synth-schools N` (300) and `--synth-responses N` (150,000) for the staff's
//! region, `--workers N` (server HTTP workers), `--postgres URL` (default
//! `postgres://postgres@127.0.0.1:5432`, or `AHUAL_BENCH_POSTGRES`; a database `ahual_bench_PID` is
//! created and dropped).

#[path = "../common/mod.rs"]
mod common;

#[allow(dead_code)]
#[path = "../submissions/answers.rs"]
mod answers;
#[allow(dead_code)]
#[path = "../pages/browser.rs"]
mod browser;
mod memory;
#[allow(dead_code)]
#[path = "../submissions/prepare.rs"]
mod prepare;
#[allow(dead_code)]
#[path = "../submissions/pupils.rs"]
mod pupils;
mod report;
mod staff;
#[allow(dead_code)]
#[path = "../pages/subjects.rs"]
mod subjects;

use std::io::Write;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use anyhow::Context;

use common::{cli, cpu, server::Server};
use prepare::{Backend, BenchDatabase, ROLL};
use report::{Minute, p50_p99};

struct Options {
    backend: Backend,
    minutes: usize,
    rate: f64,
    pupils: usize,
    staff_pause: Duration,
    synth_schools: u64,
    synth_responses: u64,
    workers: Option<usize>,
    out: PathBuf,
    postgres: String,
}

fn options() -> anyhow::Result<Options> {
    let mut o = Options {
        backend: Backend::Sqlite,
        minutes: 30,
        rate: 1000.0,
        pupils: 200,
        staff_pause: Duration::from_millis(500),
        synth_schools: 300,
        synth_responses: 150_000,
        workers: None,
        out: PathBuf::from("target/soak"),
        postgres: std::env::var("AHUAL_BENCH_POSTGRES").unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432".into()),
    };
    for (flag, value) in common::args::flag_values()? {
        let number = || value.parse::<u64>().with_context(|| format!("{flag}: not a number: {value}"));
        match flag.as_str() {
            "--backend" => {
                o.backend = match value.as_str() {
                    "sqlite" => Backend::Sqlite,
                    "postgres" => Backend::Postgres,
                    other => anyhow::bail!("--backend {other}: sqlite or postgres"),
                }
            }
            "--minutes" => o.minutes = usize::try_from(number()?.max(1))?,
            "--rate" => o.rate = number()?.max(1) as f64,
            "--pupils" => o.pupils = usize::try_from(number()?.max(1))?,
            "--staff-pause-ms" => o.staff_pause = Duration::from_millis(number()?),
            "--synth-schools" => o.synth_schools = number()?,
            "--synth-responses" => o.synth_responses = number()?,
            "--workers" => o.workers = Some(usize::try_from(number()?)?),
            "--out" => o.out = PathBuf::from(value),
            "--postgres" => o.postgres = value,
            other => anyhow::bail!("unknown option {other}"),
        }
    }
    Ok(o)
}

/// One minute of paced pupils from `classes`, with what the staff and the sampler saw meanwhile.
fn one_minute(
    minute: usize,
    o: &Options,
    base: &str,
    classes: Vec<prepare::BenchClass>,
    staff: &staff::Staff,
    memory: &memory::Sampler,
    pid: u32,
) -> anyhow::Result<(Minute, u64)> {
    let from = Instant::now();
    let before = cpu::sample(pid)?;
    let load =
        pupils::Load { pupils: o.pupils, warmup: Duration::ZERO, measure: Duration::from_secs(60), rate: Some(o.rate) };
    let outcome = pupils::run(base, classes, answers::Questionnaire::load()?, load);
    let to = Instant::now();
    let usage = cpu::between(before, cpu::sample(pid)?);
    let reads: Vec<staff::Read> = staff.reads().into_iter().filter(|r| (from..to).contains(&r.at)).collect();
    let row = Minute {
        minute,
        submissions: outcome.completed,
        errors: outcome.errors.values().sum(),
        submit_ms: p50_p99(outcome.submit),
        pages: (reads.len(), reads.iter().filter(|r| !r.ok).count()),
        page_ms: p50_p99(reads.iter().map(|r| r.took).collect()),
        rss: memory.between(from, to),
        cpu: (usage.server_share, usage.client_share, usage.machine_busy),
        cpu_per_submission_ms: usage.server.as_secs_f64() * 1000.0 / outcome.completed.max(1) as f64,
    };
    for (reason, count) in &outcome.errors {
        eprintln!("  minute {minute}: {count} × {reason}");
    }
    Ok((row, outcome.begun))
}

fn main() -> anyhow::Result<()> {
    let o = options()?;
    std::fs::create_dir_all(&o.out).with_context(|| format!("creating {}", o.out.display()))?;
    let database = BenchDatabase::create(o.backend, &o.postgres)?;
    let (schools, responses) = (o.synth_schools.to_string(), o.synth_responses.to_string());
    eprintln!("[soak] synth: one region of {schools} schools and {responses} answers for the staff…");
    cli::run(
        &database.url,
        database.dir(),
        &["synth", "--regions", "1", "--schools", &schools, "--responses", &responses],
        None,
    )?;
    // Every flow takes a place; each minute starts at a fresh class, so one class more per minute,
    // and a tenth more besides: the 30-minute run at this count ran out of places in its last minute
    // (5,038 refusals), since flows that begin a class each minute leave some of its places unused.
    let per_minute = (o.rate * 60.0 * 1.1 / ROLL as f64).ceil() as usize + 1;
    eprintln!("[soak] a school of {} classes for the pupils…", per_minute * o.minutes);
    let prepared = prepare::prepare_in(&database, "KZ-75", per_minute * o.minutes, 0)?;
    let url = ahual::db::DatabaseUrl::parse(&database.url).map_err(anyhow::Error::msg)?;
    let subjects = subjects::choose(&mut *ahual::db::connect(&url, 1)?.get()?, &database.url, database.dir())?;

    let server = Server::start(&database.url, database.dir(), o.workers)?;
    let memory = memory::Sampler::start(server.pid());
    let staff = staff::Staff::start(&server.base, &subjects, o.staff_pause);
    let settings = format!(
        "Soak: {} for {} min at {}/s ({} pupils), a psychologist reading {} (school {}, {} classes) and centre staff reading /centre/region ({}: {} schools), each pausing {} ms; started {}",
        o.backend.name(),
        o.minutes,
        o.rate,
        o.pupils,
        subjects.wave,
        subjects.school.code,
        subjects.school_classes,
        subjects.region,
        subjects.region_schools,
        o.staff_pause.as_millis(),
        chrono::Utc::now().format("%Y-%m-%d %H:%M UTC"),
    );
    eprintln!("{settings}\n{}", report::header());
    let (mut minutes, mut next_class) = (Vec::new(), 0usize);
    for minute in 1..=o.minutes {
        let classes = prepared.http_classes.get(next_class..).unwrap_or_default().to_vec();
        let (row, begun) = one_minute(minute, &o, &server.base, classes, &staff, &memory, server.pid())?;
        next_class += usize::try_from(begun)?.div_ceil(ROLL as usize);
        eprintln!("{}", row.row());
        minutes.push(row);
        std::fs::write(o.out.join("soak.md"), report::markdown(&settings, &minutes))?;
    }
    staff.stop()?;
    let settings = format!(
        "{settings}\n\nServer peak memory over the run (VmHWM): {:.1} MB.",
        server.peak_memory()? as f64 / 1_048_576.0
    );
    drop(server);

    let document =
        report::json(serde_json::json!({ "summary": settings, "rate": o.rate, "minutes": o.minutes }), &minutes);
    std::fs::write(o.out.join("soak.json"), serde_json::to_string_pretty(&document)?)?;
    let mut stdout = std::io::stdout();
    writeln!(stdout, "{}", report::markdown(&settings, &minutes))?;
    eprintln!("[soak] wrote {} and soak.json", o.out.join("soak.md").display());
    Ok(())
}
