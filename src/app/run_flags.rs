//! The flag run: assesses every class of a region's latest closed waves of one questionnaire version
//! (`domain::flagging`), turns the flags into referral drafts (`domain::referral::drafts`) and stores
//! the new ones with their notifications (`flag_referrals`), in one transaction with the marks on the
//! waves it assessed. A school whose wave has fewer than k respondents is not named: its signals go
//! to referrals of the region, whose notices name no school either. Runs when a wave closes and on
//! `ahual flags run`; a second run finds the same subjects by their flag key and creates nothing twice.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use chrono::NaiveDateTime;

use crate::db::DbConnection;
use crate::db::region_counts::RegionCounts;
use crate::db::schools::{self, SchoolFilter};
use crate::db::wave_flags::{mark_flagged, periods_of};
use crate::db::{DbError, DbResult, with_custom_plans};
use crate::db::{aggregates, flag_referrals, region_counts, regions, waves};
use crate::domain::disclosure::K;
use crate::domain::figures::{indicator_min_grade, released_classes};
use crate::domain::flagging::flag_classes;
use crate::domain::ids::{ReferralId, SchoolId, WaveId};
use crate::domain::instrument::Instrument;
use crate::domain::period::ReportingPeriod;
use crate::domain::referral::ReferralPlace;
use crate::domain::referral::drafts::{ClassPlace, ReferralDraft, drafts};
use crate::domain::region::RegionCode;
use crate::domain::school::School;
use crate::domain::survey::catalog::Catalog;
use crate::notify::NotifyPlan;

/// What a flag run needs besides the database: the instruments, k and the notification plan.
/// Cheap to clone, so it can move into a blocking task.
#[derive(Clone)]
pub struct FlagContext {
    /// The loaded instruments.
    pub catalog: Arc<Catalog>,
    /// The disclosure threshold: classes and schools below it are never named.
    pub k: K,
    /// Which notifications new referrals get.
    pub notify: Arc<NotifyPlan>,
}

impl FlagContext {
    /// A context over `catalog` with threshold `k` and the notification `plan`.
    pub fn new(catalog: Arc<Catalog>, k: K, plan: NotifyPlan) -> FlagContext {
        FlagContext { catalog, k, notify: Arc::new(plan) }
    }
}

/// What a run did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FlagRunReport {
    /// Referrals created by this run.
    pub created: Vec<ReferralId>,
    /// Subjects flagged again that already had a referral.
    pub existing: usize,
    /// Classes assessed.
    pub classes: usize,
}

/// Runs the flags of the region and questionnaire version of `wave` (which must be closed and counted).
pub fn run(conn: &mut DbConnection, wave: WaveId, ctx: &FlagContext, now: NaiveDateTime) -> DbResult<FlagRunReport> {
    // Every query planned for its values: generic plans cost a 36,000-class region's run a fifth more
    // (tests/benches/results/2026-12-05-session14-router/README.md).
    with_custom_plans(conn, |conn| run_planned(conn, wave, ctx, now))
}

fn run_planned(
    conn: &mut DbConnection,
    wave: WaveId,
    ctx: &FlagContext,
    now: NaiveDateTime,
) -> DbResult<FlagRunReport> {
    let wave_row = waves::get(conn, wave, None)?;
    if !wave_row.closed || !aggregates::is_materialised(conn, wave)? {
        return Err(DbError::Corrupt(format!("wave {wave} is not closed and counted yet")));
    }
    let instrument = ctx
        .catalog
        .get(&wave_row.instrument)
        .ok_or_else(|| DbError::Corrupt(format!("instrument {} is not loaded", wave_row.instrument)))?;
    let school = schools::get(conn, wave_row.school_id, SchoolFilter::All)?;
    let region = school.region.clone();
    // The statistics look at the indicators with a flag rule only, so only those are read.
    let ruled: Vec<&str> = instrument.flag_rules().iter().map(|rule| rule.indicator()).collect();
    let counts = region_counts::latest_of(conn, &region, &wave_row.instrument, &ruled)?;
    let periods = periods_of(conn, &counts)?;
    let places = places_of(&counts, &periods, instrument, ctx.k)?;
    let flags = flag_classes(&counts.schools, instrument, ctx.k);
    let centre_email = regions::get(conn, &region)?.centre_email;
    let drafts = drafts(&flags, &places, ctx.k);
    let names = schools_of(conn, &drafts)?;
    let notices = |draft: &ReferralDraft, id| notices_of(ctx, &names, &region, &centre_email, draft, id);
    // The run assessed every wave it counted, not only `wave`: mark them all, so a sweep after many
    // waves closed together runs the region once instead of once per school.
    let mut assessed: Vec<WaveId> = counts.waves.values().copied().collect();
    assessed.push(wave);
    // One transaction: the referrals and the marks land together or not at all.
    let stored = crate::db::write_transaction(conn, |conn| {
        let stored = flag_referrals::store(conn, &region, &drafts, now, &notices)?;
        mark_flagged(conn, &assessed, now)?;
        Ok::<_, DbError>(stored)
    })?;
    Ok(FlagRunReport { created: stored.created, existing: stored.existing, classes: places.len() })
}

