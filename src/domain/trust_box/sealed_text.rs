//! A message's words as the database keeps them: sealed with AES-256-GCM under the trust box key
//! (see [`super::receipt::TrustBoxKey`]), so a dump of the database, or of its backups, holds no
//! message in clear. Each sealing has its own random nonce, and the message's id is bound in as
//! associated data, so a sealed text moved to another message's row no longer opens.

use super::receipt::TrustBoxKey;
use super::text::MessageText;
use crate::domain::sealing::Sealer;

/// The purpose the text key is derived for (`domain::sealing`): HMAC-SHA256 of this label under the
/// trust box key, so the key that makes receipt lookups never encrypts anything itself.
const LABEL: &[u8] = b"ahual trust-box text v1";

/// `text` sealed for the message `message_id`: nonce then ciphertext; `None` only if encryption failed.
pub fn seal(key: &TrustBoxKey, message_id: &str, text: &MessageText) -> Option<Vec<u8>> {
    Sealer::derived(key.bytes(), LABEL)?.seal(message_id.as_bytes(), text.as_str().as_bytes())
}

/// The text sealed in `bytes` for `message_id`; `None` under another key, for another message, or when
/// the bytes were altered.
pub fn open(key: &TrustBoxKey, message_id: &str, bytes: &[u8]) -> Option<MessageText> {
    let plain = Sealer::derived(key.bytes(), LABEL)?.open(message_id.as_bytes(), bytes)?;
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
        assert_eq!(open(&key(1), "m-1", &[0; 12]), None);
        assert_eq!(open(&key(1), "m-1", &[]), None);
    }
}
