//! A school whose closed wave has fewer than k respondents in all is never named by a referral
//! (docs/privacy.md#signals-domainreferraldraftsrs, issue 17). Its urgent signal becomes a referral
//! of its region that names no school, no class and no wave: the region's centre sees and works it
//! (HTML and API), the school's own psychologist and another region's centre never see it, and its
//! notices name no school. A school of at least k keeps its own referral. The pooled referral of a
//! region and period stays out of sight until the period is published. On SQLite and PostgreSQL.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use std::sync::Arc;

use ahual::app::close_wave;
use ahual::app::run_flags::FlagContext;
use ahual::db::schema::{outbox, referrals as referral_rows};
use ahual::db::{flag_referrals, referrals};
use ahual::domain::account::RoleScope;
use ahual::domain::audit::Actor;
use ahual::domain::ids::{ReferralId, SchoolId, WaveId};
use ahual::domain::lang::Lang;
use ahual::domain::password::hash_password;
use ahual::domain::period::ReportingPeriod;
use ahual::domain::referral::drafts::{DraftPlace, ReferralDraft, RegionBatch};
use ahual::domain::referral::{InboxFilter, Referral, ReferralPlace, ReferralScope, ReferralStatus};
use ahual::domain::region::RegionCode;
use ahual::domain::statistics::Severity;
use ahual::domain::survey::wave::AccessMode;
use ahual::notify::NotifyPlan;
use chrono::{NaiveDateTime, Timelike, Utc};
use common::pupil::{fill, open};
use common::world::{PASSWORD, World, class, school, user};
use common::{Backend, TestApp};
use diesel::prelude::*;
use serde_json::{Value, json};

const ACUTE: &str = r#"{"victim_verbal":0,"sh_now":1,"belong":4}"#;
const FINE: &str = r#"{"victim_verbal":0,"sh_now":0,"belong":4}"#;
/// The small school's psychologist.
const PSY_SMALL: &str = "psy-small";

fn astana() -> ReferralScope {
    ReferralScope::Region(RegionCode::parse("KZ-71").unwrap())
}

fn now() -> NaiveDateTime {
    Utc::now().naive_utc()
}

fn all_at(app: &TestApp, scope: &ReferralScope, at: NaiveDateTime) -> Vec<Referral> {
    referrals::list(&mut app.conn(), scope, &InboxFilter::default(), at).unwrap()
}

/// A school `code` in Astana with one grade-7 class per `(label, respondents, acute)`, its wave
/// answered and closed with `ctx` (which runs the flags).
fn school_with_wave(app: &TestApp, code: &str, classes: &[(&str, u32, u32)], ctx: &FlagContext) -> (SchoolId, WaveId) {
    let mut conn = app.conn();
    let id = school(&mut conn, code, "KZ-71");
    let ids = classes.iter().map(|(label, n, _)| class(&mut conn, id, label, 7, i64::from(*n))).collect();
    let wave = open(&mut conn, id, ids, AccessMode::Password).wave_id;
    for (label, n, acute) in classes {
        fill(&mut conn, wave, &[(label, *acute, ACUTE), (label, n - acute, FINE)]);
    }
    close_wave::close(&mut conn, wave, None, Actor::Cli, ctx, now()).unwrap();
    (id, wave)
}

/// The world, and a school of 7 respondents (one acute answer) with its own psychologist.
fn small_school_world(app: &TestApp, ctx: &FlagContext) -> (World, SchoolId, WaveId) {
    let world = World::build(&mut app.conn());
    let (small, wave) = school_with_wave(app, "SCH-SMALL", &[("7S", 7, 1)], ctx);
    user(&mut app.conn(), PSY_SMALL, RoleScope::Psychologist(small), &hash_password(PASSWORD).unwrap());
    (world, small, wave)
}

/// The one referral of the region, checked to name nothing.
fn the_region_referral(app: &TestApp) -> Referral {
    let found = all_at(app, &astana(), now());
    assert_eq!(found.len(), 1, "{found:?}");
    let referral = found[0].clone();
    assert_eq!(referral.place, ReferralPlace::Region, "no school named");
    assert_eq!((referral.class(), referral.wave_id), (None, None), "no class and no wave");
    referral
}

