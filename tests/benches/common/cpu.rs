//! Where the processor time went during the measured window: the server's own CPU time (from
//! `/proc/PID/stat`) and how busy the whole machine was (from `/proc/stat`), so the table can say
//! whether a figure is limited by the server's work, by the disk, or by everything else running.

use std::time::Duration;

/// Linux reports process times in clock ticks of 1/100 s on every common configuration.
const TICKS_PER_SECOND: u64 = 100;

/// One reading.
#[derive(Debug, Clone, Copy, Default)]
pub struct Sample {
    server_ticks: u64,
    client_ticks: u64,
    machine_busy: u64,
    machine_total: u64,
}

/// What happened between two readings.
#[derive(Debug, Clone, Copy, Default)]
pub struct Usage {
    /// CPU time the server used.
    pub server: Duration,
    /// Share of all cores that were busy (any process), 0..1.
    pub machine_busy: f64,
    /// Share of all cores the server used, 0..1.
    pub server_share: f64,
    /// Share of all cores this bench process (its clients) used, 0..1.
    pub client_share: f64,
}

/// User plus system ticks of process `pid`.
fn process_ticks(pid: u32) -> anyhow::Result<u64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat"))?;
    // The command name (field 2) may hold spaces, so count from its ")": field 3 (the state) is first
    // after it, and utime and stime are fields 14 and 15.
    let after = stat.rsplit_once(')').map(|(_, rest)| rest).unwrap_or_default();
    let field = |n: usize| after.split_whitespace().nth(n - 3).and_then(|f| f.parse::<u64>().ok()).unwrap_or(0);
    Ok(field(14) + field(15))
}

/// Reads the server's, this process's and the machine's counters now.
pub fn sample(pid: u32) -> anyhow::Result<Sample> {
    let (server_ticks, client_ticks) = (process_ticks(pid)?, process_ticks(std::process::id())?);
    let machine = std::fs::read_to_string("/proc/stat")?;
    let cpu: Vec<u64> =
        machine.lines().next().unwrap_or_default().split_whitespace().skip(1).map(|f| f.parse().unwrap_or(0)).collect();
    let total: u64 = cpu.iter().take(8).sum();
    let idle = cpu.get(3).copied().unwrap_or(0) + cpu.get(4).copied().unwrap_or(0);
    Ok(Sample { server_ticks, client_ticks, machine_busy: total - idle, machine_total: total })
}

/// The usage between `before` and `after`.
pub fn between(before: Sample, after: Sample) -> Usage {
    let server_ticks = after.server_ticks.saturating_sub(before.server_ticks);
    let total = after.machine_total.saturating_sub(before.machine_total).max(1) as f64;
    Usage {
        server: Duration::from_millis(server_ticks * 1000 / TICKS_PER_SECOND),
        machine_busy: after.machine_busy.saturating_sub(before.machine_busy) as f64 / total,
        server_share: server_ticks as f64 / total,
        client_share: after.client_ticks.saturating_sub(before.client_ticks) as f64 / total,
    }
}
