//! `ahual synth`: a synthetic country for benchmarks and load tests. Regions, schools, classes and one
//! closed wave of the default instrument per school, filled with generated answers through the same
//! code paths production uses (school and class creation, wave opening, the submission path with its
//! roll-bounded counter, closing, and the sweep that materialises counts and runs the flags), with
//! signals planted where they should be found: classes with high bullying, classes with an acute
//! answer, and classes below k.

pub mod load;
pub mod plan;

use std::time::{Duration as Elapsed, Instant};

use chrono::{Duration, NaiveDateTime};

use self::load::{LoadedSchool, SynthError, WaveSetting, load_school};
use self::plan::{Profile, SynthSize, plan};
use crate::db::flag_run::FlagContext;
use crate::db::schools::{self, SchoolFilter};
use crate::db::{DbConnection, closing};
use crate::domain::instrument::Instrument;
use crate::domain::survey::wave::local_date;

/// What to generate.
#[derive(Debug, Clone, Copy)]
pub struct SynthOptions {
    /// Regions, schools and responses, scaled.
    pub size: SynthSize,
    /// Seed of the plan and the answers.
    pub seed: u64,
}

/// A planted class, so its signal can be looked for afterwards.
#[derive(Debug, Clone)]
pub struct PlantedClass {
    /// School code.
    pub school: String,
    /// Class label.
    pub label: String,
    /// Class id.
    pub class_id: String,
    /// What was planted.
    pub profile: Profile,
    /// Its respondents.
    pub responses: u16,
}

/// What a run wrote and how long it took.
#[derive(Debug, Clone)]
pub struct SynthReport {
    /// Schools written.
    pub schools: usize,
    /// Classes written.
    pub classes: usize,
    /// Responses written.
    pub responses: u64,
    /// Every planted class.
    pub planted: Vec<PlantedClass>,
    /// Time spent writing schools, waves and responses.
    pub load_time: Elapsed,
    /// Time spent materialising counts and running flags.
    pub close_time: Elapsed,
}

fn record(report: &mut SynthReport, code: &str, school: &LoadedSchool) {
    report.schools += 1;
    for class in &school.classes {
        report.classes += 1;
        report.responses += u64::from(class.responses);
        if class.profile != Profile::Quiet {
            report.planted.push(PlantedClass {
                school: code.to_owned(),
                label: class.label.clone(),
                class_id: class.id.to_string(),
                profile: class.profile,
                responses: class.responses,
            });
        }
    }
}

/// Fills an empty database; `progress` hears (schools done, schools in all) after each school.
pub fn run(
    conn: &mut DbConnection,
    ctx: &FlagContext,
    instrument: &Instrument,
    options: SynthOptions,
    now: NaiveDateTime,
    mut progress: impl FnMut(usize, usize),
) -> Result<SynthReport, SynthError> {
    let existing = schools::list(conn, SchoolFilter::All)?.len();
    if existing > 0 {
        return Err(SynthError::NotEmpty(existing));
    }
    let schools = plan(&options.size, ctx.k, options.seed);
    let closes = local_date(now.and_utc()) - Duration::days(30);
    let setting = WaveSetting { instrument, opens: closes - Duration::days(11), closes, now, seed: options.seed };
    let mut report = SynthReport {
        schools: 0,
        classes: 0,
        responses: 0,
        planted: Vec::new(),
        load_time: Elapsed::ZERO,
        close_time: Elapsed::ZERO,
    };
    let started = Instant::now();
    for (index, school) in schools.iter().enumerate() {
        let loaded = load_school(conn, school, index + 1, &setting)?;
        record(&mut report, &school.code, &loaded);
        progress(index + 1, schools.len());
    }
    report.load_time = started.elapsed();
    let started = Instant::now();
    closing::catch_up(conn, ctx, now)?;
    report.close_time = started.elapsed();
    Ok(report)
}
