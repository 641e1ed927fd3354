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
use super::outbox::{self, NewMessage};
use super::schema::{classes, referral_flags, referral_notes, referrals, schools, users};
use crate::domain::audit::AuditAction;
use crate::domain::ids::{ClassId, NoteId, ReferralId, SchoolId, UserId, WaveId};
use crate::domain::lang::Localized;
use crate::domain::referral::drafts::ReferralDraft;
use crate::domain::referral::{
    InboxFilter, Outcome, Referral, ReferralPlace, ReferralScope, ReferralStatus, ReferredSchool, Source,
    TransitionError, acknowledge_by, sort_for_inbox, transition,
};
use crate::domain::region::RegionCode;
use crate::domain::statistics::Severity;

#[derive(Queryable, Selectable)]
#[diesel(table_name = referrals)]
struct ReferralRow {
    id: String,
    region_code: String,
    school_id: Option<String>,
    class_id: Option<String>,
    wave_id: Option<String>,
    source: String,
    severity: String,
    status: String,
    outcome: Option<String>,
    outcome_reason: Option<String>,
    raised_by: Option<String>,
    created_at: NaiveDateTime,
    acknowledge_by: NaiveDateTime,
    acknowledged_at: Option<NaiveDateTime>,
    closed_at: Option<NaiveDateTime>,
}

/// Why a referral could not be moved.
#[derive(Debug)]
pub enum MoveError {
    /// The life cycle refuses it (a 409 with a message).
    Refused(TransitionError),
    /// The database failed, or the referral is not in scope.
    Db(DbError),
}

impl From<DbError> for MoveError {
    fn from(error: DbError) -> Self {
        MoveError::Db(error)
    }
}

impl From<diesel::result::Error> for MoveError {
    fn from(error: diesel::result::Error) -> Self {
        MoveError::Db(error.into())
    }
}

/// A note on a referral.
#[derive(Debug, Clone)]
pub struct Note {
    /// Its id.
    pub id: NoteId,
    /// Who wrote it.
    pub author: String,
    /// `centre` or `school`.
    pub side: String,
    /// The text.
    pub body: String,
    /// When.
    pub at: NaiveDateTime,
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
        ReferralScope::School(school) => query.filter(referrals::school_id.eq(school.to_string())),
    };
    if let Some(id) = id {
        query = query.filter(referrals::id.eq(id.to_string()));
    }
    Ok(query.load(conn)?)
}

