//! Time-based one-time passwords (RFC 6238) as every authenticator app makes them: HMAC-SHA1, six
//! digits, a new code every 30 seconds. A code is accepted for the step before and after the
//! server's (a phone's clock may be a little off), and only once: a code seen over a shoulder or
//! caught by a keylogger is spent by the time it can be replayed (RFC 6238 §5.2).

use totp_rs::{Algorithm, Builder, Secret, Totp};

/// Seconds a code lasts.
pub const STEP_SECONDS: u64 = 30;
/// Bytes of a secret: 160 bits, as RFC 4226 recommends.
const SECRET_BYTES: usize = 20;
const DIGITS: u8 = 6;
/// Steps accepted either side of the server's.
const SKEW: u16 = 1;

/// An account's TOTP secret. Debug output never shows it.
#[derive(Clone, PartialEq, Eq)]
pub struct TotpSecret(Vec<u8>);

impl std::fmt::Debug for TotpSecret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("TotpSecret(…)")
    }
}

impl TotpSecret {
    /// A fresh random secret, for an enrolment.
    pub fn generate() -> TotpSecret {
        let mut bytes = vec![0u8; SECRET_BYTES];
        rand::fill(&mut bytes[..]);
        TotpSecret(bytes)
    }

    /// A secret read back from storage, or `None` if it has the wrong length.
    pub fn from_bytes(bytes: Vec<u8>) -> Option<TotpSecret> {
        (bytes.len() == SECRET_BYTES).then_some(TotpSecret(bytes))
    }

    /// The raw secret, for sealing before it is stored.
    pub fn bytes(&self) -> &[u8] {
        &self.0
    }

    /// The secret as an app asks for it when typed by hand: base32 in groups of four.
    pub fn for_typing(&self) -> String {
        let plain = Secret::new(self.0.clone().into_boxed_slice()).to_base32();
        let letters: Vec<char> = plain.chars().collect();
        letters.chunks(4).map(|group| group.iter().collect::<String>()).collect::<Vec<_>>().join(" ")
    }

    fn totp(&self, account: &str) -> Option<Totp> {
        Builder::new()
            .with_algorithm(Algorithm::SHA1)
            .with_digits(DIGITS)
            .with_skew(SKEW)
            .with_step_duration(STEP_SECONDS)
            .with_secret(Secret::new(self.0.clone().into_boxed_slice()))
            .with_issuer(Some("Ahual"))
            .with_account_name(account.replace(':', " "))
            .build()
            .ok()
    }

    /// The `otpauth://` address the enrolment page's QR code holds, naming the service and the
    /// account (`account`, with any colon replaced, as the format requires); `None` only if the
    /// library refuses it.
    pub fn otpauth_url(&self, account: &str) -> Option<String> {
        self.totp(account)?.to_url().ok()
    }

    /// The code an app shows at `unix` seconds (tests and test harnesses type it).
    pub fn code_at(&self, unix: u64) -> String {
        self.totp("").map(|t| t.generate(unix).to_string()).unwrap_or_default()
    }
}

/// The step a typed code belongs to, if it is right at `now` (Unix seconds) and newer than
/// `last_step`, the step of the last code this account used; the caller stores the answer as the
/// new last step. Spaces in the typed code are ignored (apps show `123 456`).
pub fn accepted_step(secret: &TotpSecret, typed: &str, now: u64, last_step: Option<i64>) -> Option<i64> {
    let plain: String = typed.chars().filter(|c| !c.is_whitespace()).collect();
    let totp = secret.totp("")?;
    // Each step in the window is checked, the spent ones too, so the work (and time) does not tell
    // whether a code was right but spent.
    let mut accepted = None;
    for step in window(now) {
        let matched = totp.check(&plain, step * STEP_SECONDS).is_some_and(|found| found == step);
        let fresh = i64::try_from(step).ok().filter(|s| is_fresh(*s, last_step));
        if matched && accepted.is_none() {
            accepted = fresh;
        }
    }
    accepted
}

/// The steps whose codes are right at `now`: the server's and [`SKEW`] either side.
fn window(now: u64) -> std::ops::RangeInclusive<u64> {
    let origin = now / STEP_SECONDS;
    origin.saturating_sub(u64::from(SKEW))..=origin + u64::from(SKEW)
}

fn is_fresh(step: i64, last_step: Option<i64>) -> bool {
    last_step.is_none_or(|last| step > last)
}