async fn a_small_schools_urgent_signal_becomes_a_referral_of_the_region(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (_, small, wave) = small_school_world(&app, &common::flags());
    let referral = the_region_referral(&app);
    assert_eq!(referral.severity, Severity::Urgent);
    assert_eq!(referral.flags, vec![("acute_risk".to_owned(), Severity::Urgent)]);
    assert_eq!((referral.created_at.minute(), referral.created_at.second()), (0, 0), "dated to the hour");
    assert_eq!(referral.acknowledge_by - referral.created_at, chrono::Duration::hours(24), "urgent: 24 hours");
    let naming: i64 = referral_rows::table
        .filter(referral_rows::school_id.eq(small.to_string()))
        .count()
        .get_result(&mut app.conn())
        .unwrap();
    assert_eq!(naming, 0, "no referral names the small school");
    let small_scope = ReferralScope::School(small);
    assert!(all_at(&app, &small_scope, now()).is_empty(), "nor is one in its scope");

    app.login("centre-a", PASSWORD).await;
    let inbox = app.get("/centre/referrals").await;
    assert_eq!(inbox.status, 200);
    assert!(inbox.body.contains(&referral.id.to_string()), "the centre sees it");
    assert!(inbox.body.contains(&Lang::Kk.t("referral-no-school")));
    assert!(inbox.body.contains(&Lang::Kk.t("referral-whole-region")));
    let page = app.get(&format!("/centre/referrals/{}", referral.id)).await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains(&Lang::Kk.t("referral-region-signal")), "it says what it is about");
    for shown in [table_body(&inbox.body), page.body.as_str()] {
        for named in ["SCH-SMALL", "7S", &small.to_string(), &wave.to_string(), "(n = "] {
            assert!(!shown.contains(named), "{named} is shown");
        }
        assert!(!shown.contains(&Lang::Kk.t("referral-small-class")), "and never that its source is small");
    }
    let api: Value = serde_json::from_str(&app.get(&format!("/api/v1/referrals/{}", referral.id)).await.body).unwrap();
    assert_eq!(api["place"], "region");
    assert_eq!((&api["school"], &api["class"], &api["wave_id"]), (&Value::Null, &Value::Null, &Value::Null));
    assert_eq!(api["region"], "KZ-71");
    let listed: Value = serde_json::from_str(&app.get("/api/v1/referrals").await.body).unwrap();
    assert_eq!(listed["referrals"][0]["id"], referral.id.to_string());
    assert_eq!(listed["referrals"][0]["school"], Value::Null);
    let schools_filter = app.get(&format!("/centre/referrals?school={small}")).await;
    assert!(!schools_filter.body.contains(&referral.id.to_string()), "no school to filter it by");
}

async fn the_centre_works_a_region_referral_to_its_end(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    small_school_world(&app, &common::flags());
    let id = the_region_referral(&app).id;
    let path = format!("/centre/referrals/{id}");
    app.login("centre-a", PASSWORD).await;
    let ack =
        app.post_form(&format!("{path}/transition"), &[("to", "acknowledged"), ("note", "Calling schools")]).await;
    assert_eq!(ack.status, 303);
    let start =
        app.post_json(&format!("/api/v1/referrals/{id}/transition"), &json!({ "to": "in_progress" }), None).await;
    assert_eq!(start.status, 200, "{}", start.body);
    let note = app.post_form(&format!("{path}/notes"), &[("body", "Talks held in every school")]).await;
    assert_eq!(note.status, 303);
    let no_reason = app.post_form(&format!("{path}/transition"), &[("to", "closed"), ("outcome", "no_action")]).await;
    assert_eq!(no_reason.status, 409, "closing still needs its reason");
    let close =
        app.post_form(&format!("{path}/transition"), &[("to", "closed"), ("outcome", "intervention_held")]).await;
    assert_eq!(close.status, 303);
    let stored = referrals::get(&mut app.conn(), &astana(), id, now()).unwrap();
    assert_eq!(stored.status, ReferralStatus::Closed);
    assert_eq!(stored.outcome, Some(("intervention_held".to_owned(), None)));
    let notes = referrals::notes(&mut app.conn(), id).unwrap();
    assert_eq!(notes.len(), 2);
    assert!(notes.iter().all(|n| n.side == "centre"));
    let page = app.get(&path).await;
    assert!(page.body.contains("Talks held in every school") && page.body.contains(&Lang::Kk.t("referral-is-closed")));
    let entries = ahual::db::audit::recent(&mut app.conn(), 50).unwrap();
    let moves = entries.iter().filter(|e| e.action == "referral_transition" && e.subject.contains(&id.to_string()));
    assert_eq!(moves.count(), 3, "every step is audited");
    assert!(entries.iter().any(|e| e.action == "view_referral" && e.subject == format!("referral:{id}")));
}

