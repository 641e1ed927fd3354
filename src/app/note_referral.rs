//! Centre staff and the school's psychologist write notes to each other on a referral. The note's
//! text is checked once ([`NoteText`]); the note, the referral's update time and the audit entry are
//! stored in one transaction.

use chrono::NaiveDateTime;

use crate::db::{DbConnection, DbResult, referrals, write_transaction};
use crate::domain::ids::{NoteId, ReferralId, UserId};
use crate::domain::referral::{NoteText, ReferralScope};

/// Adds `note` by `author` to the referral `id` of `scope` (outside it: not found, nothing stored).
pub fn add_note(
    conn: &mut DbConnection,
    scope: &ReferralScope,
    id: ReferralId,
    author: UserId,
    note: &NoteText,
    now: NaiveDateTime,
) -> DbResult<NoteId> {
    write_transaction(conn, |conn| {
        referrals::get(conn, scope, id, now)?;
        referrals::insert_note(conn, id, author, referrals::side_of(scope), note.as_str(), now)
    })
}
