//! Everything before the clock starts: a fresh database per backend, a roster of bench schools
//! imported with `ahual import`, a wave opened with `ahual wave open --json`, and the release server
//! started as a child process, exactly as an operator would.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

use ahual::db::schema::wave_classes;
use diesel::pg::PgConnection;
use diesel::prelude::*;

/// The bench classes all have the largest roll the roster accepts.
pub const ROLL: u64 = 60;
/// Grades cycle through the pupil range, so every form variant is exercised.
const GRADES: std::ops::RangeInclusive<u8> = 5..=11;

/// Which database the run uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// A temporary SQLite file.
    Sqlite,
    /// A fresh database on the local PostgreSQL.
    Postgres,
}

impl Backend {
    /// Lower-case name, as in the JSON and on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Backend::Sqlite => "sqlite",
            Backend::Postgres => "postgres",
        }
    }
}

/// A database that exists for one run and is removed afterwards.
pub struct BenchDatabase {
    /// The URL `ahual` is given.
    pub url: String,
    admin_url: Option<(String, String)>,
    _dir: tempfile::TempDir,
}

impl BenchDatabase {
    /// Creates an empty database of `backend`.
    pub fn create(backend: Backend, postgres_base: &str) -> anyhow::Result<BenchDatabase> {
        let dir = tempfile::tempdir()?;
        Ok(match backend {
            Backend::Sqlite => {
                let url = format!("sqlite://{}", dir.path().join("bench.db").display());
                BenchDatabase { url, admin_url: None, _dir: dir }
            }
            Backend::Postgres => {
                let name = format!("ahual_bench_{}", std::process::id());
                let admin = format!("{postgres_base}/postgres");
                let mut conn = PgConnection::establish(&admin)?;
                diesel::sql_query(format!("DROP DATABASE IF EXISTS {name}")).execute(&mut conn)?;
                diesel::sql_query(format!("CREATE DATABASE {name}")).execute(&mut conn)?;
                BenchDatabase { url: format!("{postgres_base}/{name}"), admin_url: Some((admin, name)), _dir: dir }
            }
        })
    }

    /// A scratch folder that lives as long as the database.
    pub fn dir(&self) -> &Path {
        self._dir.path()
    }
}

impl Drop for BenchDatabase {
    fn drop(&mut self) {
        if let Some((admin, name)) = &self.admin_url {
            let dropped = PgConnection::establish(admin)
                .map_err(anyhow::Error::from)
                .and_then(|mut c| Ok(diesel::sql_query(format!("DROP DATABASE {name}")).execute(&mut c)?));
            if let Err(e) = dropped {
                eprintln!("warning: could not drop database {name}: {e}");
            }
        }
    }
}

/// One class ready for pupils: its password (HTTP school) or its ids (direct school).
#[derive(Debug, Clone)]
pub struct BenchClass {
    /// The class password, for the HTTP school.
    pub password: String,
    /// The class's grade.
    pub grade: u8,
}

/// A class of the direct-write school, as the rows need it.
#[derive(Debug, Clone)]
pub struct DirectClass {
    /// `wave_classes.id`.
    pub wave_class_id: String,
    /// `classes.id`.
    pub class_id: String,
    /// The class's grade.
    pub grade: u8,
}

/// What the runs need after preparation.
pub struct Prepared {
    /// Classes of the school the HTTP pupils answer in, in label order.
    pub http_classes: Vec<BenchClass>,
    /// The wave of the direct-write school.
    pub direct_wave: String,
    /// Classes of the direct-write school.
    pub direct_classes: Vec<DirectClass>,
}

/// The grade of the bench class with this index.
pub fn grade_of(index: usize) -> u8 {
    let span = usize::from(GRADES.end() - GRADES.start()) + 1;
    GRADES.start() + u8::try_from(index % span).unwrap_or(0)
}

fn label_of(index: usize) -> String {
    format!("B{index:05}")
}

fn roster(http_classes: usize, direct_classes: usize) -> String {
    let mut toml = String::new();
    for (code, classes) in [("SCH-BENCH-HTTP", http_classes), ("SCH-BENCH-DIRECT", direct_classes)] {
        toml.push_str(&format!(
            "[[school]]\ncode = \"{code}\"\nregion = \"KZ-71\"\nname = {{ kk = \"{code}\", ru = \"{code}\", en = \"{code}\" }}\n\n"
        ));
        for index in 0..classes {
            toml.push_str(&format!(
                "[[class]]\nschool = \"{code}\"\nlabel = \"{}\"\ngrade = {}\nroll = {ROLL}\n\n",
                label_of(index),
                grade_of(index)
            ));
        }
    }
    toml
}