/// The notices of a new referral `id` from `draft`: naming its school, or only the region.
fn notices_of(
    ctx: &FlagContext,
    names: &BTreeMap<SchoolId, School>,
    region: &RegionCode,
    centre_email: &str,
    draft: &ReferralDraft,
    id: ReferralId,
) -> Vec<crate::db::outbox::NewMessage> {
    match draft.school() {
        None => ctx.notify.messages(id, ReferralPlace::Region, region, centre_email),
        // `schools_of` parsed and found every draft's school, so the lookup cannot miss.
        Some(key) => SchoolId::parse(key)
            .and_then(|school| names.get(&school))
            .map(|school| ctx.notify.messages(id, ReferralPlace::School(school), region, centre_email))
            .unwrap_or_default(),
    }
}

/// Where each class of `counts` sits: its school and the school's respondents in the wave, the wave
/// counted and its period (`periods`, by wave id), whether its school's pages release it (so a
/// referral may name it), and who of its school's unnamed classes was asked each ruled indicator.
pub fn places_of(
    counts: &RegionCounts,
    periods: &BTreeMap<WaveId, ReportingPeriod>,
    instrument: &Instrument,
    k: K,
) -> DbResult<BTreeMap<String, ClassPlace>> {
    let ruled: Vec<(&str, u8)> = instrument
        .flag_rules()
        .iter()
        .map(|rule| (rule.indicator(), indicator_min_grade(instrument, rule.indicator())))
        .collect();
    let mut places = BTreeMap::new();
    for school in &counts.schools {
        let Some(wave) = counts.waves.get(&school.key) else { continue };
        let period = *periods.get(wave).ok_or_else(|| DbError::Corrupt(format!("wave {wave}")))?;
        let released = released_classes(school, k).map_err(|e| DbError::Corrupt(e.to_string()))?;
        let school_respondents = school.classes.iter().fold(0_u32, |n, class| n.saturating_add(class.respondents));
        let unnamed = school.classes.iter().filter(|class| !released.contains(&class.key));
        let unnamed_asked: BTreeMap<String, u32> = ruled
            .iter()
            .map(|&(indicator, grade)| {
                let asked =
                    unnamed.clone().filter(|c| c.grade >= grade).fold(0_u32, |n, c| n.saturating_add(c.respondents));
                (indicator.to_owned(), asked)
            })
            .collect();
        for class in &school.classes {
            let place = ClassPlace {
                school: school.key.clone(),
                school_respondents,
                wave: *wave,
                period,
                released: released.contains(&class.key),
                unnamed_asked: unnamed_asked.clone(),
            };
            places.insert(class.key.clone(), place);
        }
    }
    Ok(places)
}

/// The schools `drafts` name, read once for all their notices.
fn schools_of(conn: &mut DbConnection, drafts: &[ReferralDraft]) -> DbResult<BTreeMap<SchoolId, School>> {
    let ids = drafts
        .iter()
        .filter_map(ReferralDraft::school)
        .map(|key| SchoolId::parse(key).ok_or_else(|| DbError::Corrupt(format!("school {key}"))))
        .collect::<DbResult<BTreeSet<SchoolId>>>()?;
    schools::get_many(conn, &ids)
}
