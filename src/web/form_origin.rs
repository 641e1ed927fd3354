//! Which site a pupil's start form was posted from. The start form has no session, so it cannot carry
//! the staff forms' anti-forgery token; instead the browser's own word is taken: `Sec-Fetch-Site`,
//! then `Origin`, then `Referer`. A post another site makes a pupil's browser send is refused; a post
//! that says nothing (old browsers send none of these on a same-site form) is let through, so no
//! pupil on an old school computer is locked out. The reasoning is in `docs/privacy.md`, "Forged
//! start forms".

use actix_web::http::header::{self, HeaderMap};

/// The header a browser sets on its own (pages cannot) to say how the request's initiator relates to
/// its target.
const FETCH_SITE: &str = "sec-fetch-site";

/// Who sent a form, as far as the browser tells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sender {
    /// A page of this site, or the reader themselves (an address typed or bookmarked).
    ThisSite,
    /// A page of another site, including a sibling subdomain and an opaque (`null`) origin.
    OtherSite,
    /// The browser said nothing either way.
    Unknown,
}

impl Sender {
    /// Whether the form is accepted: everything but a post from another site.
    pub fn accepted(self) -> bool {
        self != Sender::OtherSite
    }
}

/// Judges the request's headers against the `Host` it was sent to and the deployment's public
/// address (`https://ahual.example.kz`, which is what the browser saw behind a TLS proxy).
pub fn sender(headers: &HeaderMap, public_url: &str) -> Sender {
    let text = |name| headers.get(name).and_then(|v| v.to_str().ok()).map(str::trim);
    match text(FETCH_SITE).map(str::to_ascii_lowercase).as_deref() {
        Some("same-origin" | "none") => return Sender::ThisSite,
        Some("same-site" | "cross-site") => return Sender::OtherSite,
        _ => {}
    }
    let host = text(header::HOST.as_str());
    let judge = |origin: Option<&str>| match origin {
        Some(origin) if is_ours(origin, host, public_url) => Sender::ThisSite,
        _ => Sender::OtherSite,
    };
    if let Some(origin) = headers.get(header::ORIGIN) {
        return judge(origin.to_str().ok().map(str::trim));
    }
    match headers.get(header::REFERER) {
        Some(referer) => judge(referer.to_str().ok().and_then(|r| origin_of(r.trim()))),
        None => Sender::Unknown,
    }
}

/// `scheme://authority` of an absolute address; `None` for anything else (`null`, a path).
fn origin_of(address: &str) -> Option<&str> {
    let scheme_end = address.find("://")?;
    let rest = &address[scheme_end + 3..];
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    (authority_end > 0).then(|| &address[..scheme_end + 3 + authority_end])
}

/// The default port of an origin's scheme, which browsers leave out and a `Host` header may not.
fn default_port(scheme: &str) -> Option<&'static str> {
    match scheme.to_ascii_lowercase().as_str() {
        "http" => Some(":80"),
        "https" => Some(":443"),
        _ => None,
    }
}

/// Lower-cased, without the default port of `scheme`.
fn normalised(authority: &str, scheme: &str) -> Option<String> {
    let port = default_port(scheme)?;
    let authority = authority.to_ascii_lowercase();
    Some(authority.strip_suffix(port).map(str::to_owned).unwrap_or(authority))
}

/// The origin is this site: the public address exactly, or the host the request was sent to (a
/// school reaching the server by its LAN address, or a proxy that keeps `Host`).
fn is_ours(origin: &str, host: Option<&str>, public_url: &str) -> bool {
    let Some(origin) = origin_of(origin) else { return false };
    if origin_of(public_url).is_some_and(|ours| ours.eq_ignore_ascii_case(origin)) {
        return true;
    }
    let Some((scheme, authority)) = origin.split_once("://") else { return false };
    match (normalised(authority, scheme), host.and_then(|host| normalised(host, scheme))) {
        (Some(theirs), Some(asked)) => theirs == asked,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use actix_web::http::header::{HeaderName, HeaderValue};

    const PUBLIC: &str = "https://ahual.example.kz";

    fn judge(pairs: &[(&str, &str)]) -> Sender {
        let mut headers = HeaderMap::new();
        for (name, value) in pairs {
            if let (Ok(name), Ok(value)) = (HeaderName::try_from(*name), HeaderValue::from_str(value)) {
                headers.append(name, value);
            }
        }
        sender(&headers, PUBLIC)
    }

    #[test]
    fn fetch_metadata_decides_first() {
        assert_eq!(judge(&[("sec-fetch-site", "same-origin"), ("origin", "null")]), Sender::ThisSite);
        assert_eq!(judge(&[("sec-fetch-site", "none")]), Sender::ThisSite);
        assert_eq!(judge(&[("sec-fetch-site", "cross-site"), ("host", "ahual.example.kz")]), Sender::OtherSite);
        assert_eq!(judge(&[("sec-fetch-site", "same-site")]), Sender::OtherSite);
    }

    #[test]
    fn an_origin_must_be_the_public_address_or_the_host_asked() {
        let host = ("host", "10.0.0.5:8080");
        assert_eq!(judge(&[("origin", PUBLIC), host]), Sender::ThisSite);
        assert_eq!(judge(&[("origin", "http://10.0.0.5:8080"), host]), Sender::ThisSite);
        assert_eq!(
            judge(&[("origin", "https://ahual.example.kz"), ("host", "AHUAL.example.kz:443")]),
            Sender::ThisSite
        );
        assert_eq!(judge(&[("origin", "http://10.0.0.5:8081"), host]), Sender::OtherSite);
        assert_eq!(judge(&[("origin", "https://evil.example"), host]), Sender::OtherSite);
        assert_eq!(judge(&[("origin", "https://ahual.example.kz.evil.example"), host]), Sender::OtherSite);
        assert_eq!(judge(&[("origin", "null"), host]), Sender::OtherSite);
        assert_eq!(judge(&[("origin", "null")]), Sender::OtherSite);
        assert_eq!(judge(&[("origin", "https://evil.example")]), Sender::OtherSite);
    }

    #[test]
    fn a_referer_stands_in_for_a_missing_origin_and_silence_is_accepted() {
        let host = ("host", "10.0.0.5:8080");
        assert_eq!(judge(&[("referer", "http://10.0.0.5:8080/?lang=ru"), host]), Sender::ThisSite);
        assert_eq!(judge(&[("referer", "https://evil.example/form"), host]), Sender::OtherSite);
        assert_eq!(judge(&[("referer", "/relative"), host]), Sender::OtherSite);
        assert_eq!(judge(&[host]), Sender::Unknown);
        assert!(Sender::Unknown.accepted() && Sender::ThisSite.accepted() && !Sender::OtherSite.accepted());
    }
}
