//! Parsers for the individual setting values.

use std::fmt;
use std::path::PathBuf;

use crate::domain::disclosure::K;

/// The database to use; the scheme chooses the backend.
#[derive(Clone, PartialEq, Eq)]
pub enum DatabaseUrl {
    /// `sqlite://PATH`: an embedded file, the default.
    Sqlite(PathBuf),
    /// `postgres://...` or `postgresql://...`: for regions and the country.
    Postgres(String),
}

impl DatabaseUrl {
    /// Parses `sqlite://PATH` or `postgres://...`.
    pub fn parse(text: &str) -> Result<Self, String> {
        let text = text.trim();
        if let Some(path) = text.strip_prefix("sqlite://") {
            if path.is_empty() || path.starts_with(':') {
                return Err("sqlite:// needs a file path (an in-memory database would vanish)".into());
            }
            Ok(Self::Sqlite(PathBuf::from(path)))
        } else if text.starts_with("postgres://") || text.starts_with("postgresql://") {
            Ok(Self::Postgres(text.to_owned()))
        } else {
            Err("must start with sqlite:// or postgres://".into())
        }
    }

    /// Pooled connections when `pool_size` is not set: the sizes `serve` has used since the first
    /// version, kept as they were (no bench has tuned them; PostgreSQL gets more because its readers
    /// run in parallel on the server, where SQLite's share one file).
    pub fn default_pool_size(&self) -> u32 {
        match self {
            Self::Sqlite(_) => 8,
            Self::Postgres(_) => 16,
        }
    }

    /// The backend's name, for messages.
    pub fn backend(&self) -> &'static str {
        match self {
            Self::Sqlite(_) => "SQLite",
            Self::Postgres(_) => "PostgreSQL",
        }
    }
}

impl fmt::Debug for DatabaseUrl {
    /// Never prints a PostgreSQL password.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Sqlite(path) => write!(f, "sqlite://{}", path.display()),
            Self::Postgres(url) => match url.split_once('@') {
                Some((_, host)) => write!(f, "postgres://…@{host}"),
                None => f.write_str(url),
            },
        }
    }
}

/// 64 bytes that sign and encrypt session cookies. Debug output never shows them.
#[derive(Clone)]
pub struct SecretKey(Vec<u8>);

impl SecretKey {
    /// Parses 128 hexadecimal characters.
    pub fn parse(text: &str) -> Result<Self, String> {
        let bytes = hex::decode(text.trim()).map_err(|_| "must be 128 hexadecimal characters".to_owned())?;
        if bytes.len() == 64 { Ok(Self(bytes)) } else { Err("must be 128 hexadecimal characters (64 bytes)".into()) }
    }

    /// A fresh random key, for demo runs.
    pub fn generate() -> Self {
        let mut bytes = vec![0u8; 64];
        rand::fill(&mut bytes[..]);
        Self(bytes)
    }

    /// The raw key.
    pub fn bytes(&self) -> &[u8] {
        &self.0
    }
}

impl fmt::Debug for SecretKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SecretKey(…)")
    }
}

/// The disclosure threshold: a whole number, never below [`K::MIN`].
pub(super) fn parse_k(text: &str) -> Result<K, String> {
    let k: u32 = text.trim().parse().map_err(|_| "k must be a whole number".to_owned())?;
    K::new(k).map_err(|_| format!("k must be at least {}: smaller groups would identify pupils", K::MIN))
}

/// A whole number from `low` to `high`; `what` names it in the refusal.
pub(super) fn parse_in_range(text: &str, low: i64, high: i64, what: &str) -> Result<i64, String> {
    match text.trim().parse::<i64>() {
        Ok(n) if (low..=high).contains(&n) => Ok(n),
        _ => Err(format!("{what} must be a whole number from {low} to {high}")),
    }
}

/// `host:port`, such as `127.0.0.1:8080`.
pub(super) fn parse_bind(text: &str) -> Result<String, String> {
    let (host, port) = text.trim().rsplit_once(':').ok_or("expected host:port, such as 127.0.0.1:8080")?;
    port.parse::<u16>().map_err(|_| format!("`{port}` is not a port number"))?;
    if host.is_empty() { Err("expected host:port, such as 127.0.0.1:8080".into()) } else { Ok(text.trim().to_owned()) }
}

/// An http(s) address without its trailing slash.
pub(super) fn parse_public_url(text: &str) -> Result<String, String> {
    let text = text.trim().trim_end_matches('/');
    if text.starts_with("http://") || text.starts_with("https://") {
        Ok(text.to_owned())
    } else {
        Err("must start with http:// or https://".into())
    }
}

/// Text that starts with one of `prefixes`, such as `smtp://`.
pub(super) fn parse_prefixed(text: &str, prefixes: &[&str]) -> Result<String, String> {
    let text = text.trim();
    if prefixes.iter().any(|p| text.starts_with(p)) {
        Ok(text.to_owned())
    } else {
        Err(format!("must start with {}", prefixes.join(" or ")))
    }
}

/// `on` or `off`, for switches such as `background`.
pub(super) fn parse_on_off(text: &str) -> Result<bool, String> {
    match text.trim() {
        "on" => Ok(true),
        "off" => Ok(false),
        _ => Err("must be on or off".into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn database_urls_choose_the_backend() {
        assert_eq!(DatabaseUrl::parse("sqlite://ahual.db"), Ok(DatabaseUrl::Sqlite("ahual.db".into())));
        assert!(matches!(DatabaseUrl::parse("postgresql://u:p@h/db"), Ok(DatabaseUrl::Postgres(_))));
        assert!(DatabaseUrl::parse("mysql://x").is_err());
        assert!(DatabaseUrl::parse("sqlite://:memory:").is_err());
        let debug = format!("{:?}", DatabaseUrl::parse("postgres://u:secret@h/db").unwrap());
        assert!(!debug.contains("secret"), "{debug}");
    }

    #[test]
    fn secret_keys_are_64_bytes_of_hex() {
        assert!(SecretKey::parse(&"ab".repeat(64)).is_ok());
        assert!(SecretKey::parse(&"ab".repeat(32)).is_err());
        assert!(SecretKey::parse("zz").is_err());
        assert_eq!(SecretKey::generate().bytes().len(), 64);
        assert_eq!(format!("{:?}", SecretKey::generate()), "SecretKey(…)");
    }
}
