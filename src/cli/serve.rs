//! `ahual serve [--demo]`.

use std::process::ExitCode;

use clap::Args;

use super::{Cli, setup};
use crate::config::SecretPolicy;
use crate::demo;
use crate::notify::MailSettings;
use crate::startup::Application;

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
    /// Address people use to reach Ahual and notifications link to; https:// turns on Secure cookies
    /// [default: http:// and the address bound]
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
    let backend = settings.database_url.backend();
    let app = Application::build(settings)?;
    let address = app.address();
    if args.demo {
        let state = app.state();
        let logins = demo::ensure_demo_region(&mut *state.pool.get()?, &state.flag_context(), &state.trust_box)?;
        println!("Demo data ready. Sign in at http://{address}/login with:");
        for login in logins {
            println!("  {:<14} {:<10} password: {}", login.role, login.login, login.password);
        }
        println!("Administrators and centre staff set up an authenticator app (TOTP) at their first sign-in.");
    }
    println!("Ahual is listening on http://{address} ({backend} database)");
    // `start` spawns onto the runtime, so it runs inside it.
    actix_web::rt::System::new().block_on(async move { app.start().until_stopped().await })?;
    Ok(ExitCode::SUCCESS)
}
