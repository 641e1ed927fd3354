//! Storing referrals: created by the flag run (once per flagged subject) or by a psychologist, read
//! within a caller's scope (a referral outside it is "not found"), moved along the life cycle and
//! annotated. Every transition and note is appended to the audit log in the same transaction.
//!
//! A referral of the region has no school (`school_id` NULL): a school's scope never reaches it.
//! A referral exists for readers from its `created_at` on; the pooled referral of a region and
//! reporting period is stored as its first signal comes in, dated to when the period is published,
//! and every read here passes `now` so it stays out of sight until then (`domain::referral::drafts`).

use std::collections::BTreeMap;

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::DbConnection;
use super::audit;
use super::error::{DbError, DbResult};
use super::schema::{classes, referral_flags, referral_notes, referrals, schools, users};
use crate::domain::audit::{Actor, AuditAction};
use crate::domain::ids::{ClassId, NoteId, ReferralId, SchoolId, UserId, WaveId};
use crate::domain::lang::Localized;
use crate::domain::referral::{
    InboxFilter, Note, Outcome, Referral, ReferralPlace, ReferralScope, ReferralStatus, ReferredSchool, Source,
    sort_for_inbox,
};
use crate::domain::region::RegionCode;
use crate::domain::statistics::Severity;

#[derive(Queryable, Selectable)]
#[diesel(table_name = referrals)]
struct ReferralRow {
    id: ReferralId,
    region_code: String,
    school_id: Option<SchoolId>,
    class_id: Option<ClassId>,
    wave_id: Option<WaveId>,
    source: String,
    severity: String,
    status: String,
    outcome: Option<String>,
    outcome_reason: Option<String>,
    raised_by: Option<UserId>,
    created_at: NaiveDateTime,
    acknowledge_by: NaiveDateTime,
    acknowledged_at: Option<NaiveDateTime>,
    closed_at: Option<NaiveDateTime>,
}

/// The rows of `scope` (one, when `id` is given) that exist at `now`.
fn load_rows(
    conn: &mut DbConnection,
    scope: &ReferralScope,
    id: Option<ReferralId>,
    now: NaiveDateTime,
) -> DbResult<Vec<ReferralRow>> {
    let mut query =
        referrals::table.select(ReferralRow::as_select()).filter(referrals::created_at.le(now)).into_boxed();
    query = match scope {
        ReferralScope::Region(region) => query.filter(referrals::region_code.eq(region.as_str().to_owned())),
        ReferralScope::School(school) => query.filter(referrals::school_id.eq(*school)),
    };
    if let Some(id) = id {
        query = query.filter(referrals::id.eq(id));
    }
    Ok(query.load(conn)?)
}

/// The flags of each referral in `ids`, by referral.
fn flags_of(conn: &mut DbConnection, ids: &[ReferralId]) -> DbResult<BTreeMap<ReferralId, Vec<(String, Severity)>>> {
    let mut flags: BTreeMap<ReferralId, Vec<(String, Severity)>> = BTreeMap::new();
    for chunk in ids.chunks(5_000) {
        let found: Vec<(ReferralId, String, String)> = referral_flags::table
            .filter(referral_flags::referral_id.eq_any(chunk))
            .order((referral_flags::referral_id, referral_flags::indicator_id))
            .select((referral_flags::referral_id, referral_flags::indicator_id, referral_flags::severity))
            .load(conn)?;
        for (referral, indicator, severity) in found {
            let severity = Severity::parse(&severity).map_err(|e| DbError::Corrupt(e.to_string()))?;
            flags.entry(referral).or_default().push((indicator, severity));
        }
    }
    Ok(flags)
}

/// The code and names of each school in `ids`.
fn school_names(conn: &mut DbConnection, ids: &[SchoolId]) -> DbResult<BTreeMap<SchoolId, (String, Localized)>> {
    let mut names = BTreeMap::new();
    for chunk in ids.chunks(5_000) {
        let found: Vec<(SchoolId, String, String, String, String)> = schools::table
            .filter(schools::id.eq_any(chunk))
            .select((schools::id, schools::code, schools::name_kk, schools::name_ru, schools::name_en))
            .load(conn)?;
        for (id, code, kk, ru, en) in found {
            names.insert(id, (code, Localized { kk, ru, en }));
        }
    }
    Ok(names)
}

/// The label of each class in `ids`.
fn class_labels(conn: &mut DbConnection, ids: &[ClassId]) -> DbResult<BTreeMap<ClassId, String>> {
    let mut labels = BTreeMap::new();
    for chunk in ids.chunks(5_000) {
        let found: Vec<(ClassId, String)> =
            classes::table.filter(classes::id.eq_any(chunk)).select((classes::id, classes::label)).load(conn)?;
        labels.extend(found);
    }
    Ok(labels)
}

