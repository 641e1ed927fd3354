//! Running one test in a process of its own, for what a process has only one of: its list of threads
//! and its global log subscriber. The test binary runs itself again with that test alone; the parent
//! asserts that exactly that one test ran and passed, so nothing is skipped in silence.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::process::Command;

/// Set in the child process, to the name of the test it runs.
const CHILD: &str = "AHUAL_TEST_ALONE";

/// For the test at `path` (`concat!(module_path!(), "::", "its_name")`): true when this process is
/// the one that should run its body. Otherwise runs this binary again with that test alone, asserts
/// that it ran and passed, and returns false (the caller then returns: the child did the work).
pub fn run_here(path: &str) -> bool {
    // The harness names a test by its path without the crate (the test binary's own name).
    let name = path.split_once("::").map_or(path, |(_, rest)| rest);
    if std::env::var(CHILD).is_ok_and(|running| running == name) {
        return true;
    }
    let output = Command::new(std::env::current_exe().unwrap())
        .args([name, "--exact", "--test-threads=1", "--nocapture"])
        .env(CHILD, name)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success() && stdout.contains("test result: ok. 1 passed"),
        "{name}, run alone, did not pass exactly once:\n{stdout}\n{stderr}"
    );
    false
}

/// The threads of this process, by name (`/proc/self/task`; Linux only, which the tests need).
pub fn thread_names() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir("/proc/self/task")
        .expect("/proc/self/task (Linux)")
        .filter_map(Result::ok)
        .map(|task| std::fs::read_to_string(task.path().join("comm")).unwrap_or_default().trim().to_owned())
        .collect();
    names.sort();
    names
}
