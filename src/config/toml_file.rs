//! `ahual.toml` as a figment [`Format`]: read with the project's own `toml` (no second TOML parser
//! in the build), checked before it is merged: every key must be a setting, every value a string or
//! a whole number. Values enter the layers as text, like the environment's, so one parser per
//! setting serves every layer. A problem is one line that starts with the file's path.

use std::path::Path;

use figment::providers::Format;
use figment::value::{Dict, Value};
use serde::de::{DeserializeOwned, Error as _, value::Error};

use super::layers::KEYS;

/// The configuration file's format, for `Data::<SettingsFile>::file_exact(path)`.
pub struct SettingsFile;

impl Format for SettingsFile {
    type Error = Error;

    const NAME: &'static str = "TOML";

    /// Only reached through [`Format::from_path`], which names the file in its errors.
    fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, Error> {
        let dict = settings_of(text).map_err(Error::custom)?;
        Value::from(dict).deserialize().map_err(|e| Error::custom(e.to_string()))
    }

    fn from_path<T: DeserializeOwned>(path: &Path) -> Result<T, Error> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| Error::custom(format!("{}: cannot read: {e}", path.display())))?;
        let dict = settings_of(&text).map_err(|why| Error::custom(format!("{}: {why}", path.display())))?;
        Value::from(dict).deserialize().map_err(|e| Error::custom(format!("{}: {e}", path.display())))
    }
}

/// The file's settings as text, or the first problem (without the path).
fn settings_of(text: &str) -> Result<Dict, String> {
    let table: toml::Table = toml::from_str(text).map_err(|e| e.message().to_owned())?;
    let mut out = Dict::new();
    for (key, value) in table {
        if !KEYS.iter().any(|k| k.file == key) {
            return Err(format!("unknown setting `{key}`"));
        }
        let text = match value {
            toml::Value::String(s) => s,
            toml::Value::Integer(i) => i.to_string(),
            other => return Err(format!("{key} = {other}: expected a string or a number")),
        };
        out.insert(key, Value::from(text));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_and_whole_numbers_become_text() {
        let dict = settings_of("k = 12\nbind = \"0.0.0.0:9000\"\n").unwrap();
        assert_eq!(dict.get("k").and_then(Value::as_str), Some("12"));
        assert_eq!(dict.get("bind").and_then(Value::as_str), Some("0.0.0.0:9000"));
    }

    #[test]
    fn unknown_keys_other_types_and_bad_syntax_are_refused_in_one_line() {
        assert_eq!(settings_of("databse_url = \"x\"").unwrap_err(), "unknown setting `databse_url`");
        assert_eq!(settings_of("k = true").unwrap_err(), "k = true: expected a string or a number");
        assert!(settings_of("k = 1.5").unwrap_err().contains("expected a string or a number"));
        let syntax = settings_of("k = ").unwrap_err();
        assert!(!syntax.is_empty() && !syntax.contains('\n'), "{syntax}");
    }
}
