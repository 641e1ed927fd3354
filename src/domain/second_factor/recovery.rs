//! Recovery codes: ten single-use codes shown once at enrolment, for the day the authenticator is
//! lost. Each is 10 characters from a 27-letter alphabet without look-alikes (47 bits), so a stored
//! SHA-256 needs no salt or slow hash, and it is typed as it is read: spaces, dashes and case do not
//! matter.

use sha2::{Digest, Sha256};

/// How many codes an enrolment (or a renewal) hands out.
pub const CODES: usize = 10;

/// Letters and digits that cannot be mistaken for one another (no 0/O, 1/I/L, 8/B, 5/S).
const ALPHABET: &[u8; 27] = b"ACDEFGHJKMNPQRTUVWXYZ234679";
const LEN: usize = 10;

/// A recovery code as shown to its owner: `ABCDE-FGHJK`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecoveryCode(String);

impl RecoveryCode {
    /// A fresh set of [`CODES`] distinct codes.
    pub fn generate_set() -> Vec<RecoveryCode> {
        let mut codes: Vec<RecoveryCode> = Vec::with_capacity(CODES);
        while codes.len() < CODES {
            let code = generate_one();
            if !codes.contains(&code) {
                codes.push(code);
            }
        }
        codes
    }

    /// The code as shown.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The stored form of this code.
    pub fn hash(&self) -> String {
        hash_typed(&self.0).unwrap_or_default()
    }
}

fn generate_one() -> RecoveryCode {
    let mut bytes = [0u8; LEN];
    let mut text = String::with_capacity(LEN + 1);
    let mut drawn = 0;
    while drawn < LEN {
        rand::fill(&mut bytes);
        // Rejection sampling keeps every letter equally likely: 27 × 9 = 243 ≤ 256.
        for byte in bytes.iter().filter(|b| usize::from(**b) < ALPHABET.len() * 9).take(LEN - drawn) {
            if drawn == LEN / 2 {
                text.push('-');
            }
            text.push(char::from(ALPHABET[usize::from(*byte) % ALPHABET.len()]));
            drawn += 1;
        }
    }
    RecoveryCode(text)
}

/// The stored form of what someone typed as a recovery code, or `None` when it cannot be one (so it
/// is not looked up at all). Spaces and dashes are dropped and letters upper-cased first.
pub fn hash_typed(typed: &str) -> Option<String> {
    let plain: String =
        typed.chars().filter(|c| !c.is_whitespace() && *c != '-').map(|c| c.to_ascii_uppercase()).collect();
    let valid = plain.len() == LEN && plain.bytes().all(|b| ALPHABET.contains(&b));
    valid.then(|| {
        hex::encode(Sha256::new().chain_update(b"ahual recovery code v1\n").chain_update(plain.as_bytes()).finalize())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_set_is_ten_distinct_codes_of_the_unambiguous_letters() {
        let codes = RecoveryCode::generate_set();
        assert_eq!(codes.len(), CODES);
        for code in &codes {
            let text = code.as_str();
            assert_eq!(text.len(), LEN + 1, "{text}");
            assert_eq!(&text[5..6], "-");
            assert!(text.replace('-', "").bytes().all(|b| ALPHABET.contains(&b)), "{text}");
            assert!(!text.contains(['0', 'O', '1', 'I', 'L', '8', 'B', '5', 'S']), "{text}");
        }
        let hashes: std::collections::BTreeSet<String> = codes.iter().map(RecoveryCode::hash).collect();
        assert_eq!(hashes.len(), CODES);
    }

    #[test]
    fn a_code_is_typed_as_it_is_read() {
        let code = RecoveryCode::generate_set().remove(0);
        let stored = code.hash();
        let text = code.as_str();
        assert_eq!(hash_typed(text), Some(stored.clone()));
        assert_eq!(hash_typed(&text.to_lowercase()), Some(stored.clone()));
        assert_eq!(hash_typed(&format!(" {} ", text.replace('-', " "))), Some(stored.clone()));
        assert_eq!(hash_typed(&text.replace('-', "")), Some(stored));
    }

    #[test]
    fn what_cannot_be_a_code_is_not_looked_up() {
        for typed in ["", "123456", "ACDEF-GHJK", "ACDEF-GHJKMN", "ACDEF-GHJK0", "ACDEF-GHJKÉ", "\0\0\0\0\0\0\0\0\0\0"]
        {
            assert_eq!(hash_typed(typed), None, "{typed:?}");
        }
    }
}
