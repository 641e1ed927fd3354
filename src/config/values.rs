//! Parsers for the individual setting values.

use std::fmt;

use crate::domain::disclosure::K;
use crate::domain::trust_box::retention::{KEPT_DAYS_RANGE, TextsKept};

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

/// The public address when none is configured: the address the server binds, so the links that
/// notifications carry reach it (`--bind 127.0.0.1:9000` gives `http://127.0.0.1:9000`). A wildcard
/// host (`0.0.0.0`, `[::]`) is not an address anyone can open, so it becomes `127.0.0.1`.
pub fn public_url_of_bind(bind: &str) -> String {
    let (host, port) = bind.trim().rsplit_once(':').unwrap_or((bind, "8080"));
    let host = if matches!(host, "0.0.0.0" | "[::]" | "::" | "") { "127.0.0.1" } else { host };
    format!("http://{host}:{port}")
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

/// Days a closed trust box conversation's words are kept: a whole number within [`KEPT_DAYS_RANGE`].
pub(super) fn parse_texts_kept(text: &str) -> Result<TextsKept, String> {
    let (low, high) = KEPT_DAYS_RANGE;
    text.trim()
        .parse::<u32>()
        .ok()
        .and_then(TextsKept::days)
        .ok_or_else(|| format!("trust_texts_days must be a whole number of days from {low} to {high}"))
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
    fn secret_keys_are_64_bytes_of_hex() {
        assert!(SecretKey::parse(&"ab".repeat(64)).is_ok());
        assert!(SecretKey::parse(&"ab".repeat(32)).is_err());
        assert!(SecretKey::parse("zz").is_err());
        assert_eq!(SecretKey::generate().bytes().len(), 64);
        assert_eq!(format!("{:?}", SecretKey::generate()), "SecretKey(…)");
    }
}
