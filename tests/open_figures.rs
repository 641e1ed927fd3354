//! Open figures (issue 21), on SQLite and PostgreSQL: anyone, without signing in, reads a region's
//! released climate figures and its centre's referral and trust box figures for a published period,
//! in kk/ru/en, as a page and as CSV; no school or class is named; a count below k is withheld with
//! what would give it away; a period not yet published names nothing; what the centre does after
//! publication changes no figure; the national analyst sees every centre side by side, audited.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use ahual::app::close_wave;
use ahual::app::trust_box::pupil::{self, Letter};
use ahual::db::{referral_creation, referrals};
use ahual::domain::audit::Actor;
use ahual::domain::ids::ReferralId;
use ahual::domain::lang::Lang;
use ahual::domain::period::ReportingPeriod;
use ahual::domain::referral::{ManualReferral, NoteText, Outcome, ReferralStatus};
use ahual::domain::survey::wave::local_date;
use ahual::domain::trust_box::record::Opening;
use ahual::domain::trust_box::text::MessageText;
use ahual::domain::trust_box::topic::{Addressee, Topic};
use chrono::{Duration, NaiveDateTime, Utc};
use common::audit_log::{mark, since};
use common::world::{PASSWORD, World};
use common::{Backend, TestApp};

/// The last published period: the one the open pages show by default.
fn last() -> ReportingPeriod {
    ReportingPeriod::latest_published(local_date(Utc::now()))
}

/// Day `day` of the last published period at 06:00 UTC (11:00 in Kazakhstan).
fn on_day(day: i64) -> NaiveDateTime {
    last().began_at() + Duration::days(day) + Duration::hours(11)
}

fn raise(app: &TestApp, world: &World, urgent: bool, at: NaiveDateTime) -> ReferralId {
    let manual = ManualReferral {
        school: world.school_a,
        class: world.class_a,
        urgent,
        note: NoteText::parse("Сыныпта қиын жағдай").unwrap(),
        raised_by: world.psy_a,
    };
    referral_creation::create_manual(&mut app.conn(), &manual, at, &|_| Vec::new()).unwrap()
}

fn step(
    app: &TestApp,
    id: ReferralId,
    from: ReferralStatus,
    to: ReferralStatus,
    outcome: Option<&Outcome>,
    at: NaiveDateTime,
) {
    assert!(referrals::set_status(&mut app.conn(), id, from, to, outcome, at).unwrap(), "{from:?} → {to:?}");
}

fn write(app: &TestApp, topic: Topic, at: NaiveDateTime) {
    let letter = Letter {
        school_code: "SCH-A".into(),
        opening: Opening { topic, addressee: Addressee::School, in_danger: false },
        text: MessageText::parse("Бізде бір бала үнемі қорлайды").unwrap(),
        pin: None,
    };
    let plan = ahual::notify::NotifyPlan::default();
    pupil::write(&mut app.conn(), &app.state().trust_box, &plan, &letter, at.and_utc()).unwrap().unwrap();
}

