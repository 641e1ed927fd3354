//! One recipe for everything Ahual seals: AES-256-GCM under a key derived for one purpose, a fresh
//! random 96-bit nonce in front of the ciphertext, and optional associated data bound in.
//!
//! Two things are sealed today: the survey form's address (`survey::form_pass`, handed to the pupil's
//! browser) and the trust box's words (`trust_box::sealed_text`, kept in the database). They were
//! written twice, and a fix to one (a nonce length, a key derivation) could miss the other. Each use
//! names its purpose with a label, and the sealing key is HMAC-SHA256 of that label under the
//! deployment key, so the key that signs or looks things up never encrypts anything itself, and a
//! sealed form address never opens as a message (nor the other way round).

use aes_gcm::aead::{Aead, Payload};
use aes_gcm::{Aes256Gcm, KeyInit, Nonce};
use hmac::{Hmac, Mac};
use sha2::Sha256;

/// Bytes of the random nonce in front of every sealed value.
const NONCE_LEN: usize = 12;

/// A cipher for one purpose.
pub struct Sealer(Aes256Gcm);

impl Sealer {
    /// The sealer for the purpose `label`, under `key`; `None` only if the key cannot be used (HMAC
    /// takes any length, so never in practice).
    pub fn derived(key: &[u8], label: &[u8]) -> Option<Sealer> {
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(key).ok()?;
        mac.update(label);
        Aes256Gcm::new_from_slice(&mac.finalize().into_bytes()).ok().map(Sealer)
    }

    /// `plain` sealed with `bound` as associated data: nonce, then ciphertext and tag; `None` only if
    /// encryption failed.
    pub fn seal(&self, bound: &[u8], plain: &[u8]) -> Option<Vec<u8>> {
        let mut nonce = [0u8; NONCE_LEN];
        rand::fill(&mut nonce);
        let sealed = self.0.encrypt(Nonce::from_slice(&nonce), Payload { msg: plain, aad: bound }).ok()?;
        let mut bytes = nonce.to_vec();
        bytes.extend(sealed);
        Some(bytes)
    }

    /// What `bytes` sealed with `bound`; `None` for another purpose or key, other associated data, or
    /// altered or truncated bytes.
    pub fn open(&self, bound: &[u8], bytes: &[u8]) -> Option<Vec<u8>> {
        if bytes.len() <= NONCE_LEN {
            return None;
        }
        let (nonce, sealed) = bytes.split_at(NONCE_LEN);
        self.0.decrypt(Nonce::from_slice(nonce), Payload { msg: sealed, aad: bound }).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sealer(key: u8, label: &[u8]) -> Sealer {
        Sealer::derived(&[key; 32], label).unwrap()
    }

    #[test]
    fn what_is_sealed_opens_only_for_its_key_purpose_and_bound_data() {
        let bytes = sealer(1, b"a").seal(b"id-1", b"words").unwrap();
        assert_eq!(sealer(1, b"a").open(b"id-1", &bytes).as_deref(), Some(&b"words"[..]));
        assert_eq!(sealer(2, b"a").open(b"id-1", &bytes), None, "another key");
        assert_eq!(sealer(1, b"b").open(b"id-1", &bytes), None, "another purpose");
        assert_eq!(sealer(1, b"a").open(b"id-2", &bytes), None, "moved to another row");
    }

    #[test]
    fn altered_or_truncated_bytes_never_open_and_never_panic() {
        let bytes = sealer(1, b"a").seal(b"", b"words").unwrap();
        for cut in 0..bytes.len() {
            assert_eq!(sealer(1, b"a").open(b"", &bytes[..cut]), None, "cut at {cut}");
        }
        let mut altered = bytes.clone();
        altered[NONCE_LEN] ^= 1;
        assert_eq!(sealer(1, b"a").open(b"", &altered), None);
    }

    #[test]
    fn every_sealing_has_its_own_nonce() {
        let s = sealer(1, b"a");
        assert_ne!(s.seal(b"", b"same").unwrap(), s.seal(b"", b"same").unwrap());
    }
}
