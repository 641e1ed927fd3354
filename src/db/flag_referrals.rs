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
use super::referral_creation::{self, ReferralRow};
use super::schema::{referral_flags, referrals};
use super::{audit, region_counts::CHUNK};
use crate::domain::audit::{Actor, AuditAction};
use crate::domain::ids::ReferralId;
use crate::domain::referral::drafts::ReferralDraft;
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

/// Stores `drafts` in a few multi-row statements ([`Additions`]), after two queries for what their
/// subjects already have.
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
    let mut additions = Additions::default();
    for (draft, key) in drafts.iter().zip(&keys) {
        match taken.get(key) {
            Some(id) => additions.lacking_flags(*id, draft, have.get(id)),
            None => additions.new_referral(
                ReferralRow::from_draft(ReferralId::random(), region, draft, key, now),
                draft,
                notices,
            ),
        }
    }
    additions.insert(conn)
}

/// What one run's drafts add, gathered so each table takes one statement per chunk.
#[derive(Default)]
struct Additions<'a> {
    /// New referrals.
    referrals: Vec<ReferralRow<'a>>,
    /// Their flags, and the flags existing referrals lack.
    flags: Vec<FlagRow<'a>>,
    /// Notices by the moment their referral appears (when they fall due).
    messages: BTreeMap<NaiveDateTime, Vec<NewMessage>>,
    /// What was created, and how many drafts found their subject referred before.
    stored: StoredDrafts,
}

impl<'a> Additions<'a> {
    /// The flags of `draft` that referral `id`, stored before with `flagged`, lacks.
    fn lacking_flags(&mut self, id: ReferralId, draft: &'a ReferralDraft, flagged: Option<&BTreeSet<String>>) {
        self.stored.existing += 1;
        let lacking = draft.flags.iter().filter(|(indicator, _)| !flagged.is_some_and(|f| f.contains(indicator)));
        self.flags.extend(lacking.map(|(indicator, severity)| FlagRow {
            referral_id: id,
            indicator_id: indicator,
            severity: severity.as_str(),
        }));
    }

    /// A new referral `row` of `draft`, with its flags and the notices `notices` builds for it.
    fn new_referral(
        &mut self,
        row: ReferralRow<'a>,
        draft: &'a ReferralDraft,
        notices: &dyn Fn(&ReferralDraft, ReferralId) -> Vec<NewMessage>,
    ) {
        let id = row.id();
        self.flags.extend(draft.flags.iter().map(|(indicator, severity)| FlagRow {
            referral_id: id,
            indicator_id: indicator,
            severity: severity.as_str(),
        }));
        self.messages.entry(row.created_at()).or_default().extend(notices(draft, id));
        self.referrals.push(row);
        self.stored.created.push(id);
    }

    /// Inserts everything gathered, with one audit entry per new referral.
    fn insert(self, conn: &mut DbConnection) -> DbResult<StoredDrafts> {
        insert_rows!(conn, referrals::table, self.referrals)?;
        insert_rows!(conn, referral_flags::table, self.flags)?;
        for (due, messages) in &self.messages {
            outbox::enqueue_all(conn, messages, *due)?;
        }
        let subjects: Vec<String> = self.stored.created.iter().map(|id| format!("referral:{id}")).collect();
        let subjects: Vec<&str> = subjects.iter().map(String::as_str).collect();
        audit::append_all(conn, Actor::FlagRun, AuditAction::ReferralCreated, &subjects)?;
        Ok(self.stored)
    }
}
