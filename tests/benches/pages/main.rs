//! `cargo bench --bench pages -- --database-url URL [--json FILE] [--requests N]`
//!
//! Issue 6, part 2(c): page latency on national data. Against a database already filled by `ahual
//! synth`, starts the release `ahual serve`, signs in as a psychologist of the largest school of the
//! region with the most schools and as centre staff of that region, and times sequential GETs of
//! (c1) that school's dashboard `/school/waves/{id}` for its closed wave and (c2) the region overview
//! `/centre/region`, and as a national analyst (c3) the national overview `/national`. Each page's
//! first fetch is reported on its own: it is the one that discloses a region afresh. Prints a
//! Markdown table with each figure next to its target and optionally writes JSON. Timings live
//! here, never in unit tests.
//!
//! Other options: `--warmup N` (fetches before counting, default 5), `--workers N` (server HTTP
//! workers; default: the server's own).

#[path = "../common/mod.rs"]
mod common;

mod browser;
mod report;
mod series;
mod subjects;

use anyhow::Context;

use ahual::db::DatabaseUrl;
use browser::Browser;
use common::server::Server;
use report::PagesReport;
use series::Counts;

struct Options {
    database_url: String,
    json: Option<String>,
    counts: Counts,
    workers: Option<usize>,
}

fn options() -> anyhow::Result<Options> {
    let mut url = None;
    let mut o =
        Options { database_url: String::new(), json: None, counts: Counts { warmup: 5, requests: 100 }, workers: None };
    for (flag, value) in common::args::flag_values()? {
        let number = || value.parse::<usize>().with_context(|| format!("{flag}: not a number: {value}"));
        match flag.as_str() {
            "--database-url" => url = Some(value.clone()),
            "--json" => o.json = Some(value.clone()),
            "--requests" => o.counts.requests = number()?.max(1),
            "--warmup" => o.counts.warmup = number()?,
            "--workers" => o.workers = Some(number()?),
            other => anyhow::bail!("unknown option {other}"),
        }
    }
    o.database_url = url.context("--database-url URL is required (a database filled by `ahual synth`)")?;
    Ok(o)
}

fn main() -> anyhow::Result<()> {
    let o = options()?;
    let url = DatabaseUrl::parse(&o.database_url).map_err(anyhow::Error::msg)?;
    let pool = ahual::db::connect(&url, 1)?;
    let mut conn = pool.get()?;
    let dir = tempfile::tempdir()?;
    eprintln!("choosing the region, school and wave; creating the two accounts…");
    let subjects = subjects::choose(&mut conn, &o.database_url, dir.path())?;
    eprintln!(
        "region {} ({} schools, {} classes), school {} ({} classes), wave {}",
        subjects.region,
        subjects.region_schools,
        subjects.region_classes,
        subjects.school.code,
        subjects.school_classes,
        subjects.wave
    );

    let server = Server::start(&o.database_url, dir.path(), o.workers)?;
    let (pid, counts) = (server.pid(), o.counts);
    eprintln!("timing {} + {} GETs of each page against {}…", counts.warmup, counts.requests, server.base);
    let dashboard_path = format!("/school/waves/{}", subjects.wave);
    let (dashboard, region, national) = actix_rt::System::new().block_on(async {
        let mut psychologist = Browser::new(&server.base);
        psychologist.sign_in(&subjects.psychologist.login, &subjects.psychologist.password).await?;
        let dashboard = series::run(&mut psychologist, &dashboard_path, counts, pid).await?;
        let mut centre = Browser::new(&server.base);
        centre.sign_in(&subjects.centre.login, &subjects.centre.password).await?;
        let region = series::run(&mut centre, "/centre/region", counts, pid).await?;
        let mut analyst = Browser::new(&server.base);
        analyst.sign_in(&subjects.national.login, &subjects.national.password).await?;
        let national = series::run(&mut analyst, "/national", counts, pid).await?;
        anyhow::Ok((dashboard, region, national))
    })?;
    let peak_memory = server.peak_memory()?;
    drop(server);

    let report = PagesReport { subjects: &subjects, dashboard, region, national, peak_memory };
    println!("{}", report.table());
    if let Some(path) = &o.json {
        let mut document = report.json();
        document["machine"] =
            serde_json::json!({ "cores": std::thread::available_parallelism().map(|n| n.get()).unwrap_or(0) });
        std::fs::write(path, serde_json::to_string_pretty(&document)?).with_context(|| format!("writing {path}"))?;
        eprintln!("wrote {path}");
    }
    Ok(())
}
