//! A staff member's signed-in sessions, kept on the server so they can be listed on the account page
//! and ended from anywhere: a lost laptop in a staff room, a shared computer someone forgot to sign
//! out of. The cookie holds a random secret; the database keeps only its hash, so a copy of the
//! database cannot be turned into a cookie. Pupil routes never make one.

use sha2::{Digest, Sha256};

/// The secret a session cookie carries: 32 random bytes in hex.
pub fn generate_secret() -> String {
    let mut bytes = [0u8; 32];
    rand::fill(&mut bytes);
    hex::encode(bytes)
}

/// The stored form of a session secret.
pub fn hash_secret(secret: &str) -> String {
    hex::encode(Sha256::new().chain_update(b"ahual staff session v1\n").chain_update(secret.as_bytes()).finalize())
}

/// What the account page shows of the device a session was started on: the browser and the system,
/// read from the user agent of a staff sign-in, so its owner can tell "my office computer" from
/// "not me". Nothing finer is kept (no version, no address).
pub fn device_of(user_agent: &str) -> String {
    // Order matters: Edge, Opera and Yandex say "Chrome" too, and Chrome says "Safari".
    const BROWSERS: [(&str, &str); 7] = [
        ("Edg/", "Edge"),
        ("OPR/", "Opera"),
        ("YaBrowser/", "Yandex Browser"),
        ("Firefox/", "Firefox"),
        ("Chromium/", "Chromium"),
        ("Chrome/", "Chrome"),
        ("Safari/", "Safari"),
    ];
    const SYSTEMS: [(&str, &str); 6] = [
        ("Android", "Android"),
        ("iPhone", "iOS"),
        ("iPad", "iPadOS"),
        ("Windows", "Windows"),
        ("Mac OS X", "macOS"),
        ("Linux", "Linux"),
    ];
    let browser = BROWSERS.iter().find(|(mark, _)| user_agent.contains(mark)).map(|(_, name)| *name);
    let system = SYSTEMS.iter().find(|(mark, _)| user_agent.contains(mark)).map(|(_, name)| *name);
    match (browser, system) {
        (Some(browser), Some(system)) => format!("{browser}, {system}"),
        (Some(one), None) | (None, Some(one)) => one.to_owned(),
        (None, None) => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_are_fresh_and_only_their_hash_is_kept() {
        let (a, b) = (generate_secret(), generate_secret());
        assert_eq!(a.len(), 64);
        assert_ne!(a, b);
        assert_ne!(hash_secret(&a), hash_secret(&b));
        assert_ne!(hash_secret(&a), a);
        assert_eq!(hash_secret(&a), hash_secret(&a));
    }

    #[test]
    fn the_device_is_named_by_browser_and_system_only() {
        let cases = [
            (
                "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 Edg/120.0.0.0",
                "Edge, Windows",
            ),
            (
                "Mozilla/5.0 (Windows NT 6.1) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/109.0 YaBrowser/23.1 Safari/537.36",
                "Yandex Browser, Windows",
            ),
            ("Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0", "Firefox, Linux"),
            (
                "Mozilla/5.0 (Linux; Android 13) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36",
                "Chrome, Android",
            ),
            (
                "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1",
                "Safari, iOS",
            ),
            ("curl/8.4.0", ""),
            ("", ""),
        ];
        for (agent, device) in cases {
            assert_eq!(device_of(agent), device, "{agent}");
        }
    }
}
