//! Wrong class passwords: one generic message, and a throttle per client address (per school lab
//! behind a trusted proxy) that hammering cannot escape. Runs on SQLite and PostgreSQL.
#![allow(clippy::unwrap_used)]

use crate::common;

use ahual::domain::lang::Lang;
use ahual::domain::survey::wave::AccessMode;
use common::pupil::open;
use common::world::World;
use common::{Backend, TestApp};

async fn a_wrong_password_gets_one_generic_message_and_hammering_is_throttled(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let world = World::build(&mut app.conn());
    open(&mut app.conn(), world.school_a, vec![], AccessMode::Password);
    let wrong = app.post_raw("/survey/start?lang=ru", &[("password", "AAAAAAAAAA")]).await;
    assert_eq!(wrong.status, 401);
    assert!(wrong.body.contains(&Lang::Ru.t("pupil-wrong-password")));
    let short = app.post_raw("/survey/start?lang=ru", &[("password", "x")]).await;
    assert!(short.body.contains(&Lang::Ru.t("pupil-wrong-password")), "same message for any wrong input");
    assert_eq!(hammer(&app, None).await, 429);
}

/// One wrong password, with the client's address as a reverse proxy would report it (if given); the
/// answer's status.
async fn wrong_password_from(app: &TestApp, forwarded_for: Option<&str>) -> u16 {
    let fields = [("password", "AAAAAAAAAA")];
    let headers: Vec<(&str, &str)> = forwarded_for.map(|address| ("X-Forwarded-For", address)).into_iter().collect();
    app.post_raw_with_headers("/survey/start?lang=kk", &fields, &headers).await.status
}

/// Wrong passwords from one client until the throttle must have answered; the last status.
async fn hammer(app: &TestApp, forwarded_for: Option<&str>) -> u16 {
    let mut last = 0;
    for _ in 0..40 {
        last = wrong_password_from(app, forwarded_for).await;
    }
    last
}

async fn behind_a_trusted_proxy_each_school_lab_has_its_own_throttle(backend: Backend) {
    let database = std::sync::Arc::new(common::TestDatabase::create(backend));
    let proxied = TestApp::spawn_configured(database.clone(), |s| {
        s.trusted_proxies = vec![std::net::IpAddr::from([127, 0, 0, 1])];
    })
    .await;
    let world = World::build(&mut proxied.conn());
    open(&mut proxied.conn(), world.school_a, vec![], AccessMode::Password);
    assert_eq!(hammer(&proxied, Some("198.51.100.1")).await, 429, "the hammering lab is slowed");
    assert_eq!(
        wrong_password_from(&proxied, Some("198.51.100.2")).await,
        401,
        "another lab behind the same proxy is not"
    );
    assert_eq!(
        wrong_password_from(&proxied, Some("198.51.100.3, 198.51.100.1")).await,
        429,
        "a forged first hop does not escape the real address's bucket"
    );

    // Without a trusted proxy the header is only a claim: the connection's address counts.
    let direct = TestApp::spawn_on(database).await;
    assert_eq!(hammer(&direct, Some("198.51.100.4")).await, 429);
    assert_eq!(
        wrong_password_from(&direct, Some("198.51.100.5")).await,
        429,
        "a client cannot pick a fresh bucket by claiming another address"
    );
}

on_both_backends!(
    a_wrong_password_gets_one_generic_message_and_hammering_is_throttled,
    behind_a_trusted_proxy_each_school_lab_has_its_own_throttle,
);
