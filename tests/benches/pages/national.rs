//! The proxy for a national overview, which does not exist (no role has a national view, and
//! administrators read no figures): the data such a page would need, computed in this process with
//! the functions `GET /centre/region` calls (`region_counts::latest`, `schools::list` for the names,
//! `figures::region_report` for the disclosure), for every region one after another. Neither the
//! rendering nor the audit entry of a page is included.

use std::time::{Duration, Instant};

use ahual::db::schools::{self, SchoolFilter};
use ahual::db::{DbConnection, region_counts};
use ahual::domain::disclosure::K;
use ahual::domain::figures::region_report;
use ahual::domain::instrument::Instrument;
use ahual::domain::region::{REGIONS, RegionCode};

/// What the passes measured.
pub struct National {
    /// Regions computed per pass.
    pub regions: usize,
    /// Schools counted per pass.
    pub schools: usize,
    /// Classes counted per pass.
    pub classes: usize,
    /// Sorted time of each counted pass over all regions.
    pub passes: Vec<Duration>,
    /// Of all counted passes together: reading counts and names from the database.
    pub reading: Duration,
    /// Of all counted passes together: the disclosure engine.
    pub disclosing: Duration,
    /// The slowest single region in any counted pass.
    pub slowest_region: (String, Duration),
}

/// One warm-up pass, then `passes` counted passes over all regions.
pub fn run(conn: &mut DbConnection, instrument: &Instrument, k: K, passes: usize) -> anyhow::Result<National> {
    let codes: Vec<RegionCode> = REGIONS
        .iter()
        .map(|r| RegionCode::parse(r.code).ok_or_else(|| anyhow::anyhow!("region {}", r.code)))
        .collect::<Result<_, _>>()?;
    let mut national = National {
        regions: 0,
        schools: 0,
        classes: 0,
        passes: Vec::new(),
        reading: Duration::ZERO,
        disclosing: Duration::ZERO,
        slowest_region: (String::new(), Duration::ZERO),
    };
    for pass in 0..=passes {
        let started = Instant::now();
        let (mut schools_seen, mut classes_seen, mut regions_seen) = (0, 0, 0);
        for code in &codes {
            let region_started = Instant::now();
            let counts = region_counts::latest(conn, code, (instrument.id(), instrument.version()))?;
            let names = schools::list(conn, SchoolFilter::Region(code))?;
            let read = region_started.elapsed();
            let report = region_report(&counts.schools, instrument, k).map_err(|e| anyhow::anyhow!("{code}: {e}"))?;
            std::hint::black_box((names, report));
            let took = region_started.elapsed();
            if pass > 0 {
                national.reading += read;
                national.disclosing += took - read;
                if took > national.slowest_region.1 {
                    national.slowest_region = (code.to_string(), took);
                }
            }
            regions_seen += usize::from(!counts.schools.is_empty());
            schools_seen += counts.schools.len();
            classes_seen += counts.schools.iter().map(|s| s.classes.len()).sum::<usize>();
        }
        if pass > 0 {
            national.passes.push(started.elapsed());
        }
        (national.regions, national.schools, national.classes) = (regions_seen, schools_seen, classes_seen);
    }
    national.passes.sort_unstable();
    Ok(national)
}
