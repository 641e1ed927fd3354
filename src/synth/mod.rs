//! `ahual synth`: a synthetic country for benchmarks and load tests. Regions, schools, classes and one
//! closed wave of the default instrument per school, filled with generated answers through the same
//! code paths production uses (school and class creation, wave opening, the submission path with its
//! roll-bounded counter, closing, and the sweep that materialises counts and runs the flags), with
//! signals planted where they should be found: classes with high bullying, classes with an acute
//! answer, and classes below k. On PostgreSQL several connections write at once ([`workers`]).

pub mod load;
pub mod plan;
pub mod workers;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration as Elapsed, Instant};

use chrono::{Duration, NaiveDateTime};

use crate::domain::period::ReportingPeriod;

use self::load::{LoadedSchool, SynthError, WaveSetting, load_school};
use self::plan::{Profile, SynthSize, plan};
use self::workers::spread;
use crate::app::close_wave;
use crate::app::run_flags::FlagContext;
use crate::db::schools::{self, SchoolFilter};
use crate::db::{DbError, Pool, aggregates, bulk_load_mode, refresh_statistics};
use crate::domain::instrument::Instrument;
use crate::domain::survey::wave::local_date;

/// After how many schools the planner's statistics are refreshed while loading. Where autovacuum is
/// off (as on the benchmark machine), PostgreSQL would otherwise plan every query of the load for the
/// empty tables it last sampled: it joined a wave's classes by scanning every class of the country,
/// once per school. Each refresh samples a bounded number of rows, so a few are cheap.
const REFRESH_AFTER: [usize; 3] = [50, 500, 3_000];

/// What to generate.
#[derive(Debug, Clone, Copy)]
pub struct SynthOptions {
    /// Regions, schools and responses, scaled.
    pub size: SynthSize,
    /// Seed of the plan and the answers.
    pub seed: u64,
    /// Connections writing at once (see [`workers`]); the results do not depend on it.
    pub workers: usize,
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

/// Fills an empty database through `pool` (which must allow `options.workers` connections);
/// `progress` hears (schools done, schools in all) after each school. Schools are written by the
/// workers, then every closed wave is counted by the workers with the sweep's own
/// [`close_wave::materialise`], then the sweep itself ([`close_wave::catch_up`]) runs the flags. Planner
/// statistics are refreshed after the writing and at the end, as after any bulk load.
pub fn run(
    pool: &Pool,
    ctx: &FlagContext,
    instrument: &Instrument,
    options: SynthOptions,
    now: NaiveDateTime,
    progress: impl Fn(usize, usize) + Sync,
) -> Result<SynthReport, SynthError> {
    let mut conn = pool.get().map_err(DbError::from)?;
    bulk_load_mode(&mut conn)?;
    let existing = schools::list(&mut conn, SchoolFilter::All)?.len();
    if existing > 0 {
        return Err(SynthError::NotEmpty(existing));
    }
    drop(conn);
    let schools = plan(&options.size, ctx.k.get(), options.seed);
    // In the last published reporting period, so region and national figures show them.
    let closes = ReportingPeriod::latest_published(local_date(now.and_utc())).first_day() + Duration::days(60);
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
    let written = AtomicUsize::new(0);
    let loaded = spread(pool, options.workers, schools.len(), |conn, index| {
        let loaded = load_school(conn, &schools[index], index + 1, &setting)?;
        let done = written.fetch_add(1, Ordering::Relaxed) + 1;
        if REFRESH_AFTER.contains(&done) {
            refresh_statistics(conn)?;
        }
        progress(done, schools.len());
        Ok(loaded)
    })?;
    for (school, loaded) in schools.iter().zip(&loaded) {
        record(&mut report, &school.code, loaded);
    }
    let mut conn = pool.get().map_err(DbError::from)?;
    refresh_statistics(&mut conn)?;
    report.load_time = started.elapsed();
    let started = Instant::now();
    let waiting = aggregates::waiting(&mut conn)?;
    drop(conn);
    spread(pool, options.workers, waiting.len(), |conn, index| {
        Ok(close_wave::materialise(conn, waiting[index], &ctx.catalog, now)?)
    })?;
    let mut conn = pool.get().map_err(DbError::from)?;
    bulk_load_mode(&mut conn)?;
    close_wave::catch_up(&mut conn, ctx, now)?;
    refresh_statistics(&mut conn)?;
    report.close_time = started.elapsed();
    Ok(report)
}
