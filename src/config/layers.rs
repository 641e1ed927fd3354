//! Merging the layers and naming the source of each value in errors.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::values::{DatabaseUrl, SecretKey};
use super::{ConfigError, Settings};
use crate::domain::client_address::parse_trusted_proxies;
use crate::domain::disclosure::K;
use crate::notify::{MailSettings, NotifySettings, WebhookSettings};

/// One setting: its key in `ahual.toml`, its environment variable and its command-line flag.
struct Key {
    file: &'static str,
    env: &'static str,
    flag: &'static str,
}

const KEYS: [Key; 17] = [
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

/// A value and the words that name where it came from.
struct Sourced {
    value: String,
    origin: String,
}

fn read_file(path: &Path, explicit: bool) -> Result<BTreeMap<String, Sourced>, ConfigError> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if !explicit && e.kind() == std::io::ErrorKind::NotFound => return Ok(BTreeMap::new()),
        Err(e) => return Err(ConfigError(format!("{}: cannot read: {e}", path.display()))),
    };
    let table: toml::Table =
        toml::from_str(&text).map_err(|e| ConfigError(format!("{}: {}", path.display(), e.message())))?;
    let mut out = BTreeMap::new();
    for (key, value) in table {
        if !KEYS.iter().any(|k| k.file == key) {
            return Err(ConfigError(format!("{}: unknown setting `{key}`", path.display())));
        }
        let value = match value {
            toml::Value::String(s) => s,
            toml::Value::Integer(i) => i.to_string(),
            other => {
                return Err(ConfigError(format!("{}: {key} = {other}: expected a string or a number", path.display())));
            }
        };
        out.insert(key.clone(), Sourced { value, origin: format!("{}: {key}", path.display()) });
    }
    Ok(out)
}

fn merged(inputs: &ConfigInputs) -> Result<BTreeMap<String, Sourced>, ConfigError> {
    let (path, explicit) = match &inputs.config_file {
        Some(path) => (path.clone(), true),
        None => (PathBuf::from("ahual.toml"), false),
    };
    let mut values = read_file(&path, explicit)?;
    for key in &KEYS {
        if let Some(value) = inputs.env.get(key.env) {
            values.insert(key.file.to_owned(), Sourced { value: value.clone(), origin: key.env.to_owned() });
        }
    }
    for (file_key, value) in &inputs.flags {
        let flag = KEYS.iter().find(|k| k.file == *file_key).map_or(*file_key, |k| k.flag);
        values.insert((*file_key).to_owned(), Sourced { value: value.clone(), origin: flag.to_owned() });
    }
    Ok(values)
}

fn get<T>(
    values: &BTreeMap<String, Sourced>,
    key: &str,
    default: &str,
    parse: impl Fn(&str) -> Result<T, String>,
) -> Result<T, ConfigError> {
    match values.get(key) {
        Some(s) => {
            parse(&s.value).map_err(|why| ConfigError(format!("{} = {:?}: {why}", s.origin, shown(key, &s.value))))
        }
        None => parse(default).map_err(|why| ConfigError(format!("default {key}: {why}"))),
    }
}

fn shown<'a>(key: &str, value: &'a str) -> &'a str {
    if key == "secret_key" || key == "webhook_secret" || key == "smtp_url" { "…" } else { value }
}

fn parse_k(text: &str) -> Result<K, String> {
    let k: u32 = text.trim().parse().map_err(|_| "k must be a whole number".to_owned())?;
    K::new(k).map_err(|_| format!("k must be at least {}: smaller groups would identify pupils", K::MIN))
}

fn parse_in_range(text: &str, low: i64, high: i64, what: &str) -> Result<i64, String> {
    match text.trim().parse::<i64>() {
        Ok(n) if (low..=high).contains(&n) => Ok(n),
        _ => Err(format!("{what} must be a whole number from {low} to {high}")),
    }
}

fn parse_on_off(text: &str) -> Result<bool, String> {
    match text.trim() {
        "on" => Ok(true),
        "off" => Ok(false),
        _ => Err("must be on or off".into()),
    }
}

