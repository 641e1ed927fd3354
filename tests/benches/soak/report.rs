//! The soak's table: one row per minute with the pupils' submissions and their latency, the staff's
//! pages and theirs, and the server's memory, so that a trend (memory creeping up, a tail growing)
//! shows as a column that does not stay flat. Written as Markdown and JSON.

use std::time::Duration;

use super::common::percentile::percentile_ms;

/// One minute of the soak.
#[derive(Debug, Clone)]
pub struct Minute {
    /// 1, 2, …
    pub minute: usize,
    /// Flows that ended in the thank-you redirect.
    pub submissions: u64,
    /// Flows that failed.
    pub errors: u64,
    /// Submit POST latency, p50 and p99, in ms.
    pub submit_ms: (f64, f64),
    /// Staff pages fetched, and how many were not a 200.
    pub pages: (usize, usize),
    /// Staff page latency, p50 and p99, in ms.
    pub page_ms: (f64, f64),
    /// The server's resident memory: the minute's peak and its last sample, in bytes.
    pub rss: (u64, u64),
    /// Shares of both cores, 0..1: the server's, this bench's (the pupils and staff), and
    /// everything's (the machine busy).
    pub cpu: (f64, f64, f64),
    /// The server's processor time per submission, in ms.
    pub cpu_per_submission_ms: f64,
}

/// The p50 and p99 of `samples`, in ms.
pub fn p50_p99(mut samples: Vec<Duration>) -> (f64, f64) {
    samples.sort_unstable();
    (percentile_ms(&samples, 50.0), percentile_ms(&samples, 99.0))
}

const HEADER: &str = "| minute | submissions | errors | submit p50 ms | submit p99 ms | staff pages (not 200) | page p50 ms | page p99 ms | RSS peak MB | RSS end MB | server CPU ms/submission | server CPU | bench CPU | machine busy |\n|---|---|---|---|---|---|---|---|---|---|---|---|---|---|";

fn mb(bytes: u64) -> f64 {
    bytes as f64 / 1_048_576.0
}

impl Minute {
    /// The minute as a row of the table.
    pub fn row(&self) -> String {
        format!(
            "| {} | {} | {} | {:.1} | {:.1} | {} ({}) | {:.1} | {:.1} | {:.1} | {:.1} | {:.3} | {:.0}% | {:.0}% | {:.0}% |",
            self.minute,
            self.submissions,
            self.errors,
            self.submit_ms.0,
            self.submit_ms.1,
            self.pages.0,
            self.pages.1,
            self.page_ms.0,
            self.page_ms.1,
            mb(self.rss.0),
            mb(self.rss.1),
            self.cpu_per_submission_ms,
            self.cpu.0 * 100.0,
            self.cpu.1 * 100.0,
            self.cpu.2 * 100.0
        )
    }

    fn json(&self) -> serde_json::Value {
        serde_json::json!({
            "minute": self.minute,
            "submissions": self.submissions,
            "errors": self.errors,
            "submit_p50_ms": self.submit_ms.0,
            "submit_p99_ms": self.submit_ms.1,
            "staff_pages": self.pages.0,
            "staff_pages_not_ok": self.pages.1,
            "page_p50_ms": self.page_ms.0,
            "page_p99_ms": self.page_ms.1,
            "rss_peak_bytes": self.rss.0,
            "rss_end_bytes": self.rss.1,
            "server_cpu_ms_per_submission": self.cpu_per_submission_ms,
            "server_cpu_share": self.cpu.0,
            "bench_cpu_share": self.cpu.1,
            "machine_busy": self.cpu.2,
        })
    }
}

/// The Markdown document: what ran, then the table.
pub fn markdown(settings: &str, minutes: &[Minute]) -> String {
    let rows: Vec<String> = minutes.iter().map(Minute::row).collect();
    format!("{settings}\n\n{HEADER}\n{}\n", rows.join("\n"))
}

/// The JSON document: what ran, then one object per minute.
pub fn json(settings: serde_json::Value, minutes: &[Minute]) -> serde_json::Value {
    serde_json::json!({ "settings": settings, "minutes": minutes.iter().map(Minute::json).collect::<Vec<_>>() })
}

/// The table's header, for printing rows as they come.
pub fn header() -> &'static str {
    HEADER
}
