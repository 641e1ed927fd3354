//! The server's resident memory (VmRSS), sampled once a second from `/proc` on a thread of its own,
//! so each minute's peak and closing figure can be read off.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// The samples so far: when, and bytes resident.
pub type Samples = Arc<Mutex<Vec<(Instant, u64)>>>;

/// A running sampler.
pub struct Sampler {
    samples: Samples,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

/// The resident memory of process `pid`, in bytes.
pub fn resident(pid: u32) -> anyhow::Result<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status"))?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:")).ok_or_else(|| anyhow::anyhow!("no VmRSS"))?;
    let kib: u64 = line.split_whitespace().nth(1).unwrap_or("0").parse()?;
    Ok(kib * 1024)
}

impl Sampler {
    /// Samples `pid` every second until stopped.
    pub fn start(pid: u32) -> Sampler {
        let samples: Samples = Arc::default();
        let stop = Arc::new(AtomicBool::new(false));
        let (kept, stopped) = (samples.clone(), stop.clone());
        let thread = std::thread::spawn(move || {
            while !stopped.load(Ordering::SeqCst) {
                if let (Ok(bytes), Ok(mut kept)) = (resident(pid), kept.lock()) {
                    kept.push((Instant::now(), bytes));
                }
                std::thread::sleep(Duration::from_secs(1));
            }
        });
        Sampler { samples, stop, thread: Some(thread) }
    }

    /// The largest and the last sample taken in `from..to`, in bytes.
    pub fn between(&self, from: Instant, to: Instant) -> (u64, u64) {
        let samples = self.samples.lock().map(|s| s.clone()).unwrap_or_default();
        let within: Vec<u64> = samples.iter().filter(|(at, _)| (from..to).contains(at)).map(|(_, b)| *b).collect();
        (within.iter().copied().max().unwrap_or(0), within.last().copied().unwrap_or(0))
    }
}

impl Drop for Sampler {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}
