//! Issue 22, "Hostile input": redirect targets taken from a request are checked, the pupil's start
//! form refuses posts from other sites, and an `https://` deployment sends Strict-Transport-Security.
//! The property-based fuzz of every route is `tests/fuzz_routes/`.
#![allow(clippy::unwrap_used)]

use crate::common;

use ahual::domain::lang::Lang;
use ahual::domain::survey::wave::AccessMode;
use common::world::World;
use common::{Backend, TestApp};

async fn language_switch_never_fails_on_its_next_target(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    for (next, expected) in [
        ("/admin/users%3Fpage%3D2", "/admin/users?page=2"),
        ("/home%0D%0ASet-Cookie:%20x%3D1", "/home"),
        ("/home%00", "/home"),
        ("%0A", "/home"),
        ("/%09/evil.example", "/home"),
        ("//evil.example", "/home"),
        ("https://evil.example", "/home"),
        ("/school%E2%80%AE", "/school%E2%80%AE"),
    ] {
        app.clear_cookies();
        let reply = app.get(&format!("/lang/ru?next={next}")).await;
        assert_eq!(reply.status, 303, "next={next}: {}", reply.body);
        assert_eq!(reply.location(), Some(expected), "next={next}");
        assert_eq!(app.cookie("lang").as_deref(), Some("ru"), "the language is switched all the same");
    }
}

/// A server whose world has an open wave, and the password of its class.
async fn app_with_a_class_password(backend: Backend) -> (TestApp, String) {
    let app = TestApp::spawn(backend).await;
    let world = World::build(&mut app.conn());
    let opened = common::pupil::open(&mut app.conn(), world.school_a, vec![], AccessMode::Password);
    let password = opened.classes[0].password.clone().unwrap();
    (app, password)
}

async fn a_start_form_posted_from_another_site_is_refused_in_the_pupils_language(backend: Backend) {
    let (app, password) = app_with_a_class_password(backend).await;
    let fields = [("password", password.as_str())];
    for headers in [
        vec![("Origin", "https://evil.example")],
        vec![("Origin", "null")],
        vec![("Origin", "http://127.0.0.1:1")],
        vec![("Sec-Fetch-Site", "cross-site"), ("Origin", app.address.as_str())],
        vec![("Sec-Fetch-Site", "same-site")],
        vec![("Referer", "https://evil.example/page")],
    ] {
        let reply = app.post_raw_with_headers("/survey/start?lang=ru", &fields, &headers).await;
        assert_eq!(reply.status, 403, "{headers:?}");
        assert!(reply.body.contains(&Lang::Ru.t("pupil-other-site")), "{headers:?}: {}", reply.body);
        assert!(reply.location().is_none(), "no form is opened for a forged post");
        assert!(!reply.body.contains(&Lang::Ru.t("pupil-wrong-password")), "nothing is said of the password");
    }
    assert_eq!(app.cookie_count(), 0, "pupil pages never set a cookie, refusals included");
}

async fn a_start_form_from_this_site_or_a_silent_old_browser_works(backend: Backend) {
    let (app, password) = app_with_a_class_password(backend).await;
    let fields = [("password", password.as_str())];
    let referer = format!("{}/?lang=kk", app.address);
    for headers in [
        vec![],
        vec![("Origin", app.address.as_str())],
        vec![("Sec-Fetch-Site", "same-origin"), ("Origin", "null")],
        vec![("Referer", referer.as_str())],
    ] {
        let reply = app.post_raw_with_headers("/survey/start?lang=kk", &fields, &headers).await;
        assert_eq!(reply.status, 303, "{headers:?}: {}", reply.body);
        assert!(reply.location().unwrap().starts_with("/survey/"), "{headers:?}");
        assert_eq!(reply.headers.get("referrer-policy").map(String::as_str), Some("same-origin"));
    }
    let start = app.get("/?lang=kk").await;
    assert_eq!(
        start.headers.get("referrer-policy").map(String::as_str),
        Some("same-origin"),
        "the start page lets its own form send its origin, or browsers would send `Origin: null`"
    );
    assert!(
        start.body.contains(r#"<meta name="referrer" content="same-origin">"#),
        "a meta policy overrides the header, so it must agree: {}",
        start.body
    );
    let staff = app.get("/login").await;
    assert_eq!(staff.headers.get("referrer-policy").map(String::as_str), Some("no-referrer"));
}

async fn https_deployments_send_strict_transport_security_and_http_ones_do_not(backend: Backend) {
    let database = std::sync::Arc::new(common::TestDatabase::create(backend));
    let https = TestApp::spawn_configured(database.clone(), |s| s.public_url = "https://ahual.example.kz".into()).await;
    for path in ["/", "/login", "/no/such/page", "/healthz"] {
        let reply = https.get(path).await;
        assert_eq!(
            reply.headers.get("strict-transport-security").map(String::as_str),
            Some("max-age=31536000"),
            "{path}"
        );
    }
    let http = TestApp::spawn_on(database).await;
    for path in ["/", "/login", "/no/such/page"] {
        assert!(!http.get(path).await.headers.contains_key("strict-transport-security"), "{path}");
    }
}

/// Found by the fuzz on PostgreSQL, which cannot store or compare text with a NUL: the sign-in form
/// answered 500. Every text that enters is refused with a 400 on both backends instead.
async fn text_with_a_nul_is_refused_on_both_backends(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let world = World::build(&mut app.conn());
    let login = app.login("ad\0min", "pass\0word").await;
    assert_eq!(login.status, 400, "{}", login.body);
    assert!(login.body.contains(&Lang::Kk.t("error-bad-request")));
    app.login("psy-a", common::world::PASSWORD).await;
    let any_referral = uuid::Uuid::new_v4().to_string();
    let class = world.class_a.to_string();
    let referral = app.post_form("/school/referrals", &[("class", &class), ("note", "a\0b")]).await;
    assert_eq!(referral.status, 400, "{}", referral.body);
    let note = app
        .post_json(&format!("/api/v1/referrals/{any_referral}/notes"), &serde_json::json!({ "body": "a\u{0}b" }), None)
        .await;
    assert_eq!(note.status, 400, "{}", note.body);
    app.clear_cookies();
    app.login("centre-a", common::world::PASSWORD).await;
    let inbox = app.get("/centre/referrals?indicator=%00&school=%00&status=%00").await;
    assert_eq!(inbox.status, 200, "an unknown filter is ignored: {}", inbox.body);
}

on_both_backends!(
    text_with_a_nul_is_refused_on_both_backends,
    language_switch_never_fails_on_its_next_target,
    a_start_form_posted_from_another_site_is_refused_in_the_pupils_language,
    a_start_form_from_this_site_or_a_silent_old_browser_works,
    https_deployments_send_strict_transport_security_and_http_ones_do_not,
);
