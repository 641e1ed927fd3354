//! Which database to use, as the configuration names it: the scheme of the URL chooses the backend
//! (SQLite or PostgreSQL), and the backend decides the default pool size.
//!
//! Lives in `db` because `db` connects with it; `config` only parses the setting into it. It was in
//! `config`, which made `db` (rank 1) import `config` (rank 3), an arrow back up the layers.

use std::fmt;
use std::path::PathBuf;

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
    fn each_backend_has_its_default_pool_size() {
        assert_eq!(DatabaseUrl::Sqlite("a.db".into()).default_pool_size(), 8);
        assert_eq!(DatabaseUrl::Postgres("postgres://h/db".into()).default_pool_size(), 16);
    }
}
