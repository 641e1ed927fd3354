//! `ahual verify [--json]`: recounts every wave from its stored responses and compares the recount with
//! every counter the application keeps (class response counters, used codes, counts materialised at
//! close). Prints each difference; exit code 1 when there is any, 0 when the database is consistent.

use std::process::ExitCode;

use anyhow::Context;
use clap::Args;

use super::{Cli, setup};
use crate::config::SecretPolicy;
use crate::db::{DbConnection, recount, responses};
use crate::domain::ids::WaveId;
use crate::domain::recount::{Finding, compare};
use crate::domain::survey::catalog::Catalog;

/// Options of `ahual verify`.
#[derive(Args, Debug)]
pub struct VerifyArgs {
    /// Print the result as JSON: {"waves": N, "responses": N, "differences": [...]}
    #[arg(long)]
    json: bool,
}

struct WaveResult {
    wave: WaveId,
    responses: usize,
    findings: Vec<Finding>,
}

fn check_wave(conn: &mut DbConnection, catalog: &Catalog, wave: WaveId) -> anyhow::Result<WaveResult> {
    let to_check = recount::wave_to_check(conn, wave)?;
    let instrument = catalog.get(&to_check.instrument);
    if to_check.facts.aggregated && instrument.is_none() {
        let key = &to_check.instrument;
        anyhow::bail!("wave {wave}: instrument {key} is not among the loaded questionnaires");
    }
    let stored = recount::stored(conn, wave, &to_check.facts)?;
    let rows = responses::answers_of(conn, wave)?;
    let pairs = rows.iter().map(|(class, json)| (class.as_str(), json.as_str()));
    let (recounted, mut findings) = crate::domain::recount::recount(&to_check.facts, instrument, pairs);
    findings.extend(compare(&stored, &recounted));
    Ok(WaveResult { wave, responses: rows.len(), findings })
}

fn finding_json(wave: WaveId, finding: &Finding) -> serde_json::Value {
    match finding {
        Finding::Mismatch { counter, stored, recounted } => serde_json::json!({
            "wave": wave.to_string(),
            "class": counter.class(),
            "counter": counter.column(),
            "key": counter.detail(),
            "stored": stored,
            "recounted": recounted,
        }),
        Finding::Unreadable { class, responses } => serde_json::json!({
            "wave": wave.to_string(),
            "class": class,
            "counter": "responses.answers",
            "unreadable": responses,
        }),
    }
}

fn finding_line(wave: WaveId, finding: &Finding) -> String {
    match finding {
        Finding::Mismatch { counter, stored, recounted } => {
            format!("wave {wave}: {counter}: stored {stored}, recounted {recounted}")
        }
        Finding::Unreadable { class, responses } => {
            format!("wave {wave}: {responses} response(s) of class {class} cannot be read")
        }
    }
}

/// Runs the check over every wave.
pub fn run(cli: &Cli, args: &VerifyArgs) -> anyhow::Result<ExitCode> {
    let settings = setup::settings(cli, Vec::new(), SecretPolicy::NotNeeded)?;
    setup::init_logging(&settings.log);
    let catalog = setup::catalog(&settings)?;
    let pool = setup::database(&settings, 1)?;
    let mut conn = pool.get()?;
    let mut results = Vec::new();
    for wave in recount::waves(&mut conn)? {
        results.push(check_wave(&mut conn, &catalog, wave).with_context(|| format!("cannot recount wave {wave}"))?);
    }
    let responses: usize = results.iter().map(|r| r.responses).sum();
    let differences: usize = results.iter().map(|r| r.findings.len()).sum();
    if args.json {
        let list: Vec<serde_json::Value> =
            results.iter().flat_map(|r| r.findings.iter().map(|f| finding_json(r.wave, f))).collect();
        let report = serde_json::json!({ "waves": results.len(), "responses": responses, "differences": list });
        println!("{report}");
    } else {
        for result in &results {
            for finding in &result.findings {
                println!("{}", finding_line(result.wave, finding));
            }
        }
        println!("checked {} wave(s), {responses} response(s): {differences} difference(s)", results.len());
    }
    Ok(if differences == 0 { ExitCode::SUCCESS } else { ExitCode::FAILURE })
}
