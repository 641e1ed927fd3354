//! Where a redirect may send the browser. Every `Location` the app writes goes through [`see_other`],
//! and a target taken from a request (the language switch's `?next=`) must first become a
//! [`LocalPath`]: a path on this site that cannot be turned into another site's address or break the
//! header it is written into. A newline or NUL in `next` used to make the response itself fail (a 500).

use std::fmt::Write as _;

use actix_web::HttpResponse;
use actix_web::http::header;
use thiserror::Error;

/// Longer targets are refused: no page of ours has an address this long.
pub const MAX_LOCAL_PATH: usize = 2048;

/// A path on this site, safe to write into a `Location` header as it is.
///
/// Promises: starts with exactly one `/` (never `//host` or `/\host`, which browsers read as another
/// site), holds no backslash, no whitespace and no control character (browsers drop tabs and newlines
/// from addresses, which could make `/\t/host` into `//host`), and is printable ASCII: anything
/// beyond ASCII is percent-encoded, as a browser would have sent it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LocalPath(String);

/// Why a target is not a [`LocalPath`]. Callers send the reader home instead, or answer 400.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
pub enum NotLocal {
    /// It does not start with `/`: a full address, a scheme, or nothing.
    #[error("not a path")]
    NotAPath,
    /// `//host` or `/\host`: another site, to a browser.
    #[error("names another host")]
    OtherHost,
    /// A backslash, whitespace or a control character.
    #[error("holds a character an address may not")]
    BadCharacter,
    /// Longer than [`MAX_LOCAL_PATH`].
    #[error("too long")]
    TooLong,
}

impl LocalPath {
    /// Checks `text` and percent-encodes what lies beyond ASCII.
    pub fn parse(text: &str) -> Result<LocalPath, NotLocal> {
        if text.len() > MAX_LOCAL_PATH {
            return Err(NotLocal::TooLong);
        }
        let mut chars = text.chars();
        if chars.next() != Some('/') {
            return Err(NotLocal::NotAPath);
        }
        if matches!(chars.next(), Some('/' | '\\')) {
            return Err(NotLocal::OtherHost);
        }
        if text.chars().any(|c| c == '\\' || c.is_whitespace() || c.is_control()) {
            return Err(NotLocal::BadCharacter);
        }
        let mut encoded = String::with_capacity(text.len());
        for c in text.chars() {
            if c.is_ascii() {
                encoded.push(c);
            } else {
                let mut buffer = [0u8; 4];
                for byte in c.encode_utf8(&mut buffer).bytes() {
                    let _ = write!(encoded, "%{byte:02X}");
                }
            }
        }
        Ok(LocalPath(encoded))
    }

    /// The path as written into the header.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Post-redirect-get: a 303 to `location`, a path the server built itself (`/school/waves/{id}`).
/// It is checked all the same, so no request data can ever reach a header unchecked; a path that
/// fails the check is a bug, logged, and the reader is sent home rather than shown a 500.
pub fn see_other(location: &str) -> HttpResponse {
    let target = LocalPath::parse(location).unwrap_or_else(|problem| {
        tracing::error!(%problem, "a redirect built by the server was not a local path; sent home instead");
        home()
    });
    to(&target)
}

/// A 303 to a checked path.
pub fn to(target: &LocalPath) -> HttpResponse {
    HttpResponse::SeeOther().insert_header((header::LOCATION, target.as_str())).finish()
}

/// Where a reader is sent when the asked-for target is refused: each role's home.
pub fn home() -> LocalPath {
    LocalPath("/home".to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn paths_on_this_site_are_kept() {
        assert_eq!(LocalPath::parse("/admin/users?x=1").map(|p| p.0), Ok("/admin/users?x=1".to_owned()));
        assert_eq!(LocalPath::parse("/").map(|p| p.0), Ok("/".to_owned()));
    }

    #[test]
    fn other_sites_and_broken_headers_are_refused() {
        assert_eq!(LocalPath::parse("//evil.example"), Err(NotLocal::OtherHost));
        assert_eq!(LocalPath::parse("/\\evil.example"), Err(NotLocal::OtherHost));
        assert_eq!(LocalPath::parse("https://evil.example"), Err(NotLocal::NotAPath));
        assert_eq!(LocalPath::parse(""), Err(NotLocal::NotAPath));
        assert_eq!(LocalPath::parse(" /home"), Err(NotLocal::NotAPath));
        assert_eq!(LocalPath::parse("/a\\b"), Err(NotLocal::BadCharacter));
        assert_eq!(LocalPath::parse("/home\r\nSet-Cookie: a=b"), Err(NotLocal::BadCharacter));
        assert_eq!(LocalPath::parse("/home\0"), Err(NotLocal::BadCharacter));
        assert_eq!(LocalPath::parse("/\t/evil.example"), Err(NotLocal::BadCharacter));
        assert_eq!(LocalPath::parse("/a\u{85}b"), Err(NotLocal::BadCharacter));
        assert_eq!(LocalPath::parse(&format!("/{}", "a".repeat(MAX_LOCAL_PATH))), Err(NotLocal::TooLong));
    }

    #[test]
    fn letters_beyond_ascii_are_percent_encoded() {
        assert_eq!(LocalPath::parse("/school?q=Әй").map(|p| p.0), Ok("/school?q=%D3%98%D0%B9".to_owned()));
    }

    #[test]
    fn a_bad_server_built_path_sends_home_instead_of_failing() {
        let response = see_other("/school/waves/\n");
        assert_eq!(response.status(), actix_web::http::StatusCode::SEE_OTHER);
        assert_eq!(response.headers().get(header::LOCATION).map(|v| v.as_bytes()), Some(&b"/home"[..]));
    }

    proptest! {
        #[test]
        fn every_accepted_path_makes_a_valid_local_location(text in "\\PC{0,40}|/[\\x00-\\x7f]{0,40}|/\\PC{0,40}") {
            if let Ok(path) = LocalPath::parse(&text) {
                let response = to(&path);
                prop_assert_eq!(response.status(), actix_web::http::StatusCode::SEE_OTHER);
                prop_assert!(response.error().is_none());
                let location = response.headers().get(header::LOCATION).map(|v| v.as_bytes().to_vec());
                let location = location.unwrap_or_default();
                prop_assert!(location.starts_with(b"/"));
                prop_assert!(!location.starts_with(b"//"));
                prop_assert!(location.iter().all(|b| (0x21..0x7f).contains(b) && *b != b'\\'));
            }
        }
    }
}