fn hydrate(conn: &mut DbConnection, rows: Vec<ReferralRow>) -> DbResult<Vec<Referral>> {
    let ids: Vec<String> = rows.iter().map(|r| r.id.clone()).collect();
    let school_ids: Vec<String> = rows.iter().filter_map(|r| r.school_id.clone()).collect();
    let class_ids: Vec<String> = rows.iter().filter_map(|r| r.class_id.clone()).collect();
    let mut flags: BTreeMap<String, Vec<(String, Severity)>> = BTreeMap::new();
    let mut names: BTreeMap<String, (String, Localized)> = BTreeMap::new();
    let mut labels: BTreeMap<String, String> = BTreeMap::new();
    for chunk in ids.chunks(5_000) {
        let found: Vec<(String, String, String)> = referral_flags::table
            .filter(referral_flags::referral_id.eq_any(chunk))
            .order((referral_flags::referral_id, referral_flags::indicator_id))
            .select((referral_flags::referral_id, referral_flags::indicator_id, referral_flags::severity))
            .load(conn)?;
        for (referral, indicator, severity) in found {
            let severity = Severity::parse(&severity).map_err(|e| DbError::Corrupt(e.to_string()))?;
            flags.entry(referral).or_default().push((indicator, severity));
        }
    }
    for chunk in school_ids.chunks(5_000) {
        let found: Vec<(String, String, String, String, String)> = schools::table
            .filter(schools::id.eq_any(chunk))
            .select((schools::id, schools::code, schools::name_kk, schools::name_ru, schools::name_en))
            .load(conn)?;
        for (id, code, kk, ru, en) in found {
            names.insert(id, (code, Localized { kk, ru, en }));
        }
    }
    for chunk in class_ids.chunks(5_000) {
        let found: Vec<(String, String)> =
            classes::table.filter(classes::id.eq_any(chunk)).select((classes::id, classes::label)).load(conn)?;
        labels.extend(found);
    }
    rows.into_iter()
        .map(|row| {
            let corrupt = || DbError::Corrupt(format!("referral {}", row.id));
            let class = match &row.class_id {
                Some(id) => {
                    Some((ClassId::parse(id).ok_or_else(corrupt)?, labels.get(id).cloned().ok_or_else(corrupt)?))
                }
                None => None,
            };
            let place = match (&row.school_id, class) {
                (Some(school), class) => {
                    let (code, name) = names.get(school).cloned().ok_or_else(corrupt)?;
                    let id = SchoolId::parse(school).ok_or_else(corrupt)?;
                    ReferralPlace::School(ReferredSchool { id, code, name, class })
                }
                // A class or a wave is named only with its school.
                (None, Some(_)) => return Err(corrupt()),
                (None, None) if row.wave_id.is_some() => return Err(corrupt()),
                (None, None) => ReferralPlace::Region,
            };
            Ok(Referral {
                id: ReferralId::parse(&row.id).ok_or_else(corrupt)?,
                region: RegionCode::parse(&row.region_code).ok_or_else(corrupt)?,
                place,
                wave_id: row.wave_id.as_deref().map(|w| WaveId::parse(w).ok_or_else(corrupt)).transpose()?,
                source: Source::parse(&row.source).ok_or_else(corrupt)?,
                severity: Severity::parse(&row.severity).map_err(|_| corrupt())?,
                status: ReferralStatus::parse(&row.status).ok_or_else(corrupt)?,
                outcome: row.outcome.map(|o| (o, row.outcome_reason)),
                raised_by: row.raised_by.as_deref().and_then(UserId::parse),
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
    let rows: Vec<(String, String, String, String, NaiveDateTime)> = referral_notes::table
        .inner_join(users::table)
        .filter(referral_notes::referral_id.eq(id.to_string()))
        .order((referral_notes::created_at, referral_notes::id))
        .select((
            referral_notes::id,
            users::display_name,
            referral_notes::author_side,
            referral_notes::body,
            referral_notes::created_at,
        ))
        .load(conn)?;
    rows.into_iter()
        .map(|(id, author, side, body, at)| {
            let id = NoteId::parse(&id).ok_or_else(|| DbError::Corrupt(format!("note {id}")))?;
            Ok(Note { id, author, side, body, at })
        })
        .collect()
}

/// The side a scope writes notes from.
pub fn side_of(scope: &ReferralScope) -> &'static str {
    match scope {
        ReferralScope::Region(_) => "centre",
        ReferralScope::School(_) => "school",
    }
}

fn insert_note(
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
            referral_notes::id.eq(note.to_string()),
            referral_notes::referral_id.eq(id.to_string()),
            referral_notes::author_id.eq(author.to_string()),
            referral_notes::author_side.eq(side),
            referral_notes::body.eq(body),
            referral_notes::created_at.eq(now),
        ))
        .execute(conn)?;
    diesel::update(referrals::table.find(id.to_string())).set(referrals::updated_at.eq(now)).execute(conn)?;
    audit::append(conn, &author.to_string(), AuditAction::ReferralNote, &format!("referral:{id}:note:{note}"))?;
    Ok(note)
}

/// Adds a note to a referral in `scope`.
pub fn add_note(
    conn: &mut DbConnection,
    scope: &ReferralScope,
    id: ReferralId,
    author: UserId,
    body: &str,
    now: NaiveDateTime,
) -> DbResult<NoteId> {
    super::write_transaction(conn, |conn| {
        get(conn, scope, id, now)?;
        insert_note(conn, id, author, side_of(scope), body, now)
    })
}

/// One step of the life cycle as a caller asks for it.
#[derive(Debug, Clone)]
pub struct Step {
    /// The status wanted.
    pub to: ReferralStatus,
    /// The outcome, when closing.
    pub outcome: Option<Outcome>,
    /// A note to add with the step.
    pub note: Option<String>,
}

/// Moves a referral of `scope` one `step`; returns the referral as it now stands.
pub fn move_to(
    conn: &mut DbConnection,
    scope: &ReferralScope,
    id: ReferralId,
    step: &Step,
    actor: UserId,
    now: NaiveDateTime,
) -> Result<Referral, MoveError> {
    let (to, outcome, note) = (step.to, step.outcome.as_ref(), step.note.as_deref());
    super::write_transaction(conn, |conn| {
        let current = get(conn, scope, id, now)?;
        let next = transition(current.status, to, outcome).map_err(MoveError::Refused)?;
        let reason = match outcome {
            Some(Outcome::NoAction(reason)) => Some(reason.clone()),
            _ => None,
        };
        let target = referrals::table.find(id.to_string()).filter(referrals::status.eq(current.status.as_str()));
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
        if changed != 1 {
            // Someone else moved it between the read and the write.
            return Err(MoveError::Refused(TransitionError::NotAllowed));
        }
        let subject = format!("referral:{id}:{}->{}", current.status.as_str(), next.as_str());
        audit::append(conn, &actor.to_string(), AuditAction::ReferralTransition, &subject)?;
        if let Some(body) = note.map(str::trim).filter(|b| !b.is_empty()) {
            insert_note(conn, id, actor, side_of(scope), body, now)?;
        }
        Ok(get(conn, scope, id, now)?)
    })
}

/// The fields of a new referral row.
struct NewReferral<'a> {
    id: ReferralId,
    region: &'a str,
    school: Option<&'a str>,
    class: Option<&'a str>,
    wave: Option<String>,
    source: Source,
    flag_key: Option<String>,
    severity: Severity,
    raised_by: Option<String>,
    /// When it appears: its creation time, from which its deadline runs.
    created: NaiveDateTime,
}

