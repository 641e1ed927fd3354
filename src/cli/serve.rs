//! `ahual serve [--demo]`.

use std::net::TcpListener;
use std::process::ExitCode;

use anyhow::Context;
use clap::Args;

use super::{Cli, setup};
use crate::config::{DatabaseUrl, SecretPolicy};
use crate::demo;
use crate::notify::MailSettings;
use crate::web::background::{spawn_outbox_worker, spawn_wave_closer};
use crate::web::{AppState, build_server};

/// Where `--demo` writes e-mail when no mail transport is configured.
const DEMO_MAIL_DIR: &str = "demo-mail";

/// Options of `serve`.
#[derive(Args, Debug)]
pub struct ServeArgs {
    /// Fill an empty database with a demo school, its classes and one user per role, and print the logins
    #[arg(long)]
    pub demo: bool,
    /// Address to listen on [default: 127.0.0.1:8080]
    #[arg(long, value_name = "HOST:PORT")]
    pub bind: Option<String>,
    /// Smallest group size any figure is released for (at least 5) [default: 10]
    #[arg(long, value_name = "N")]
    pub k: Option<String>,
    /// Address people use to reach Ahual; https:// turns on Secure cookies
    #[arg(long, value_name = "URL")]
    pub public_url: Option<String>,
    /// HTTP worker threads [default: number of cores]
    #[arg(long, value_name = "N")]
    pub workers: Option<String>,
}

impl ServeArgs {
    fn flags(&self) -> Vec<(&'static str, String)> {
        [("bind", &self.bind), ("k", &self.k), ("public_url", &self.public_url), ("workers", &self.workers)]
            .into_iter()
            .filter_map(|(key, value)| value.clone().map(|v| (key, v)))
            .collect()
    }
}

/// Runs the server until interrupted.
pub fn run(cli: &Cli, args: &ServeArgs) -> anyhow::Result<ExitCode> {
    let policy = if args.demo { SecretPolicy::GenerateIfMissing } else { SecretPolicy::Required };
    let mut settings = setup::settings(cli, args.flags(), policy)?;
    setup::init_logging(&settings.log);
    if args.demo && settings.notify.mail == MailSettings::Off {
        settings.notify.mail = MailSettings::Folder(DEMO_MAIL_DIR.into());
        println!("Demo: e-mail notifications are written to {DEMO_MAIL_DIR}/ as .eml files.");
    }
    if settings.secret_key_generated {
        println!("No secret key configured: generated one for this demo run (sessions end when it stops).");
    }
    let pool_size = match settings.database_url {
        DatabaseUrl::Sqlite(_) => 8,
        DatabaseUrl::Postgres(_) => 16,
    };
    let catalog = setup::catalog(&settings)?;
    let pool = setup::database(&settings, pool_size)?;
    let listener = TcpListener::bind(&settings.bind).with_context(|| format!("cannot listen on {}", settings.bind))?;
    let address = listener.local_addr()?;
    let backend = settings.database_url.backend();
    let state = AppState::new(pool, settings, catalog)?;
    if args.demo {
        let mut conn = state.pool.get()?;
        let logins = demo::ensure_demo(&mut conn, &state.flag_context())?;
        println!("Demo data ready. Sign in at http://{address}/login with:");
        for login in logins {
            println!("  {:<14} {:<10} password: {}", login.role, login.login, login.password);
        }
    }
    println!("Ahual is listening on http://{address} ({backend} database)");
    actix_web::rt::System::new().block_on(async move {
        spawn_wave_closer(state.clone());
        spawn_outbox_worker(state.clone());
        let server = build_server(state, listener)?;
        server.await
    })?;
    Ok(ExitCode::SUCCESS)
}
