//! Questionnaire versions over time (issue 20): a wave run with an older version keeps it (its form
//! and its figures), and a trend never joins two versions but says where the version changed. Runs
//! on SQLite and PostgreSQL.
#![allow(clippy::unwrap_used)]

use crate::common;

use ahual::app::close_wave;
use ahual::db::{audit, waves};
use ahual::domain::audit::Actor;
use ahual::domain::instrument::InstrumentKey;
use ahual::domain::lang::Lang;
use ahual::domain::period::ReportingPeriod;
use ahual::domain::survey::wave::{AccessMode, local_date};
use common::pupil::{open, open_version, start_form};
use common::world::{PASSWORD, World};
use common::{Backend, TestApp};

/// The version the shipped catalogue opens new waves with.
fn current_version() -> u32 {
    common::catalog().latest("school-climate").unwrap().version()
}

async fn a_trend_says_where_the_version_changed_and_does_not_join_the_versions(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let world = World::build(&mut app.conn());
    assert!(current_version() >= 2, "the shipped catalogue has a newer version than 1");
    let ctx = common::flags();
    let old = open_version(&mut app.conn(), world.school_a, vec![world.class_a], AccessMode::Password, 1);
    common::pupil::fill(&mut app.conn(), old.wave_id, &[("7A", 20, r#"{"victim_verbal":3}"#)]);
    close_wave::close(&mut app.conn(), old.wave_id, None, Actor::Cli, &ctx, chrono::Utc::now().naive_utc()).unwrap();
    common::pupil::fill(&mut app.conn(), world.wave_a, &[("7A", 15, r#"{"victim_verbal":0}"#)]);
    close_wave::close(&mut app.conn(), world.wave_a, None, Actor::Cli, &ctx, chrono::Utc::now().naive_utc()).unwrap();
    let published = ReportingPeriod::latest_published(local_date(chrono::Utc::now()));
    common::pupil::into_period(&mut app.conn(), old.wave_id, published.previous());
    common::pupil::into_period(&mut app.conn(), world.wave_a, published);
    let old_wave = waves::get(&mut app.conn(), old.wave_id, None).unwrap();
    let new_wave = waves::get(&mut app.conn(), world.wave_a, None).unwrap();
    assert_eq!((old_wave.instrument.version(), new_wave.instrument.version()), (1, current_version()));

    app.login("psy-a", PASSWORD).await;
    let page = app.get(&format!("/school/waves/{}", world.wave_a)).await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("7A (n = 15)"), "the new wave's own figures");
    let note = Lang::Kk.t_args(
        "figures-trend-version",
        &[
            ("version", ahual::i18n::arg(&current_version().to_string())),
            ("earlier", ahual::i18n::arg("1")),
            ("date", ahual::i18n::arg(&old_wave.closes_on.to_string())),
        ],
    );
    assert!(page.body.contains(&note), "the page says where the version changed");
    assert!(!page.body.contains("id=\"trend-bullying_victim"), "no trend chart joins version 1 and 2");
    let looks: Vec<String> = audit::recent(&mut app.conn(), 5).unwrap().into_iter().map(|e| e.action).collect();
    assert!(!looks.contains(&"view_trend".to_owned()), "and the version 1 wave is not looked at");

    let old_page = app.get(&format!("/school/waves/{}", old.wave_id)).await;
    assert_eq!(old_page.status, 200);
    assert!(old_page.body.contains("7A (n = 20)"), "the version 1 wave keeps its figures");
    assert!(!old_page.body.contains("trend-version-change"), "no change before the first version");
}

/// A wave opened with version 1 before version 2 shipped goes on asking version 1's questions.
async fn a_wave_run_with_version_one_keeps_its_questions(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let world = World::build(&mut app.conn());
    let catalog = common::catalog();
    let harm = |version: u32| {
        let instrument = catalog.get(&InstrumentKey::new("school-climate", version)).unwrap();
        maud::html! { (instrument.item("sh_harm").unwrap().text().get(ahual::domain::lang::Lang::Ru)) }.into_string()
    };
    let (old_words, new_words) = (harm(1), harm(current_version()));
    assert_ne!(old_words, new_words, "the versions word sh_harm differently");
    let old = open_version(&mut app.conn(), world.school_b, vec![], AccessMode::Password, 1);
    let pass = start_form(&app, old.classes[0].password.as_ref().unwrap(), "ru").await;
    let form = app.get(&format!("/survey/{pass}")).await;
    assert!(form.body.contains(&old_words) && !form.body.contains(&new_words), "version 1's words");
    let fresh = open(&mut app.conn(), world.school_a, vec![world.class_a], AccessMode::Password);
    let pass = start_form(&app, fresh.classes[0].password.as_ref().unwrap(), "ru").await;
    let form = app.get(&format!("/survey/{pass}")).await;
    assert!(form.body.contains(&new_words) && !form.body.contains(&old_words), "the current version's words");
}

/// A reporting period run with version 1 is still found on the region page once version 2 ships:
/// the newest version by default, each version by its link, never the two added together.
async fn the_region_page_offers_each_version(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let world = World::build(&mut app.conn());
    let ctx = common::flags();
    let now = chrono::Utc::now().naive_utc();
    close_wave::close(&mut app.conn(), world.wave_a, None, Actor::Cli, &ctx, now).unwrap();
    let big = common::world::school(&mut app.conn(), "SCH-BIG", "KZ-71");
    let big_class = common::world::class(&mut app.conn(), big, "8Q", 8, 30);
    for (school, class, label, n) in [(world.school_a, world.class_a, "7A", 22), (big, big_class, "8Q", 30)] {
        let wave = open_version(&mut app.conn(), school, vec![class], AccessMode::Password, 1).wave_id;
        common::pupil::fill(&mut app.conn(), wave, &[(label, n, r#"{"victim_verbal":3}"#)]);
        close_wave::close(&mut app.conn(), wave, None, Actor::Cli, &ctx, now).unwrap();
        common::pupil::into_last_published_period(&mut app.conn(), wave);
    }
    app.login("centre-a", PASSWORD).await;
    let newest = app.get("/centre/region").await;
    assert_eq!(newest.status, 200, "{}", newest.body);
    assert!(!newest.body.contains("SCH-BIG"), "version {} has no waves in the period", current_version());
    assert!(newest.body.contains(&Lang::Kk.t("figures-version-nav")), "the other version is offered");
    let link = "/centre/region?instrument=school-climate&amp;version=1&amp;period=";
    assert!(newest.body.contains(link), "a link to version 1 of the same period");
    let old = app.get("/centre/region?instrument=school-climate&version=1").await;
    assert_eq!(old.status, 200, "{}", old.body);
    assert!(old.body.contains("SCH-BIG") && old.body.contains(&Lang::Kk.t("region-whole")), "version 1's figures");
    assert!(old.body.contains("version=1&amp;period=") && old.body.contains("aria-current=\"page\">1<"));
    assert_eq!(app.get("/centre/region?instrument=school-climate&version=9").await.status, 404);
}

on_both_backends!(
    a_trend_says_where_the_version_changed_and_does_not_join_the_versions,
    a_wave_run_with_version_one_keeps_its_questions,
    the_region_page_offers_each_version,
);
