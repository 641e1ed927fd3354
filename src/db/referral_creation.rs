//! Creating referrals: from a flag run's draft (once per flagged subject: a second run finds the
//! first's by its key and adds its flags) or by a psychologist by hand. The referral, its flags, the
//! centre's notifications, the audit entry and (by hand) the first note are stored together.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::DbConnection;
use super::audit;
use super::error::{DbError, DbResult};
use super::outbox::{self, NewMessage};
use super::referrals::insert_note;
use super::schema::{classes, referral_flags, referrals, schools};
use crate::domain::audit::{AuditAction, FLAG_RUN_ACTOR};
use crate::domain::ids::{ClassId, ReferralId, UserId, WaveId};
use crate::domain::referral::drafts::ReferralDraft;
use crate::domain::referral::{ManualReferral, ReferralStatus, Source, acknowledge_by};
use crate::domain::region::RegionCode;
use crate::domain::statistics::Severity;

/// The fields of a new referral row.
struct NewReferral<'a> {
    id: ReferralId,
    region: &'a str,
    school: Option<&'a str>,
    class: Option<&'a str>,
    wave: Option<WaveId>,
    source: Source,
    flag_key: Option<String>,
    severity: Severity,
    raised_by: Option<UserId>,
    /// When it appears: its creation time, from which its deadline runs.
    created: NaiveDateTime,
}

fn insert_referral(conn: &mut DbConnection, new: &NewReferral<'_>) -> DbResult<bool> {
    let query = diesel::insert_into(referrals::table).values((
        referrals::id.eq(new.id),
        referrals::region_code.eq(new.region),
        referrals::school_id.eq(new.school),
        referrals::class_id.eq(new.class),
        referrals::wave_id.eq(new.wave),
        referrals::source.eq(new.source.as_str()),
        referrals::flag_key.eq(&new.flag_key),
        referrals::severity.eq(new.severity.as_str()),
        referrals::status.eq(ReferralStatus::New.as_str()),
        referrals::raised_by.eq(new.raised_by),
        referrals::created_at.eq(new.created),
        referrals::acknowledge_by.eq(acknowledge_by(new.created, new.severity)),
        referrals::updated_at.eq(new.created),
    ));
    inserted_unless_duplicate(conn, |conn| Ok(query.execute(conn)?))
}

/// Runs an insert in a savepoint; a unique-key clash is "already there" (false), and on PostgreSQL the
/// surrounding transaction survives it.
fn inserted_unless_duplicate(
    conn: &mut DbConnection,
    insert: impl FnOnce(&mut DbConnection) -> DbResult<usize>,
) -> DbResult<bool> {
    match conn.transaction(insert) {
        Ok(rows) => Ok(rows == 1),
        Err(DbError::Duplicate(_)) => Ok(false),
        Err(other) => Err(other),
    }
}

fn insert_flags(conn: &mut DbConnection, id: ReferralId, flags: &[(String, Severity)]) -> DbResult<()> {
    for (indicator, severity) in flags {
        inserted_unless_duplicate(conn, |conn| {
            Ok(diesel::insert_into(referral_flags::table)
                .values((
                    referral_flags::referral_id.eq(id),
                    referral_flags::indicator_id.eq(indicator),
                    referral_flags::severity.eq(severity.as_str()),
                ))
                .execute(conn)?)
        })?;
    }
    Ok(())
}

/// Stores `draft` unless its subject was referred before; returns the new referral's id, or `None`
/// when it existed (then any flag it lacked is added). The referral is dated to when it appears
/// ([`ReferralDraft::appears_at`]). `notices` builds the outbox messages for a new referral, written
/// in the same transaction and due when it appears.
pub fn create_from_draft(
    conn: &mut DbConnection,
    region: &RegionCode,
    draft: &ReferralDraft,
    now: NaiveDateTime,
    notices: &dyn Fn(ReferralId) -> Vec<NewMessage>,
) -> DbResult<Option<ReferralId>> {
    super::write_transaction(conn, |conn| {
        let id = ReferralId::random();
        let key = draft.flag_key(region);
        let created = draft.appears_at(now);
        let new = NewReferral {
            id,
            region: region.as_str(),
            school: draft.school(),
            class: draft.class(),
            wave: draft.evidence_wave(),
            source: Source::Flag,
            flag_key: Some(key.clone()),
            severity: draft.severity(),
            raised_by: None,
            created,
        };
        if insert_referral(conn, &new)? {
            insert_flags(conn, id, &draft.flags)?;
            for message in notices(id) {
                outbox::enqueue(conn, &message, created)?;
            }
            audit::append(conn, FLAG_RUN_ACTOR, AuditAction::ReferralCreated, &format!("referral:{id}"))?;
            return Ok(Some(id));
        }
        let existing: ReferralId =
            referrals::table.filter(referrals::flag_key.eq(key)).select(referrals::id).first(conn)?;
        insert_flags(conn, existing, &draft.flags)?;
        Ok(None)
    })
}

/// Raises a manual referral for a class of the psychologist's school; the class must belong to it.
pub fn create_manual(
    conn: &mut DbConnection,
    manual: &ManualReferral,
    now: NaiveDateTime,
    notices: &dyn Fn(ReferralId) -> Vec<NewMessage>,
) -> DbResult<ReferralId> {
    super::write_transaction(conn, |conn| {
        let region: String = schools::table.find(manual.school).select(schools::region_code).first(conn)?;
        classes::table
            .filter(classes::id.eq(manual.class))
            .filter(classes::school_id.eq(manual.school))
            .select(classes::id)
            .first::<ClassId>(conn)?;
        let id = ReferralId::random();
        let (school, class) = (manual.school.to_string(), manual.class.to_string());
        let new = NewReferral {
            id,
            region: &region,
            school: Some(&school),
            class: Some(&class),
            wave: None,
            source: Source::Manual,
            flag_key: None,
            severity: if manual.urgent { Severity::Urgent } else { Severity::Elevated },
            raised_by: Some(manual.raised_by),
            created: now,
        };
        insert_referral(conn, &new)?;
        for message in notices(id) {
            outbox::enqueue(conn, &message, now)?;
        }
        audit::append(conn, &manual.raised_by.to_string(), AuditAction::ReferralCreated, &format!("referral:{id}"))?;
        insert_note(conn, id, manual.raised_by, "school", manual.note.as_str(), now)?;
        Ok(id)
    })
}