/// Runs `ahual ARGS` on the database and returns its standard output.
fn ahual(database: &BenchDatabase, args: &[&str]) -> anyhow::Result<String> {
    let output = Command::new(env!("CARGO_BIN_EXE_ahual"))
        .args(args)
        .current_dir(database.dir())
        .env("AHUAL_DATABASE_URL", &database.url)
        .env("AHUAL_SURVEYS_DIR", surveys_dir())
        .env("AHUAL_LOG", "warn")
        .output()?;
    if !output.status.success() {
        anyhow::bail!("ahual {}: {}", args.join(" "), String::from_utf8_lossy(&output.stderr));
    }
    Ok(String::from_utf8(output.stdout)?)
}

/// The questionnaires of the repository.
pub fn surveys_dir() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/surveys"))
}

/// Imports the bench schools and opens a wave of the default instrument in each.
pub fn prepare(database: &BenchDatabase, http_classes: usize, direct_classes: usize) -> anyhow::Result<Prepared> {
    ahual(database, &["migrate"])?;
    let roster_file = database.dir().join("roster.toml");
    std::fs::write(&roster_file, roster(http_classes, direct_classes))?;
    ahual(database, &["import", &roster_file.to_string_lossy()])?;
    let open = |school: &str| -> anyhow::Result<serde_json::Value> {
        let out = ahual(database, &["wave", "open", "--school", school, "--instrument", "school-climate", "--json"])?;
        Ok(serde_json::from_str(&out)?)
    };
    let http = open("SCH-BENCH-HTTP")?;
    let mut http_classes: Vec<(String, BenchClass)> = http["classes"]
        .as_array()
        .ok_or_else(|| anyhow::anyhow!("wave open printed no classes"))?
        .iter()
        .map(|c| {
            let label = c["label"].as_str().unwrap_or_default().to_owned();
            let index: usize = label.trim_start_matches('B').parse().unwrap_or(0);
            let password = c["password"].as_str().unwrap_or_default().to_owned();
            (label, BenchClass { password, grade: grade_of(index) })
        })
        .collect();
    http_classes.sort_by(|a, b| a.0.cmp(&b.0));
    let direct = open("SCH-BENCH-DIRECT")?;
    let direct_wave = direct["wave_id"].as_str().unwrap_or_default().to_owned();
    let url = ahual::config::DatabaseUrl::parse(&database.url).map_err(anyhow::Error::msg)?;
    let pool = ahual::db::connect(&url, 1)?;
    let direct_classes = wave_classes::table
        .filter(wave_classes::wave_id.eq(&direct_wave))
        .select((wave_classes::id, wave_classes::class_id, wave_classes::grade))
        .load::<(String, String, i32)>(&mut pool.get()?)?
        .into_iter()
        .map(|(wave_class_id, class_id, grade)| DirectClass {
            wave_class_id,
            class_id,
            grade: u8::try_from(grade).unwrap_or(5),
        })
        .collect();
    Ok(Prepared { http_classes: http_classes.into_iter().map(|(_, c)| c).collect(), direct_wave, direct_classes })
}

/// The release server as a child process; killed when dropped.
pub struct Server {
    child: Child,
    /// `http://127.0.0.1:PORT`.
    pub base: String,
}

impl Server {
    /// Starts `ahual serve` on a free port and waits until it listens.
    pub fn start(database: &BenchDatabase, workers: Option<usize>) -> anyhow::Result<Server> {
        let mut key = [0u8; 64];
        rand::fill(&mut key);
        let mut command = Command::new(env!("CARGO_BIN_EXE_ahual"));
        command
            .args(["serve", "--bind", "127.0.0.1:0"])
            .current_dir(database.dir())
            .env("AHUAL_DATABASE_URL", &database.url)
            .env("AHUAL_SURVEYS_DIR", surveys_dir())
            .env("AHUAL_SECRET_KEY", hex::encode(key))
            .env("AHUAL_LOG", "warn")
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
