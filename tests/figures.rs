//! Released figures of a closed wave (issue 4, first part): the dashboard shows only groups of at
//! least k with intervals, the small class appears nowhere (page, chart, CSV), an open wave shows no
//! figures, another school's figures are not found, every look is in the hash-chained audit log, and
//! a funnel plot is drawn only for five groups or more.
#![allow(clippy::unwrap_used)]

use crate::common;

use ahual::app::close_wave;
use ahual::db::{audit, waves};
use ahual::demo::ensure_demo;
use ahual::domain::audit::{Actor, AuditAction};
use ahual::domain::ids::UserId;
use ahual::domain::lang::Lang;
use ahual::domain::period::ReportingPeriod;
use ahual::domain::survey::wave::local_date;
use common::world::{PASSWORD, World};
use common::{Backend, TestApp};

async fn demo_wave(app: &TestApp) -> String {
    ensure_demo(&mut app.conn(), &common::flags()).unwrap();
    assert_eq!(app.login("psy", "demo-psy-pass").await.status, 303);
    let code = ahual::domain::organisation::SchoolCode::parse(ahual::demo::DEMO_SCHOOL).unwrap();
    let school = ahual::db::schools::find_by_code(&mut app.conn(), &code).unwrap();
    let list = app.get("/school/waves").await;
    let wave = waves::list_for_school(&mut app.conn(), school.id).unwrap()[0].id.to_string();
    assert!(list.body.contains(&wave), "the wave is listed");
    wave
}

async fn the_psychologist_sees_charts_with_intervals_and_the_small_class_nowhere(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let wave = demo_wave(&app).await;
    let page = app.get(&format!("/school/waves/{wave}")).await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains(&Lang::Kk.t("figures-title")));
    assert!(page.body.contains("<svg") && page.body.contains("role=\"img\""), "server-rendered charts");
    assert!(page.body.contains("7A (n = 23)"), "a released class with its n");
    assert!(!page.body.contains("10A (n"), "the class below k has no figures");
    let withheld_note = Lang::Kk.t_args("figures-withheld", &[("classes", ahual::i18n::arg("5A, 10A"))]);
    assert!(page.body.contains(&withheld_note), "withheld classes are named, with their complement");
    let dashboard = &page.body[page.body.find("class=\"dashboard\"").unwrap()..];
    let withheld_at = dashboard.find(&withheld_note).unwrap();
    assert!(!dashboard[..withheld_at].contains("10A"), "no table column, chart row or mark for 10A");
    let csv = app.get(&format!("/school/waves/{wave}/figures.csv")).await;
    assert_eq!(csv.status, 200);
    assert!(csv.body.contains("k=10") && csv.body.contains("version=2"), "the demo runs the current questionnaire");
    assert!(csv.body.contains("class,7A,23,bullying_victim,"));
    assert!(!csv.body.contains(",10A,") && !csv.body.contains(",5A,"), "suppressed in the export too");
    let rows = csv.body.lines().filter(|l| !l.starts_with('#')).count();
    assert!(rows > 10);
    let referrals =
        audit::recent(&mut app.conn(), 50).unwrap().iter().filter(|e| e.action == "referral_created").count();
    assert!(referrals >= 2, "the demo's flag run referred its planted classes");
    let chain = audit::verify(&mut app.conn()).unwrap();
    assert_eq!(
        chain,
        Ok(3 + referrals as i64 + 3),
        "an intact chain: the demo's wave opened with its passwords and closed, the referrals, then three looks"
    );
    let mut actions: Vec<String> = audit::recent(&mut app.conn(), 3).unwrap().into_iter().map(|e| e.action).collect();
    actions.sort();
    assert_eq!(
        actions,
        ["export_csv", "view_figures", "view_region"],
        "the view, its region comparison and the export"
    );
}

