//! Reading one setting from the merged layers together with where it came from, so a bad value
//! stops the start with one line naming its source: `ahual.toml: k`, `AHUAL_K`, `--k` or
//! `default k`. Secrets are never echoed.

use figment::{Figment, Profile};

use super::ConfigError;

/// The merged layers; every value keeps the tag of the layer that gave it.
pub(super) struct Layers(Figment);

/// A setting's text and the words that name its source.
struct Sourced {
    text: String,
    origin: String,
}

impl Layers {
    pub(super) fn new(figment: Figment) -> Self {
        Self(figment)
    }

    fn sourced(&self, key: &str) -> Option<Sourced> {
        // Every layer holds text (see `layers`), so anything else is not a setting's value.
        let text = self.0.find_value(key).ok()?.into_string()?;
        Some(Sourced { text, origin: self.origin_of(key)? })
    }

    /// Where `key`'s value came from: the file's path and key, or the variable, flag or default.
    fn origin_of(&self, key: &str) -> Option<String> {
        let metadata = self.0.find_metadata(key)?;
        Some(match metadata.source.as_ref().and_then(|source| source.file_path()) {
            Some(path) => format!("{}: {key}", path.display()),
            None => metadata.interpolate(&Profile::Default, &[key]),
        })
    }

    /// Whether `key` is set in any layer (an empty value counts as set).
    pub(super) fn contains(&self, key: &str) -> bool {
        self.0.contains(key)
    }

    /// The source of `key`'s value, for errors that concern more than one setting.
    pub(super) fn origin(&self, key: &str) -> String {
        self.origin_of(key).unwrap_or_else(|| key.to_owned())
    }

    /// `key` parsed by `parse`; a missing key is parsed as the empty text. A refusal names the
    /// source and the value (unless it is secret) and the rule.
    pub(super) fn get<T>(&self, key: &str, parse: impl Fn(&str) -> Result<T, String>) -> Result<T, ConfigError> {
        let Some(s) = self.sourced(key) else {
            return parse("").map_err(|why| ConfigError(format!("{key} is not set: {why}")));
        };
        parse(&s.text).map_err(|why| ConfigError(format!("{} = {:?}: {why}", s.origin, shown(key, &s.text))))
    }

    /// `key` parsed by `parse`, or `None` when it is missing or blank.
    pub(super) fn optional<T>(
        &self,
        key: &str,
        parse: impl Fn(&str) -> Result<T, String>,
    ) -> Result<Option<T>, ConfigError> {
        match self.sourced(key).filter(|s| !s.text.trim().is_empty()) {
            Some(_) => self.get(key, parse).map(Some),
            None => Ok(None),
        }
    }
}

/// The value as it may appear in a message: secrets (and an SMTP URL, which may hold a password)
/// become `…`.
fn shown<'a>(key: &str, value: &'a str) -> &'a str {
    if key == "secret_key" || key == "webhook_secret" || key == "smtp_url" { "…" } else { value }
}
