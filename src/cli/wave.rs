//! `ahual wave open|close`: the command-line twin of the psychologist's wave pages, for scripted
//! roll-outs. `open --json` prints the passwords or codes once, as JSON. Both are audited as `cli`.

use std::process::ExitCode;

use anyhow::{Context, bail};
use chrono::{Duration, NaiveDate, Utc};
use clap::Subcommand;

use super::{Cli, setup};
use crate::app::close_wave;
use crate::app::open_wave::{OpenedWave, WaveRequest, open_wave};
use crate::config::SecretPolicy;
use crate::db::{DbConnection, classes, schools};
use crate::domain::audit::Actor;
use crate::domain::ids::{ClassId, SchoolId, WaveId};
use crate::domain::organisation::{ClassLabel, SchoolCode};
use crate::domain::survey::wave::{AccessMode, check_dates, local_date};

/// Wave actions.
#[derive(Subcommand, Debug)]
pub enum WaveCommand {
    /// Open a wave for classes of a school and print their passwords (or codes) once
    Open {
        /// School code
        #[arg(long)]
        school: String,
        /// Instrument id (its newest version is used), such as school-climate
        #[arg(long)]
        instrument: String,
        /// Class labels, comma-separated [default: every class of the school]
        #[arg(long, value_delimiter = ',')]
        classes: Vec<String>,
        /// One single-use code per pupil instead of a class password
        #[arg(long)]
        codes: bool,
        /// First day, YYYY-MM-DD [default: today in Kazakhstan]
        #[arg(long)]
        opens: Option<NaiveDate>,
        /// Last day, YYYY-MM-DD [default: two weeks after the first]
        #[arg(long)]
        closes: Option<NaiveDate>,
        /// Print JSON: {"wave_id": ..., "classes": [{"label": "7A", "password": "..."}]}
        #[arg(long)]
        json: bool,
    },
    /// Close a wave now
    Close {
        /// Wave id
        id: String,
    },
}

/// Runs a wave action.
pub fn run(cli: &Cli, action: &WaveCommand) -> anyhow::Result<ExitCode> {
    let settings = setup::settings(cli, Vec::new(), SecretPolicy::NotNeeded)?;
    setup::init_logging(&settings.log);
    let ctx = setup::flag_context(&settings, setup::catalog(&settings)?);
    let catalog = ctx.catalog.clone();
    let pool = setup::database(&settings, 1)?;
    let mut conn = pool.get()?;
    match action {
        WaveCommand::Open { school, instrument, classes: labels, codes, opens, closes, json } => {
            let code =
                SchoolCode::parse(school).map_err(|_| anyhow::anyhow!("--school {school}: not a school code"))?;
            let school = schools::find_by_code(&mut conn, &code).with_context(|| format!("school {code} not found"))?;
            let instrument = catalog
                .latest(instrument)
                .with_context(|| format!("no instrument `{instrument}` in {}", settings.surveys_dir.display()))?;
            let today = local_date(Utc::now());
            let opens = opens.unwrap_or(today);
            let closes = closes.unwrap_or(opens + Duration::days(14));
            if let Err(problem) = check_dates(today, opens, closes) {
                bail!("dates {opens}..{closes}: {problem:?}");
            }
            let chosen = chosen_classes(&mut conn, school.id, &code, labels)?;
            let mut nonce = [0u8; 16];
            rand::fill(&mut nonce);
            let request = WaveRequest {
                school: school.id,
                instrument: instrument.key(),
                mode: if *codes { AccessMode::Codes } else { AccessMode::Password },
                dates: (opens, closes),
                classes: chosen,
                creation_nonce: hex::encode(nonce),
                now: Utc::now().naive_utc(),
                opened_by: Actor::Cli,
            };
            let opened = open_wave(&mut conn, &request)?;
            print_opened(&opened, (opens, closes), *json);
        }
        WaveCommand::Close { id } => {
            let id = WaveId::parse(id).with_context(|| format!("`{id}` is not a wave id"))?;
            let changed = close_wave::close(&mut conn, id, None, Actor::Cli, &ctx, Utc::now().naive_utc())
                .with_context(|| format!("wave {id} not found"))?;
            println!("{}", if changed { format!("wave {id} closed") } else { format!("wave {id} was already closed") });
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The ids of the classes of `school` (code `code`) named by `labels`; an unknown label is an error
/// naming it.
fn chosen_classes(
    conn: &mut DbConnection,
    school: SchoolId,
    code: &SchoolCode,
    labels: &[String],
) -> anyhow::Result<Vec<ClassId>> {
    let known = classes::list(conn, school)?;
    labels
        .iter()
        .map(|label| {
            let label =
                ClassLabel::parse(label).map_err(|_| anyhow::anyhow!("--classes: `{label}` is not a class label"))?;
            let class = known
                .iter()
                .find(|c| c.label == label)
                .with_context(|| format!("school {code} has no class {label}"))?;
            Ok(class.id)
        })
        .collect()
}

/// Prints the opened wave's passwords or codes, once: as JSON for scripts, or as lines for a person.
fn print_opened(opened: &OpenedWave, (opens, closes): (NaiveDate, NaiveDate), json: bool) {
    let classes: Vec<serde_json::Value> = opened
        .classes
        .iter()
        .map(|c| match &c.password {
            Some(password) => serde_json::json!({ "label": c.label, "password": password }),
            None => serde_json::json!({ "label": c.label, "codes": c.codes }),
        })
        .collect();
    if json {
        println!("{}", serde_json::json!({ "wave_id": opened.wave_id.to_string(), "classes": classes }));
    } else {
        println!("wave {} open {opens}..{closes}", opened.wave_id);
        for c in &opened.classes {
            match &c.password {
                Some(p) => println!("  {:<6} {p}", c.label),
                None => println!("  {:<6} {}", c.label, c.codes.join(" ")),
            }
        }
    }
}
