//! The one startup (`ahual::startup::Application`) that `serve` and every test share: what it starts
//! it stops, its timed work runs unless a setting turns it off, and what it logs names staff requests
//! and never a pupil's. The tests that count the process's threads or own its log subscriber run in
//! a process of their own (`common::alone`).
#![allow(clippy::unwrap_used)]

use crate::common;

use std::sync::Arc;
use std::time::{Duration, Instant};

use ahual::domain::survey::wave::AccessMode;
use common::alone::{run_here, thread_names};
use common::captured_log::CapturedLog;
use common::world::{PASSWORD, World};
use common::{Backend, TestApp, TestDatabase};

/// Waits up to ten seconds for the process to have at most `most` threads (pools and server workers
/// end on their own threads a moment after being told); returns the names of those left.
async fn threads_settle_to(most: usize) -> Vec<String> {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let names = thread_names();
        if names.len() <= most || Instant::now() > deadline {
            return names;
        }
        actix_rt::time::sleep(Duration::from_millis(50)).await;
    }
}

/// The process's threads once their number has held still for half a second (at most ten seconds).
async fn settled_threads() -> Vec<String> {
    let deadline = Instant::now() + Duration::from_secs(10);
    let mut names = thread_names();
    let mut still_since = Instant::now();
    while still_since.elapsed() < Duration::from_millis(500) && Instant::now() < deadline {
        actix_rt::time::sleep(Duration::from_millis(50)).await;
        let now = thread_names();
        if now.len() != names.len() {
            still_since = Instant::now();
        }
        names = now;
    }
    names
}

/// A server that answered a staff page and a pupil's form, as every test's server does.
async fn busy_app(database: &Arc<TestDatabase>, password: &str) -> TestApp {
    let app = TestApp::spawn_on(database.clone()).await;
    assert_eq!(app.login("psy-a", PASSWORD).await.status, 303);
    assert_eq!(app.get("/school/waves").await.status, 200);
    let pass = common::pupil::start_form(&app, password, "ru").await;
    assert_eq!(common::pupil::submit(&app, &pass, &[("would_tell", "5")]).await.status, 303);
    app
}

#[actix_rt::test]
async fn building_and_dropping_many_apps_leaves_no_thread_running() {
    if !run_here(concat!(module_path!(), "::building_and_dropping_many_apps_leaves_no_thread_running")) {
        return;
    }
    for backend in [Backend::Sqlite, Backend::Postgres] {
        let database = Arc::new(TestDatabase::create(backend));
        let world = World::build(&mut database.pool().get().unwrap());
        let opened =
            common::pupil::open(&mut database.pool().get().unwrap(), world.school_a, vec![], AccessMode::Password);
        let password = opened.classes[0].password.clone().unwrap();
        // Whatever the process keeps once (the client's resolver, the runtime's blocking threads) is
        // in the baseline: one app first, gone before counting.
        drop(busy_app(&database, &password).await);
        let baseline = settled_threads().await;
        for round in 0..12 {
            let app = busy_app(&database, &password).await;
            if round % 2 == 0 { drop(app) } else { app.shutdown().await }
        }
        let left = threads_settle_to(baseline.len()).await;
        assert!(
            left.len() <= baseline.len(),
            "{backend:?}: 12 apps built and stopped left threads running:\nbefore {baseline:?}\nafter  {left:?}"
        );
        assert_eq!(common::pupil::stored(&mut database.pool().get().unwrap()).len(), 13, "every app really served");
    }
}

