//! Over time: the centre and the national analyst look at their views, a small school's wave closes,
//! and they look again. Figures released per published reporting period must not move, so the two
//! looks cannot be subtracted; a period not yet over has no figures at all.

use ahual::domain::audit::Actor;
use ahual::domain::ids::WaveId;
use ahual::domain::period::ReportingPeriod;
use ahual::domain::survey::wave::{AccessMode, local_date};

use crate::common::pupil::{fill, open};
use crate::common::world::{class, school};
use crate::common::{Backend, TestApp};
use crate::views::{self, normalised};
use crate::world::{build, plan};

/// A school of 7 pupils in the attacked region whose wave closes now, 3 of them bullied.
fn a_small_school_closes_now(app: &TestApp) -> WaveId {
    let mut conn = app.conn();
    let small = school(&mut conn, "SCH-NEW", "KZ-71");
    let class_id = class(&mut conn, small, "9S", 9, 7);
    let wave = open(&mut conn, small, vec![class_id], AccessMode::Password).wave_id;
    fill(&mut conn, wave, &[("9S", 3, r#"{"victim_verbal":3}"#), ("9S", 4, r#"{"victim_verbal":0}"#)]);
    let now = chrono::Utc::now().naive_utc();
    ahual::app::close_wave::close(&mut conn, wave, None, Actor::Cli, &crate::common::flags(), now).unwrap();
    wave
}

async fn a_wave_closing_now_moves_no_released_region_or_national_figure(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let attacked = build(&app, &[plan("7A", 25, 2), plan("7B", 22, 3), plan("7C", 30, 4)]);
    let region_before = views::centre(&app, &attacked).await;
    let national_before = views::national(&app).await;
    a_small_school_closes_now(&app);
    let region_after = views::centre(&app, &attacked).await;
    let national_after = views::national(&app).await;
    let overview = |views: &[(String, String)]| {
        views.iter().find(|(p, _)| p == "/centre/region").map(|(_, body)| normalised(body))
    };
    assert!(overview(&region_after) == overview(&region_before), "the region overview did not move");
    let bodies = |views: &[(String, String)]| views.iter().map(|(_, body)| normalised(body)).collect::<Vec<_>>();
    assert!(bodies(&national_after) == bodies(&national_before), "the national overview did not move");
    assert!(!overview(&region_after).is_some_and(|body| body.contains("SCH-NEW")));
}

async fn a_period_not_yet_over_has_no_figures_to_ask_for(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let attacked = build(&app, &[plan("7A", 25, 2), plan("7B", 22, 3)]);
    views::centre(&app, &attacked).await;
    let current = ReportingPeriod::containing(local_date(chrono::Utc::now()));
    for period in [current.id(), current.next().id(), "2026-27-9".to_owned(), "now".to_owned()] {
        let reply = app.get(&format!("/centre/region?period={period}")).await;
        assert_eq!(reply.status, 404, "period {period}");
    }
    let published = ReportingPeriod::latest_published(local_date(chrono::Utc::now()));
    let shown = app.get(&format!("/centre/region?period={}", published.id())).await;
    assert_eq!(shown.status, 200);
    assert!(shown.body.contains("SCH-RT"), "the attacked school's wave ran in the last published period");
    let earlier = app.get(&format!("/centre/region?period={}", published.previous().id())).await;
    assert_eq!(earlier.status, 200);
    assert!(!earlier.body.contains("SCH-RT"), "and in no other");
}

on_both_backends!(
    a_wave_closing_now_moves_no_released_region_or_national_figure,
    a_period_not_yet_over_has_no_figures_to_ask_for
);
