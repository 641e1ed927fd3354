//! SQLite's disk fills up under load (issue 22, faults). The database lives on a small tmpfs that
//! the test mounts (root is needed, as on CI; without it the test fails, never skips), so the full
//! disk is a real one: SQLite meets ENOSPC and answers SQLITE_FULL. While pupils submit to the real
//! `ahual serve`, a file takes every free byte: answers that cannot be stored get the "try again"
//! page (503, in Kazakh), never a 500 and never a hang, and none of them is stored. The file is
//! removed ("space returns"): the same server stores new submissions without a restart, its writer
//! and checkpoint thread never panicked, the WAL is copied back into the database again, every
//! acknowledged answer is stored exactly once and `ahual verify` passes.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use crate::common::pupil_load::{
    Load, TryAgainMeans, each_acknowledged_stored_once, only_thanks_and_try_again, thanked,
};
use crate::common::serve_load::{Outcome, Server, close_and_verify, open_wave};

/// A tmpfs mounted for the test, unmounted when dropped.
struct Tmpfs(PathBuf);

impl Tmpfs {
    fn mount(at: &Path, size: &str) -> Tmpfs {
        std::fs::create_dir_all(at).unwrap();
        let mounted =
            Command::new("mount").args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"]).arg(at).output();
        let mounted = mounted.expect("the mount command");
        assert!(
            mounted.status.success(),
            "this test needs to mount a small tmpfs, as root (CI runs as root): {}",
            String::from_utf8_lossy(&mounted.stderr)
        );
        Tmpfs(at.to_path_buf())
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg("-l").arg(&self.0).status();
    }
}

/// Writes zeros into `file` until the file system has no byte left.
fn take_every_free_byte(file: &Path) {
    let mut filler = std::fs::File::create(file).unwrap();
    for chunk in [1 << 20, 4096, 1] {
        let zeros = vec![0u8; chunk];
        while filler.write_all(&zeros).is_ok() {}
    }
    let _ = filler.sync_all();
}

fn is_try_again_to_answers(outcome: &Result<Outcome, String>) -> bool {
    matches!(outcome, Ok(Outcome::TryAgain { answers_sent: true }))
}

#[test]
fn sqlite_a_full_disk_gets_a_try_again_page_loses_nothing_and_recovers_when_space_returns() {
    let dir = tempfile::tempdir().unwrap();
    let _tmpfs = Tmpfs::mount(&dir.path().join("disk"), "48m");
    let file = dir.path().join("disk/ahual.db");
    let url = format!("sqlite://{}", file.display());
    let (wave, passwords) = open_wave(dir.path(), &url, 20, 60);
    let server = Server::start(dir.path(), &url);
    let load = Load::start(&server.base, &passwords, 6);
    load.wait_for("acknowledged before the disk fills", 100, thanked);

    take_every_free_byte(&dir.path().join("disk/filler"));
    load.wait_for("answers told to try again on a full disk", 20, is_try_again_to_answers);
    let full_size = std::fs::metadata(&file).unwrap().len();

    std::fs::remove_file(dir.path().join("disk/filler")).unwrap();
    load.wait_for_more("acknowledged after space returned", 100, thanked);
    let attempts = load.stop();

    only_thanks_and_try_again(&attempts, &server.log_tail());
    server.outage_said_briefly(3);
    let health = server.health();
    assert_eq!(health["status"], "ok", "{health}");
    for thread in ["writer", "checkpoint"] {
        assert_eq!(health[thread]["restarts"], 0, "{thread} never panicked: {health}");
    }
    let give_up = std::time::Instant::now() + Duration::from_secs(60);
    while std::fs::metadata(&file).unwrap().len() <= full_size {
        assert!(std::time::Instant::now() < give_up, "the WAL is not copied back into the database after the fault");
        std::thread::sleep(Duration::from_millis(50));
    }
    drop(server);

    let stored = each_acknowledged_stored_once(&url, &attempts, TryAgainMeans::NotStored);
    close_and_verify(dir.path(), &url, &wave, stored.len());
}
