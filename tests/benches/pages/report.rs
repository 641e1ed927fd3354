//! The figures of part 2(c) next to their targets (issue 6, part 3), as a Markdown table and JSON.

use std::time::Duration;

use serde_json::json;

use super::common::percentile::percentile_ms;
use super::series::Series;
use super::subjects::Subjects;

/// School dashboard p50 target.
const DASHBOARD_P50_MS: f64 = 20.0;
/// Region overview target.
const REGION_MS: f64 = 200.0;
/// National overview target.
const NATIONAL_MS: f64 = 500.0;

/// Everything one run measured.
pub struct PagesReport<'a> {
    /// Who looked at what.
    pub subjects: &'a Subjects,
    /// `/school/waves/{id}`.
    pub dashboard: Series,
    /// `/centre/region`.
    pub region: Series,
    /// `/national`.
    pub national: Series,
    /// Server peak memory (VmHWM), bytes.
    pub peak_memory: u64,
}

fn met(ok: bool) -> String {
    if ok { "yes" } else { "**no**" }.to_owned()
}

fn ms(sorted: &[Duration], p: f64) -> f64 {
    percentile_ms(sorted, p)
}

fn max_ms(sorted: &[Duration]) -> f64 {
    sorted.last().map_or(f64::NAN, |d| d.as_secs_f64() * 1000.0)
}

fn series_rows(name: &str, s: &Series, p50_target: f64, p99_target: Option<f64>) -> Vec<[String; 4]> {
    let (p50, p99, max) = (ms(&s.latencies, 50.0), ms(&s.latencies, 99.0), max_ms(&s.latencies));
    let p99_cells = match p99_target {
        Some(t) => [format!("≤ {t:.0} ms"), met(p99 <= t)],
        None => [String::new(), String::new()],
    };
    let cpu_ms = s.usage.server.as_secs_f64() * 1000.0 / s.latencies.len().max(1) as f64;
    vec![
        [
            format!("{name}: p50 ({} requests)", s.latencies.len()),
            format!("{p50:.1} ms"),
            format!("≤ {p50_target:.0} ms"),
            met(p50 <= p50_target),
        ],
        [format!("{name}: p99"), format!("{p99:.1} ms"), p99_cells[0].clone(), p99_cells[1].clone()],
        [format!("{name}: max"), format!("{max:.1} ms"), String::new(), String::new()],
        [
            format!("{name}: first fetch (before warm-up)"),
            format!("{:.1} ms", s.first.as_secs_f64() * 1000.0),
            String::new(),
            String::new(),
        ],
        [
            format!("{name}: page size, HTML / gzip"),
            format!("{:.1} / {:.1} KiB", s.html_bytes as f64 / 1024.0, s.gzip_bytes as f64 / 1024.0),
            String::new(),
            String::new(),
        ],
        [
            format!("{name}: server CPU per request; CPU share machine / server / bench"),
            format!(
                "{cpu_ms:.1} ms; {:.0}% / {:.0}% / {:.0}%",
                s.usage.machine_busy * 100.0,
                s.usage.server_share * 100.0,
                s.usage.client_share * 100.0
            ),
            String::new(),
            String::new(),
        ],
    ]
}

impl PagesReport<'_> {
    /// Markdown rows: figure, measured, target, met.
    pub fn rows(&self) -> Vec<[String; 4]> {
        let mut rows = series_rows("(c1) school dashboard", &self.dashboard, DASHBOARD_P50_MS, None);
        rows.extend(series_rows("(c2) region overview", &self.region, REGION_MS, Some(REGION_MS)));
        rows.extend(series_rows("(c3) national overview", &self.national, NATIONAL_MS, Some(NATIONAL_MS)));
        rows.push([
            "server peak memory (VmHWM)".into(),
            format!("{:.1} MB", self.peak_memory as f64 / (1024.0 * 1024.0)),
            String::new(),
            String::new(),
        ]);
        rows
    }

    /// What was measured, in words, for the line above the table.
    pub fn subjects_line(&self) -> String {
        let s = self.subjects;
        format!(
            "(c1) `/school/waves/{}` of {} ({} classes); (c2) `/centre/region` of {} ({} schools, {} classes); \
             (c3) `/national` (every region). Fetched in that order, so the dashboard's first fetch discloses \
             its region afresh, and the national page's first fetch every other region",
            s.wave, s.school.code, s.school_classes, s.region, s.region_schools, s.region_classes
        )
    }

    /// The Markdown table.
    pub fn table(&self) -> String {
        let mut out = format!("{}\n\n| figure | measured | target | met |\n|---|---|---|---|\n", self.subjects_line());
        for [figure, measured, target, met] in self.rows() {
            out.push_str(&format!("| {figure} | {measured} | {target} | {met} |\n"));
        }
        out
    }

    /// The same figures as JSON.
    pub fn json(&self) -> serde_json::Value {
        let series = |s: &Series, path: String| {
            json!({
                "path": path,
                "requests": s.latencies.len(),
                "first_fetch_ms": s.first.as_secs_f64() * 1000.0,
                "p50_ms": ms(&s.latencies, 50.0),
                "p99_ms": ms(&s.latencies, 99.0),
                "max_ms": max_ms(&s.latencies),
                "html_bytes": s.html_bytes,
                "gzip_bytes": s.gzip_bytes,
                "server_cpu_ms": s.usage.server.as_secs_f64() * 1000.0,
                "machine_busy_share": s.usage.machine_busy,
                "server_share_of_machine": s.usage.server_share,
                "bench_share_of_machine": s.usage.client_share,
            })
        };
        let s = self.subjects;
        json!({
            "school": { "code": s.school.code.as_str(), "classes": s.school_classes, "wave": s.wave },
            "region": { "code": s.region.as_str(), "schools": s.region_schools, "classes": s.region_classes },
            "school_dashboard": series(&self.dashboard, format!("/school/waves/{}", s.wave)),
            "school_dashboard_p50_target_ms": DASHBOARD_P50_MS,
            "region_overview": series(&self.region, "/centre/region".into()),
            "region_overview_target_ms": REGION_MS,
            "national_overview": series(&self.national, "/national".into()),
            "national_overview_target_ms": NATIONAL_MS,
            "server_peak_memory_bytes": self.peak_memory,
        })
    }
}
