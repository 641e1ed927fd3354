//! Typed settings, layered: defaults < `ahual.toml` < environment (`AHUAL_*`) < command-line flags.
//! Every value is parsed once here; a bad one stops the start with one line naming where it came from.
//! No globals: the resulting [`Settings`] is passed to whoever needs it.

mod layers;
mod load;
mod sourced;
#[cfg(test)]
mod tests;
mod toml_file;
mod values;

pub use layers::{ConfigInputs, SecretPolicy};
pub use values::{SecretKey, public_url_of_bind};

use std::path::PathBuf;
use thiserror::Error;

use crate::db::DatabaseUrl;
use crate::domain::disclosure::K;

/// A configuration problem: one line naming the setting, its source and the rule.
#[derive(Debug, Error)]
#[error("configuration: {0}")]
pub struct ConfigError(pub String);

/// Everything the application reads from its configuration.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Which database, and so which backend.
    pub database_url: DatabaseUrl,
    /// Address to listen on, `host:port`.
    pub bind: String,
    /// The disclosure threshold k: a [`K`], so never below 5 whatever the configuration says.
    pub k: K,
    /// Key that signs and encrypts session cookies (`None` for commands that need no sessions).
    pub secret_key: Option<SecretKey>,
    /// True when the key was generated for this run (`--demo` without a key).
    pub secret_key_generated: bool,
    /// The address people use to reach Ahual; `https://` turns on Secure cookies. When none is
    /// configured, the address the server binds ([`public_url_of_bind`]).
    pub public_url: String,
    /// tracing filter, such as `info` or `ahual=debug`.
    pub log: String,
    /// Folder of instrument files.
    pub surveys_dir: PathBuf,
    /// HTTP worker threads.
    pub workers: usize,
    /// How long a staff session lasts, in hours.
    pub session_hours: i64,
    /// How new referrals are announced (e-mail, webhook).
    pub notify: crate::notify::NotifySettings,
    /// Reverse proxies whose `X-Forwarded-For` is believed for the pupil password throttle.
    pub trusted_proxies: Vec<std::net::IpAddr>,
    /// Connections the server's pool holds (default 8 on SQLite, 16 on PostgreSQL).
    pub pool_size: u32,
    /// Whether the server runs its timed work: closing waves at their close date and delivering
    /// notifications. On by default; several instances may all run it. A test that drives that work
    /// by hand turns it off, so the server cannot do it first.
    pub background: bool,
    /// Days the words of a closed trust box conversation are kept before the sweep erases them.
    pub trust_texts_kept: crate::domain::trust_box::retention::TextsKept,
    /// Who must sign in with a second factor: administrators and centre staff (the default), or
    /// every staff account.
    pub second_factor: crate::domain::second_factor::SecondFactorPolicy,
}

impl Settings {
    /// True when cookies must carry `Secure` (the public address is https).
    pub fn secure_cookies(&self) -> bool {
        self.public_url.starts_with("https://")
    }
}
