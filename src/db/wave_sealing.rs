//! Sealing a closed wave: nothing of it is left that tells who answered, or in which order.
//!
//! While a wave is open its rows still say a little: on PostgreSQL each response carries the id of
//! the transaction that wrote it (`xmin`), and the heap keeps rows in the order they were written,
//! so both tell submission order (at the grain of a group-commit batch); the codes not yet used say
//! which pupils have not answered. Once the wave is closed none of that is needed, so in one
//! transaction:
//! - the wave's remaining single-use codes are deleted (spent ones were deleted when they were used);
//!   its form nonces need nothing: a spent nonce leaves no row, and unspent ones name no wave;
//! - on PostgreSQL the wave's responses are deleted and written again in key order (random UUIDs):
//!   afterwards every one of them carries the sealing transaction's id, and heap order is key order.
//!   Writers still storing into the wave are waited for first (their class counters are locked), so
//!   no late response escapes the rewrite.
//!
//! SQLite keeps responses in a `WITHOUT ROWID` table keyed by (wave, id): its file holds them in key
//! order already and it has no transaction ids, so only the codes go.
//!
//! Counts are materialised after sealing and from the same rows, so `ahual verify` recounts exactly
//! what it did before. Not covered: dead row versions stay in PostgreSQL's pages until `VACUUM`, and
//! the write-ahead log and backups keep history; those are the server's superuser's view, not a
//! database reader's (see `docs/privacy.md`).

use diesel::prelude::*;
use diesel::sql_types::Text;

use super::DbConnection;
use super::error::DbResult;
use super::schema::{access_codes, wave_classes};
use crate::domain::ids::WaveId;

/// Waits for the writers of the wave's classes (PostgreSQL).
const LOCK_CLASSES: &str = "SELECT id FROM wave_classes WHERE wave_id = $1 ORDER BY id FOR UPDATE";

/// Deletes and writes again the wave's responses, in key order, in one statement (PostgreSQL).
const REWRITE_IN_KEY_ORDER: &str = "
WITH old AS (DELETE FROM responses WHERE wave_id = $1 RETURNING *)
INSERT INTO responses (id, wave_id, class_id, instrument_version, lang, submitted_on, answers)
SELECT id, wave_id, class_id, instrument_version, lang, submitted_on, answers FROM old ORDER BY id";

/// Seals the closed `wave` (idempotent: a second seal rewrites the same rows again).
pub fn seal(conn: &mut DbConnection, wave: WaveId) -> DbResult<()> {
    super::write_transaction(conn, |conn| {
        if let DbConnection::Postgresql(pg) = conn {
            diesel::sql_query(LOCK_CLASSES).bind::<Text, _>(wave).execute(pg)?;
        }
        let classes = wave_classes::table.filter(wave_classes::wave_id.eq(wave)).select(wave_classes::id);
        diesel::delete(access_codes::table.filter(access_codes::wave_class_id.eq_any(classes))).execute(conn)?;
        if let DbConnection::Postgresql(pg) = conn {
            diesel::sql_query(REWRITE_IN_KEY_ORDER).bind::<Text, _>(wave).execute(pg)?;
        }
        Ok(())
    })
}
