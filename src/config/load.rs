//! [`Settings::load`]: every setting read from the merged layers and parsed once; the first bad
//! value stops the start with one line naming where it came from.

use std::path::PathBuf;

use super::layers::{ConfigInputs, SecretPolicy, gather};
use super::sourced::Layers;
use super::values::{
    SecretKey, parse_bind, parse_in_range, parse_k, parse_on_off, parse_prefixed, parse_public_url, parse_texts_kept,
    public_url_of_bind,
};
use super::{ConfigError, Settings};
use crate::db::DatabaseUrl;
use crate::domain::client_address::parse_trusted_proxies;
use crate::domain::second_factor::SecondFactorPolicy;
use crate::notify::{MailSettings, NotifySettings, WebhookSettings};

impl Settings {
    /// Builds settings from the layers; the first bad value stops it with a line naming its source.
    pub fn load(inputs: &ConfigInputs) -> Result<Settings, ConfigError> {
        let layers = gather(inputs)?;
        let (secret_key, secret_key_generated) = secret_key(&layers, inputs.secret)?;
        let database_url = layers.get("database_url", DatabaseUrl::parse)?;
        // The pool's default depends on the backend, so it is not a text default like the others.
        let pool_size = match layers.contains("pool_size") {
            true => layers.get("pool_size", |s| parse_in_range(s, 1, 256, "pool_size"))? as u32,
            false => database_url.default_pool_size(),
        };
        let bind = layers.get("bind", parse_bind)?;
        let public_url = layers.optional("public_url", parse_public_url)?.unwrap_or_else(|| public_url_of_bind(&bind));
        Ok(Settings {
            pool_size,
            background: layers.get("background", parse_on_off)?,
            database_url,
            bind,
            k: layers.get("k", parse_k)?,
            secret_key,
            secret_key_generated,
            public_url,
            log: layers.get("log", |s| Ok(s.trim().to_owned()))?,
            surveys_dir: layers.get("surveys_dir", |s| Ok(PathBuf::from(s.trim())))?,
            workers: layers.get("workers", |s| parse_in_range(s, 1, 64, "workers"))? as usize,
            session_hours: layers.get("session_hours", |s| parse_in_range(s, 1, 24 * 14, "session_hours"))?,
            notify: notify_settings(&layers)?,
            trusted_proxies: layers.get("trusted_proxies", parse_trusted_proxies)?,
            trust_texts_kept: layers.get("trust_texts_days", parse_texts_kept)?,
            second_factor: layers.get("second_factor", |s| {
                SecondFactorPolicy::parse(s).ok_or_else(|| "must be admins-and-centres or everyone".to_owned())
            })?,
        })
    }
}

/// The configured key, a generated one (`--demo`), none, or a refusal; and whether it was generated.
fn secret_key(layers: &Layers, policy: SecretPolicy) -> Result<(Option<SecretKey>, bool), ConfigError> {
    let given = if layers.contains("secret_key") { Some(layers.get("secret_key", SecretKey::parse)?) } else { None };
    match (given, policy) {
        (Some(key), _) => Ok((Some(key), false)),
        (None, SecretPolicy::GenerateIfMissing) => Ok((Some(SecretKey::generate()), true)),
        (None, SecretPolicy::NotNeeded) => Ok((None, false)),
        (None, SecretPolicy::Required) => Err(ConfigError(
            "secret_key is required outside --demo: set AHUAL_SECRET_KEY to 128 hex characters \
             (for example the output of `openssl rand -hex 64`)"
                .into(),
        )),
    }
}

fn mail_settings(layers: &Layers) -> Result<MailSettings, ConfigError> {
    let dir = layers.optional("mail_dir", |s| Ok(PathBuf::from(s.trim())))?;
    let smtp = layers.optional("smtp_url", |s| parse_prefixed(s, &["smtp://", "smtps://"]))?;
    match (dir, smtp) {
        (Some(_), Some(_)) => Err(ConfigError(format!(
            "mail_dir ({}) and smtp_url ({}) are both set: choose one way to send e-mail",
            layers.origin("mail_dir"),
            layers.origin("smtp_url"),
        ))),
        (Some(dir), None) => Ok(MailSettings::Folder(dir)),
        (None, Some(url)) => Ok(MailSettings::Smtp(url)),
        (None, None) => Ok(MailSettings::Off),
    }
}

fn webhook_settings(layers: &Layers) -> Result<Option<WebhookSettings>, ConfigError> {
    let url = layers.optional("webhook_url", |s| parse_prefixed(s, &["http://", "https://"]))?;
    let secret = layers.optional("webhook_secret", |s| {
        if s.trim().chars().count() >= 16 {
            Ok(s.trim().to_owned())
        } else {
            Err("must be at least 16 characters".into())
        }
    })?;
    match (url, secret) {
        (Some(url), Some(secret)) => Ok(Some(WebhookSettings { url, secret })),
        (None, None) => Ok(None),
        (Some(_), None) => Err(ConfigError(format!(
            "webhook_url ({}) needs webhook_secret (the key that signs each call)",
            layers.origin("webhook_url")
        ))),
        (None, Some(_)) => {
            Err(ConfigError(format!("webhook_secret ({}) is set without webhook_url", layers.origin("webhook_secret"))))
        }
    }
}

fn notify_settings(layers: &Layers) -> Result<NotifySettings, ConfigError> {
    let mail = mail_settings(layers)?;
    let mail_from = layers.get("mail_from", |s| {
        let s = s.trim();
        if s.contains('@') { Ok(s.to_owned()) } else { Err("must be an e-mail address".into()) }
    })?;
    Ok(NotifySettings { mail, mail_from, webhook: webhook_settings(layers)?, limits: Default::default() })
}
