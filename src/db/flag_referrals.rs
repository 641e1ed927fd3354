//! Storing the referral drafts of one flag run together. The subjects referred before are found in one
//! query by flag key (a rerun then writes only the flags they lack), and the new referrals, their
//! flags, notices and audit entries go in a few multi-row statements, so a region's run costs a handful
//! of round trips instead of a transaction per subject. What is stored is what
//! [`create_from_draft`](super::referral_creation::create_from_draft) stores for each draft in turn.
//! Call it inside the run's write transaction; it works in a savepoint of its own. Each referral is dated to when it appears
//! ([`ReferralDraft::appears_at`]), and its notices are due then.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::DbConnection;
use super::batch::insert_rows;
use super::error::{DbError, DbResult};
use super::outbox::{self, NewMessage};
use super::schema::{referral_flags, referrals};
use super::{audit, referral_creation, region_counts::CHUNK};
use crate::domain::audit::{AuditAction, FLAG_RUN_ACTOR};
use crate::domain::ids::{ReferralId, WaveId};
use crate::domain::referral::drafts::ReferralDraft;
use crate::domain::referral::{ReferralStatus, Source, acknowledge_by};
use crate::domain::region::RegionCode;

/// What storing a run's drafts did, in the order of the drafts.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StoredDrafts {
    /// Referrals created.
    pub created: Vec<ReferralId>,
    /// Drafts whose subject already had a referral.
    pub existing: usize,
}

#[derive(Insertable)]
#[diesel(table_name = referrals, treat_none_as_default_value = false)]
struct ReferralRow<'a> {
    id: ReferralId,
    region_code: &'a str,
    school_id: Option<&'a str>,
    class_id: Option<&'a str>,
    wave_id: Option<WaveId>,
    source: &'static str,
    flag_key: Option<&'a str>,
    severity: &'static str,
    status: &'static str,
    raised_by: Option<&'a str>,
    created_at: NaiveDateTime,
    acknowledge_by: NaiveDateTime,
    updated_at: NaiveDateTime,
}

#[derive(Insertable)]
#[diesel(table_name = referral_flags)]
struct FlagRow<'a> {
    referral_id: ReferralId,
    indicator_id: &'a str,
    severity: &'static str,
}

/// Stores `drafts`: a new referral (with its flags, the messages `notices` builds and an audit entry)
/// for each subject not referred before, and the flags an existing referral lacks. If another run
/// stores one of the same subjects meanwhile (a unique-key clash), the drafts are stored one by one
/// instead, which tells "created" from "existing" for each.
pub fn store(
    conn: &mut DbConnection,
    region: &RegionCode,
    drafts: &[ReferralDraft],
    now: NaiveDateTime,
    notices: &dyn Fn(&ReferralDraft, ReferralId) -> Vec<NewMessage>,
) -> DbResult<StoredDrafts> {
    match super::write_transaction(conn, |conn| store_together(conn, region, drafts, now, notices)) {
        Err(DbError::Duplicate(_)) => store_one_by_one(conn, region, drafts, now, notices),
        other => other,
    }
}

fn store_one_by_one(
    conn: &mut DbConnection,
    region: &RegionCode,
    drafts: &[ReferralDraft],
    now: NaiveDateTime,
    notices: &dyn Fn(&ReferralDraft, ReferralId) -> Vec<NewMessage>,
) -> DbResult<StoredDrafts> {
    let mut stored = StoredDrafts::default();
    for draft in drafts {
        match referral_creation::create_from_draft(conn, region, draft, now, &|id| notices(draft, id))? {
            Some(id) => stored.created.push(id),
            None => stored.existing += 1,
        }
    }
    Ok(stored)
}

