//! Class passwords and single-use codes: 10 characters from an alphabet without look-alikes, typed by
//! pupils from a printed sheet. Only a hash is stored, so a password is shown once, when made.

use rand::Rng;
use sha2::{Digest, Sha256};

/// Letters and digits that are hard to mistake for one another on paper or screen: no 0/O/Q, 1/I/L,
/// 2/Z, 5/S, 8/B, 6/G. 22 symbols, so ten of them give about 2.6·10¹³ secrets.
pub const ALPHABET: &[u8] = b"ACDEFHJKMNPRTUVWXY3479";

/// Length of every password and code.
pub const SECRET_LEN: usize = 10;

/// A freshly generated secret, in its printable form.
pub fn generate() -> String {
    let mut rng = rand::rng();
    (0..SECRET_LEN).map(|_| char::from(ALPHABET[rng.random_range(0..ALPHABET.len())])).collect()
}

/// What a pupil typed, reduced to the canonical form: upper case, without spaces and dashes.
pub fn normalise(typed: &str) -> String {
    typed.chars().filter(|c| !c.is_whitespace() && *c != '-').flat_map(char::to_uppercase).collect()
}

/// The printable form, in two groups of five for easier typing: `ACFHM-NPRT7`.
pub fn display(secret: &str) -> String {
    let (a, b) = secret.split_at(secret.len().min(5));
    if b.is_empty() { a.to_owned() } else { format!("{a}-{b}") }
}

/// The stored lookup value of a typed secret (after normalising).
pub fn hash(typed: &str) -> String {
    let mut hasher = Sha256::new();
    hasher.update(b"ahual access secret v1\n");
    hasher.update(normalise(typed).as_bytes());
    hex::encode(hasher.finalize())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn secrets_have_ten_unambiguous_characters() {
        let secrets: HashSet<String> = (0..200).map(|_| generate()).collect();
        assert_eq!(secrets.len(), 200, "no repeats in 200 draws");
        for s in &secrets {
            assert_eq!(s.len(), SECRET_LEN);
            assert!(s.bytes().all(|b| ALPHABET.contains(&b)));
        }
        for look_alike in "0OQ1IL2Z5S8B6G".chars() {
            assert!(!ALPHABET.contains(&(look_alike as u8)), "{look_alike}");
        }
    }

    #[test]
    fn typing_variants_hash_the_same() {
        assert_eq!(hash("ACFHM-NPRT7"), hash(" acfhm nprt7 "));
        assert_ne!(hash("ACFHMNPRT7"), hash("ACFHMNPRT9"));
        assert_eq!(display("ACFHMNPRT7"), "ACFHM-NPRT7");
        assert_eq!(hash("x").len(), 64);
    }
}
