//! Every line the process logs, captured in memory, for the tests that check what the server writes
//! to its log (`startup`'s staff request lines, `pupil_logs`' promise that a pupil leaves none). The
//! subscriber is the process's global one, so a test that installs it runs in a process of its own
//! (`common::alone`, or a test binary of its own).
#![allow(dead_code, clippy::unwrap_used)]

use std::io::Write;
use std::sync::{Arc, Mutex};

/// The bytes logged so far; clones share them.
#[derive(Clone, Default)]
pub struct CapturedLog(Arc<Mutex<Vec<u8>>>);

impl CapturedLog {
    /// Installs the process's log subscriber (tracing, and the `log` crate through it) at `level`,
    /// plain text without colours, writing into a new capture. Panics if one is installed already.
    pub fn install(level: tracing::Level) -> CapturedLog {
        let captured = CapturedLog::default();
        let writer = captured.clone();
        tracing_subscriber::fmt()
            .with_max_level(level)
            .with_writer(move || writer.clone())
            .with_ansi(false)
            .try_init()
            .unwrap();
        captured
    }

    /// Everything logged so far, as text.
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.0.lock().unwrap()).into_owned()
    }

    /// Forgets what was logged so far.
    pub fn clear(&self) {
        self.0.lock().unwrap().clear();
    }
}

impl Write for CapturedLog {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}
