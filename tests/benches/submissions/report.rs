//! The figures of one backend next to their targets (issue 6, part 3), as a Markdown table and JSON.

use std::time::Duration;

use serde_json::json;

use super::common::cpu::Usage;
use super::common::percentile::percentile_ms;
use super::direct::DirectOutcome;
use super::pupils::HttpOutcome;

/// Submit POST p99 target (applied to the submit POST; the whole flow's p99 is shown for context).
const P99_TARGET_MS: f64 = 50.0;
/// Ratio of HTTP throughput to the physical limit.
const RATIO_TARGET: f64 = 0.5;
/// A paced run keeps up when it completes at least this share of its rate (flows cut by the window's
/// two ends are not counted).
const KEEPS_UP: f64 = 0.97;
/// Server peak memory target.
const MEMORY_TARGET_MB: f64 = 150.0;

fn rate(count: u64, window: Duration) -> f64 {
    if window.is_zero() { 0.0 } else { count as f64 / window.as_secs_f64() }
}

/// Everything measured on one backend.
pub struct BackendReport {
    /// `sqlite` or `postgres`.
    pub backend: &'static str,
    /// Target submissions per second on this backend.
    pub throughput_target: f64,
    /// The HTTP run, closed loop (flat out).
    pub http: HttpOutcome,
    /// The HTTP run paced at the throughput target, on the same server.
    pub paced: HttpOutcome,
    /// Processor time during the HTTP run's measured window.
    pub usage: Usage,
    /// Server peak memory (VmHWM), bytes.
    pub peak_memory: u64,
    /// The direct writers, one submission per commit, then grouped.
    pub direct: [DirectOutcome; 2],
    /// Concurrent virtual pupils.
    pub pupils: usize,
}

impl BackendReport {
    /// Sorts the samples so percentiles can be read.
    pub fn finish(mut self) -> Self {
        self.http.submit.sort_unstable();
        self.http.flow.sort_unstable();
        self.paced.submit.sort_unstable();
        self.paced.flow.sort_unstable();
        for run in &mut self.direct {
            run.commit.sort_unstable();
        }
        self
    }

    fn http_rate(&self) -> f64 {
        rate(self.http.completed, self.http.window)
    }

    fn paced_rate(&self) -> f64 {
        rate(self.paced.completed, self.paced.window)
    }

    /// The physical limit: the faster of the direct runs.
    fn direct_rate(&self) -> f64 {
        self.direct.iter().map(|run| rate(run.completed, run.window)).fold(0.0, f64::max)
    }

    fn ratio(&self) -> f64 {
        self.http_rate() / self.direct_rate()
    }

    fn direct_rows(run: &DirectOutcome) -> [[String; 4]; 2] {
        let (p50, p99) = (percentile_ms(&run.commit, 50.0), percentile_ms(&run.commit, 99.0));
        [
            [
                format!(
                    "direct writes/s ({} connection(s), {} submission(s) per commit{})",
                    run.threads,
                    run.batch,
                    if run.errors > 0 { format!(", {} failed", run.errors) } else { String::new() }
                ),
                format!("{:.0}", rate(run.completed, run.window)),
                "".into(),
                "".into(),
            ],
            ["direct commit p50 / p99".into(), format!("{p50:.1} / {p99:.1} ms"), "".into(), "".into()],
        ]
    }

    fn errors(&self) -> u64 {
        self.http.errors.values().sum()
    }

    fn server_cpu_ms_per_submission(&self) -> f64 {
        self.usage.server.as_secs_f64() * 1000.0 / self.http.completed.max(1) as f64
    }

    fn memory_mb(&self) -> f64 {
        self.peak_memory as f64 / (1024.0 * 1024.0)
    }

