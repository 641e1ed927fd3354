//! The single-use survey form token. It is signed (HMAC-SHA256 with the deployment key), so no state is
//! kept while a pupil answers and any app instance can check it; its random nonce is an unspent row
//! that the submission deletes, so refresh, Back or a copy cannot submit twice.

use std::fmt;

use hmac::{Hmac, Mac};
use sha2::Sha256;

use crate::domain::ids::WaveClassId;
use crate::domain::lang::Lang;

/// How long a pupil has to finish the survey once started.
pub const LIFETIME_SECONDS: i64 = 2 * 60 * 60;

/// What the token grants: one submission for one class of one wave, in one language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormGrant {
    /// The class-in-wave; in the token as its hyphenated lowercase UUID, the text the previous
    /// releases' string field held, so their tokens and passes still open.
    pub wave_class_id: WaveClassId,
    /// The pupil's chosen language.
    pub lang: Lang,
    /// In codes mode, the hash of the single-use code to spend on submission.
    pub code_hash: Option<String>,
    /// Random, issued ahead as an unspent row; deleted on submission.
    pub nonce: String,
    /// Seconds since the epoch after which the form is refused (rounded to a quarter hour).
    pub expires: i64,
}

/// Why a token was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenError {
    /// Not made by us (or altered).
    Forged,
    /// Too old: the pupil must start again.
    Expired,
}

impl fmt::Display for TokenError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            TokenError::Forged => "forged form token",
            TokenError::Expired => "expired form token",
        })
    }
}

fn mac(key: &[u8], payload: &str) -> Hmac<Sha256> {
    let mut mac = Hmac::<Sha256>::new_from_slice(key).expect("HMAC takes keys of any length");
    mac.update(b"ahual form token v1\n");
    mac.update(payload.as_bytes());
    mac
}

impl FormGrant {
    /// A fresh grant with `nonce` (issued ahead, see `db::form_tokens`) at `now` (seconds since the
    /// epoch).
    pub fn issue(
        wave_class_id: WaveClassId,
        lang: Lang,
        code_hash: Option<String>,
        nonce: String,
        now: i64,
    ) -> FormGrant {
        let quarter = 15 * 60;
        let expires = (now + LIFETIME_SECONDS).div_euclid(quarter) * quarter + quarter;
        FormGrant { wave_class_id, lang, code_hash, nonce, expires }
    }

    /// The grant as text: what [`FormGrant::sign`] signs and `form_pass` seals.
    pub(super) fn payload(&self) -> String {
        let code = self.code_hash.as_deref().unwrap_or("-");
        format!("{}.{}.{}.{}.{}", self.wave_class_id, self.lang.code(), code, self.nonce, self.expires)
    }

    /// The URL-safe token: the payload and its signature.
    pub fn sign(&self, key: &[u8]) -> String {
        let payload = self.payload();
        let tag = hex::encode(mac(key, &payload).finalize().into_bytes());
        format!("{payload}.{tag}")
    }

    /// Checks the signature, then the expiry at `now`.
    pub fn verify(token: &str, key: &[u8], now: i64) -> Result<FormGrant, TokenError> {
        let (payload, tag) = token.rsplit_once('.').ok_or(TokenError::Forged)?;
        let tag = hex::decode(tag).map_err(|_| TokenError::Forged)?;
        mac(key, payload).verify_slice(&tag).map_err(|_| TokenError::Forged)?;
        FormGrant::parse(payload, now)
    }

    /// The grant in `payload` (made by [`FormGrant::payload`] and authenticated by the caller), refused
    /// when it has expired at `now`.
    pub(super) fn parse(payload: &str, now: i64) -> Result<FormGrant, TokenError> {
        let parts: Vec<&str> = payload.split('.').collect();
        let [wave_class_id, lang, code, nonce, expires] = parts[..] else { return Err(TokenError::Forged) };
        let grant = FormGrant {
            wave_class_id: WaveClassId::parse(wave_class_id).ok_or(TokenError::Forged)?,
            lang: Lang::parse(lang).ok_or(TokenError::Forged)?,
            code_hash: (code != "-").then(|| code.to_owned()),
            nonce: nonce.to_owned(),
            expires: expires.parse().map_err(|_| TokenError::Forged)?,
        };
        if now > grant.expires { Err(TokenError::Expired) } else { Ok(grant) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY: &[u8] = b"0123456789abcdef0123456789abcdef";
    const NOW: i64 = 1_800_000_000;
    const CLASS: &str = "6f1c1f0e-8d7c-4b8e-9a53-0c1d2e3f4a5b";

    fn class() -> WaveClassId {
        WaveClassId::parse(CLASS).expect("a UUID")
    }

    #[test]
    fn a_signed_grant_round_trips_until_it_expires() {
        let grant = FormGrant::issue(class(), Lang::Ru, Some("abc".into()), "n1".into(), NOW);
        let token = grant.sign(KEY);
        assert_eq!(FormGrant::verify(&token, KEY, NOW), Ok(grant.clone()));
        assert!(grant.expires >= NOW + LIFETIME_SECONDS && grant.expires % 900 == 0);
        assert_eq!(FormGrant::verify(&token, KEY, grant.expires + 1), Err(TokenError::Expired));
    }

    #[test]
    fn altered_or_foreign_tokens_are_forged() {
        let token = FormGrant::issue(class(), Lang::Kk, None, "n2".into(), NOW).sign(KEY);
        let other = "7f1c1f0e-8d7c-4b8e-9a53-0c1d2e3f4a5b";
        assert_eq!(FormGrant::verify(&token.replace(CLASS, other), KEY, NOW), Err(TokenError::Forged));
        assert_eq!(FormGrant::verify(&token, b"another key", NOW), Err(TokenError::Forged));
        assert_eq!(FormGrant::verify("garbage", KEY, NOW), Err(TokenError::Forged));
        assert_eq!(FormGrant::verify("a.b.c.d.e.zz", KEY, NOW), Err(TokenError::Forged));
    }

    #[test]
    fn a_token_of_the_previous_release_still_verifies() {
        // The layout the string field gave: the class-in-wave's text as `WaveClassId::to_string` wrote it.
        let expires = NOW + 900;
        let payload = format!("{CLASS}.ru.abc.n1.{expires}");
        let token = format!("{payload}.{}", hex::encode(mac(KEY, &payload).finalize().into_bytes()));
        let grant = FormGrant::verify(&token, KEY, NOW).expect("verifies");
        assert_eq!(grant.wave_class_id, class());
        assert_eq!(grant.sign(KEY), token, "and signs to the same text again");
    }

    #[test]
    fn a_signed_grant_whose_class_is_not_a_uuid_is_forged() {
        let payload = format!("wc-1.ru.-.n1.{}", NOW + 900);
        let token = format!("{payload}.{}", hex::encode(mac(KEY, &payload).finalize().into_bytes()));
        assert_eq!(FormGrant::verify(&token, KEY, NOW), Err(TokenError::Forged));
    }
}
