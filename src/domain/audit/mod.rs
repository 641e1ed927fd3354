//! The audit chain: every look at figures or referrals, every export, and every change of who may look
//! (accounts, schools, waves and their access secrets) is one entry whose hash covers the entry and the
//! previous hash, so removing or changing any entry breaks every later link.
//! Pure: `db::audit` stores entries, this module computes and checks the links.

mod action;
mod actor;

use chrono::{NaiveDateTime, SubsecRound};

pub use action::AuditAction;
pub use actor::Actor;
use sha2::{Digest, Sha256};

/// The hash before the first entry.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// One recorded action.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEntry {
    /// Position in the chain, from 1.
    pub seq: i64,
    /// When (UTC, whole microseconds so both databases store it exactly).
    pub at: NaiveDateTime,
    /// Who, as stored: an [`Actor`]'s text (a user id, or a named actor such as `cli`). Kept as the
    /// stored text, since the hash covers the text and the chain must verify whatever is stored.
    pub actor: String,
    /// What, as stored: an [`AuditAction`]'s text such as `view_figures` or `export_csv`. Kept as
    /// the stored text, since the hash covers the text and the chain must verify whatever is stored.
    pub action: String,
    /// On what, such as `wave:…`.
    pub subject: String,
}

/// A time as the chain records it: microsecond precision.
pub fn chain_time(at: NaiveDateTime) -> NaiveDateTime {
    at.trunc_subsecs(6)
}

/// The hash of `entry` after `prev_hash`.
pub fn link_hash(prev_hash: &str, entry: &AuditEntry) -> String {
    let mut hasher = Sha256::new();
    let at = entry.at.format("%Y-%m-%dT%H:%M:%S%.6f").to_string();
    for part in [entry.seq.to_string().as_str(), &at, &entry.actor, &entry.action, &entry.subject, prev_hash] {
        hasher.update((part.len() as u64).to_be_bytes());
        hasher.update(part.as_bytes());
    }
    hex::encode(hasher.finalize())
}

/// The first entry that does not fit the chain, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BrokenLink {
    /// The sequence number of the first bad entry.
    pub seq: i64,
    /// What is wrong with it.
    pub reason: &'static str,
}

/// Checks the chain incrementally, entry by entry, in sequence order.
#[derive(Debug, Clone)]
pub struct ChainVerifier {
    expected_seq: i64,
    prev_hash: String,
}

impl Default for ChainVerifier {
    fn default() -> Self {
        Self { expected_seq: 1, prev_hash: GENESIS.to_owned() }
    }
}

impl ChainVerifier {
    /// Checks the next stored entry with its stored previous hash and hash.
    pub fn check(&mut self, entry: &AuditEntry, stored_prev: &str, stored_hash: &str) -> Result<(), BrokenLink> {
        let broken = |reason| Err(BrokenLink { seq: entry.seq, reason });
        if entry.seq != self.expected_seq {
            return broken("an entry is missing before this one");
        }
        if stored_prev != self.prev_hash {
            return broken("its previous hash does not match the entry before it");
        }
        if link_hash(stored_prev, entry) != stored_hash {
            return broken("its content does not match its hash");
        }
        self.expected_seq += 1;
        self.prev_hash = stored_hash.to_owned();
        Ok(())
    }

    /// How many entries were checked.
    pub fn checked(&self) -> i64 {
        self.expected_seq - 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(seq: i64, subject: &str) -> AuditEntry {
        let at = chrono::DateTime::from_timestamp(1_800_000_000 + seq, 123_456_789).unwrap().naive_utc();
        AuditEntry {
            seq,
            at: chain_time(at),
            actor: "u1".into(),
            action: "view_figures".into(),
            subject: subject.into(),
        }
    }

    fn chain(n: i64) -> Vec<(AuditEntry, String, String)> {
        let mut prev = GENESIS.to_owned();
        (1..=n)
            .map(|seq| {
                let e = entry(seq, &format!("wave:{seq}"));
                let hash = link_hash(&prev, &e);
                let row = (e, prev.clone(), hash.clone());
                prev = hash;
                row
            })
            .collect()
    }

    fn verify(rows: &[(AuditEntry, String, String)]) -> Result<i64, BrokenLink> {
        let mut verifier = ChainVerifier::default();
        for (e, prev, hash) in rows {
            verifier.check(e, prev, hash)?;
        }
        Ok(verifier.checked())
    }

    #[test]
    fn an_intact_chain_verifies() {
        assert_eq!(verify(&chain(5)), Ok(5));
        assert_eq!(chain_time(entry(1, "x").at), entry(1, "x").at);
    }

    #[test]
    fn a_changed_removed_or_reordered_entry_is_named() {
        let mut changed = chain(5);
        changed[2].0.subject = "wave:other".into();
        assert_eq!(verify(&changed), Err(BrokenLink { seq: 3, reason: "its content does not match its hash" }));
        let mut removed = chain(5);
        removed.remove(1);
        assert_eq!(verify(&removed).map_err(|b| b.seq), Err(3));
        let mut rehashed = chain(5);
        rehashed[1].0.actor = "intruder".into();
        rehashed[1].2 = link_hash(&rehashed[1].1, &rehashed[1].0);
        assert_eq!(verify(&rehashed).map_err(|b| b.seq), Err(3), "re-hashing one entry breaks the next link");
    }
}
