//! The flag run stores a region's referrals together (one transaction, a few multi-row statements) and
//! reads the region's counts streamed: on both backends, a first run stores exactly what storing each
//! draft alone stores, a rerun creates nothing and only restores a flag a referral lost, and the
//! region's counts are the stored rows.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use std::collections::BTreeMap;
use std::sync::Arc;

use ahual::app::run_flags::{self, FlagContext};
use ahual::db::schema::{audit_log, indicator_counts, outbox, referral_flags, referrals, wave_classes};
use ahual::db::schools::{self, SchoolFilter};
use ahual::db::{DbConnection, audit, region_counts, regions, waves};
use ahual::demo::ensure_demo;
use ahual::domain::flagging::flag_classes;
use ahual::domain::ids::{SchoolId, WaveId};
use ahual::domain::period::ReportingPeriod;
use ahual::domain::referral::ReferralPlace;
use ahual::domain::referral::drafts::drafts;
use ahual::domain::region::RegionCode;
use ahual::notify::NotifyPlan;
use chrono::NaiveDateTime;
use common::{Backend, TestDatabase};
use diesel::prelude::*;

/// k = 10 and a webhook, so every new referral also queues a message.
fn context() -> FlagContext {
    let plan = NotifyPlan {
        public_url: "https://ahual.example.kz".into(),
        email: false,
        webhook_url: Some("https://hooks.example.kz/ahual".into()),
    };
    FlagContext::new(Arc::new(common::catalog()), ahual::domain::disclosure::K::default(), plan)
}

/// What is stored about one referral, without its random id: the row, its flags and its messages.
type StoredReferral = (String, Vec<(String, String)>, Vec<(String, String, String)>);

/// Every referral by flag key.
fn stored(conn: &mut DbConnection) -> BTreeMap<String, StoredReferral> {
    type Row = (String, String, Option<String>, Option<String>, Option<String>, String, Option<String>, String, String);
    let rows: Vec<(Row, Option<String>, NaiveDateTime, NaiveDateTime, NaiveDateTime)> = referrals::table
        .select((
            (
                referrals::id,
                referrals::region_code,
                referrals::school_id,
                referrals::class_id,
                referrals::wave_id,
                referrals::source,
                referrals::flag_key,
                referrals::severity,
                referrals::status,
            ),
            referrals::raised_by,
            referrals::created_at,
            referrals::acknowledge_by,
            referrals::updated_at,
        ))
        .load(conn)
        .unwrap();
    let mut found = BTreeMap::new();
    for ((id, region, school, class, wave, source, key, severity, status), raised_by, created, due, updated) in rows {
        let row = format!(
            "{region} {school:?} {class:?} {wave:?} {source} {severity} {status} {raised_by:?} due after {} updated {}",
            due - created,
            updated == created
        );
        let flags: Vec<(String, String)> = referral_flags::table
            .filter(referral_flags::referral_id.eq(&id))
            .order(referral_flags::indicator_id)
            .select((referral_flags::indicator_id, referral_flags::severity))
            .load(conn)
            .unwrap();
        let mut messages: Vec<(String, String, String)> = outbox::table
            .filter(outbox::referral_id.eq(&id))
            .select((outbox::channel, outbox::recipient, outbox::body))
            .load(conn)
            .unwrap();
        for message in &mut messages {
            message.2 = message.2.replace(&id, "ID");
        }
        messages.sort();
        found.insert(key.expect("a flag referral has a flag key"), (row, flags, messages));
    }
    found
}

fn created_entries(conn: &mut DbConnection) -> i64 {
    audit_log::table.filter(audit_log::action.eq("referral_created")).count().get_result(conn).unwrap()
}

/// The demo school's wave (the one its flags ran over).
fn demo_wave(conn: &mut DbConnection) -> WaveId {
    let wave: Option<String> = referrals::table.select(referrals::wave_id).first(conn).unwrap();
    WaveId::parse(&wave.unwrap()).unwrap()
}

/// The drafts of the run over `wave`, stored one at a time with `referral_creation::create_from_draft`: what
/// every run did before runs stored their drafts together.
fn store_one_draft_at_a_time(conn: &mut DbConnection, wave: WaveId, ctx: &FlagContext, now: NaiveDateTime) {
    let row = waves::get(conn, wave, None).unwrap();
    let instrument = ctx.catalog.get(&row.instrument).unwrap();
    let region = schools::get(conn, row.school_id, SchoolFilter::All).unwrap().region;
    let counts = region_counts::latest(conn, &region, &row.instrument).unwrap();
    let mut periods = BTreeMap::new();
    for wave in counts.waves.values() {
        periods.insert(*wave, ReportingPeriod::containing(waves::get(conn, *wave, None).unwrap().closes_on));
    }
    let places = ahual::app::run_flags::places_of(&counts, &periods, instrument, ctx.k).unwrap();
    let centre_email = regions::get(conn, &region).unwrap().centre_email;
    for draft in drafts(&flag_classes(&counts.schools, instrument, ctx.k), &places, ctx.k) {
        let school =
            draft.school().map(|key| schools::get(conn, SchoolId::parse(key).unwrap(), SchoolFilter::All).unwrap());
        let place = match &school {
            Some(school) => ReferralPlace::School(school),
            None => ReferralPlace::Region,
        };
        let notices = |id| ctx.notify.messages(id, place.clone(), &region, &centre_email);
        ahual::db::referral_creation::create_from_draft(conn, &region, &draft, now, &notices)
            .unwrap()
            .expect("created");
    }
}

