//! The trust box's figures over HTTP, on SQLite and PostgreSQL (issue 19): a centre sees its own
//! region's published period and no other's, the national analyst every region side by side; a rare
//! topic is withheld with the part that would give it away; a period not yet published names nothing;
//! other roles are refused; each look is audited once.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use ahual::app::trust_box::pupil::{self, Letter};
use ahual::db::regions;
use ahual::domain::lang::Lang;
use ahual::domain::period::ReportingPeriod;
use ahual::domain::trust_box::record::Opening;
use ahual::domain::trust_box::text::MessageText;
use ahual::domain::trust_box::topic::{Addressee, Topic};
use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use common::audit_log::{mark, since};
use common::world::{PASSWORD, World};
use common::{Backend, TestApp};

/// A day of the spring half of 2025-2026, published on 2 September 2026.
fn in_spring(day: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, day, 6, 0, 0).unwrap()
}

fn spring() -> ReportingPeriod {
    ReportingPeriod::containing(NaiveDate::from_ymd_opt(2026, 3, 1).unwrap())
}

fn write(app: &TestApp, school: &str, topic: Topic, at: DateTime<Utc>) {
    let letter = Letter {
        school_code: school.into(),
        opening: Opening { topic, addressee: Addressee::School, in_danger: false },
        text: MessageText::parse("Бізде бір бала үнемі қорлайды").unwrap(),
        pin: None,
    };
    pupil::write(&mut app.conn(), &app.state().trust_box, &ahual::notify::NotifyPlan::default(), &letter, at)
        .unwrap()
        .unwrap();
}

/// School A (region KZ-71): 15 about bullying, 10 about something else, 1 about self-harm.
fn fill(app: &TestApp) {
    for day in 1..=15 {
        write(app, "SCH-A", Topic::Bullying, in_spring(day));
    }
    for day in 1..=10 {
        write(app, "SCH-A", Topic::Other, in_spring(day));
    }
    write(app, "SCH-A", Topic::SelfHarm, in_spring(20));
}

fn num(n: u32) -> String {
    format!("<td class=\"num\">{n}</td>")
}

async fn sign_in(app: &TestApp, login: &str) {
    app.clear_cookies();
    assert_eq!(app.login(login, PASSWORD).await.status, 303, "{login} signs in");
}

async fn a_centre_sees_its_regions_period_with_the_rare_topic_withheld_and_no_other_region(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    World::build(&mut app.conn());
    fill(&app);
    let at = format!("/centre/trust/figures?period={}", spring().id());

    sign_in(&app, "centre-a").await;
    let before = mark(&mut app.conn());
    let page = app.get(&at).await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains(&Lang::Kk.t("trust-figures-title")));
    assert!(page.body.contains(&num(26)) && page.body.contains(&num(15)), "the total and bullying are shown");
    assert!(!page.body.contains(&num(1)), "the one self-harm message is never a figure");
    assert!(!page.body.contains(&num(10)), "nor the part that would give it away by subtraction");
    assert_eq!(page.body.matches("<th scope=\"row\">").count(), 3, "one region, in each of the three tables");
    let audited = since(&mut app.conn(), before);
    assert_eq!(audited.len(), 1, "one look, one entry: {audited:?}");
    assert_eq!(audited[0].1, "view_trust_figures");
    assert!(audited[0].2.contains(&spring().id()) && audited[0].2.contains("KZ-71"), "{audited:?}");

    sign_in(&app, "centre-b").await;
    let other = app.get(&at).await;
    assert_eq!(other.status, 200);
    assert!(!other.body.contains(&num(26)) && !other.body.contains(&num(15)), "region B shows nothing of A");
}

async fn the_national_analyst_sees_every_region_side_by_side(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    World::build(&mut app.conn());
    fill(&app);
    let regions = regions::list(&mut app.conn()).unwrap();
    sign_in(&app, "national").await;
    let page = app.get(&format!("/national/trust?period={}", spring().id())).await;
    assert_eq!(page.status, 200);
    assert_eq!(page.body.matches("<th scope=\"row\">").count(), 3 * regions.len(), "every region in each table");
    for region in &regions {
        assert!(page.body.contains(region.name.get(Lang::Kk)), "{}", region.code.as_str());
    }
    // Region A's total, and its 26 still open at publication; the other regions have none.
    assert_eq!(page.body.matches(&num(26)).count(), 2);
    for lang in [Lang::Ru, Lang::En] {
        let page = app.get(&format!("/national/trust?period={}&lang={}", spring().id(), lang.code())).await;
        assert!(page.body.contains(&lang.t("trust-figures-title")), "{lang:?}");
    }
    assert!(app.get("/national").await.body.contains("/national/trust?period="), "the national page links to it");
}

async fn a_period_not_yet_published_names_nothing_and_other_roles_are_refused(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    World::build(&mut app.conn());
    let current = ReportingPeriod::containing(ahual::domain::survey::wave::local_date(Utc::now()));
    sign_in(&app, "centre-a").await;
    for period in [current.id(), "2026-2027-9".into(), "junk".into()] {
        assert_eq!(app.get(&format!("/centre/trust/figures?period={period}")).await.status, 404, "{period}");
    }
    assert_eq!(app.get("/centre/trust/figures").await.status, 200, "the latest published by default");
    assert_eq!(app.get("/national/trust").await.status, 403);
    sign_in(&app, "psy-a").await;
    assert_eq!(app.get("/centre/trust/figures").await.status, 403);
    assert_eq!(app.get("/national/trust").await.status, 403);
    app.clear_cookies();
    assert_eq!(app.get("/national/trust").await.status, 303, "strangers are sent to sign in");
}

on_both_backends!(
    a_centre_sees_its_regions_period_with_the_rare_topic_withheld_and_no_other_region,
    the_national_analyst_sees_every_region_side_by_side,
    a_period_not_yet_published_names_nothing_and_other_roles_are_refused,
);
