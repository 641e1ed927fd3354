//! The token a psychologist's or centre's scripts send to the JSON API (`Authorization: Bearer …`).
//! It is shown once when made; only its hash is stored, so a copy of the database lets no one call
//! the API as anybody.

use sha2::{Digest, Sha256};

/// A new token: `ahual_` and 32 random bytes in hex, so it is unguessable and easy to spot in a
/// script or a leaked log.
pub fn generate() -> String {
    let mut bytes = [0u8; 32];
    rand::fill(&mut bytes);
    format!("ahual_{}", hex::encode(bytes))
}

/// The stored form of a token: its SHA-256 under a fixed label (a token is long and random, so no
/// salt or slow hash is needed, and a lookup by hash stays one indexed query). Surrounding spaces
/// are not part of the token.
pub fn hash(token: &str) -> String {
    hex::encode(Sha256::new().chain_update(b"ahual api token v1\n").chain_update(token.trim().as_bytes()).finalize())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_fresh_and_marked() {
        let (a, b) = (generate(), generate());
        assert!(a.starts_with("ahual_") && a.len() == 6 + 64);
        assert_ne!(a, b);
    }

    #[test]
    fn the_hash_ignores_surrounding_spaces_only() {
        assert_eq!(hash("ahual_x"), hash(" ahual_x\n"));
        assert_ne!(hash("ahual_x"), hash("ahual_y"));
    }
}