/// The earliest step whose code [`accepted_step`] would take at `now` after `last_step`, or `None`
/// when every step it accepts is spent (the next one starts within [`STEP_SECONDS`]). Test harnesses
/// type `code_at(step * STEP_SECONDS)` for it, as a phone would, without restating the window.
pub fn earliest_fresh_step(now: u64, last_step: Option<i64>) -> Option<u64> {
    window(now).find(|step| i64::try_from(*step).is_ok_and(|s| is_fresh(s, last_step)))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 6238, appendix B: the SHA-1 test secret and the codes it gives (last six digits).
    fn rfc_secret() -> TotpSecret {
        TotpSecret::from_bytes(b"12345678901234567890".to_vec()).unwrap()
    }

    #[test]
    fn codes_match_the_rfc_test_vectors() {
        let secret = rfc_secret();
        for (time, code) in
            [(59, "287082"), (1_111_111_109, "081804"), (1_234_567_890, "005924"), (2_000_000_000, "279037")]
        {
            assert_eq!(secret.code_at(time), code, "at {time}");
        }
    }

    #[test]
    fn a_code_is_accepted_a_step_either_side_and_not_two() {
        let secret = rfc_secret();
        let now = 1_234_567_890;
        let step = i64::try_from(now / STEP_SECONDS).unwrap();
        assert_eq!(accepted_step(&secret, &secret.code_at(now), now, None), Some(step));
        assert_eq!(accepted_step(&secret, &secret.code_at(now - 30), now, None), Some(step - 1));
        assert_eq!(accepted_step(&secret, &secret.code_at(now + 30), now, None), Some(step + 1));
        assert_eq!(accepted_step(&secret, &secret.code_at(now - 60), now, None), None);
        assert_eq!(accepted_step(&secret, &secret.code_at(now + 60), now, None), None);
    }

    #[test]
    fn a_code_is_accepted_once() {
        let secret = rfc_secret();
        let now = 1_234_567_890;
        let code = secret.code_at(now);
        let used = accepted_step(&secret, &code, now, None).unwrap();
        assert_eq!(accepted_step(&secret, &code, now, Some(used)), None);
        assert_eq!(accepted_step(&secret, &code, now + 20, Some(used)), None, "nor a few seconds later");
        assert_eq!(accepted_step(&secret, &secret.code_at(now - 30), now, Some(used)), None, "nor an older one");
        assert_eq!(accepted_step(&secret, &secret.code_at(now + 30), now, Some(used)), Some(used + 1));
    }

    #[test]
    fn the_earliest_fresh_step_is_one_the_server_accepts() {
        let secret = rfc_secret();
        let now = 1_234_567_890;
        let origin = now / STEP_SECONDS;
        let mut last = None;
        for expected in [origin - 1, origin, origin + 1] {
            let step = earliest_fresh_step(now, last).unwrap();
            assert_eq!(step, expected);
            let taken = accepted_step(&secret, &secret.code_at(step * STEP_SECONDS), now, last);
            assert_eq!(taken, Some(i64::try_from(step).unwrap()));
            last = taken;
        }
        assert_eq!(earliest_fresh_step(now, last), None, "all three spent: wait for the next step");
        assert_eq!(earliest_fresh_step(now + STEP_SECONDS, last), Some(origin + 2));
    }

    #[test]
    fn spaces_are_ignored_and_anything_else_refused() {
        let secret = rfc_secret();
        let now = 1_234_567_890;
        let code = secret.code_at(now);
        assert!(accepted_step(&secret, &format!(" {} {} ", &code[..3], &code[3..]), now, None).is_some());
        for typed in ["", "12345", "1234567", "+05924", "abcdef", "00592４", "005924\0"] {
            assert_eq!(accepted_step(&secret, typed, now, None), None, "{typed:?}");
        }
    }

    #[test]
    fn the_address_names_the_service_and_the_account_and_the_secret_types_back() {
        let secret = TotpSecret::generate();
        let url = secret.otpauth_url("admin:x").unwrap();
        assert!(url.starts_with("otpauth://totp/Ahual:admin%20x?"), "{url}");
        let typed = secret.for_typing().replace(' ', "");
        assert!(url.contains(&format!("secret={typed}")), "{url}");
        assert_eq!(format!("{secret:?}"), "TotpSecret(…)");
        assert_eq!(TotpSecret::from_bytes(vec![1; 19]), None);
    }
}
