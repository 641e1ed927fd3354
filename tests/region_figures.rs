//! Released figures above one school (issue 4's region and national pages, issue 17's periods): a
//! centre sees its region and only its region, the region overview follows each newly counted wave and
//! audits every look, the national overview shows regions and no school, and a school is compared
//! with its region only when the rest of the region reaches k.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;
use crate::figures::assert_charts_are_well_formed_svg;

use ahual::app::close_wave;
use ahual::db::audit;
use ahual::domain::audit::Actor;
use ahual::domain::lang::Lang;
use ahual::domain::region::RegionCode;
use common::world::{PASSWORD, World};
use common::{Backend, TestApp};

async fn a_centre_user_sees_the_region_and_only_the_region(backend: Backend) {
    use ahual::domain::survey::wave::AccessMode;
    let app = TestApp::spawn(backend).await;
    let world = World::build(&mut app.conn());
    let ctx = common::flags();
    common::pupil::fill(&mut app.conn(), world.wave_a, &[("7A", 22, r#"{"victim_verbal":3}"#)]);
    close_wave::close(&mut app.conn(), world.wave_a, None, Actor::Cli, &ctx, chrono::Utc::now().naive_utc()).unwrap();
    let small = common::world::school(&mut app.conn(), "SCH-SMALL", "KZ-71");
    let small_class = common::world::class(&mut app.conn(), small, "9Q", 9, 8);
    let wave = common::pupil::open(&mut app.conn(), small, vec![small_class], AccessMode::Password).wave_id;
    common::pupil::fill(&mut app.conn(), wave, &[("9Q", 7, r#"{"victim_verbal":0}"#)]);
    close_wave::close(&mut app.conn(), wave, None, Actor::Cli, &ctx, chrono::Utc::now().naive_utc()).unwrap();
    let big = common::world::school(&mut app.conn(), "SCH-BIG", "KZ-71");
    let big_class = common::world::class(&mut app.conn(), big, "8Q", 8, 30);
    let wave = common::pupil::open(&mut app.conn(), big, vec![big_class], AccessMode::Password).wave_id;
    common::pupil::fill(&mut app.conn(), wave, &[("8Q", 30, r#"{"victim_verbal":1}"#)]);
    close_wave::close(&mut app.conn(), wave, None, Actor::Cli, &ctx, chrono::Utc::now().naive_utc()).unwrap();
    for wave in ahual::db::waves::list_for_region(&mut app.conn(), &RegionCode::parse("KZ-71").unwrap()).unwrap() {
        common::pupil::into_last_published_period(&mut app.conn(), wave.id);
    }

    app.login("centre-a", PASSWORD).await;
    let page = app.get("/centre/region").await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(page.body.contains(&Lang::Kk.t("region-whole")));
    assert!(page.body.contains("SCH-SMALL"), "the small school is named among those not shown");
    let note = Lang::Kk.t_args("region-withheld", &[("schools", ahual::i18n::arg(""))]);
    let note_start: String = note.chars().take(12).collect();
    let table = &page.body[..page.body.find(&note_start).unwrap()];
    assert!(!table.contains("SCH-SMALL"), "but has no row in the table");
    assert!(table.contains("SCH-BIG"));
    assert!(assert_charts_are_well_formed_svg(&page.body) >= 1);
    app.clear_cookies();
    app.login("centre-b", PASSWORD).await;
    let other = app.get("/centre/region").await;
    assert!(!other.body.contains("SCH-A") && !other.body.contains("SCH-BIG"), "region B sees nothing of region A");
    app.clear_cookies();
    app.login("psy-a", PASSWORD).await;
    assert_eq!(app.get("/centre/region").await.status, 403);
}

/// The region's figures are those of a published reporting period: a wave closed now changes nothing
/// shown (no view differs from the one before by one school); the disclosure is kept between views
/// yet follows a wave counted into the shown period, and every look is audited.
async fn the_region_overview_follows_each_newly_counted_wave_and_audits_every_look(backend: Backend) {
    use ahual::domain::survey::wave::AccessMode;
    let app = TestApp::spawn(backend).await;
    let world = World::build(&mut app.conn());
    let ctx = common::flags();
    common::pupil::fill(&mut app.conn(), world.wave_a, &[("7A", 22, r#"{"victim_verbal":3}"#)]);
    close_wave::close(&mut app.conn(), world.wave_a, None, Actor::Cli, &ctx, chrono::Utc::now().naive_utc()).unwrap();
    common::pupil::into_last_published_period(&mut app.conn(), world.wave_a);
    app.login("centre-a", PASSWORD).await;
    let looks_before =
        audit::recent(&mut app.conn(), 1000).unwrap().iter().filter(|e| e.action == "view_region").count();
    let first = app.get("/centre/region").await;
    assert_eq!(first.status, 200, "{}", first.body);
    assert!(!first.body.contains("SCH-LATE"));
    assert_eq!(app.get("/centre/region").await.body, first.body, "nothing new was counted");
    let late = common::world::school(&mut app.conn(), "SCH-LATE", "KZ-71");
    let late_class = common::world::class(&mut app.conn(), late, "8L", 8, 30);
    let wave = common::pupil::open(&mut app.conn(), late, vec![late_class], AccessMode::Password).wave_id;
    common::pupil::fill(&mut app.conn(), wave, &[("8L", 25, r#"{"victim_verbal":1}"#)]);
    close_wave::close(&mut app.conn(), wave, None, Actor::Cli, &ctx, chrono::Utc::now().naive_utc()).unwrap();
    let frozen = app.get("/centre/region").await;
    assert_eq!(frozen.body, first.body, "a wave of the current period changes nothing published");
    common::pupil::into_last_published_period(&mut app.conn(), wave);
    let after = app.get("/centre/region").await;
    assert!(after.body.contains("SCH-LATE"), "a wave counted into the shown period is in the overview");
    let looks = audit::recent(&mut app.conn(), 1000).unwrap().iter().filter(|e| e.action == "view_region").count();
    assert_eq!(looks - looks_before, 4, "each of the four looks is audited, kept figures or not");
}

/// The national reader sees each region's released figures and nothing finer: no school, no class.
async fn the_national_overview_shows_regions_and_no_school(backend: Backend) {
    use ahual::domain::survey::wave::AccessMode;
    let app = TestApp::spawn(backend).await;
    let world = World::build(&mut app.conn());
    let ctx = common::flags();
    common::pupil::fill(&mut app.conn(), world.wave_a, &[("7A", 22, r#"{"victim_verbal":3}"#)]);
    close_wave::close(&mut app.conn(), world.wave_a, None, Actor::Cli, &ctx, chrono::Utc::now().naive_utc()).unwrap();
    let small = common::world::school(&mut app.conn(), "SCH-TINY", "KZ-75");
    let small_class = common::world::class(&mut app.conn(), small, "9T", 9, 8);
    let wave = common::pupil::open(&mut app.conn(), small, vec![small_class], AccessMode::Password).wave_id;
    common::pupil::fill(&mut app.conn(), wave, &[("9T", 6, r#"{"victim_verbal":0}"#)]);
    close_wave::close(&mut app.conn(), wave, None, Actor::Cli, &ctx, chrono::Utc::now().naive_utc()).unwrap();
    common::pupil::into_last_published_period(&mut app.conn(), wave);
    common::pupil::into_last_published_period(&mut app.conn(), world.wave_a);
    let name = |code: &str| {
        let region = ahual::db::regions::get(&mut app.conn(), &ahual::domain::region::RegionCode::parse(code).unwrap());
        region.unwrap().name.get(Lang::Kk).to_owned()
    };
    let (astana, almaty) = (name("KZ-71"), name("KZ-75"));

    app.login("national", PASSWORD).await;
    let page = app.get("/national").await;
    assert_eq!(page.status, 200, "{}", page.body);
    let withheld = Lang::Kk.t_args("national-withheld", &[("regions", ahual::i18n::arg(""))]);
    let withheld_start: String = withheld.chars().take(12).collect();
    let note_at = page.body.find(&withheld_start).expect("the region below k is named as withheld");
    let (table, note) = page.body.split_at(note_at);
    assert!(table.contains(&format!("<th scope=\"row\">{astana}</th>")), "Astana has 22 respondents: a row");
    assert!(!table.contains(&almaty) && note.contains(&almaty), "Almaty has 6: named, no figures");
    assert!(!page.body.contains("SCH-A") && !page.body.contains("SCH-TINY"), "no school is named");
    assert!(!page.body.contains("7A") && !page.body.contains("9T"), "no class is named");
    assert!(assert_charts_are_well_formed_svg(&page.body) >= 1);
    let looks = audit::recent(&mut app.conn(), 10).unwrap();
    assert!(looks.iter().any(|e| e.action == "view_national"), "the look is audited");
    assert_eq!(app.get("/centre/region").await.status, 403);
    assert_eq!(app.get(&format!("/school/waves/{}", world.wave_a)).await.status, 403);
    assert_eq!(app.get("/api/v1/waves").await.status, 403, "no API access");
}

async fn the_school_compares_with_the_region_only_when_the_rest_of_the_region_reaches_k(backend: Backend) {
    use ahual::domain::survey::wave::AccessMode;
    let app = TestApp::spawn(backend).await;
    let world = World::build(&mut app.conn());
    let ctx = common::flags();
    let region_label = Lang::Kk.t("region-whole");
    common::pupil::fill(&mut app.conn(), world.wave_a, &[("7A", 22, r#"{"victim_verbal":3}"#)]);
    close_wave::close(&mut app.conn(), world.wave_a, None, Actor::Cli, &ctx, chrono::Utc::now().naive_utc()).unwrap();
    common::pupil::into_last_published_period(&mut app.conn(), world.wave_a);
    let other = common::world::school(&mut app.conn(), "SCH-NEAR", "KZ-71");
    let other_class = common::world::class(&mut app.conn(), other, "8N", 8, 30);
    let wave = common::pupil::open(&mut app.conn(), other, vec![other_class], AccessMode::Password).wave_id;
    common::pupil::fill(&mut app.conn(), wave, &[("8N", 8, r#"{"victim_verbal":0}"#)]);
    close_wave::close(&mut app.conn(), wave, None, Actor::Cli, &ctx, chrono::Utc::now().naive_utc()).unwrap();
    common::pupil::into_last_published_period(&mut app.conn(), wave);
    app.login("psy-a", PASSWORD).await;
    let page = app.get(&format!("/school/waves/{}", world.wave_a)).await;
    assert!(!page.body.contains(&region_label), "the rest of the region is 8 pupils: no region line");
    let more = common::world::class(&mut app.conn(), other, "9N", 9, 30);
    let wave = common::pupil::open(&mut app.conn(), other, vec![more], AccessMode::Password).wave_id;
    common::pupil::fill(&mut app.conn(), wave, &[("9N", 25, r#"{"victim_verbal":0}"#)]);
    close_wave::close(&mut app.conn(), wave, None, Actor::Cli, &ctx, chrono::Utc::now().naive_utc()).unwrap();
    common::pupil::into_last_published_period(&mut app.conn(), wave);
    let page = app.get(&format!("/school/waves/{}", world.wave_a)).await;
    assert!(page.body.contains(&region_label), "now the rest of the region reaches k");
    let instrument = ctx.catalog.latest("school-climate").unwrap();
    let cyber = instrument.indicator("cyberbullying_victim").unwrap().label().kk.clone();
    let chosen = app.get(&format!("/school/waves/{}?funnel=cyberbullying_victim", world.wave_a)).await;
    let funnel = &chosen.body[chosen.body.find("id=\"funnel\"").unwrap()..];
    let caption = &funnel[..funnel.find("</figcaption>").unwrap()];
    assert!(caption.contains(&cyber), "the funnel plot follows the chosen indicator");
    let funnel = &funnel[..funnel.find("</figure>").unwrap()];
    let source = instrument.flag_rule("cyberbullying_victim").and_then(|r| r.reference()).unwrap();
    assert!(funnel.contains("<strong>5%</strong>"), "the plot gives its reference value");
    assert!(funnel.contains(&source.citation().kk), "and where it comes from");
}

on_both_backends!(
    the_national_overview_shows_regions_and_no_school,
    the_region_overview_follows_each_newly_counted_wave_and_audits_every_look,
    the_school_compares_with_the_region_only_when_the_rest_of_the_region_reaches_k,
    a_centre_user_sees_the_region_and_only_the_region,
);