fn parse_bind(text: &str) -> Result<String, String> {
    let (host, port) = text.trim().rsplit_once(':').ok_or("expected host:port, such as 127.0.0.1:8080")?;
    port.parse::<u16>().map_err(|_| format!("`{port}` is not a port number"))?;
    if host.is_empty() { Err("expected host:port, such as 127.0.0.1:8080".into()) } else { Ok(text.trim().to_owned()) }
}

fn parse_public_url(text: &str) -> Result<String, String> {
    let text = text.trim().trim_end_matches('/');
    if text.starts_with("http://") || text.starts_with("https://") {
        Ok(text.to_owned())
    } else {
        Err("must start with http:// or https://".into())
    }
}

fn optional<T>(
    values: &BTreeMap<String, Sourced>,
    key: &str,
    parse: impl Fn(&str) -> Result<T, String>,
) -> Result<Option<T>, ConfigError> {
    match values.get(key).filter(|s| !s.value.trim().is_empty()) {
        Some(_) => get(values, key, "", parse).map(Some),
        None => Ok(None),
    }
}

fn parse_prefixed(text: &str, prefixes: &[&str]) -> Result<String, String> {
    let text = text.trim();
    if prefixes.iter().any(|p| text.starts_with(p)) {
        Ok(text.to_owned())
    } else {
        Err(format!("must start with {}", prefixes.join(" or ")))
    }
}

fn notify_settings(values: &BTreeMap<String, Sourced>) -> Result<NotifySettings, ConfigError> {
    let dir = optional(values, "mail_dir", |s| Ok(PathBuf::from(s.trim())))?;
    let smtp = optional(values, "smtp_url", |s| parse_prefixed(s, &["smtp://", "smtps://"]))?;
    let mail = match (dir, smtp) {
        (Some(_), Some(_)) => {
            return Err(ConfigError("mail_dir and smtp_url are both set: choose one way to send e-mail".into()));
        }
        (Some(dir), None) => MailSettings::Folder(dir),
        (None, Some(url)) => MailSettings::Smtp(url),
        (None, None) => MailSettings::Off,
    };
    let mail_from = get(values, "mail_from", "Ahual <ahual@localhost>", |s| {
        let s = s.trim();
        if s.contains('@') { Ok(s.to_owned()) } else { Err("must be an e-mail address".into()) }
    })?;
    let url = optional(values, "webhook_url", |s| parse_prefixed(s, &["http://", "https://"]))?;
    let secret = optional(values, "webhook_secret", |s| {
        if s.trim().chars().count() >= 16 {
            Ok(s.trim().to_owned())
        } else {
            Err("must be at least 16 characters".into())
        }
    })?;
    let webhook = match (url, secret) {
        (Some(url), Some(secret)) => Some(WebhookSettings { url, secret }),
        (None, None) => None,
        (Some(_), None) => {
            return Err(ConfigError("webhook_url needs webhook_secret (the key that signs each call)".into()));
        }
        (None, Some(_)) => return Err(ConfigError("webhook_secret is set without webhook_url".into())),
    };
    Ok(NotifySettings { mail, mail_from, webhook })
}