fn hydrate(conn: &mut DbConnection, rows: Vec<ReferralRow>) -> DbResult<Vec<Referral>> {
    let ids: Vec<ReferralId> = rows.iter().map(|r| r.id).collect();
    let school_ids: Vec<SchoolId> = rows.iter().filter_map(|r| r.school_id).collect();
    let class_ids: Vec<ClassId> = rows.iter().filter_map(|r| r.class_id).collect();
    let mut flags = flags_of(conn, &ids)?;
    let names = school_names(conn, &school_ids)?;
    let labels = class_labels(conn, &class_ids)?;
    rows.into_iter()
        .map(|row| {
            let corrupt = || DbError::Corrupt(format!("referral {}", row.id));
            let class = match row.class_id {
                Some(id) => Some((id, labels.get(&id).cloned().ok_or_else(corrupt)?)),
                None => None,
            };
            let place = match (row.school_id, class) {
                (Some(id), class) => {
                    let (code, name) = names.get(&id).cloned().ok_or_else(corrupt)?;
                    ReferralPlace::School(ReferredSchool { id, code, name, class })
                }
                // A class or a wave is named only with its school.
                (None, Some(_)) => return Err(corrupt()),
                (None, None) if row.wave_id.is_some() => return Err(corrupt()),
                (None, None) => ReferralPlace::Region,
            };
            Ok(Referral {
                id: row.id,
                region: RegionCode::parse(&row.region_code).ok_or_else(corrupt)?,
                place,
                wave_id: row.wave_id,
                source: Source::parse(&row.source).ok_or_else(corrupt)?,
                severity: Severity::parse(&row.severity).map_err(|_| corrupt())?,
                status: ReferralStatus::parse(&row.status).ok_or_else(corrupt)?,
                outcome: row.outcome.map(|o| (o, row.outcome_reason)),
                raised_by: row.raised_by,
                created_at: row.created_at,
                acknowledge_by: row.acknowledge_by,
                acknowledged_at: row.acknowledged_at,
                closed_at: row.closed_at,
                flags: flags.remove(&row.id).unwrap_or_default(),
            })
        })
        .collect()
}

/// The referrals in `scope` that exist at `now` and pass `filter`, in inbox order.
pub fn list(
    conn: &mut DbConnection,
    scope: &ReferralScope,
    filter: &InboxFilter,
    now: NaiveDateTime,
) -> DbResult<Vec<Referral>> {
    let rows = load_rows(conn, scope, None, now)?;
    let mut found: Vec<Referral> = hydrate(conn, rows)?.into_iter().filter(|r| filter.admits(r, now)).collect();
    sort_for_inbox(&mut found);
    Ok(found)
}

/// One referral, only if it lies in `scope` and exists at `now`.
pub fn get(conn: &mut DbConnection, scope: &ReferralScope, id: ReferralId, now: NaiveDateTime) -> DbResult<Referral> {
    let rows = load_rows(conn, scope, Some(id), now)?;
    hydrate(conn, rows)?.pop().ok_or(DbError::NotFound)
}

/// The notes of a referral, oldest first (the caller has checked the scope with [`get`]).
pub fn notes(conn: &mut DbConnection, id: ReferralId) -> DbResult<Vec<Note>> {
    let rows: Vec<(NoteId, String, String, String, NaiveDateTime)> = referral_notes::table
        .inner_join(users::table)
        .filter(referral_notes::referral_id.eq(id))
        .order((referral_notes::created_at, referral_notes::id))
        .select((
            referral_notes::id,
            users::display_name,
            referral_notes::author_side,
            referral_notes::body,
            referral_notes::created_at,
        ))
        .load(conn)?;
    Ok(rows.into_iter().map(|(id, author, side, body, at)| Note { id, author, side, body, at }).collect())
}

/// The side a scope writes notes from.
pub fn side_of(scope: &ReferralScope) -> &'static str {
    match scope {
        ReferralScope::Region(_) => "centre",
        ReferralScope::School(_) => "school",
    }
}

/// Stores a note by `author` from `side` on the referral `id` (whose scope the caller has checked),
/// marks the referral updated and records the note in the audit log.
pub fn insert_note(
    conn: &mut DbConnection,
    id: ReferralId,
    author: UserId,
    side: &str,
    body: &str,
    now: NaiveDateTime,
) -> DbResult<NoteId> {
    let note = NoteId::random();
    diesel::insert_into(referral_notes::table)
        .values((
            referral_notes::id.eq(note),
            referral_notes::referral_id.eq(id),
            referral_notes::author_id.eq(author),
            referral_notes::author_side.eq(side),
            referral_notes::body.eq(body),
            referral_notes::created_at.eq(now),
        ))
        .execute(conn)?;
    diesel::update(referrals::table.find(id)).set(referrals::updated_at.eq(now)).execute(conn)?;
    audit::append(conn, Actor::User(author), AuditAction::ReferralNote, &format!("referral:{id}:note:{note}"))?;
    Ok(note)
}

/// Moves the referral `id` from status `from` to `next` at `now`, stamping the time of the step
/// (and the outcome, when closing), unless someone else moved it since it was read as `from`.
/// Returns whether it moved. The life cycle's rules are the caller's ([`crate::app::move_referral`]).
pub fn set_status(
    conn: &mut DbConnection,
    id: ReferralId,
    from: ReferralStatus,
    next: ReferralStatus,
    outcome: Option<&Outcome>,
    now: NaiveDateTime,
) -> DbResult<bool> {
    let reason = match outcome {
        Some(Outcome::NoAction(reason)) => Some(reason.clone()),
        _ => None,
    };
    let target = referrals::table.find(id).filter(referrals::status.eq(from.as_str()));
    let changed = match next {
        ReferralStatus::Acknowledged => diesel::update(target)
            .set((
                referrals::status.eq(next.as_str()),
                referrals::acknowledged_at.eq(now),
                referrals::updated_at.eq(now),
            ))
            .execute(conn)?,
        ReferralStatus::Closed => diesel::update(target)
            .set((
                referrals::status.eq(next.as_str()),
                referrals::closed_at.eq(now),
                referrals::outcome.eq(outcome.map(Outcome::kind)),
                referrals::outcome_reason.eq(reason),
                referrals::updated_at.eq(now),
            ))
            .execute(conn)?,
        _ => diesel::update(target)
            .set((referrals::status.eq(next.as_str()), referrals::updated_at.eq(now)))
            .execute(conn)?,
    };
    Ok(changed == 1)
}
