//! The test harness: each test gets its own database (a temp SQLite file, or a fresh PostgreSQL
//! schema) and a real server on a free loopback port, and talks to it over HTTP like a browser.
//! PostgreSQL is required: when it cannot be reached the PostgreSQL variant fails loudly.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

pub mod alone;
pub mod audit_log;
pub mod captured_log;
pub mod command;
pub mod notice_servers;
pub mod pg_cluster;
pub mod pupil;
pub mod pupil_load;
pub mod second_factor;
pub mod serve_load;
mod staff_sign_in;
mod test_app;
pub mod world;
pub mod xlsx;

pub use test_app::{Reply, TestApp};

use std::path::PathBuf;
use std::sync::Arc;

use ahual::config::{SecretKey, Settings};
use ahual::db::DatabaseUrl;
use ahual::db::{self, Pool, regions};
use ahual::domain::survey::catalog::Catalog;
use diesel::{Connection, RunQueryDsl};

/// Which database a test runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// The PostgreSQL server tests use (`.ci/run` points it at a fresh database).
pub fn postgres_base_url() -> String {
    std::env::var("AHUAL_TEST_POSTGRES_URL").unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".into())
}

/// A fresh, migrated database: the URL and whatever keeps it alive.
pub struct TestDatabase {
    pub url: String,
    _dir: Option<tempfile::TempDir>,
}

impl TestDatabase {
    /// A fresh, migrated database with the built-in regions.
    pub fn create(backend: Backend) -> TestDatabase {
        let db = TestDatabase::empty(backend);
        let pool = db.pool();
        let mut conn = pool.get().unwrap();
        db::migrate(&mut conn).unwrap();
        regions::ensure_built_in(&mut conn).unwrap();
        db
    }

    /// A fresh database with no tables, for tests that run migrations one by one.
    pub fn empty(backend: Backend) -> TestDatabase {
        match backend {
            Backend::Sqlite => {
                let dir = tempfile::tempdir().unwrap();
                let url = format!("sqlite://{}", dir.path().join("test.db").display());
                TestDatabase { url, _dir: Some(dir) }
            }
            Backend::Postgres => {
                let base = postgres_base_url();
                let mut conn = diesel::PgConnection::establish(&base).unwrap_or_else(|e| {
                    panic!(
                        "PostgreSQL is required for the PostgreSQL test run but {base} cannot be reached: {e}\n\
                         Start it (bash .ci/run does) or set AHUAL_TEST_POSTGRES_URL."
                    )
                });
                let schema = format!("t_{}", uuid::Uuid::new_v4().simple());
                diesel::sql_query(format!("CREATE SCHEMA {schema}")).execute(&mut conn).unwrap();
                let separator = if base.contains('?') { '&' } else { '?' };
                let url = format!("{base}{separator}options=-csearch_path%3D{schema}");
                TestDatabase { url, _dir: None }
            }
        }
    }

    pub fn database_url(&self) -> DatabaseUrl {
        DatabaseUrl::parse(&self.url).unwrap()
    }

    pub fn pool(&self) -> Pool {
        db::connect(&self.database_url(), 4).unwrap()
    }
}

/// The instruments of `surveys/`.
pub fn catalog() -> Catalog {
    ahual::app::catalog_files::load_catalog(std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/surveys")))
        .unwrap()
}

/// What closing a wave needs in tests: the instruments, k = 10, and no notifications.
pub fn flags() -> ahual::app::run_flags::FlagContext {
    ahual::app::run_flags::FlagContext::new(
        Arc::new(catalog()),
        ahual::domain::disclosure::K::default(),
        ahual::notify::NotifyPlan::default(),
    )
}

/// Closes `wave` now, as the command line would (`Actor::Cli`), with [`flags`]: a test's usual close.
pub fn close_now(conn: &mut ahual::db::DbConnection, wave: ahual::domain::ids::WaveId) {
    let now = chrono::Utc::now().naive_utc();
    ahual::app::close_wave::close(conn, wave, None, ahual::domain::audit::Actor::Cli, &flags(), now).unwrap();
}

/// Settings for a test server on `url`.
pub fn test_settings(url: DatabaseUrl) -> Settings {
    Settings {
        database_url: url,
        bind: "127.0.0.1:0".into(),
        k: ahual::domain::disclosure::K::default(),
        secret_key: Some(SecretKey::generate()),
        secret_key_generated: true,
        public_url: "http://127.0.0.1".into(),
        log: "warn".into(),
        surveys_dir: PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/surveys")),
        workers: 1,
        session_hours: 12,
        notify: Default::default(),
        trusted_proxies: Vec::new(),
        pool_size: 4,
        // Tests drive the timed work by hand (`web::background::sweep`, `deliver_due`, `close_due`),
        // so no server may do it first; `tests/startup.rs` shows a server doing it on its own.
        background: false,
        trust_texts_kept: Default::default(),
        second_factor: Default::default(),
    }
}

/// Declares each named async test function (taking a [`Backend`]) once per backend.
#[macro_export]
macro_rules! on_both_backends {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(#[actix_rt::test] async fn $name() { super::$name($crate::common::Backend::Sqlite).await })*
        }
        mod postgres {
            $(#[actix_rt::test] async fn $name() { super::$name($crate::common::Backend::Postgres).await })*
        }
    };
}
