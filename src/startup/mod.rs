//! The one way the server starts, for `ahual serve` and for every test: settings in, a migrated
//! database, the instruments, the state, the background threads and tasks, and the HTTP server on a
//! bound listener. Nothing starts as a side effect of building state; everything started here stops
//! when the [`RunningApp`] is shut down or dropped.

mod error;
mod running;

pub use error::StartupError;
pub use running::RunningApp;

use std::net::{SocketAddr, TcpListener};
use std::path::Path;
use std::sync::Arc;

use actix_web::dev::Server;

use crate::config::{Settings, public_url_of_bind};
use crate::db::DatabaseUrl;
use crate::db::checkpoint::{Checkpointer, checkpoint};
use crate::db::group_commit::{Submitter, Writers, store_with_writer_settings};
use crate::db::supervision::ThreadWatch;
use crate::db::{self, DbError, Pool, regions};
use crate::domain::survey::catalog::Catalog;
use crate::web::background::{spawn_outbox_worker, spawn_wave_closer};
use crate::web::{AppState, build_server};

/// The threads the application owns; dropping them stops and joins each.
pub(crate) struct Threads {
    _writers: Writers,
    _checkpoints: Option<Checkpointer>,
}

/// A built application: its database is migrated, its writer threads run, its listener is bound;
/// it serves once [`Application::start`]ed.
pub struct Application {
    address: SocketAddr,
    state: AppState,
    server: Server,
    threads: Threads,
}

impl Application {
    /// Builds the application that `settings` describe.
    ///
    /// # Errors
    /// When the instruments are invalid, the database cannot be opened or migrated, or the address
    /// cannot be bound.
    pub fn build(settings: Settings) -> Result<Application, StartupError> {
        Application::build_adjusted(settings, |_| {})
    }

    /// [`Application::build`], with one change to the state before the server takes it. Only for
    /// what no setting may offer: tests that must see figures without the disclosure noise.
    ///
    /// # Errors
    /// As [`Application::build`].
    pub fn build_adjusted(
        mut settings: Settings,
        adjust: impl FnOnce(&mut AppState),
    ) -> Result<Application, StartupError> {
        let catalog = load_catalog(&settings.surveys_dir)?;
        let pool = open_database(&settings.database_url, settings.pool_size)?;
        let listener = TcpListener::bind(&settings.bind)
            .map_err(|source| StartupError::Listen { bind: settings.bind.clone(), source })?;
        let address = listener.local_addr().map_err(StartupError::Server)?;
        // A public address taken from `bind` names the port actually bound (`--bind 127.0.0.1:0`).
        if settings.public_url == public_url_of_bind(&settings.bind) {
            settings.public_url = public_url_of_bind(&address.to_string());
        }
        let watch = Arc::new(ThreadWatch::default());
        let (submitter, writers) = Submitter::start_watched(pool.clone(), watch.clone(), store_with_writer_settings);
        let checkpoints = match settings.database_url {
            DatabaseUrl::Sqlite(_) => Checkpointer::start_watched(pool.clone(), watch.clone(), checkpoint),
            DatabaseUrl::Postgres(_) => None,
        };
        let threads = Threads { _writers: writers, _checkpoints: checkpoints };
        let url = settings.database_url.clone();
        let mut state =
            AppState::new(pool, settings, catalog, submitter).map_err(|source| database_error(&url, source))?;
        state.threads = watch;
        adjust(&mut state);
        let server = build_server(state.clone(), listener).map_err(StartupError::Server)?;
        Ok(Application { address, state, server, threads })
    }

    /// The address the server will listen on (the real port when the settings asked for port 0).
    pub fn address(&self) -> SocketAddr {
        self.address
    }

    /// The state the server's handlers will share (for `--demo` to fill the database first).
    pub fn state(&self) -> &AppState {
        &self.state
    }

    /// Starts serving, and unless the settings turn it off the timed work (closing due waves,
    /// delivering notifications), on the current actix runtime.
    pub fn start(self) -> RunningApp {
        let server = self.server.handle();
        let serving = actix_web::rt::spawn(self.server);
        let tasks = if self.state.settings.background {
            vec![spawn_wave_closer(self.state.clone()), spawn_outbox_worker(self.state.clone())]
        } else {
            Vec::new()
        };
        RunningApp {
            address: self.address,
            state: self.state,
            server,
            serving: Some(serving),
            tasks,
            threads: Some(self.threads),
        }
    }
}

/// Loads the instruments of `dir`; an invalid file refuses the start with every problem.
///
/// # Errors
/// [`StartupError::Instruments`] listing every problem as `file:line: message`.
pub fn load_catalog(dir: &Path) -> Result<Catalog, StartupError> {
    crate::app::catalog_files::load_catalog(dir).map_err(|problems| {
        let lines: Vec<String> = problems.iter().map(ToString::to_string).collect();
        StartupError::Instruments { dir: dir.to_path_buf(), problems: lines.join("\n") }
    })
}

/// Connects a pool of `pool_size`, applies pending migrations and makes sure the built-in regions
/// exist.
///
/// # Errors
/// [`StartupError::Database`] with what the database said.
pub fn open_database(url: &DatabaseUrl, pool_size: u32) -> Result<Pool, StartupError> {
    let prepared = db::connect(url, pool_size).and_then(|pool| {
        let mut conn = pool.get()?;
        let applied = db::migrate(&mut conn)?;
        if applied > 0 {
            tracing::info!(applied, "database migrations applied");
        }
        regions::ensure_built_in(&mut conn)?;
        drop(conn);
        Ok(pool)
    });
    prepared.map_err(|source| database_error(url, source))
}

fn database_error(url: &DatabaseUrl, source: DbError) -> StartupError {
    StartupError::Database { backend: url.backend(), url: format!("{url:?}"), source }
}
