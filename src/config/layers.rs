//! The layers and their order: defaults < `ahual.toml` < environment (`AHUAL_*`) < command-line
//! flags, merged by figment, which tags every value with the layer it came from (see
//! [`super::sourced`]). Each layer holds text only: environment variables are never reinterpreted
//! (a secret key of digits stays the text it was), and one parser per setting serves every layer.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use figment::providers::Format;
use figment::value::{Dict, Map, Value};
use figment::{Error, Figment, Metadata, Profile, Provider};

use super::ConfigError;
use super::sourced::Layers;
use super::toml_file::SettingsFile;

/// One setting: its key in `ahual.toml`, its environment variable and its command-line flag.
pub(super) struct Key {
    /// The key in `ahual.toml`, and the setting's name everywhere else.
    pub file: &'static str,
    env: &'static str,
    flag: &'static str,
}

/// Every setting; nothing outside this list is read from any layer.
pub(super) const KEYS: [Key; 19] = [
    Key { file: "database_url", env: "AHUAL_DATABASE_URL", flag: "--database-url" },
    Key { file: "bind", env: "AHUAL_BIND", flag: "--bind" },
    Key { file: "k", env: "AHUAL_K", flag: "--k" },
    Key { file: "secret_key", env: "AHUAL_SECRET_KEY", flag: "--secret-key" },
    Key { file: "public_url", env: "AHUAL_PUBLIC_URL", flag: "--public-url" },
    Key { file: "log", env: "AHUAL_LOG", flag: "--log" },
    Key { file: "surveys_dir", env: "AHUAL_SURVEYS_DIR", flag: "--surveys-dir" },
    Key { file: "workers", env: "AHUAL_WORKERS", flag: "--workers" },
    Key { file: "session_hours", env: "AHUAL_SESSION_HOURS", flag: "--session-hours" },
    Key { file: "mail_dir", env: "AHUAL_MAIL_DIR", flag: "--mail-dir" },
    Key { file: "smtp_url", env: "AHUAL_SMTP_URL", flag: "--smtp-url" },
    Key { file: "mail_from", env: "AHUAL_MAIL_FROM", flag: "--mail-from" },
    Key { file: "webhook_url", env: "AHUAL_WEBHOOK_URL", flag: "--webhook-url" },
    Key { file: "webhook_secret", env: "AHUAL_WEBHOOK_SECRET", flag: "--webhook-secret" },
    Key { file: "trusted_proxies", env: "AHUAL_TRUSTED_PROXIES", flag: "--trusted-proxies" },
    Key { file: "pool_size", env: "AHUAL_POOL_SIZE", flag: "--pool-size" },
    Key { file: "background", env: "AHUAL_BACKGROUND", flag: "--background" },
    Key { file: "trust_texts_days", env: "AHUAL_TRUST_TEXTS_DAYS", flag: "--trust-texts-days" },
    Key { file: "second_factor", env: "AHUAL_SECOND_FACTOR", flag: "--second-factor" },
];

/// What to do when no secret key is configured.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SecretPolicy {
    /// Serving for real: refuse to start.
    Required,
    /// `--demo`: generate one and say so.
    GenerateIfMissing,
    /// Commands that hold no sessions (migrate, import).
    NotNeeded,
}

/// Everything settings are made from, gathered by the caller (so tests can pass their own).
pub struct ConfigInputs {
    /// `--config FILE`; without it `ahual.toml` in the working directory is read when present.
    pub config_file: Option<PathBuf>,
    /// Environment variables (only `AHUAL_*` are read).
    pub env: BTreeMap<String, String>,
    /// Command-line overrides as (file key, value), such as `("k", "12")`.
    pub flags: Vec<(&'static str, String)>,
    /// How to treat a missing secret key.
    pub secret: SecretPolicy,
}

impl ConfigInputs {
    /// Inputs from the real process environment.
    pub fn from_process(
        config_file: Option<PathBuf>,
        flags: Vec<(&'static str, String)>,
        secret: SecretPolicy,
    ) -> Self {
        let env = std::env::vars().filter(|(k, _)| k.starts_with("AHUAL_")).collect();
        Self { config_file, env, flags, secret }
    }
}

/// A layer of text values that names each value's source the way a user would type it.
struct TextLayer {
    name: &'static str,
    values: Dict,
    /// The words for key `file` in this layer, such as `AHUAL_K` or `--k`.
    origin: fn(&str) -> String,
}

impl Provider for TextLayer {
    fn metadata(&self) -> Metadata {
        let origin = self.origin;
        Metadata::named(self.name).interpolater(move |_: &Profile, keys: &[&str]| origin(&keys.join(".")))
    }

    fn data(&self) -> Result<Map<Profile, Dict>, Error> {
        Ok(Profile::Default.collect(self.values.clone()))
    }
}

fn key(file: &str) -> Option<&'static Key> {
    KEYS.iter().find(|k| k.file == file)
}

fn text(pairs: impl IntoIterator<Item = (String, String)>) -> Dict {
    pairs.into_iter().map(|(key, value)| (key, Value::from(value))).collect()
}

fn env_layer(env: &BTreeMap<String, String>) -> TextLayer {
    let values = text(KEYS.iter().filter_map(|k| Some((k.file.to_owned(), env.get(k.env)?.clone()))));
    TextLayer { name: "environment", values, origin: |file| key(file).map_or(file.to_owned(), |k| k.env.to_owned()) }
}

fn flag_layer(flags: &[(&'static str, String)]) -> TextLayer {
    let values = text(flags.iter().map(|(file, value)| ((*file).to_owned(), value.clone())));
    TextLayer { name: "command line", values, origin: |file| key(file).map_or(file.to_owned(), |k| k.flag.to_owned()) }
}

/// The defaults, as text like every other layer (`workers` defaults to the number of cores).
fn default_layer() -> TextLayer {
    let cores = std::thread::available_parallelism().map_or(2, usize::from).to_string();
    let defaults = [
        ("database_url", "sqlite://ahual.db"),
        ("bind", "127.0.0.1:8080"),
        ("k", "10"),
        ("log", "info"),
        ("surveys_dir", "surveys"),
        ("workers", cores.as_str()),
        ("session_hours", "12"),
        ("mail_from", "Ahual <ahual@localhost>"),
        ("trusted_proxies", ""),
        ("background", "on"),
        ("trust_texts_days", "90"),
        ("second_factor", "admins-and-centres"),
    ];
    let values = text(defaults.into_iter().map(|(key, value)| (key.to_owned(), value.to_owned())));
    TextLayer { name: "default", values, origin: |file| format!("default {file}") }
}

/// The file to read: the one named by `--config` (which must exist), else `ahual.toml` when present.
fn file_to_read(inputs: &ConfigInputs) -> Option<PathBuf> {
    match &inputs.config_file {
        Some(path) => Some(path.clone()),
        None => {
            let path = Path::new("ahual.toml");
            (!matches!(path.try_exists(), Ok(false))).then(|| path.to_path_buf())
        }
    }
}

/// Every layer merged, or the file's problem in one line.
pub(super) fn gather(inputs: &ConfigInputs) -> Result<Layers, ConfigError> {
    let mut figment = Figment::from(default_layer());
    if let Some(path) = file_to_read(inputs) {
        figment = figment.merge(SettingsFile::file_exact(path));
    }
    let figment = figment.merge(env_layer(&inputs.env)).merge(flag_layer(&inputs.flags));
    // A layer that failed to load (only the file can) is reported by the merged data.
    figment.data().map_err(|e| ConfigError(e.kind.to_string()))?;
    Ok(Layers::new(figment))
}