/// The referral id stored under each of `keys` that is taken.
fn taken_keys(conn: &mut DbConnection, keys: &[String]) -> DbResult<BTreeMap<String, ReferralId>> {
    let mut taken = BTreeMap::new();
    for chunk in keys.chunks(CHUNK) {
        let rows: Vec<(Option<String>, ReferralId)> = referrals::table
            .filter(referrals::flag_key.eq_any(chunk))
            .select((referrals::flag_key, referrals::id))
            .load(conn)?;
        taken.extend(rows.into_iter().filter_map(|(key, id)| Some((key?, id))));
    }
    Ok(taken)
}

/// The indicator ids flagged on each of the referrals `ids`.
fn stored_flags(conn: &mut DbConnection, ids: &[ReferralId]) -> DbResult<BTreeMap<ReferralId, BTreeSet<String>>> {
    let mut found: BTreeMap<ReferralId, BTreeSet<String>> = BTreeMap::new();
    for chunk in ids.chunks(CHUNK) {
        let rows: Vec<(ReferralId, String)> = referral_flags::table
            .filter(referral_flags::referral_id.eq_any(chunk))
            .select((referral_flags::referral_id, referral_flags::indicator_id))
            .load(conn)?;
        for (referral, indicator) in rows {
            found.entry(referral).or_default().insert(indicator);
        }
    }
    Ok(found)
}

fn store_together(
    conn: &mut DbConnection,
    region: &RegionCode,
    drafts: &[ReferralDraft],
    now: NaiveDateTime,
    notices: &dyn Fn(&ReferralDraft, ReferralId) -> Vec<NewMessage>,
) -> DbResult<StoredDrafts> {
    let keys: Vec<String> = drafts.iter().map(|draft| draft.flag_key(region)).collect();
    let taken = taken_keys(conn, &keys)?;
    let have = stored_flags(conn, &taken.values().copied().collect::<Vec<_>>())?;
    let mut stored = StoredDrafts::default();
    let (mut rows, mut flags) = (Vec::new(), Vec::new());
    // Notices by the moment their referral appears.
    let mut messages: BTreeMap<NaiveDateTime, Vec<NewMessage>> = BTreeMap::new();
    for (draft, key) in drafts.iter().zip(&keys) {
        if let Some(id) = taken.get(key) {
            stored.existing += 1;
            let flagged = have.get(id);
            let lacking = draft.flags.iter().filter(|(indicator, _)| !flagged.is_some_and(|f| f.contains(indicator)));
            flags.extend(lacking.map(|(indicator, severity)| FlagRow {
                referral_id: *id,
                indicator_id: indicator,
                severity: severity.as_str(),
            }));
            continue;
        }
        let id = ReferralId::random();
        let severity = draft.severity();
        let created = draft.appears_at(now);
        rows.push(ReferralRow {
            id,
            region_code: region.as_str(),
            school_id: draft.school(),
            class_id: draft.class(),
            wave_id: draft.evidence_wave(),
            source: Source::Flag.as_str(),
            flag_key: Some(key),
            severity: severity.as_str(),
            status: ReferralStatus::New.as_str(),
            raised_by: None,
            created_at: created,
            acknowledge_by: acknowledge_by(created, severity),
            updated_at: created,
        });
        flags.extend(draft.flags.iter().map(|(indicator, severity)| FlagRow {
            referral_id: id,
            indicator_id: indicator,
            severity: severity.as_str(),
        }));
        messages.entry(created).or_default().extend(notices(draft, id));
        stored.created.push(id);
    }
    insert_rows!(conn, referrals::table, rows)?;
    insert_rows!(conn, referral_flags::table, flags)?;
    for (due, messages) in &messages {
        outbox::enqueue_all(conn, messages, *due)?;
    }
    let subjects: Vec<String> = stored.created.iter().map(|id| format!("referral:{id}")).collect();
    audit::append_all(
        conn,
        FLAG_RUN_ACTOR,
        AuditAction::ReferralCreated,
        &subjects.iter().map(String::as_str).collect::<Vec<_>>(),
    )?;
    Ok(stored)
}