async fn neither_the_small_school_nor_another_region_sees_it(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    small_school_world(&app, &common::flags());
    let id = the_region_referral(&app).id;
    for login in [PSY_SMALL, "psy-a"] {
        app.clear_cookies();
        app.login(login, PASSWORD).await;
        let list = app.get("/school/referrals").await;
        assert_eq!(list.status, 200);
        assert!(!list.body.contains(&id.to_string()), "{login} sees it listed");
        assert_eq!(app.get(&format!("/school/referrals/{id}")).await.status, 404, "{login}");
        assert_eq!(app.post_form(&format!("/school/referrals/{id}/notes"), &[("body", "x")]).await.status, 404);
        assert_eq!(app.get(&format!("/api/v1/referrals/{id}")).await.status, 404, "{login}");
        let listed: Value = serde_json::from_str(&app.get("/api/v1/referrals").await.body).unwrap();
        assert_eq!(listed["referrals"].as_array().unwrap().len(), 0, "{login}");
    }
    app.clear_cookies();
    app.login("centre-b", PASSWORD).await;
    assert_eq!(app.get(&format!("/centre/referrals/{id}")).await.status, 404);
    let step = app.post_form(&format!("/centre/referrals/{id}/transition"), &[("to", "acknowledged")]).await;
    assert_eq!(step.status, 404);
    assert!(!app.get("/centre/referrals").await.body.contains(&id.to_string()));
    let stored = referrals::get(&mut app.conn(), &astana(), id, now()).unwrap();
    assert_eq!(stored.status, ReferralStatus::New, "nothing moved");
}

/// k = 10 with e-mail and a webhook, so every new referral queues two messages.
fn notifying() -> FlagContext {
    let plan = NotifyPlan {
        public_url: "https://ahual.example.kz".into(),
        email: true,
        webhook_url: Some("https://hooks.example.kz/ahual".into()),
    };
    FlagContext::new(Arc::new(common::catalog()), ahual::domain::disclosure::K::default(), plan)
}

/// Every queued message of `referral`: (channel, subject and body).
fn messages_of(app: &TestApp, referral: ReferralId) -> Vec<(String, String)> {
    let rows: Vec<(String, String, String)> = outbox::table
        .filter(outbox::referral_id.eq(referral.to_string()))
        .select((outbox::channel, outbox::subject, outbox::body))
        .load(&mut app.conn())
        .unwrap();
    rows.into_iter().map(|(channel, subject, body)| (channel, format!("{subject}\n{body}"))).collect()
}

/// The rows of a page's table (the inbox's filters list every school of the region, as before).
fn table_body(page: &str) -> &str {
    let start = page.find("<tbody>").expect("a table");
    let end = page[start..].find("</tbody>").map_or(page.len(), |end| start + end);
    &page[start..end]
}

async fn notices_of_a_region_referral_name_no_school(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let ctx = notifying();
    let (_, small, _) = small_school_world(&app, &ctx);
    let (large, _) = school_with_wave(&app, "SCH-LARGE", &[("7L", 22, 1)], &ctx);
    let found = all_at(&app, &astana(), now());
    assert_eq!(found.len(), 2, "{found:?}");
    let region = found.iter().find(|r| r.place == ReferralPlace::Region).expect("a referral of the region");
    let named = found.iter().find(|r| r.school_id() == Some(large)).expect("the large school's own referral");
    let region_messages = messages_of(&app, region.id);
    assert_eq!(region_messages.len(), 2, "an e-mail and a webhook: {region_messages:?}");
    for (channel, text) in &region_messages {
        for word in ["SCH-SMALL", "мектебі", "Школа", "School SCH", &small.to_string(), "7S"] {
            assert!(!text.contains(word), "{word} in the {channel} notice: {text}");
        }
        assert!(text.contains(&format!("/centre/referrals/{}", region.id)), "it says where to look: {text}");
    }
    let hook = region_messages.iter().find(|(channel, _)| channel == "webhook").unwrap();
    let payload: Value = serde_json::from_str(hook.1.trim()).unwrap();
    assert!(payload["url"].as_str().unwrap().ends_with(&region.id.to_string()));
    assert_eq!(payload["school"], Value::Null);
    let named_messages = messages_of(&app, named.id);
    assert!(named_messages.iter().all(|(_, text)| text.contains("SCH-LARGE")), "a named school stays named");
}

