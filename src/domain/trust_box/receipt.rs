//! The receipt a pupil keeps to come back for replies, the optional PIN beside it, and the only form in
//! which either is stored: a keyed hash.
//!
//! A receipt is sixteen digits in four groups (`4821 0937 5563 2210`): read and copied by hand in any
//! language, typed on any keyboard, and with about 2^53 values too many to guess while wrong receipts
//! are throttled. The database keeps `HMAC-SHA256(key, receipt)` to find the conversation and
//! `HMAC-SHA256(key, receipt, PIN)` to check the PIN, under the trust box key, which is never stored in
//! the database: a dump alone cannot be searched for a receipt, however few digits it has, nor its PIN
//! tried offline.

use std::fmt;

use hmac::{Hmac, Mac};
use rand::Rng;
use sha2::Sha256;
use subtle::ConstantTimeEq;

/// Digits in a receipt.
pub const RECEIPT_DIGITS: usize = 16;

/// The fewest and most digits of a PIN.
pub const PIN_DIGITS: (usize, usize) = (4, 8);

/// A receipt, as its digits.
#[derive(Clone, PartialEq, Eq)]
pub struct Receipt(String);

impl Receipt {
    /// A new random receipt.
    pub fn generate() -> Receipt {
        let mut rng = rand::rng();
        Receipt((0..RECEIPT_DIGITS).map(|_| char::from(b'0' + rng.random_range(0..10u8))).collect())
    }

    /// The receipt a pupil typed, with or without its spaces or dashes; `None` if it is not one.
    pub fn parse(typed: &str) -> Option<Receipt> {
        let digits: String = typed.chars().filter(|c| !c.is_whitespace() && *c != '-').collect();
        (digits.len() == RECEIPT_DIGITS && digits.bytes().all(|b| b.is_ascii_digit())).then_some(Receipt(digits))
    }

    /// The form shown to the pupil: four groups of four.
    pub fn display(&self) -> String {
        let groups: Vec<&str> = (0..self.0.len()).step_by(4).map(|i| &self.0[i..(i + 4).min(self.0.len())]).collect();
        groups.join(" ")
    }
}

/// Never the digits: a receipt must not reach a log line through a debug print.
impl fmt::Debug for Receipt {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Receipt(…)")
    }
}

/// A PIN the pupil chose, so that a receipt seen over their shoulder is not enough.
#[derive(Clone, PartialEq, Eq)]
pub struct Pin(String);

impl Pin {
    /// The PIN a pupil typed: `Ok(None)` when the field was left empty, an error when it is not
    /// [`PIN_DIGITS`] digits.
    ///
    /// # Errors
    /// `BadPin` when something was typed that is not a PIN.
    pub fn parse(typed: &str) -> Result<Option<Pin>, BadPin> {
        let typed = typed.trim();
        if typed.is_empty() {
            return Ok(None);
        }
        let (fewest, most) = PIN_DIGITS;
        let fits = (fewest..=most).contains(&typed.len()) && typed.bytes().all(|b| b.is_ascii_digit());
        if fits { Ok(Some(Pin(typed.to_owned()))) } else { Err(BadPin) }
    }
}

impl fmt::Debug for Pin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Pin(…)")
    }
}

/// Typed text that is not a PIN of [`PIN_DIGITS`] digits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BadPin;

/// The trust box key: 32 secret bytes kept outside the database (see the module doc).
#[derive(Clone)]
pub struct TrustBoxKey([u8; 32]);

impl TrustBoxKey {
    /// The key made of `bytes`.
    pub fn from_bytes(bytes: [u8; 32]) -> TrustBoxKey {
        TrustBoxKey(bytes)
    }

    /// The trust box key of a deployment whose secret key (`AHUAL_SECRET_KEY`, never stored in the
    /// database) is `deployment_key`: HMAC-SHA256 of a fixed label, so the trust box shares no key
    /// with the session cookies or the form address. Rotating the deployment key makes every stored
    /// message unreadable and every receipt unknown (`docs/trust-box.md`).
    pub fn derived_from(deployment_key: &[u8]) -> TrustBoxKey {
        let Ok(mut mac) = <Hmac<Sha256> as Mac>::new_from_slice(deployment_key) else {
            unreachable!("HMAC takes keys of any length")
        };
        mac.update(b"ahual trust-box key v1");
        TrustBoxKey(mac.finalize().into_bytes().into())
    }

    /// The bytes, for sealing message texts with the same key.
    pub fn bytes(&self) -> &[u8; 32] {
        &self.0
    }

    fn mac(&self, parts: &[&[u8]]) -> String {
        let Ok(mut mac) = <Hmac<Sha256> as Mac>::new_from_slice(&self.0) else {
            unreachable!("HMAC takes keys of any length")
        };
        for part in parts {
            mac.update(&(part.len() as u64).to_be_bytes());
            mac.update(part);
        }
        hex::encode(mac.finalize().into_bytes())
    }

    /// What the database keeps to find the conversation of `receipt`.
    pub fn lookup(&self, receipt: &Receipt) -> String {
        self.mac(&[b"ahual trust-box receipt v1", receipt.0.as_bytes()])
    }

    /// What the database keeps to check the PIN chosen with `receipt`.
    pub fn seal_pin(&self, receipt: &Receipt, pin: &Pin) -> String {
        self.mac(&[b"ahual trust-box pin v1", receipt.0.as_bytes(), pin.0.as_bytes()])
    }