async fn an_open_wave_shows_no_figures_and_another_school_gets_nothing(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let world = World::build(&mut app.conn());
    app.login("psy-a", PASSWORD).await;
    let open_page = app.get(&format!("/school/waves/{}", world.wave_a)).await;
    assert_eq!(open_page.status, 200);
    assert!(!open_page.body.contains(&Lang::Kk.t("figures-title")), "nothing before close");
    assert_eq!(app.get(&format!("/school/waves/{}/figures.csv", world.wave_a)).await.status, 409);
    common::close_now(&mut app.conn(), world.wave_a);
    assert!(waves::get(&mut app.conn(), world.wave_a, None).unwrap().closed);
    let closed_page = app.get(&format!("/school/waves/{}", world.wave_a)).await;
    assert!(closed_page.body.contains(&Lang::Kk.t("figures-nothing-released")), "no responses: nothing to release");
    app.clear_cookies();
    app.login("psy-b", PASSWORD).await;
    assert_eq!(app.get(&format!("/school/waves/{}", world.wave_a)).await.status, 404);
    assert_eq!(app.get(&format!("/school/waves/{}/figures.csv", world.wave_a)).await.status, 404);
    app.clear_cookies();
    app.login("centre-a", PASSWORD).await;
    assert_eq!(app.get(&format!("/school/waves/{}/figures.csv", world.wave_a)).await.status, 403);
}

/// Every chart on a page parses as XML with the accessible root the charts promise.
pub(crate) fn assert_charts_are_well_formed_svg(body: &str) -> usize {
    let mut count = 0;
    let mut rest = body;
    while let Some(start) = rest.find("<svg") {
        let end = rest[start..].find("</svg>").unwrap() + start + 6;
        let svg = &rest[start..end];
        let doc = roxmltree::Document::parse(svg).unwrap_or_else(|e| panic!("malformed SVG ({e}): {svg}"));
        assert_eq!(doc.root_element().attribute("role"), Some("img"));
        assert!(!svg.contains("style=") && !svg.contains("<script"));
        count += 1;
        rest = &rest[end..];
    }
    count
}

