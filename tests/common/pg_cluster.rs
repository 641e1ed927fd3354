//! A private PostgreSQL cluster for one test (initdb into a temporary folder, a free port), for the
//! tests that stop and start the server or dump and restore a database: the shared server on 5432
//! is never touched. The server binaries are required: without them the test fails, never skips
//! (`.ci/run` installs them). As root, PostgreSQL's programs run as the `postgres` user, since
//! PostgreSQL refuses to run as root.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The newest installed PostgreSQL's binaries, as `.ci/run` finds them.
pub fn postgres_bin() -> PathBuf {
    let mut found: Vec<(Vec<u32>, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .into_iter()
        .flatten()
        .filter_map(Result::ok)
        .map(|entry| entry.path().join("bin"))
        .filter(|bin| bin.join("pg_ctl").exists())
        .map(|bin| {
            let version = bin.parent().and_then(Path::file_name).map(|v| v.to_string_lossy().into_owned());
            let key = version.unwrap_or_default().split('.').filter_map(|p| p.parse().ok()).collect();
            (key, bin)
        })
        .collect();
    found.sort();
    found.pop().map(|(_, bin)| bin).unwrap_or_else(|| {
        panic!("PostgreSQL's server binaries are required (/usr/lib/postgresql/*/bin): apt-get install postgresql")
    })
}

fn is_root() -> bool {
    Command::new("id").arg("-u").output().is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

/// Runs `program` of PostgreSQL's binaries, as the `postgres` user when this process is root.
pub fn pg_command(program: &str) -> Command {
    let path = postgres_bin().join(program);
    if is_root() {
        let mut command = Command::new("runuser");
        command.args(["-u", "postgres", "--"]).arg(path);
        command
    } else {
        Command::new(path)
    }
}

fn succeeded(what: &str, output: std::io::Result<Output>) -> Output {
    let output = output.unwrap_or_else(|e| panic!("{what}: {e}"));
    assert!(
        output.status.success(),
        "{what}: {}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

/// A cluster of its own, stopped at once and removed when dropped.
pub struct Cluster {
    dir: tempfile::TempDir,
    pub port: u16,
}

impl Cluster {
    /// A new cluster, started.
    pub fn start() -> Cluster {
        let dir = tempfile::tempdir().unwrap();
        if is_root() {
            succeeded("chown", Command::new("chown").arg("postgres").arg(dir.path()).output());
        }
        let data = dir.path().join("data");
        succeeded(
            "initdb",
            pg_command("initdb").arg("-D").arg(&data).args(["-U", "postgres", "--auth=trust"]).output(),
        );
        let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let cluster = Cluster { dir, port };
        cluster.pg_ctl_start();
        cluster
    }

    fn data(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    fn pg_ctl_start(&self) {
        let options = format!("-p {} -k {} -c listen_addresses=127.0.0.1", self.port, self.dir.path().display());
        let log = self.dir.path().join("server.log");
        let started = pg_command("pg_ctl")
            .arg("-D")
            .arg(self.data())
            .args(["-o", &options, "-l"])
            .arg(&log)
            .args(["-w", "start"])
            .output();
        succeeded("pg_ctl start", started);
    }

    /// Starts the stopped server again (after a crash, it recovers first).
    pub fn restart(&self) {
        self.pg_ctl_start();
    }

    /// Stops the server: `fast` (sessions ended, a clean shutdown) or `immediate` (as a crash).
    pub fn stop(&self, mode: &str) {
        succeeded(
            "pg_ctl stop",
            pg_command("pg_ctl").arg("-D").arg(self.data()).args(["-m", mode, "-w", "stop"]).output(),
        );
    }

    /// The URL of database `name` on this cluster.
    pub fn url(&self, name: &str) -> String {
        format!("postgres://postgres@127.0.0.1:{}/{name}", self.port)
    }

    /// Creates database `name`.
    pub fn create_database(&self, name: &str) {
        use diesel::{Connection, RunQueryDsl};
        let mut conn = diesel::PgConnection::establish(&self.url("postgres")).unwrap();
        diesel::sql_query(format!("CREATE DATABASE {name}")).execute(&mut conn).unwrap();
    }

    /// Runs `program` (`pg_dump`, `pg_restore`) against this cluster with `args`, and asserts it succeeded.
    pub fn run(&self, program: &str, args: &[&str]) -> Output {
        let port = self.port.to_string();
        let output = pg_command(program).args(["-h", "127.0.0.1", "-p", &port, "-U", "postgres"]).args(args).output();
        succeeded(program, output)
    }

    /// A folder the `postgres` user may write to (for a dump).
    pub fn scratch(&self) -> &Path {
        self.dir.path()
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        let _ = pg_command("pg_ctl").arg("-D").arg(self.data()).args(["-m", "immediate", "-w", "stop"]).output();
    }
}