async fn a_first_run_stores_what_storing_each_draft_alone_stores(backend: Backend) {
    let db = TestDatabase::create(backend);
    let pool = db.pool();
    let mut conn = pool.get().unwrap();
    let ctx = context();
    ensure_demo(&mut conn, &ctx).unwrap();
    let together = stored(&mut conn);
    assert!(together.len() >= 2, "{together:?}");
    assert!(together.values().all(|(_, flags, messages)| !flags.is_empty() && messages.len() == 1));
    assert_eq!(created_entries(&mut conn), together.len() as i64);

    let wave = demo_wave(&mut conn);
    diesel::delete(outbox::table).execute(&mut conn).unwrap();
    diesel::delete(referral_flags::table).execute(&mut conn).unwrap();
    diesel::delete(referrals::table).execute(&mut conn).unwrap();
    store_one_draft_at_a_time(&mut conn, wave, &ctx, chrono::Utc::now().naive_utc());
    assert_eq!(stored(&mut conn), together, "the same referrals, flags and messages");
    assert_eq!(created_entries(&mut conn), 2 * together.len() as i64, "one audit entry per referral each time");
    let chain = audit::verify(&mut conn).unwrap();
    assert!(chain.is_ok(), "entries appended together link like single ones: {chain:?}");
}

async fn a_rerun_creates_nothing_and_restores_only_a_lost_flag(backend: Backend) {
    let db = TestDatabase::create(backend);
    let pool = db.pool();
    let mut conn = pool.get().unwrap();
    let ctx = context();
    ensure_demo(&mut conn, &ctx).unwrap();
    let first = stored(&mut conn);
    let entries = created_entries(&mut conn);
    let (referral, indicator): (String, String) = referral_flags::table
        .select((referral_flags::referral_id, referral_flags::indicator_id))
        .first(&mut conn)
        .unwrap();
    diesel::delete(
        referral_flags::table
            .filter(referral_flags::referral_id.eq(&referral))
            .filter(referral_flags::indicator_id.eq(&indicator)),
    )
    .execute(&mut conn)
    .unwrap();
    assert_ne!(stored(&mut conn), first);

    let wave = demo_wave(&mut conn);
    let again = run_flags::run(&mut conn, wave, &ctx, chrono::Utc::now().naive_utc()).unwrap();
    assert!(again.created.is_empty(), "{again:?}");
    assert_eq!(again.existing, first.len());
    assert_eq!(stored(&mut conn), first, "the lost flag is back; nothing else was written");
    assert_eq!(created_entries(&mut conn), entries);
    assert!(ahual::db::wave_flags::is_flagged(&mut conn, wave).unwrap());
}

async fn the_region_counts_are_the_stored_rows_and_latest_of_keeps_the_named_positives(backend: Backend) {
    let db = TestDatabase::create(backend);
    let pool = db.pool();
    let mut conn = pool.get().unwrap();
    ensure_demo(&mut conn, &context()).unwrap();
    let wave = demo_wave(&mut conn);
    let row = waves::get(&mut conn, wave, None).unwrap();
    let region = RegionCode::parse("KZ-71").unwrap();
    let all = region_counts::latest(&mut conn, &region, &row.instrument).unwrap();

    let wave_id = wave.to_string();
    let mut classes: Vec<(String, i32, i32)> = wave_classes::table
        .filter(wave_classes::wave_id.eq(&wave_id))
        .select((wave_classes::class_id, wave_classes::grade, wave_classes::responses))
        .load(&mut conn)
        .unwrap();
    classes.sort();
    let positives: BTreeMap<(String, String), i32> = indicator_counts::table
        .filter(indicator_counts::wave_id.eq(&wave_id))
        .select((indicator_counts::class_id, indicator_counts::indicator_id, indicator_counts::positives))
        .load::<(String, String, i32)>(&mut conn)
        .unwrap()
        .into_iter()
        .map(|(class, indicator, n)| ((class, indicator), n))
        .collect();
    assert_eq!(all.schools.len(), 1);
    assert_eq!(all.waves[&all.schools[0].key], wave);
    let read: Vec<(String, i32, i32)> =
        all.schools[0].classes.iter().map(|c| (c.key.clone(), i32::from(c.grade), c.respondents as i32)).collect();
    assert_eq!(read, classes, "every class of the wave, sorted by id");
    let read_positives: BTreeMap<(String, String), i32> = all.schools[0]
        .classes
        .iter()
        .flat_map(|c| c.indicators.iter().map(|(i, n)| ((c.key.clone(), i.clone()), *n as i32)))
        .collect();
    assert_eq!(read_positives, positives, "every indicator row in its class");

    let named = ["bullying_victim", "acute_risk"];
    let some = region_counts::latest_of(&mut conn, &region, &row.instrument, &named).unwrap();
    assert_eq!(some.waves, all.waves);
    let mut expected = all.schools.clone();
    for class in expected.iter_mut().flat_map(|s| s.classes.iter_mut()) {
        class.indicators.retain(|indicator, positives| named.contains(&indicator.as_str()) && *positives > 0);
    }
    assert!(
        all.schools[0].classes.iter().any(|c| c.indicators.get("bullying_victim") == Some(&0)),
        "the demo has a stored zero for the flag read to leave out"
    );
    assert_eq!(some.schools, expected, "the named indicators' positives, and no zeros");
}

on_both_backends!(
    a_first_run_stores_what_storing_each_draft_alone_stores,
    a_rerun_creates_nothing_and_restores_only_a_lost_flag,
    the_region_counts_are_the_stored_rows_and_latest_of_keeps_the_named_positives,
);
