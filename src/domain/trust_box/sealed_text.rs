//! A message's words as the database keeps them: sealed with AES-256-GCM under the trust box key
//! (see [`super::receipt::TrustBoxKey`]), so a dump of the database, or of its backups, holds no
//! message in clear. Each sealing has its own random nonce, and the message's id is bound in as
//! associated data, so a sealed text moved to another message's row no longer opens.

use aes_gcm::aead::{Aead, Payload};
use aes_gcm::{Aes256Gcm, KeyInit, Nonce};
use hmac::{Hmac, Mac};
use sha2::Sha256;

use super::receipt::TrustBoxKey;
use super::text::MessageText;

/// Bytes of the random nonce in front of each sealed text.
const NONCE_LEN: usize = 12;

/// The text key: HMAC-SHA256 of a fixed label under the trust box key, so the key that makes receipt
/// lookups never encrypts anything itself.
fn cipher(key: &TrustBoxKey) -> Option<Aes256Gcm> {
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(key.bytes()).ok()?;
    mac.update(b"ahual trust-box text v1");
    Aes256Gcm::new_from_slice(&mac.finalize().into_bytes()).ok()
}

/// `text` sealed for the message `message_id`: nonce then ciphertext; `None` only if encryption failed.
pub fn seal(key: &TrustBoxKey, message_id: &str, text: &MessageText) -> Option<Vec<u8>> {
    let mut nonce = [0u8; NONCE_LEN];
    rand::fill(&mut nonce);
    let payload = Payload { msg: text.as_str().as_bytes(), aad: message_id.as_bytes() };
    let sealed = cipher(key)?.encrypt(Nonce::from_slice(&nonce), payload).ok()?;
    let mut bytes = nonce.to_vec();
    bytes.extend(sealed);
    Some(bytes)
}

/// The text sealed in `bytes` for `message_id`; `None` under another key, for another message, or when
/// the bytes were altered.
pub fn open(key: &TrustBoxKey, message_id: &str, bytes: &[u8]) -> Option<MessageText> {
    if bytes.len() <= NONCE_LEN {
        return None;
    }
    let (nonce, sealed) = bytes.split_at(NONCE_LEN);
    let payload = Payload { msg: sealed, aad: message_id.as_bytes() };
    let plain = cipher(key)?.decrypt(Nonce::from_slice(nonce), payload).ok()?;
    MessageText::parse(std::str::from_utf8(&plain).ok()?).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(byte: u8) -> TrustBoxKey {
        TrustBoxKey::from_bytes([byte; 32])
    }

    fn text() -> MessageText {
        MessageText::parse("Мені сыныпта ұрады. Айгерім").expect("a message")
    }

    #[test]
    fn a_sealed_text_opens_to_itself_for_its_message_under_its_key_only() {
        let sealed = seal(&key(1), "m-1", &text()).expect("sealed");
        assert_eq!(open(&key(1), "m-1", &sealed), Some(text()));
        assert_eq!(open(&key(2), "m-1", &sealed), None, "another deployment's key");
        assert_eq!(open(&key(1), "m-2", &sealed), None, "moved to another message's row");
    }

    #[test]
    fn the_sealed_bytes_hold_no_words_and_differ_every_time() {
        let (a, b) = (seal(&key(1), "m-1", &text()).expect("sealed"), seal(&key(1), "m-1", &text()).expect("sealed"));
        assert_ne!(a, b);
        let word = "Айгерім".as_bytes();
        assert!(!a.windows(word.len()).any(|w| w == word));
    }

    #[test]
    fn altered_or_short_bytes_do_not_open() {
        let mut sealed = seal(&key(1), "m-1", &text()).expect("sealed");
        let last = sealed.len() - 1;
        sealed[last] ^= 1;
        assert_eq!(open(&key(1), "m-1", &sealed), None);
        assert_eq!(open(&key(1), "m-1", &[0; NONCE_LEN]), None);
        assert_eq!(open(&key(1), "m-1", &[]), None);
    }
}
