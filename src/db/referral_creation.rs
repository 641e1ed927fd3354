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
use crate::domain::audit::{Actor, AuditAction};
use crate::domain::ids::{ClassId, ReferralId, UserId, WaveId};
use crate::domain::referral::drafts::ReferralDraft;
use crate::domain::referral::{ManualReferral, ReferralStatus, Source, acknowledge_by};
use crate::domain::region::RegionCode;
use crate::domain::statistics::Severity;

/// A new referral as inserted, by [`create_from_draft`] and [`create_manual`] one at a time and by
/// [`flag_referrals`](super::flag_referrals) many to a statement: one row type, so both store the
/// same columns the same way. `None` is NULL (not the column default) so rows batch on both backends.
#[derive(Insertable)]
#[diesel(table_name = referrals, treat_none_as_default_value = false)]
pub(super) struct ReferralRow<'a> {
    id: ReferralId,
    region_code: &'a str,
    school_id: Option<&'a str>,
    class_id: Option<&'a str>,
    wave_id: Option<WaveId>,
    source: &'static str,
    flag_key: Option<&'a str>,
    severity: &'static str,
    status: &'static str,
    raised_by: Option<UserId>,
    created_at: NaiveDateTime,
    acknowledge_by: NaiveDateTime,
    updated_at: NaiveDateTime,
}

impl<'a> ReferralRow<'a> {
    /// The referral of a flag run's `draft` in `region` under its flag `key`, dated to when it
    /// appears after `now` ([`ReferralDraft::appears_at`]).
    pub(super) fn from_draft(
        id: ReferralId,
        region: &'a RegionCode,
        draft: &'a ReferralDraft,
        key: &'a str,
        now: NaiveDateTime,
    ) -> Self {
        let created = draft.appears_at(now);
        Self::new(id, region.as_str(), draft.severity(), created, Source::Flag).placed(
            draft.school(),
            draft.class(),
            draft.evidence_wave(),
            Some(key),
        )
    }

    /// A new referral with no place, key or author yet: status new, its deadline from `severity`.
    fn new(id: ReferralId, region: &'a str, severity: Severity, created: NaiveDateTime, source: Source) -> Self {
        ReferralRow {
            id,
            region_code: region,
            school_id: None,
            class_id: None,
            wave_id: None,
            source: source.as_str(),
            flag_key: None,
            severity: severity.as_str(),
            status: ReferralStatus::New.as_str(),
            raised_by: None,
            created_at: created,
            acknowledge_by: acknowledge_by(created, severity),
            updated_at: created,
        }
    }

    /// The row pointed at a school, a class and the wave of its evidence, under a flag key.
    fn placed(
        self,
        school: Option<&'a str>,
        class: Option<&'a str>,
        wave: Option<WaveId>,
        key: Option<&'a str>,
    ) -> Self {
        ReferralRow { school_id: school, class_id: class, wave_id: wave, flag_key: key, ..self }
    }

    /// The referral's id.
    pub(super) fn id(&self) -> ReferralId {
        self.id
    }

    /// When the referral appears: its creation time, from which its deadline runs.
    pub(super) fn created_at(&self) -> NaiveDateTime {
        self.created_at
    }
}

fn insert_referral(conn: &mut DbConnection, row: &ReferralRow<'_>) -> DbResult<bool> {
    inserted_unless_duplicate(conn, |conn| Ok(diesel::insert_into(referrals::table).values(row).execute(conn)?))
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
        let row = ReferralRow::from_draft(id, region, draft, &key, now);
        if insert_referral(conn, &row)? {
            insert_flags(conn, id, &draft.flags)?;
            for message in notices(id) {
                outbox::enqueue(conn, &message, row.created_at())?;
            }
            audit::append(conn, Actor::FlagRun, AuditAction::ReferralCreated, &format!("referral:{id}"))?;
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
        let severity = if manual.urgent { Severity::Urgent } else { Severity::Elevated };
        let new = ReferralRow {
            raised_by: Some(manual.raised_by),
            ..ReferralRow::new(id, &region, severity, now, Source::Manual).placed(
                Some(&school),
                Some(&class),
                None,
                None,
            )
        };
        insert_referral(conn, &new)?;
        for message in notices(id) {
            outbox::enqueue(conn, &message, now)?;
        }
        audit::append(conn, Actor::User(manual.raised_by), AuditAction::ReferralCreated, &format!("referral:{id}"))?;
        insert_note(conn, id, manual.raised_by, "school", manual.note.as_str(), now)?;
        Ok(id)
    })
}
