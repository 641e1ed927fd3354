//! Form nonces ready to hand out, issued to the database in blocks.
//!
//! A form's nonce must exist as an unspent row before the form can be submitted
//! ([`crate::db::form_tokens`]): that is what keeps the row that a submission deletes from being
//! written by the submission's own transaction. Writing one row per pupil at the start would cost a
//! commit per pupil; instead this process issues [`BLOCK`] at a time and hands them out one by one.
//! Each process has its own: nothing here needs sharing between instances, and a nonce lost with a
//! restart is simply never used (its row expires). Taking a ready nonce needs no connection; the
//! password check that asks for one holds a connection anyway, so a new block costs no extra one.

use std::sync::{Arc, Mutex};

use chrono::NaiveDate;

use crate::db::{DbConnection, DbError, DbResult, form_tokens};

/// Nonces issued per database round trip.
pub const BLOCK: usize = 64;

/// This process's issued, not yet handed out nonces, each with the day it was issued.
#[derive(Clone, Default)]
pub struct FormNonces {
    ready: Arc<Mutex<Vec<(String, NaiveDate)>>>,
}

impl FormNonces {
    /// A nonce for a new form on `today`: one issued today (so its row outlives the form), issuing a
    /// new block over `conn` first when none is left.
    pub fn take(&self, conn: &mut DbConnection, today: NaiveDate) -> DbResult<String> {
        if let Some(nonce) = self.ready_one(today) {
            return Ok(nonce);
        }
        let mut block = form_tokens::issue(conn, BLOCK, today)?;
        let nonce = block.pop().ok_or_else(|| DbError::Corrupt("an empty block of form nonces".into()))?;
        if let Ok(mut ready) = self.ready.lock() {
            ready.extend(block.into_iter().map(|nonce| (nonce, today)));
        }
        Ok(nonce)
    }

    /// One ready nonce issued on `today`; older ones are dropped (their rows expire on their own).
    fn ready_one(&self, today: NaiveDate) -> Option<String> {
        let mut ready = self.ready.lock().ok()?;
        ready.retain(|(_, issued_on)| *issued_on == today);
        ready.pop().map(|(nonce, _)| nonce)
    }

    #[cfg(test)]
    fn put(&self, nonce: &str, issued_on: NaiveDate) {
        self.ready.lock().expect("not poisoned").push((nonce.to_owned(), issued_on));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_nonce_is_handed_out_once_and_only_on_the_day_it_was_issued() {
        let nonces = FormNonces::default();
        let today = NaiveDate::from_ymd_opt(2026, 12, 4).expect("a date");
        let yesterday = today.pred_opt().expect("a date");
        nonces.put("old", yesterday);
        nonces.put("new", today);
        assert_eq!(nonces.ready_one(today).as_deref(), Some("new"));
        assert_eq!(nonces.ready_one(today), None, "each once; yesterday's is dropped");
    }
}