impl Settings {
    /// Builds settings from the layers; the first bad value stops it with a line naming its source.
    pub fn load(inputs: &ConfigInputs) -> Result<Settings, ConfigError> {
        let values = merged(inputs)?;
        let cores = std::thread::available_parallelism().map_or(2, usize::from);
        let secret = match values.get("secret_key") {
            Some(_) => Some(get(&values, "secret_key", "", SecretKey::parse)?),
            None => None,
        };
        let (secret_key, secret_key_generated) = match (secret, inputs.secret) {
            (Some(key), _) => (Some(key), false),
            (None, SecretPolicy::GenerateIfMissing) => (Some(SecretKey::generate()), true),
            (None, SecretPolicy::NotNeeded) => (None, false),
            (None, SecretPolicy::Required) => {
                return Err(ConfigError(
                    "secret_key is required outside --demo: set AHUAL_SECRET_KEY to 128 hex characters \
                     (for example the output of `openssl rand -hex 64`)"
                        .into(),
                ));
            }
        };
        let database_url = get(&values, "database_url", "sqlite://ahual.db", DatabaseUrl::parse)?;
        let pool_default = database_url.default_pool_size().to_string();
        Ok(Settings {
            pool_size: get(&values, "pool_size", &pool_default, |s| parse_in_range(s, 1, 256, "pool_size"))? as u32,
            background: get(&values, "background", "on", parse_on_off)?,
            database_url,
            bind: get(&values, "bind", "127.0.0.1:8080", parse_bind)?,
            k: get(&values, "k", "10", parse_k)?,
            secret_key,
            secret_key_generated,
            public_url: get(&values, "public_url", "http://127.0.0.1:8080", parse_public_url)?,
            log: get(&values, "log", "info", |s| Ok(s.trim().to_owned()))?,
            surveys_dir: get(&values, "surveys_dir", "surveys", |s| Ok(PathBuf::from(s.trim())))?,
            workers: get(&values, "workers", &cores.to_string(), |s| parse_in_range(s, 1, 64, "workers"))? as usize,
            session_hours: get(&values, "session_hours", "12", |s| parse_in_range(s, 1, 24 * 14, "session_hours"))?,
            notify: notify_settings(&values)?,
            trusted_proxies: get(&values, "trusted_proxies", "", parse_trusted_proxies)?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inputs(
        file: Option<&Path>,
        env: &[(&str, &str)],
        flags: &[(&'static str, &str)],
        secret: SecretPolicy,
    ) -> ConfigInputs {
        ConfigInputs {
            config_file: file.map(Path::to_path_buf),
            env: env.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect(),
            flags: flags.iter().map(|(k, v)| (*k, (*v).to_owned())).collect(),
            secret,
        }
    }

    #[test]
    fn defaults_then_file_then_env_then_flags() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("ahual.toml");
        std::fs::write(&file, "k = 12\nbind = \"0.0.0.0:9000\"\nlog = \"warn\"\n").unwrap();
        let s = Settings::load(&inputs(
            Some(&file),
            &[("AHUAL_K", "15")],
            &[("bind", "127.0.0.1:7000")],
            SecretPolicy::NotNeeded,
        ))
        .unwrap();
        assert_eq!(s.k.get(), 15, "environment beats the file");
        assert_eq!(s.bind, "127.0.0.1:7000", "flags beat everything");
        assert_eq!(s.log, "warn", "the file beats defaults");
        assert_eq!(s.database_url, DatabaseUrl::Sqlite("ahual.db".into()));
        assert!(!s.secure_cookies());
    }

    #[test]
    fn pool_sizes_default_per_backend_and_background_work_defaults_to_on() {
        let lite = Settings::load(&inputs(None, &[], &[], SecretPolicy::NotNeeded)).unwrap();
        assert_eq!((lite.pool_size, lite.background), (8, true));
        let env = [("AHUAL_DATABASE_URL", "postgres://db.local/ahual")];
        let pg = Settings::load(&inputs(None, &env, &[], SecretPolicy::NotNeeded)).unwrap();
        assert_eq!(pg.pool_size, 16);
        let env = [("AHUAL_POOL_SIZE", "3"), ("AHUAL_BACKGROUND", "off")];
        let set = Settings::load(&inputs(None, &env, &[], SecretPolicy::NotNeeded)).unwrap();
        assert_eq!((set.pool_size, set.background), (3, false));
        let err = Settings::load(&inputs(None, &[("AHUAL_POOL_SIZE", "0")], &[], SecretPolicy::NotNeeded)).unwrap_err();
        assert!(err.to_string().contains("AHUAL_POOL_SIZE"), "{err}");
        let err =
            Settings::load(&inputs(None, &[("AHUAL_BACKGROUND", "maybe")], &[], SecretPolicy::NotNeeded)).unwrap_err();
        assert!(err.to_string().contains("on or off"), "{err}");
    }

    #[test]
    fn k_below_five_is_refused_naming_its_source() {
        let err = Settings::load(&inputs(None, &[("AHUAL_K", "3")], &[], SecretPolicy::NotNeeded)).unwrap_err();
        let line = err.to_string();
        assert!(line.contains("AHUAL_K") && line.contains("at least 5"), "{line}");
        assert!(!line.contains('\n'));
        let err = Settings::load(&inputs(None, &[], &[("k", "4")], SecretPolicy::NotNeeded)).unwrap_err();
        assert!(err.to_string().contains("--k"), "{err}");
    }

    #[test]
    fn unknown_file_keys_and_bad_values_are_named() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("ahual.toml");
        std::fs::write(&file, "databse_url = \"x\"\n").unwrap();
        let err = Settings::load(&inputs(Some(&file), &[], &[], SecretPolicy::NotNeeded)).unwrap_err();
        assert!(err.to_string().contains("unknown setting `databse_url`"), "{err}");
        let err = Settings::load(&inputs(None, &[("AHUAL_DATABASE_URL", "mysql://x")], &[], SecretPolicy::NotNeeded))
            .unwrap_err();
        assert!(err.to_string().contains("AHUAL_DATABASE_URL"), "{err}");
        let err =
            Settings::load(&inputs(None, &[("AHUAL_BIND", "nowhere")], &[], SecretPolicy::NotNeeded)).unwrap_err();
        assert!(err.to_string().contains("host:port"), "{err}");
    }

    #[test]
    fn the_secret_key_is_required_outside_demo_and_generated_in_demo() {
        let err = Settings::load(&inputs(None, &[], &[], SecretPolicy::Required)).unwrap_err();
        assert!(err.to_string().contains("AHUAL_SECRET_KEY"), "{err}");
        let demo = Settings::load(&inputs(None, &[], &[], SecretPolicy::GenerateIfMissing)).unwrap();
        assert!(demo.secret_key_generated && demo.secret_key.is_some());
        let given = "cd".repeat(64);
        let s = Settings::load(&inputs(None, &[("AHUAL_SECRET_KEY", &given)], &[], SecretPolicy::Required)).unwrap();
        assert!(!s.secret_key_generated);
        let bad =
            Settings::load(&inputs(None, &[("AHUAL_SECRET_KEY", "short")], &[], SecretPolicy::Required)).unwrap_err();
        assert!(!bad.to_string().contains("short"), "the secret itself is never echoed: {bad}");
    }

    #[test]
    fn notifications_are_off_by_default_and_checked_when_set() {
        let s = Settings::load(&inputs(None, &[], &[], SecretPolicy::NotNeeded)).unwrap();
        assert_eq!(s.notify.mail, MailSettings::Off);
        assert!(s.notify.webhook.is_none());
        let env = [("AHUAL_MAIL_DIR", "/tmp/mail"), ("AHUAL_WEBHOOK_URL", "https://hooks.example/x")];
        let err = Settings::load(&inputs(None, &env, &[], SecretPolicy::NotNeeded)).unwrap_err();
        assert!(err.to_string().contains("webhook_secret"), "{err}");
        let env = [
            ("AHUAL_MAIL_DIR", "/tmp/mail"),
            ("AHUAL_WEBHOOK_URL", "https://hooks.example/x"),
            ("AHUAL_WEBHOOK_SECRET", "0123456789abcdef"),
        ];
        let s = Settings::load(&inputs(None, &env, &[], SecretPolicy::NotNeeded)).unwrap();
        assert_eq!(s.notify.mail, MailSettings::Folder("/tmp/mail".into()));
        assert_eq!(s.notify.webhook.unwrap().url, "https://hooks.example/x");
        let env = [("AHUAL_MAIL_DIR", "/tmp/mail"), ("AHUAL_SMTP_URL", "smtp://mail.local")];
        let err = Settings::load(&inputs(None, &env, &[], SecretPolicy::NotNeeded)).unwrap_err();
        assert!(err.to_string().contains("choose one"), "{err}");
        let err = Settings::load(&inputs(None, &[("AHUAL_SMTP_URL", "mail.local")], &[], SecretPolicy::NotNeeded))
            .unwrap_err();
        assert!(err.to_string().contains("smtp://"), "{err}");
    }
}
