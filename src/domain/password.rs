//! Staff passwords: the rule every path that sets one applies, and argon2id hashing. Pupils never
//! have passwords of their own.
//!
//! The rule follows NIST SP 800-63B rather than character classes: long enough, and not guessable
//! from what attackers try first. Guessability is `zxcvbn`'s estimate, which knows the passwords of
//! past breaches, words and names, keyboard walks, repeats, sequences, dates and l33t spellings, and
//! counts words of the reader's own context (the login, the name, the service) as known. Cyrillic
//! and Kazakh letters are outside its dictionaries, so a phrase in them is judged by its length
//! and patterns alone, as an attacker with English lists would see it.

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString, rand_core::OsRng};
use argon2::{Algorithm, Argon2, Params, Version};
use zxcvbn::Score;

use super::organisation::Invalid;

/// The shortest password accepted; length beats composition rules for memorability and strength.
pub const MIN_PASSWORD_CHARS: usize = 10;

/// The longest accepted: argon2 hashes anything, but a form need not carry a book.
pub const MAX_PASSWORD_CHARS: usize = 200;

/// The least `zxcvbn` score accepted: 3 means about 10^8 guesses or more, which the argon2 hash
/// (about 20 ms each) makes years of work offline; a breached or patterned password scores 0-2.
const LEAST_SCORE: Score = Score::Three;

/// Words every password is checked against besides the account's own: the service's name.
const SERVICE_WORDS: [&str; 3] = ["ahual", "ахуал", "ахуал-ахуал"];

/// Checks the password rule without hashing, so forms can report it in place; for a password set
/// before its account's login and name are known (a roster file's).
pub fn check_password_rule(password: &str) -> Result<(), Invalid> {
    check_password(password, &[])
}

/// Checks the password rule with `context`, the words an attacker of this account would try first
/// (its login and display name).
pub fn check_password(password: &str, context: &[&str]) -> Result<(), Invalid> {
    let chars = password.chars().count();
    if chars < MIN_PASSWORD_CHARS {
        return Err(Invalid("password-too-short"));
    }
    if chars > MAX_PASSWORD_CHARS {
        return Err(Invalid("password-too-long"));
    }
    let words: Vec<&str> = SERVICE_WORDS.iter().copied().chain(context.iter().copied()).collect();
    if zxcvbn::zxcvbn(password, &words).score() < LEAST_SCORE {
        return Err(Invalid("password-too-guessable"));
    }
    Ok(())
}

fn hasher() -> Argon2<'static> {
    // OWASP's argon2id baseline: 19 MiB, 2 passes, 1 lane.
    let params = Params::new(19 * 1024, 2, 1, None).unwrap_or_default();
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// Hashes a password with a fresh salt into a PHC string.
pub fn hash_password(password: &str) -> Result<String, argon2::password_hash::Error> {
    let salt = SaltString::generate(&mut OsRng);
    Ok(hasher().hash_password(password.as_bytes(), &salt)?.to_string())
}

/// True when `password` matches `stored`; a malformed stored hash never matches.
pub fn verify_password(password: &str, stored: &str) -> bool {
    PasswordHash::new(stored).map(|hash| hasher().verify_password(password.as_bytes(), &hash).is_ok()).unwrap_or(false)
}

/// Spends the same work as a real check, so a wrong login name answers as slowly as a wrong password.
pub fn verify_against_nothing(password: &str) {
    // A hash of a random string nobody knows; computed once per process.
    static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    let stored = DUMMY.get_or_init(|| hash_password(&uuid::Uuid::new_v4().to_string()).unwrap_or_default());
    let _ = verify_password(password, stored);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_argon2id_salted_and_verify() {
        let a = hash_password("correct horse battery").unwrap();
        let b = hash_password("correct horse battery").unwrap();
        assert!(a.starts_with("$argon2id$"));
        assert_ne!(a, b, "salts differ");
        assert!(verify_password("correct horse battery", &a));
        assert!(!verify_password("correct horse battery!", &a));
        assert!(!verify_password("anything", "not a hash"));
    }

    #[test]
    fn short_and_overlong_passwords_are_refused() {
        assert_eq!(check_password_rule("x7#Lq9!w2"), Err(Invalid("password-too-short")));
        assert_eq!(check_password_rule(&"x7#Lq9!w2z".repeat(21)), Err(Invalid("password-too-long")));
    }

    #[test]
    fn breached_and_patterned_passwords_are_refused_whatever_their_length() {
        for guessable in [
            "1234567890",
            "qwertyuiop",
            "password123",
            "P@ssw0rd2024",
            "aaaaaaaaaaaa",
            "abcdefghijkl",
            "iloveyou1234",
            "ahual-ahual-2026",
            "01.09.202601.09.2026",
        ] {
            assert_eq!(check_password_rule(guessable), Err(Invalid("password-too-guessable")), "{guessable}");
        }
    }

    #[test]
    fn the_accounts_own_words_count_as_known() {
        let own = "aigerim.nurlanova2026";
        assert!(check_password(own, &[]).is_ok(), "an unknown name is strong enough alone");
        assert_eq!(
            check_password(own, &["aigerim.nurlanova", "Aigerim Nurlanova"]),
            Err(Invalid("password-too-guessable"))
        );
    }

    #[test]
    fn long_phrases_pass_without_character_classes() {
        for strong in
            ["correct horse battery staple", "көктемде алма гүлдейді", "тёплый ветер над степью", "tulip-river-okapi-9"]
        {
            assert_eq!(check_password_rule(strong), Ok(()), "{strong}");
        }
    }
}
