//! Staff passwords: the length rule and argon2id hashing. Pupils never have passwords of their own.

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString, rand_core::OsRng};
use argon2::{Algorithm, Argon2, Params, Version};

use super::organisation::Invalid;

/// The shortest password accepted; length beats composition rules for memorability and strength.
pub const MIN_PASSWORD_CHARS: usize = 10;

/// Checks the password rule without hashing, so forms can report it in place.
pub fn check_password_rule(password: &str) -> Result<(), Invalid> {
    let chars = password.chars().count();
    if (MIN_PASSWORD_CHARS..=200).contains(&chars) { Ok(()) } else { Err(Invalid("password-too-short")) }
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
    fn short_passwords_are_refused() {
        assert!(check_password_rule("123456789").is_err());
        assert!(check_password_rule("1234567890").is_ok());
    }
}
