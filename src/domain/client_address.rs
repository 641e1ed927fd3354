//! Which address a request comes from, for the in-memory wrong-password throttle only (never stored or
//! logged). Behind a reverse proxy every request arrives from the proxy, so without this one mistyping
//! lab anywhere would slow every pupil in the country; yet `X-Forwarded-For` is whatever the client
//! wrote, so it is believed only when the connection comes from a proxy the operator named.

use std::net::IpAddr;

/// The client's address: the connection's peer, or, when the peer is a trusted proxy, the nearest
/// address in `forwarded_for` (read from the right) that is not itself a trusted proxy.
pub fn client_address(peer: Option<IpAddr>, forwarded_for: Option<&str>, trusted: &[IpAddr]) -> Option<IpAddr> {
    let peer = peer?;
    if !trusted.contains(&peer) {
        return Some(peer);
    }
    let Some(chain) = forwarded_for else { return Some(peer) };
    let mut nearest = peer;
    for hop in chain.rsplit(',') {
        match hop.trim().parse::<IpAddr>() {
            Ok(address) if trusted.contains(&address) => nearest = address,
            Ok(address) => return Some(address),
            // A hop that is not an address (garbage, "unknown", a port): stop at the last one we trust.
            Err(_) => return Some(nearest),
        }
    }
    Some(nearest)
}

/// Parses the `trusted_proxies` setting: addresses separated by commas or spaces.
pub fn parse_trusted_proxies(text: &str) -> Result<Vec<IpAddr>, String> {
    text.split([',', ' '])
        .map(str::trim)
        .filter(|part| !part.is_empty())
        .map(|part| part.parse::<IpAddr>().map_err(|_| format!("'{part}' is not an IP address")))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(text: &str) -> IpAddr {
        text.parse().unwrap_or_else(|_| panic!("{text} is an address"))
    }

    #[test]
    fn a_direct_client_is_its_peer_whatever_it_claims() {
        let trusted = [ip("10.0.0.1")];
        assert_eq!(client_address(Some(ip("203.0.113.7")), Some("198.51.100.1"), &trusted), Some(ip("203.0.113.7")));
        assert_eq!(client_address(Some(ip("203.0.113.7")), None, &[]), Some(ip("203.0.113.7")));
        assert_eq!(client_address(None, Some("198.51.100.1"), &trusted), None);
    }

    #[test]
    fn behind_a_trusted_proxy_the_nearest_untrusted_hop_counts() {
        let trusted = [ip("10.0.0.1"), ip("10.0.0.2")];
        let peer = Some(ip("10.0.0.1"));
        assert_eq!(client_address(peer, Some("198.51.100.9"), &trusted), Some(ip("198.51.100.9")));
        // A client that forges a first hop cannot choose its bucket: the proxy appended the real one.
        assert_eq!(client_address(peer, Some("1.2.3.4, 198.51.100.9"), &trusted), Some(ip("198.51.100.9")));
        // Two proxies in a row.
        assert_eq!(client_address(peer, Some("198.51.100.9, 10.0.0.2"), &trusted), Some(ip("198.51.100.9")));
        assert_eq!(client_address(peer, Some(" 2001:db8::5 "), &trusted), Some(ip("2001:db8::5")));
    }

    #[test]
    fn a_missing_or_unreadable_header_leaves_the_last_trusted_address() {
        let trusted = [ip("10.0.0.1"), ip("10.0.0.2")];
        let peer = Some(ip("10.0.0.1"));
        assert_eq!(client_address(peer, None, &trusted), Some(ip("10.0.0.1")));
        assert_eq!(client_address(peer, Some("garbage"), &trusted), Some(ip("10.0.0.1")));
        assert_eq!(client_address(peer, Some("unknown, 10.0.0.2"), &trusted), Some(ip("10.0.0.2")));
        assert_eq!(client_address(peer, Some(""), &trusted), Some(ip("10.0.0.1")));
    }

    #[test]
    fn the_setting_lists_addresses_and_names_a_bad_one() {
        assert_eq!(parse_trusted_proxies("127.0.0.1, ::1"), Ok(vec![ip("127.0.0.1"), ip("::1")]));
        assert_eq!(parse_trusted_proxies(""), Ok(vec![]));
        assert_eq!(parse_trusted_proxies("127.0.0.1 proxy.local"), Err("'proxy.local' is not an IP address".into()));
    }
}
