//! The release server as a child process for the benches: `ahual serve` on a free loopback port with
//! a fresh secret key, killed when dropped, and its peak memory read from `/proc`.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Stdio};

use super::cli;

/// A running `ahual serve`; killed when dropped.
pub struct Server {
    child: Child,
    /// `http://127.0.0.1:PORT`.
    pub base: String,
}

impl Server {
    /// Starts `ahual serve` on the database at `url` (run in `dir`) and waits until it listens.
    /// `workers` overrides the server's default of one HTTP worker per core.
    pub fn start(url: &str, dir: &Path, workers: Option<usize>) -> anyhow::Result<Server> {
        let mut key = [0u8; 64];
        rand::fill(&mut key);
        let mut command = cli::command(url, dir);
        command
            .args(["serve", "--bind", "127.0.0.1:0"])
            .env("AHUAL_SECRET_KEY", hex::encode(key))
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit());
        if let Some(workers) = workers {
            command.env("AHUAL_WORKERS", workers.to_string());
        }
        let mut child = command.spawn()?;
        let stdout = child.stdout.take().ok_or_else(|| anyhow::anyhow!("no stdout"))?;
        let mut lines = BufReader::new(stdout).lines();
        let base = loop {
            let Some(line) = lines.next().transpose()? else {
                anyhow::bail!("ahual serve exited before listening");
            };
            if let Some(rest) = line.split("listening on ").nth(1) {
                break rest.split_whitespace().next().unwrap_or_default().to_owned();
            }
        };
        // Keep draining stdout so the server never blocks on a full pipe.
        std::thread::spawn(move || lines.for_each(drop));
        Ok(Server { child, base })
    }

    /// The server's process id.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// The server's peak resident memory so far (VmHWM), in bytes.
    pub fn peak_memory(&self) -> anyhow::Result<u64> {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id()))?;
        let line = status
            .lines()
            .find(|l| l.starts_with("VmHWM:"))
            .ok_or_else(|| anyhow::anyhow!("no VmHWM in /proc status"))?;
        let kib: u64 = line.split_whitespace().nth(1).unwrap_or("0").parse()?;
        Ok(kib * 1024)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