    /// Whether `typed` is the PIN kept as `kept` for `receipt`: no PIN typed where none was chosen,
    /// or the right one where one was. Compared in constant time.
    pub fn pin_matches(&self, receipt: &Receipt, typed: Option<&Pin>, kept: Option<&str>) -> bool {
        match (typed, kept) {
            (None, None) => true,
            (Some(pin), Some(kept)) => bool::from(self.seal_pin(receipt, pin).as_bytes().ct_eq(kept.as_bytes())),
            _ => false,
        }
    }
}

/// Never the bytes.
impl fmt::Debug for TrustBoxKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("TrustBoxKey(…)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(byte: u8) -> TrustBoxKey {
        TrustBoxKey::from_bytes([byte; 32])
    }

    #[test]
    fn a_receipt_reads_back_from_its_display_and_from_loose_typing() {
        let receipt = Receipt::generate();
        let shown = receipt.display();
        assert_eq!(shown.len(), RECEIPT_DIGITS + 3);
        assert_eq!(Receipt::parse(&shown), Some(receipt.clone()));
        assert_eq!(Receipt::parse(&shown.replace(' ', "-")), Some(receipt.clone()));
        assert_eq!(Receipt::parse(&format!("  {}\n", shown.replace(' ', ""))), Some(receipt));
    }

    #[test]
    fn what_is_not_sixteen_digits_is_not_a_receipt() {
        assert_eq!(Receipt::parse("1234 5678 9012 345"), None);
        assert_eq!(Receipt::parse("1234 5678 9012 34567"), None);
        assert_eq!(Receipt::parse("1234 5678 9012 345a"), None);
        assert_eq!(Receipt::parse("１２３４ ５６７８ ９０１２ ３４５６"), None, "full-width digits");
        assert_eq!(Receipt::parse(""), None);
    }

    #[test]
    fn receipts_differ() {
        let receipts: std::collections::BTreeSet<String> = (0..1000).map(|_| Receipt::generate().0).collect();
        assert_eq!(receipts.len(), 1000);
    }

    #[test]
    fn the_lookup_depends_on_the_key_and_the_receipt_only() {
        let receipt = Receipt::parse("4821 0937 5563 2210").expect("a receipt");
        let other = Receipt::parse("4821 0937 5563 2211").expect("a receipt");
        assert_eq!(key(1).lookup(&receipt), key(1).lookup(&receipt));
        assert_ne!(key(1).lookup(&receipt), key(2).lookup(&receipt), "a dump without the key finds nothing");
        assert_ne!(key(1).lookup(&receipt), key(1).lookup(&other));
        assert!(!key(1).lookup(&receipt).contains("4821"));
    }

    #[test]
    fn a_pin_is_checked_against_its_receipt() {
        let receipt = Receipt::parse("4821093755632210").expect("a receipt");
        let other = Receipt::parse("4821093755632211").expect("a receipt");
        let pin = Pin::parse("2718").expect("typed").expect("a PIN");
        let wrong = Pin::parse("2719").expect("typed").expect("a PIN");
        let kept = key(1).seal_pin(&receipt, &pin);
        assert!(key(1).pin_matches(&receipt, Some(&pin), Some(&kept)));
        assert!(!key(1).pin_matches(&receipt, Some(&wrong), Some(&kept)));
        assert!(!key(1).pin_matches(&receipt, None, Some(&kept)), "a chosen PIN must be typed");
        assert!(!key(1).pin_matches(&other, Some(&pin), Some(&kept)), "a PIN belongs to its receipt");
        assert!(!key(2).pin_matches(&receipt, Some(&pin), Some(&kept)));
        assert!(key(1).pin_matches(&receipt, None, None));
        assert!(!key(1).pin_matches(&receipt, Some(&pin), None), "none was chosen");
    }

    #[test]
    fn a_pin_is_four_to_eight_digits_or_nothing() {
        assert_eq!(Pin::parse("  "), Ok(None));
        assert!(matches!(Pin::parse(" 1234 "), Ok(Some(_))));
        assert!(matches!(Pin::parse("12345678"), Ok(Some(_))));
        assert_eq!(Pin::parse("123"), Err(BadPin));
        assert_eq!(Pin::parse("123456789"), Err(BadPin));
        assert_eq!(Pin::parse("12a4"), Err(BadPin));
    }

    #[test]
    fn a_deployment_key_gives_one_trust_box_key_of_its_own() {
        let deployment = [3u8; 64];
        assert_eq!(TrustBoxKey::derived_from(&deployment).0, TrustBoxKey::derived_from(&deployment).0);
        assert_ne!(TrustBoxKey::derived_from(&deployment).0, TrustBoxKey::derived_from(&[4u8; 64]).0);
        assert_ne!(TrustBoxKey::derived_from(&deployment).0[..], deployment[..32], "never the key itself");
    }

    #[test]
    fn debug_prints_reveal_no_secret() {
        let receipt = Receipt::parse("4821093755632210").expect("a receipt");
        let pin = Pin::parse("2718").expect("typed").expect("a PIN");
        let printed = format!("{receipt:?} {pin:?} {:?}", key(7));
        assert!(!printed.contains("4821") && !printed.contains("2718") && !printed.contains('7'));
    }
}