    /// Markdown rows: figure, measured, target, met.
    pub fn rows(&self) -> Vec<[String; 4]> {
        let met = |ok: bool| if ok { "yes" } else { "**no**" }.to_owned();
        let (submit_p50, submit_p99) = (percentile_ms(&self.http.submit, 50.0), percentile_ms(&self.http.submit, 99.0));
        let (flow_p50, flow_p99) = (percentile_ms(&self.http.flow, 50.0), percentile_ms(&self.http.flow, 99.0));
        let paced_p99 = percentile_ms(&self.paced.submit, 99.0);
        let form_kib = self.http.form_bytes as f64 / self.http.completed.max(1) as f64 / 1024.0;
        let mut rows = vec![
            [
                format!("submissions/s over HTTP ({} pupils, {} counted)", self.pupils, self.http.completed),
                format!("{:.0}", self.http_rate()),
                format!("≥ {:.0}", self.throughput_target),
                met(self.http_rate() >= self.throughput_target),
            ],
            [
                "flat out: submit POST p50 / p99 (queueing: 200 pupils who never pause)".into(),
                format!("{submit_p50:.1} / {submit_p99:.1} ms"),
                "".into(),
                "".into(),
            ],
            [
                "flat out: whole flow p50 / p99 (3 requests)".into(),
                format!("{flow_p50:.1} / {flow_p99:.1} ms"),
                "".into(),
                "".into(),
            ],
            ["form page, gzip".into(), format!("{form_kib:.1} KiB"), "".into(), "".into()],
            ["errors".into(), self.errors().to_string(), "0".into(), met(self.errors() == 0)],
            [
                format!("paced at {:.0}/s: submissions/s completed", self.throughput_target),
                format!("{:.0}", self.paced_rate()),
                format!("≥ {:.0}", self.throughput_target * KEEPS_UP),
                met(self.paced_rate() >= self.throughput_target * KEEPS_UP),
            ],
            [
                format!("paced at {:.0}/s: submit POST p50", self.throughput_target),
                format!("{:.1} ms", percentile_ms(&self.paced.submit, 50.0)),
                "".into(),
                "".into(),
            ],
            [
                format!("paced at {:.0}/s: submit POST p99", self.throughput_target),
                format!("{paced_p99:.1} ms"),
                format!("≤ {P99_TARGET_MS:.0} ms"),
                met(paced_p99 <= P99_TARGET_MS),
            ],
            [
                format!("paced at {:.0}/s: whole flow p50 / p99 from its scheduled start", self.throughput_target),
                format!(
                    "{:.1} / {:.1} ms",
                    percentile_ms(&self.paced.flow, 50.0),
                    percentile_ms(&self.paced.flow, 99.0)
                ),
                "".into(),
                "".into(),
            ],
            [
                format!("paced at {:.0}/s: errors", self.throughput_target),
                self.paced.errors.values().sum::<u64>().to_string(),
                "0".into(),
                met(self.paced.errors.is_empty()),
            ],
            [
                "server CPU per submission (whole flow)".into(),
                format!("{:.2} ms", self.server_cpu_ms_per_submission()),
                "".into(),
                "".into(),
            ],
            [
                "CPU, share of both cores: machine busy / server / pupils (bench)".into(),
                format!(
                    "{:.0}% / {:.0}% / {:.0}%",
                    self.usage.machine_busy * 100.0,
                    self.usage.server_share * 100.0,
                    self.usage.client_share * 100.0
                ),
                "".into(),
                "".into(),
            ],
            [
                "server peak memory (VmHWM)".into(),
                format!("{:.1} MB", self.memory_mb()),
                format!("≤ {MEMORY_TARGET_MB:.0} MB"),
                met(self.memory_mb() <= MEMORY_TARGET_MB),
            ],
        ];
        rows.extend(self.direct.iter().flat_map(Self::direct_rows));
        rows.push([
            "ratio HTTP / physical limit (the faster direct run)".into(),
            format!("{:.2}", self.ratio()),
            format!("≥ {RATIO_TARGET}"),
            met(self.ratio() >= RATIO_TARGET),
        ]);
        rows
    }

    /// The same figures as JSON.
    pub fn json(&self) -> serde_json::Value {
        let ms = |v: &[Duration], p| percentile_ms(v, p);
        json!({
            "backend": self.backend,
            "http": {
                "pupils": self.pupils,
                "window_s": self.http.window.as_secs_f64(),
                "completed": self.http.completed,
                "submissions_per_s": self.http_rate(),
                "submissions_per_s_target": self.throughput_target,
                "submit_p50_ms": ms(&self.http.submit, 50.0),
                "submit_p99_ms": ms(&self.http.submit, 99.0),
                "flow_p50_ms": ms(&self.http.flow, 50.0),
                "flow_p99_ms": ms(&self.http.flow, 99.0),
                "form_page_gzip_bytes": self.http.form_bytes / self.http.completed.max(1),
                "errors": self.errors(),
                "errors_by_reason": self.http.errors,
                "server_cpu_ms_per_submission": self.server_cpu_ms_per_submission(),
                "machine_busy_share": self.usage.machine_busy,
                "server_share_of_machine": self.usage.server_share,
                "bench_client_share_of_machine": self.usage.client_share,
                "server_peak_memory_bytes": self.peak_memory,
                "server_peak_memory_target_bytes": (MEMORY_TARGET_MB * 1024.0 * 1024.0) as u64,
            },
            "paced": {
                "rate_per_s": self.throughput_target,
                "completed": self.paced.completed,
                "submissions_per_s": self.paced_rate(),
                "submit_p50_ms": ms(&self.paced.submit, 50.0),
                "submit_p99_ms": ms(&self.paced.submit, 99.0),
                "submit_p99_target_ms": P99_TARGET_MS,
                "flow_p50_from_schedule_ms": ms(&self.paced.flow, 50.0),
                "flow_p99_from_schedule_ms": ms(&self.paced.flow, 99.0),
                "errors_by_reason": self.paced.errors,
            },
            "direct": self.direct.iter().map(|run| json!({
                "connections": run.threads,
                "submissions_per_commit": run.batch,
                "window_s": run.window.as_secs_f64(),
                "completed": run.completed,
                "errors": run.errors,
                "ran_out_of_roll": run.ran_out,
                "submissions_per_s": rate(run.completed, run.window),
                "commit_p50_ms": ms(&run.commit, 50.0),
                "commit_p99_ms": ms(&run.commit, 99.0),
            })).collect::<Vec<_>>(),
            "physical_limit_submissions_per_s": self.direct_rate(),
            "ratio": self.ratio(),
            "ratio_target": RATIO_TARGET,
        })
    }
}

/// The Markdown table of every backend.
pub fn table(reports: &[BackendReport]) -> String {
    let mut out = String::from("| backend | figure | measured | target | met |\n|---|---|---|---|---|\n");
    for report in reports {
        for [figure, measured, target, met] in report.rows() {
            out.push_str(&format!("| {} | {figure} | {measured} | {target} | {met} |\n", report.backend));
        }
    }
    out
}
