//! One timed series: a few warm-up fetches of a page, then `requests` sequential fetches, each checked
//! (status 200 and a chart on the page, so an error or an empty page cannot pass for a fast one),
//! with the server's and the machine's processor time over the measured part.

use std::time::Duration;

use awc::http::StatusCode;

use super::browser::Browser;
use super::common::cpu::{self, Usage};

/// How many fetches.
#[derive(Debug, Clone, Copy)]
pub struct Counts {
    /// Not counted.
    pub warmup: usize,
    /// Counted.
    pub requests: usize,
}

/// What one series measured.
pub struct Series {
    /// Sorted latencies of the counted fetches.
    pub latencies: Vec<Duration>,
    /// The first fetch, before any warm-up: for the first page of a region since its last counted
    /// wave, this includes disclosing the region afresh.
    pub first: Duration,
    /// The page's HTML, bytes (fetched once without compression).
    pub html_bytes: usize,
    /// The page as sent with `Accept-Encoding: gzip`, bytes.
    pub gzip_bytes: usize,
    /// Processor time over the counted fetches.
    pub usage: Usage,
}

/// Fetches `path` `warmup + requests` times one after another and times the last `requests`.
pub async fn run(browser: &mut Browser, path: &str, counts: Counts, server_pid: u32) -> anyhow::Result<Series> {
    let plain = browser.get(path, false).await?;
    check(path, plain.status, &plain.body)?;
    for _ in 0..counts.warmup {
        browser.get(path, true).await?;
    }
    let before = cpu::sample(server_pid)?;
    let mut latencies = Vec::with_capacity(counts.requests);
    let mut gzip_bytes = 0;
    for _ in 0..counts.requests {
        let fetched = browser.get(path, true).await?;
        if fetched.status != StatusCode::OK {
            anyhow::bail!("GET {path}: status {}", fetched.status);
        }
        gzip_bytes = fetched.body.len();
        latencies.push(fetched.took);
    }
    let usage = cpu::between(before, cpu::sample(server_pid)?);
    latencies.sort_unstable();
    Ok(Series { latencies, first: plain.took, html_bytes: plain.body.len(), gzip_bytes, usage })
}

fn check(path: &str, status: StatusCode, body: &[u8]) -> anyhow::Result<()> {
    if status != StatusCode::OK {
        anyhow::bail!("GET {path}: status {status}");
    }
    if !String::from_utf8_lossy(body).contains("<svg") {
        anyhow::bail!("GET {path}: the page shows no chart, so it holds no figures; is the wave closed and counted?");
    }
    Ok(())
}