fn insert_referral(conn: &mut DbConnection, new: &NewReferral<'_>) -> DbResult<bool> {
    let query = diesel::insert_into(referrals::table).values((
        referrals::id.eq(new.id.to_string()),
        referrals::region_code.eq(new.region),
        referrals::school_id.eq(new.school),
        referrals::class_id.eq(new.class),
        referrals::wave_id.eq(&new.wave),
        referrals::source.eq(new.source.as_str()),
        referrals::flag_key.eq(&new.flag_key),
        referrals::severity.eq(new.severity.as_str()),
        referrals::status.eq(ReferralStatus::New.as_str()),
        referrals::raised_by.eq(&new.raised_by),
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

fn insert_flags(conn: &mut DbConnection, id: &str, flags: &[(String, Severity)]) -> DbResult<()> {
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
            wave: draft.evidence_wave().map(|wave| wave.to_string()),
            source: Source::Flag,
            flag_key: Some(key.clone()),
            severity: draft.severity(),
            raised_by: None,
            created,
        };
        if insert_referral(conn, &new)? {
            insert_flags(conn, &id.to_string(), &draft.flags)?;
            for message in notices(id) {
                outbox::enqueue(conn, &message, created)?;
            }
            audit::append(conn, "flag-run", AuditAction::ReferralCreated, &format!("referral:{id}"))?;
            return Ok(Some(id));
        }
        let existing: String =
            referrals::table.filter(referrals::flag_key.eq(key)).select(referrals::id).first(conn)?;
        insert_flags(conn, &existing, &draft.flags)?;
        Ok(None)
    })
}

/// What a psychologist fills in to raise a referral by hand.
#[derive(Debug, Clone)]
pub struct ManualReferral {
    /// Their school.
    pub school: SchoolId,
    /// The class.
    pub class: ClassId,
    /// Urgent (24 h) or not (5 working days).
    pub urgent: bool,
    /// What the centre should know (no pupil names).
    pub note: String,
    /// The psychologist.
    pub raised_by: UserId,
}

/// Raises a manual referral for a class of the psychologist's school; the class must belong to it.
pub fn create_manual(
    conn: &mut DbConnection,
    manual: &ManualReferral,
    now: NaiveDateTime,
    notices: &dyn Fn(ReferralId) -> Vec<NewMessage>,
) -> DbResult<ReferralId> {
    super::write_transaction(conn, |conn| {
        let region: String = schools::table.find(manual.school.to_string()).select(schools::region_code).first(conn)?;
        classes::table
            .filter(classes::id.eq(manual.class.to_string()))
            .filter(classes::school_id.eq(manual.school.to_string()))
            .select(classes::id)
            .first::<String>(conn)?;
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
            raised_by: Some(manual.raised_by.to_string()),
            created: now,
        };
        insert_referral(conn, &new)?;
        for message in notices(id) {
            outbox::enqueue(conn, &message, now)?;
        }
        audit::append(conn, &manual.raised_by.to_string(), AuditAction::ReferralCreated, &format!("referral:{id}"))?;
        insert_note(conn, id, manual.raised_by, "school", manual.note.trim(), now)?;
        Ok(id)
    })
}