async fn a_school_of_k_keeps_its_own_referral(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    World::build(&mut app.conn());
    let (exactly_k, _) = school_with_wave(&app, "SCH-TEN", &[("7T", 10, 1)], &common::flags());
    let (split, _) = school_with_wave(&app, "SCH-SPLIT", &[("7P", 7, 1), ("8P", 6, 0)], &common::flags());
    let found = all_at(&app, &astana(), now());
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(found.iter().all(|r| r.place != ReferralPlace::Region), "no referral of the region: {found:?}");
    let ten = found.iter().find(|r| r.school_id() == Some(exactly_k)).expect("the school of exactly k");
    assert_eq!(ten.class().map(|(_, label)| label.as_str()), Some("7T"), "its released class is named");
    let whole = found.iter().find(|r| r.school_id() == Some(split)).expect("the school of 13 in small classes");
    assert_eq!(whole.class(), None, "the school as a whole, as before");
    assert!(whole.wave_id.is_some());
}

/// A pooled referral of the region for `period`, as the flag run stores one.
fn pooled(period: ReportingPeriod) -> ReferralDraft {
    ReferralDraft {
        place: DraftPlace::Region(RegionBatch::Period(period)),
        flags: vec![("bullying_victim".to_owned(), Severity::Elevated)],
    }
}

async fn a_pooled_referral_of_the_region_waits_for_its_period(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    World::build(&mut app.conn());
    let region = RegionCode::parse("KZ-71").unwrap();
    let today = ahual::domain::survey::wave::local_date(Utc::now());
    let (current, past) = (ReportingPeriod::containing(today), ReportingPeriod::latest_published(today));
    let plan = notifying().notify;
    let notices = |_: &ReferralDraft, id| plan.messages(id, ReferralPlace::Region, &region, "psc@example.kz");
    let stored =
        flag_referrals::store(&mut app.conn(), &region, &[pooled(current), pooled(past)], now(), &notices).unwrap();
    assert_eq!(stored.created.len(), 2);
    let again = flag_referrals::store(&mut app.conn(), &region, &[pooled(current)], now(), &notices).unwrap();
    assert_eq!((again.created.len(), again.existing), (0, 1), "one referral per region and period");

    let visible = all_at(&app, &astana(), now());
    assert_eq!(visible.len(), 1, "only the published period's: {visible:?}");
    assert_eq!(visible[0].created_at, past.published_at(), "dated to when its period was published");
    assert_eq!(visible[0].place, ReferralPlace::Region);
    let held = *stored.created.iter().find(|id| **id != visible[0].id).unwrap();
    let later = all_at(&app, &astana(), current.published_at());
    assert!(later.iter().any(|r| r.id == held), "it appears when its period is published");
    let due_now = ahual::db::outbox::claim_due(&mut app.conn(), now(), 100).unwrap();
    assert_eq!(due_now.len(), 2, "only the published referral's notices are due");
    assert!(due_now.iter().all(|m| !m.body.contains(&held.to_string())));

    app.login("centre-a", PASSWORD).await;
    let inbox = app.get("/centre/referrals").await;
    assert!(inbox.body.contains(&visible[0].id.to_string()) && !inbox.body.contains(&held.to_string()));
    assert_eq!(app.get(&format!("/centre/referrals/{held}")).await.status, 404, "not before its time");
    assert_eq!(app.get(&format!("/api/v1/referrals/{held}")).await.status, 404);
    let step = app.post_form(&format!("/centre/referrals/{held}/transition"), &[("to", "acknowledged")]).await;
    assert_eq!(step.status, 404);
}

on_both_backends!(
    a_small_schools_urgent_signal_becomes_a_referral_of_the_region,
    the_centre_works_a_region_referral_to_its_end,
    neither_the_small_school_nor_another_region_sees_it,
    notices_of_a_region_referral_name_no_school,
    a_school_of_k_keeps_its_own_referral,
    a_pooled_referral_of_the_region_waits_for_its_period,
);