#[actix_rt::test]
async fn a_server_closes_a_due_wave_on_its_own_and_not_when_told_not_to() {
    use ahual::db::schema::waves;
    use diesel::prelude::*;
    let database = Arc::new(TestDatabase::create(Backend::Sqlite));
    let world = World::build(&mut database.pool().get().unwrap());
    let today = ahual::domain::survey::wave::local_date(chrono::Utc::now());
    let due =
        (waves::opens_on.eq(today - chrono::Duration::days(8)), waves::closes_on.eq(today - chrono::Duration::days(1)));
    let wave = world.wave_a.to_string();
    diesel::update(waves::table.find(&wave)).set(due).execute(&mut database.pool().get().unwrap()).unwrap();
    let closed_at = || -> Option<chrono::NaiveDateTime> {
        waves::table.find(&wave).select(waves::closed_at).first(&mut database.pool().get().unwrap()).unwrap()
    };

    let quiet = TestApp::spawn_on(database.clone()).await;
    assert_eq!(quiet.get("/healthz").await.status, 200);
    actix_rt::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(closed_at(), None, "the test settings turn the timed work off");
    quiet.shutdown().await;

    let _busy = TestApp::spawn_configured(database.clone(), |settings| settings.background = true).await;
    let deadline = Instant::now() + Duration::from_secs(10);
    while closed_at().is_none() && Instant::now() < deadline {
        actix_rt::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(closed_at().is_some(), "the server's first sweep, at its start, closes the due wave");
}

const USER_AGENT: &str = "PupilBrowser/9.9 (marker-ua-4242)";

#[actix_rt::test]
async fn staff_requests_get_a_line_with_role_route_status_and_latency_and_pupil_requests_none() {
    if !run_here(concat!(
        module_path!(),
        "::staff_requests_get_a_line_with_role_route_status_and_latency_and_pupil_requests_none"
    )) {
        return;
    }
    let captured = CapturedLog::install(tracing::Level::INFO);
    let app = TestApp::spawn(Backend::Sqlite).await;
    assert_eq!(app.get("/healthz").await.status, 200);
    // From here on: actix's own start-up lines, written by now, name the listening address.
    let from = captured.text().len();
    let world = World::build(&mut app.conn());
    let opened = common::pupil::open(&mut app.conn(), world.school_a, vec![], AccessMode::Password);
    let password = opened.classes[0].password.clone().unwrap();
    assert_eq!(app.login("psy-a", PASSWORD).await.status, 303);

    // A pupil's whole visit, with a user agent and a forwarded address to look for.
    let marked = [("User-Agent", USER_AGENT), ("X-Forwarded-For", "203.0.113.77")];
    let before_pupil = captured.text().len();
    assert_eq!(app.get_bytes("/?lang=ru", &marked).await.0, 200);
    let pass = common::pupil::start_form(&app, &password, "ru").await;
    assert_eq!(common::pupil::submit(&app, &pass, &[("would_tell", "5")]).await.status, 303);
    assert_eq!(app.get_bytes("/privacy?lang=kk", &marked).await.0, 200);
    assert_eq!(app.get_bytes("/lang/ru?next=/", &marked).await.0, 303);
    assert_eq!(app.get_bytes("/survey/NOSUCHPASS", &marked).await.0, 400);
    let pupil_lines = captured.text()[before_pupil..].to_owned();
    assert_eq!(pupil_lines, "", "a pupil's requests leave no line at all");

    // Two staff requests: a page, and a refusal of another school's wave.
    let wave = world.wave_a;
    assert_eq!(app.send("GET", &format!("/school/waves/{wave}?tab=figures"), &marked, Vec::new()).await.status, 200);
    assert_eq!(app.get("/admin/users").await.status, 403);
    let logs = captured.text()[from..].to_owned();
    let answered: Vec<&str> = logs.lines().filter(|l| l.contains("staff request answered")).collect();
    let page = answered.iter().find(|l| l.contains(r#"route="/school/waves/{id}""#));
    let page = page.unwrap_or_else(|| panic!("no line for the wave page:\n{logs}"));
    for field in [r#"method="GET""#, r#"role="psychologist""#, "status=200", "latency_ms="] {
        assert!(page.contains(field), "{field} missing from {page}");
    }
    let refused = answered.iter().find(|l| l.contains(r#"route="/admin/users""#)).unwrap();
    assert!(refused.contains("status=403"), "{refused}");
    assert!(!logs.contains(&wave.to_string()) && !logs.contains("tab=figures"), "a pattern, not the path: {logs}");
    for secret in [USER_AGENT, "marker-ua", "127.0.0.1", "203.0.113.77", "/survey", "/privacy", "/lang", &pass] {
        assert!(!logs.contains(secret), "the logs contain {secret:?}:\n{logs}");
    }
}
