//! The survey form's address: the pupil's form grant, sealed, so the URL names nothing.
//!
//! After the password the pupil is redirected to the form (POST-redirect-GET: a refresh re-shows the
//! form, Back after sending finds it spent, and no cookie is needed). That address ends up in browser
//! history and in any reverse proxy's access log, with the pupil's address and the time. So it must
//! not carry the form's nonce, the hash of a single-use code, the class-in-wave or anything else that
//! appears in the database or in the submitted form. The grant is sealed with AES-256-GCM under a key
//! derived from the deployment key and a fresh random 96-bit nonce: the address is random bytes to
//! anyone without the key, different for every start, and authenticated, so it cannot be forged or
//! altered. (Even opened with the key, the form nonce inside leads nowhere: a spent nonce leaves no
//! row, see `db::form_tokens`.) The form posts back to the same address, so the page carries
//! nothing of the pupil; the signed token ([`super::form_token`]) is what the previous release's page
//! carried in a hidden field, still taken for one release.

use super::form_token::{FormGrant, TokenError};
use crate::domain::sealing::Sealer;

/// The purpose the sealing key is derived for (`domain::sealing`): HMAC-SHA256 of this label under the
/// deployment key, so the key that signs tokens never encrypts anything itself.
const LABEL: &[u8] = b"ahual form pass v1";

/// The URL-safe sealed form of `grant` (lowercase hex), or `None` only if encryption failed.
pub fn seal(grant: &FormGrant, key: &[u8]) -> Option<String> {
    Sealer::derived(key, LABEL)?.seal(b"", grant.payload().as_bytes()).map(hex::encode)
}

/// The grant sealed in `pass`, refused as forged when it was not sealed with `key` (or was altered)
/// and as expired after its expiry at `now`.
pub fn open(pass: &str, key: &[u8], now: i64) -> Result<FormGrant, TokenError> {
    let bytes = hex::decode(pass).map_err(|_| TokenError::Forged)?;
    let payload = Sealer::derived(key, LABEL).and_then(|s| s.open(b"", &bytes)).ok_or(TokenError::Forged)?;
    FormGrant::parse(std::str::from_utf8(&payload).map_err(|_| TokenError::Forged)?, now)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::lang::Lang;

    const KEY: &[u8] = b"0123456789abcdef0123456789abcdef";
    const NOW: i64 = 1_800_000_000;

    const CLASS: &str = "6f1c1f0e-8d7c-4b8e-9a53-0c1d2e3f4a5b";

    fn grant() -> FormGrant {
        let class = crate::domain::ids::WaveClassId::parse(CLASS).expect("a UUID");
        FormGrant::issue(class, Lang::Ru, Some("c0de".into()), "n0nce".into(), NOW)
    }

    #[test]
    fn a_sealed_grant_opens_to_itself_until_it_expires() {
        let pass = seal(&grant(), KEY).expect("sealed");
        assert_eq!(open(&pass, KEY, NOW), Ok(grant()));
        assert_eq!(open(&pass, KEY, grant().expires + 1), Err(TokenError::Expired));
    }

    #[test]
    fn the_address_names_nothing_of_the_grant_and_differs_every_time() {
        let (a, b) = (seal(&grant(), KEY).expect("sealed"), seal(&grant(), KEY).expect("sealed"));
        assert_ne!(a, b, "two starts, two addresses");
        for hidden in [CLASS, &hex::encode(CLASS), "c0de", "n0nce", &hex::encode("n0nce"), &grant().expires.to_string()]
        {
            assert!(!a.contains(hidden), "{hidden} shows in {a}");
        }
        assert!(!a.contains(&grant().sign(KEY)), "nor the signed token");
    }

    #[test]
    fn altered_or_foreign_passes_are_forged() {
        let pass = seal(&grant(), KEY).expect("sealed");
        let flipped = format!("{}{}", &pass[..pass.len() - 1], if pass.ends_with('0') { '1' } else { '0' });
        assert_eq!(open(&flipped, KEY, NOW), Err(TokenError::Forged));
        assert_eq!(open(&pass, b"another key", NOW), Err(TokenError::Forged));
        assert_eq!(open("zz", KEY, NOW), Err(TokenError::Forged));
        assert_eq!(open("00", KEY, NOW), Err(TokenError::Forged));
        assert_eq!(open(&grant().sign(KEY), KEY, NOW), Err(TokenError::Forged), "a token is not a pass");
    }

    #[test]
    fn a_pass_sealed_by_the_previous_release_still_opens() {
        use aes_gcm::aead::Aead;
        use aes_gcm::{Aes256Gcm, KeyInit, Nonce};
        use hmac::{Hmac, Mac};
        // Sealed from the string field's layout, with the cipher written out as the previous release
        // had it (before `domain::sealing`), so the two recipes are shown to make the same bytes.
        let payload = format!("{CLASS}.ru.c0de.n0nce.{}", grant().expires);
        let mut mac = <Hmac<sha2::Sha256> as Mac>::new_from_slice(KEY).expect("a key");
        mac.update(LABEL);
        let cipher = Aes256Gcm::new_from_slice(&mac.finalize().into_bytes()).expect("a cipher");
        let nonce = [7u8; 12];
        let sealed = cipher.encrypt(Nonce::from_slice(&nonce), payload.as_bytes()).expect("sealed");
        let pass = hex::encode([nonce.as_slice(), sealed.as_slice()].concat());
        assert_eq!(open(&pass, KEY, NOW), Ok(grant()));
    }
}
