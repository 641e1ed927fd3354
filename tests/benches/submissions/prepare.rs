//! Everything before the clock starts: a fresh database per backend, a roster of bench schools
//! imported with `ahual import` and a wave opened with `ahual wave open --json`, exactly as an operator
//! would. The release server itself is `common::server`.

use std::path::Path;

use ahual::db::schema::wave_classes;
use diesel::pg::PgConnection;
use diesel::prelude::*;

use super::common::cli;

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

fn roster(region: &str, http_classes: usize, direct_classes: usize) -> String {
    let mut toml = String::new();
    for (code, classes) in [("SCH-BENCH-HTTP", http_classes), ("SCH-BENCH-DIRECT", direct_classes)] {
        if classes == 0 {
            continue;
        }
        toml.push_str(&format!(
            "[[school]]\ncode = \"{code}\"\nregion = \"{region}\"\nname = {{ kk = \"{code}\", ru = \"{code}\", en = \"{code}\" }}\n\n"
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
    cli::run(&database.url, database.dir(), args, None)
}

/// Imports the bench schools in Astana (KZ-71) and opens a wave of the default instrument in each.
pub fn prepare(database: &BenchDatabase, http_classes: usize, direct_classes: usize) -> anyhow::Result<Prepared> {
    prepare_in(database, "KZ-71", http_classes, direct_classes)
}

/// [`prepare`] in `region`; no direct-write school when `direct_classes` is 0 (the soak has none).
pub fn prepare_in(
    database: &BenchDatabase,
    region: &str,
    http_classes: usize,
    direct_classes: usize,
) -> anyhow::Result<Prepared> {
    ahual(database, &["migrate"])?;
    let roster_file = database.dir().join("roster.toml");
    std::fs::write(&roster_file, roster(region, http_classes, direct_classes))?;
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
    let http_classes = http_classes.into_iter().map(|(_, c)| c).collect();
    if direct_classes == 0 {
        return Ok(Prepared { http_classes, direct_wave: String::new(), direct_classes: Vec::new() });
    }
    let direct = open("SCH-BENCH-DIRECT")?;
    let direct_wave = direct["wave_id"].as_str().unwrap_or_default().to_owned();
    let url = ahual::db::DatabaseUrl::parse(&database.url).map_err(anyhow::Error::msg)?;
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
    Ok(Prepared { http_classes, direct_wave, direct_classes })
}