/// Region KZ-71 in the last published period: school A's wave of 22 pupils; 12 ordinary referrals
/// acknowledged the next day and closed with an intervention, 10 urgent ones never acknowledged;
/// 15 trust box letters about bullying and 1 about self-harm. Returns the urgent referrals.
fn fill(app: &TestApp, world: &World) -> Vec<ReferralId> {
    common::pupil::fill(&mut app.conn(), world.wave_a, &[("7A", 22, r#"{"victim_verbal":3}"#)]);
    close_wave::close(&mut app.conn(), world.wave_a, None, Actor::Cli, &common::flags(), Utc::now().naive_utc())
        .unwrap();
    common::pupil::into_last_published_period(&mut app.conn(), world.wave_a);
    for day in 0..12 {
        let id = raise(app, world, false, on_day(7 + day));
        step(app, id, ReferralStatus::New, ReferralStatus::Acknowledged, None, on_day(8 + day));
        step(app, id, ReferralStatus::Acknowledged, ReferralStatus::InProgress, None, on_day(9 + day));
        let held = Outcome::InterventionHeld;
        step(app, id, ReferralStatus::InProgress, ReferralStatus::Closed, Some(&held), on_day(20 + day));
    }
    let urgent = (0..10).map(|day| raise(app, world, true, on_day(40 + day))).collect();
    for day in 0..15 {
        write(app, Topic::Bullying, on_day(30 + day));
    }
    write(app, Topic::SelfHarm, on_day(50));
    urgent
}

fn num(n: u32) -> String {
    format!("<td class=\"num\">{n}</td>")
}

async fn anyone_reads_a_regions_period_in_three_languages_and_no_school_or_class_is_named(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let world = World::build(&mut app.conn());
    fill(&app, &world);
    let region =
        ahual::db::regions::get(&mut app.conn(), &ahual::domain::region::RegionCode::parse("KZ-71").unwrap()).unwrap();
    let at = format!("/open/KZ-71?period={}", last().id());
    for lang in Lang::ALL {
        let page = app.get(&format!("{at}&lang={}", lang.code())).await;
        assert_eq!(page.status, 200, "no sign-in needed: {}", page.body);
        let title = lang.t_args("open-region-title", &[("region", ahual::i18n::arg(region.name.get(lang)))]);
        assert!(page.body.contains(&title), "{lang:?}: the region's title");
        assert!(page.body.contains(&lang.t("open-referrals-overdue")), "{lang:?}");
        for named in ["SCH-A", "SCH-B", "7A", "Школа", "мектебі", "School SCH"] {
            assert!(!page.body.contains(named), "{lang:?}: {named} is named on the public page");
        }
        assert!(
            page.body.contains(&format!("<th scope=\"col\">{}</th>", region.name.get(lang))),
            "the region's column"
        );
        assert!(page.body.contains(&num(22)), "22 pupils answered; 22 referrals arrived");
        assert!(page.body.contains(&num(10)) && page.body.contains(&num(12)), "10 urgent and overdue, 12 others");
        assert!(page.body.contains(&num(16)), "16 trust box letters");
        assert!(
            !page.body.contains(&num(15)) && !page.body.contains(&num(1)),
            "the lone self-harm letter hides bullying"
        );
        assert!(page.body.contains("55%"), "12 of 22 acknowledged by the deadline");
        assert!(page.body.contains("12 (55%)"), "12 of 22 closed with an intervention, and their share");
    }
    assert_eq!(app.cookie_count(), 0, "the public page leaves no cookie");

    let csv = app.get(&format!("/open/KZ-71/figures.csv?period={}", last().id())).await;
    assert_eq!(csv.status, 200);
    for row in [
        "climate:school-climate",
        "referrals,received,22",
        "referrals,severity:urgent,10",
        "referrals,at_period_end:overdue,10",
        "referrals,at_publication:intervention_held,12",
        "referrals,at_publication_share:intervention_held,55%",
        "referrals,acknowledged_in_time,55%",
        "trust_box,conversations,16",
        "trust_box,topic:self_harm,\n",
    ] {
        assert!(csv.body.contains(row), "the CSV holds {row:?}:\n{}", csv.body);
    }
    assert!(!csv.body.contains("SCH-A") && !csv.body.contains(",7A"), "the CSV names no school or class");

    let index = app.get("/open?lang=en").await;
    assert_eq!(index.status, 200);
    assert!(index.body.contains("href=\"/open/KZ-71?period=") && index.body.contains("href=\"/open/KZ-75?period="));
    assert!(index.body.contains(&num(22)), "every centre side by side: KZ-71 received 22");
}

async fn a_period_not_yet_published_or_a_region_that_is_not_names_nothing(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    World::build(&mut app.conn());
    let current = ReportingPeriod::containing(local_date(Utc::now()));
    for path in [
        format!("/open/KZ-71?period={}", current.id()),
        format!("/open/KZ-71/figures.csv?period={}", current.id()),
        format!("/open?period={}", current.id()),
        "/open/KZ-71?period=2026-27-9".to_owned(),
        "/open/KZ-99".to_owned(),
        "/open/..%2Fadmin".to_owned(),
    ] {
        assert_eq!(app.get(&path).await.status, 404, "{path}");
    }
    let empty = app.get(&format!("/open/KZ-75?period={}&lang=en", last().id())).await;
    assert_eq!(empty.status, 200);
    assert!(empty.body.contains(&Lang::En.t("open-climate-none")), "a region with nothing counted says so");
}

async fn what_the_centre_does_after_publication_changes_no_figure(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let world = World::build(&mut app.conn());
    let urgent = fill(&app, &world);
    let at = format!("/open/KZ-71?period={}&lang=en", last().id());
    let before = app.get(&at).await;
    let csv_before = app.get(&format!("/open/KZ-71/figures.csv?period={}", last().id())).await;
    let now = Utc::now().naive_utc();
    for id in urgent {
        step(&app, id, ReferralStatus::New, ReferralStatus::Acknowledged, None, now);
    }
    raise(&app, &world, true, now);
    write(&app, Topic::Bullying, now);
    assert_eq!(app.get(&at).await.body, before.body, "the page of a published period never changes");
    let csv_after = app.get(&format!("/open/KZ-71/figures.csv?period={}", last().id())).await;
    assert_eq!(csv_after.body, csv_before.body);
}

async fn the_national_analyst_sees_every_centre_side_by_side_and_the_look_is_audited(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let world = World::build(&mut app.conn());
    fill(&app, &world);
    let at = format!("/national/centres?period={}", last().id());
    for login in ["psy-a", "centre-a", "admin"] {
        app.clear_cookies();
        app.login(login, PASSWORD).await;
        assert_eq!(app.get(&at).await.status, 403, "{login}");
    }
    app.clear_cookies();
    app.login("national", PASSWORD).await;
    let before = mark(&mut app.conn());
    let page = app.get(&at).await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(page.body.contains(&num(22)) && page.body.contains("55%"));
    assert_eq!(page.body.matches("<th scope=\"row\">").count(), 20, "every region has its row");
    let audited = since(&mut app.conn(), before);
    assert_eq!(audited.len(), 1, "{audited:?}");
    assert_eq!(audited[0].1, "view_centre_figures");
    assert!(audited[0].2.contains(&last().id()));
}

on_both_backends!(
    anyone_reads_a_regions_period_in_three_languages_and_no_school_or_class_is_named,
    a_period_not_yet_published_or_a_region_that_is_not_names_nothing,
    what_the_centre_does_after_publication_changes_no_figure,
    the_national_analyst_sees_every_centre_side_by_side_and_the_look_is_audited,
);