async fn charts_are_well_formed_and_trends_appear_when_two_waves_met_k(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let world = World::build(&mut app.conn());
    let ctx = common::flags();
    common::pupil::fill(&mut app.conn(), world.wave_a, &[("7A", 20, r#"{"victim_verbal":3}"#)]);
    close_wave::close(&mut app.conn(), world.wave_a, None, Actor::Cli, &ctx, chrono::Utc::now().naive_utc()).unwrap();
    let second = common::pupil::open(
        &mut app.conn(),
        world.school_a,
        vec![world.class_a],
        ahual::domain::survey::wave::AccessMode::Password,
    );
    common::pupil::fill(&mut app.conn(), second.wave_id, &[("7A", 15, r#"{"victim_verbal":0}"#)]);
    close_wave::close(&mut app.conn(), second.wave_id, None, Actor::Cli, &ctx, chrono::Utc::now().naive_utc()).unwrap();
    let published = ReportingPeriod::latest_published(local_date(chrono::Utc::now()));
    common::pupil::into_period(&mut app.conn(), world.wave_a, published.previous());
    common::pupil::into_period(&mut app.conn(), second.wave_id, published);
    app.login("psy-a", PASSWORD).await;
    let first_page = app.get(&format!("/school/waves/{}", world.wave_a)).await;
    assert!(assert_charts_are_well_formed_svg(&first_page.body) >= 3);
    let page = app.get(&format!("/school/waves/{}", second.wave_id)).await;
    assert!(page.body.contains(&Lang::Kk.t("figures-trends")), "two waves of the same version met k");
    assert!(page.body.contains("id=\"trend-bullying_victim"), "a trend chart for the indicator");
    assert!(assert_charts_are_well_formed_svg(&page.body) >= 4);
    let newest: Vec<String> = audit::recent(&mut app.conn(), 3)
        .unwrap()
        .into_iter()
        .rev()
        .map(|e| format!("{} {}", e.action, e.subject))
        .collect();
    assert_eq!(newest.len(), 3);
    assert_eq!(
        newest[0],
        format!("view_figures wave:{}", second.wave_id),
        "the wave, then its trend, then the region: {newest:?}"
    );
    assert_eq!(newest[1], format!("view_trend wave:{}", world.wave_a));
    assert!(newest[2].starts_with("view_region region:KZ-71:school-climate:"));
    assert!(audit::verify(&mut app.conn()).unwrap().is_ok(), "the looks recorded together still chain");
}

/// A trend compares like with like: a wave over 7A and 7B is not set next to an earlier one over 7A
/// alone, whose difference would be 7B's pupils at no one moment.
async fn no_trend_joins_waves_over_different_classes(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let world = World::build(&mut app.conn());
    let ctx = common::flags();
    common::pupil::fill(&mut app.conn(), world.wave_a, &[("7A", 20, r#"{"victim_verbal":3}"#)]);
    close_wave::close(&mut app.conn(), world.wave_a, None, Actor::Cli, &ctx, chrono::Utc::now().naive_utc()).unwrap();
    let published = ReportingPeriod::latest_published(local_date(chrono::Utc::now()));
    common::pupil::into_period(&mut app.conn(), world.wave_a, published);
    let class_b = common::world::class(&mut app.conn(), world.school_a, "7B", 7, 25);
    let mode = ahual::domain::survey::wave::AccessMode::Password;
    let second = common::pupil::open(&mut app.conn(), world.school_a, vec![world.class_a, class_b], mode);
    let answers = [("7A", 15, r#"{"victim_verbal":0}"#), ("7B", 15, r#"{"victim_verbal":0}"#)];
    common::pupil::fill(&mut app.conn(), second.wave_id, &answers);
    close_wave::close(&mut app.conn(), second.wave_id, None, Actor::Cli, &ctx, chrono::Utc::now().naive_utc()).unwrap();
    app.login("psy-a", PASSWORD).await;
    let page = app.get(&format!("/school/waves/{}", second.wave_id)).await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("7B (n = 15)"), "the wave's own figures are shown");
    assert!(!page.body.contains(&Lang::Kk.t("figures-trends")), "no trend across different class sets");
    let looks: Vec<String> = audit::recent(&mut app.conn(), 5).unwrap().into_iter().map(|e| e.action).collect();
    assert!(!looks.contains(&"view_trend".to_owned()), "and no look at the earlier wave is recorded");
}

/// A closed wave's figures section is kept between views: a class renamed, or another wave of the
/// region counted, must show at the next view, and every view must still be audited.
async fn a_kept_dashboard_follows_renamed_classes_and_newly_counted_waves(backend: Backend) {
    use ahual::db::classes;
    use ahual::domain::organisation::{ClassLabel, Grade, Roll};
    use ahual::domain::school::ClassFields;
    use ahual::domain::survey::wave::AccessMode;
    let app = TestApp::spawn(backend).await;
    let world = World::build(&mut app.conn());
    let ctx = common::flags();
    common::pupil::fill(&mut app.conn(), world.wave_a, &[("7A", 20, r#"{"victim_verbal":3}"#)]);
    close_wave::close(&mut app.conn(), world.wave_a, None, Actor::Cli, &ctx, chrono::Utc::now().naive_utc()).unwrap();
    common::pupil::into_last_published_period(&mut app.conn(), world.wave_a);
    app.login("psy-a", PASSWORD).await;
    let path = format!("/school/waves/{}", world.wave_a);
    let section = |body: &str| {
        let start = body.find("class=\"dashboard\"").unwrap();
        let end = body[start..].find("</main>").map_or(body.len(), |e| start + e);
        body[start..end].to_owned()
    };
    let looks = |app: &TestApp| {
        audit::recent(&mut app.conn(), 1000).unwrap().iter().filter(|e| e.action == "view_figures").count()
    };
    let first = section(&app.get(&path).await.body);
    assert!(first.contains("7A (n = 20)"), "{first}");
    assert_eq!(section(&app.get(&path).await.body), first, "nothing changed: the same section");

    let renamed = ClassFields {
        label: ClassLabel::parse("7Z").unwrap(),
        grade: Grade::new(7).unwrap(),
        roll: Roll::new(25).unwrap(),
    };
    classes::update(&mut app.conn(), world.school_a, world.class_a, &renamed).unwrap();
    let after_rename = section(&app.get(&path).await.body);
    assert!(after_rename.contains("7Z (n = 20)") && !after_rename.contains("7A (n"), "{after_rename}");

    let other = common::world::school(&mut app.conn(), "SCH-NEIGHBOUR", "KZ-71");
    let other_class = common::world::class(&mut app.conn(), other, "8N", 8, 30);
    let wave = common::pupil::open(&mut app.conn(), other, vec![other_class], AccessMode::Password).wave_id;
    common::pupil::fill(&mut app.conn(), wave, &[("8N", 30, r#"{"victim_verbal":0}"#)]);
    close_wave::close(&mut app.conn(), wave, None, Actor::Cli, &ctx, chrono::Utc::now().naive_utc()).unwrap();
    common::pupil::into_last_published_period(&mut app.conn(), wave);
    let after_count = section(&app.get(&path).await.body);
    assert_ne!(after_count, after_rename, "the region's reference lines follow the newly counted school");
    assert_eq!(section(&app.get(&path).await.body), after_count, "and are kept again");
    assert_eq!(looks(&app), 5, "each of the five views is audited, kept section or not");
    assert!(audit::verify(&mut app.conn()).unwrap().is_ok());
}

/// A funnel plot is drawn for five released groups or more; below that the page says why not.
async fn a_funnel_plot_needs_five_groups_and_says_why_below(backend: Backend) {
    use ahual::domain::survey::wave::AccessMode;
    let app = TestApp::spawn(backend).await;
    World::build(&mut app.conn());
    let funnel_of = |body: &str| {
        let at = body.find("id=\"funnel\"").expect("the funnel's place on the page");
        body[at..at + body[at..].find("</figure>").unwrap()].to_owned()
    };
    let mut waves = Vec::new();
    for (code, classes) in [("SCH-FOUR", 4), ("SCH-FIVE", 5)] {
        let school = common::world::school(&mut app.conn(), code, "KZ-71");
        let labels: Vec<String> = (0..classes).map(|i| format!("8{}", char::from(b'A' + i))).collect();
        let ids = labels.iter().map(|l| common::world::class(&mut app.conn(), school, l, 8, 25)).collect();
        let wave = common::pupil::open(&mut app.conn(), school, ids, AccessMode::Password).wave_id;
        let fill: Vec<(&str, u32, &str)> = labels.iter().map(|l| (l.as_str(), 20, r#"{"victim_verbal":3}"#)).collect();
        common::pupil::fill(&mut app.conn(), wave, &fill);
        common::close_now(&mut app.conn(), wave);
        waves.push(wave);
    }
    assert_eq!(app.login("centre-a", PASSWORD).await.status, 303);
    let four = funnel_of(&app.get(&format!("/centre/waves/{}", waves[0])).await.body);
    let why = Lang::Kk
        .t_args("figures-funnel-too-few", &[("shown", ahual::i18n::count(4)), ("least", ahual::i18n::count(5))]);
    assert!(four.contains(&why) && !four.contains("<svg"), "four classes: no plot, and why: {four}");
    let five = funnel_of(&app.get(&format!("/centre/waves/{}", waves[1])).await.body);
    assert!(five.contains("<svg") && !five.contains(&why), "five classes: the plot");
    for label in ["8A", "8B", "8C", "8D", "8E"] {
        assert!(five.contains(&format!("<title>{label}")), "a point for {label}");
    }
}

on_both_backends!(
    a_funnel_plot_needs_five_groups_and_says_why_below,
    a_kept_dashboard_follows_renamed_classes_and_newly_counted_waves,
    charts_are_well_formed_and_trends_appear_when_two_waves_met_k,
    no_trend_joins_waves_over_different_classes,
    the_psychologist_sees_charts_with_intervals_and_the_small_class_nowhere,
    an_open_wave_shows_no_figures_and_another_school_gets_nothing,
);

#[test]
fn audit_verify_names_the_first_broken_link() {
    use diesel::prelude::*;
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("a.db").display());
    let pool = ahual::db::connect(&ahual::db::DatabaseUrl::parse(&url).unwrap(), 1).unwrap();
    let mut conn = pool.get().unwrap();
    ahual::db::migrate(&mut conn).unwrap();
    for n in 0..4 {
        audit::append(&mut conn, Actor::User(UserId::random()), AuditAction::ViewFigures, &format!("wave:{n}"))
            .unwrap();
    }
    let run = || {
        std::process::Command::new(env!("CARGO_BIN_EXE_ahual"))
            .args(["audit", "verify", "--database-url", &url])
            .current_dir(dir.path())
            .output()
            .unwrap()
    };
    let ok = run();
    assert!(ok.status.success() && String::from_utf8_lossy(&ok.stdout).contains("4 entries"));
    let refused = diesel::sql_query("UPDATE audit_log SET subject = 'wave:x' WHERE seq = 2").execute(&mut conn);
    assert!(refused.is_err(), "the table refuses updates");
    diesel::sql_query("DROP TRIGGER audit_log_no_update").execute(&mut conn).unwrap();
    diesel::sql_query("UPDATE audit_log SET subject = 'wave:x' WHERE seq = 2").execute(&mut conn).unwrap();
    let broken = run();
    assert_eq!(broken.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&broken.stderr).contains("entry 2"), "{}", String::from_utf8_lossy(&broken.stderr));
}
