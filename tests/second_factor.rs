//! The second factor of staff sign-ins (issue 22, accounts), on both backends: an administrator or
//! centre account cannot do anything until it enrols an authenticator; a sign-in then takes a code
//! after the password, each code once, wrong codes count against the login's lock; a recovery code
//! works once; the secret is stored sealed; an administrator's reset (or the operator's) ends the
//! account's sessions and requires a new one; psychologists may choose it and remove it, unless the
//! deployment requires it of everyone; an API token takes a code to make.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use ahual::domain::lang::Lang;
use ahual::domain::second_factor::SecondFactorPolicy;
use common::audit_log::{mark, since};
use common::command::ahual;
use common::second_factor::{secret_on_page, unix_now};
use common::world::{PASSWORD, World};
use common::{Backend, TestApp, TestDatabase};

fn recovery_codes(body: &str) -> Vec<String> {
    let list = &body[body.find("recovery-codes").expect("the codes")..];
    list.split("<code>").skip(1).take(10).map(|part| part[..part.find('<').unwrap()].to_owned()).collect()
}

async fn password(app: &TestApp, login: &str) -> common::Reply {
    app.post_form("/login", &[("login", login), ("password", PASSWORD)]).await
}

async fn an_administrator_must_enrol_before_anything_else(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let world = World::build(&mut app.conn());
    assert_eq!(password(&app, "admin").await.location(), Some("/home"), "no factor yet: the password signs in");
    for path in ["/home", "/admin", "/admin/users", "/account/security"] {
        let sent = app.get(path).await;
        assert_eq!((sent.status, sent.location()), (303, Some("/account/two-factor")), "{path}");
    }
    let page = app.get("/account/two-factor").await;
    assert!(page.body.contains(&Lang::Kk.t("second-factor-required-notice")));
    assert!(page.body.contains("<svg") && page.body.contains("<path"), "a QR code drawn on the page");
    let secret = secret_on_page(&page.body);
    assert_eq!(secret_on_page(&app.get("/account/two-factor").await.body), secret, "the same secret until enrolled");

    let before = mark(&mut app.conn());
    let wrong = app.post_form("/account/two-factor", &[("code", "000000")]).await;
    assert_eq!(wrong.status, 422);
    let codes = app.post_form("/account/two-factor", &[("code", &secret.code_at(unix_now()))]).await;
    assert_eq!(codes.status, 200, "{}", codes.body);
    let codes = recovery_codes(&codes.body);
    assert_eq!(codes.len(), 10);
    let audited = since(&mut app.conn(), before);
    assert_eq!(audited.iter().map(|e| e.1.as_str()).collect::<Vec<_>>(), ["second_factor_enrolled"]);
    assert_eq!(app.get("/admin").await.status, 200, "enrolled: the pages open");

    let stored = ahual::db::second_factor::stored(&mut app.conn(), world.admin).unwrap().sealed.unwrap();
    let plain = hex::encode(secret.bytes());
    let typed = secret.for_typing().replace(' ', "");
    assert!(!stored.contains(&plain) && !stored.contains(&typed), "the secret is stored sealed");
    let all_codes = common::audit_log::all_text(&mut app.conn());
    assert!(codes.iter().all(|code| !all_codes.contains(code.as_str())), "no code in the audit log");
}

async fn a_sign_in_takes_a_fresh_code_after_the_password(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    World::build(&mut app.conn());
    app.login("centre-a", PASSWORD).await; // enrols
    app.clear_cookies();

    assert_eq!(password(&app, "centre-a").await.location(), Some("/login/code"));
    assert_eq!(app.get("/centre").await.location(), Some("/login"), "the password alone opens nothing");
    assert_eq!(app.get("/api/v1/waves").await.status, 401);
    assert_eq!(app.post_form("/login/code", &[("code", "123456")]).await.status, 401);
    let code = app.next_code("centre-a").await;
    let signed = app.post_form("/login/code", &[("code", &code)]).await;
    assert_eq!(signed.location(), Some("/home"));
    assert_eq!(app.get("/centre").await.status, 200);

    app.clear_cookies();
    assert_eq!(password(&app, "centre-a").await.location(), Some("/login/code"));
    let again = app.post_form("/login/code", &[("code", &code)]).await;
    assert_eq!(again.status, 401, "a code is accepted once");
    assert!(again.body.contains(&Lang::Kk.t("code-wrong")));

    app.clear_cookies();
    assert_eq!(app.get("/login/code").await.location(), Some("/login"), "no password typed: back to it");
    assert_eq!(app.post_form("/login/code", &[("code", &code)]).await.location(), Some("/login"));
}

async fn wrong_codes_lock_the_login_like_wrong_passwords(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    World::build(&mut app.conn());
    app.login("centre-a", PASSWORD).await;
    app.clear_cookies();
    password(&app, "centre-a").await;
    let mut statuses = Vec::new();
    for _ in 0..5 {
        statuses.push(app.post_form("/login/code", &[("code", "000001")]).await.status);
    }
    assert_eq!(statuses, [401, 401, 401, 401, 429], "the fifth wrong code locks");
    password(&app, "centre-a").await;
    let right = app.next_code("centre-a").await;
    assert_eq!(password(&app, "centre-a").await.status, 429, "locked: not even the password step");
    assert_eq!(app.post_form("/login/code", &[("code", &right)]).await.location(), Some("/login"));
}

async fn a_recovery_code_signs_in_once(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let world = World::build(&mut app.conn());
    password(&app, "admin").await;
    let codes = recovery_codes(&app.enrol_second_factor().await.body);
    app.clear_cookies();

    password(&app, "admin").await;
    let before = mark(&mut app.conn());
    let typed = codes[3].to_lowercase().replace('-', " ");
    assert_eq!(app.post_form("/login/code", &[("code", &typed)]).await.location(), Some("/home"));
    assert_eq!(
        since(&mut app.conn(), before),
        [common::audit_log::entry(world.admin, "recovery_code_used", format!("user:{}", world.admin))]
    );
    let security = app.get("/account/security").await;
    assert!(security.body.contains(&Lang::Kk.t_args("recovery-codes-left", &[("count", ahual::i18n::count(9))])));
    app.clear_cookies();
    password(&app, "admin").await;
    assert_eq!(app.post_form("/login/code", &[("code", &codes[3])]).await.status, 401, "spent");
    assert_eq!(app.post_form("/login/code", &[("code", &codes[4])]).await.location(), Some("/home"));
}

async fn a_reset_ends_the_sessions_and_requires_a_new_factor(backend: Backend) {
    let database = std::sync::Arc::new(TestDatabase::create(backend));
    let app = TestApp::spawn_on(database.clone()).await;
    let world = World::build(&mut app.conn());
    app.login("psy-a", PASSWORD).await;
    app.enrol_second_factor().await; // optional for a psychologist: chosen
    assert_eq!(app.get("/school").await.status, 200);

    let admin = TestApp::external(app.address.clone(), database.clone());
    let reset_path = format!("/admin/users/{}/two-factor/reset", world.psy_a);
    assert_eq!(admin.post_form(&reset_path, &[]).await.location(), Some("/login"), "strangers may not");
    drop(admin);
    let admin = TestApp::spawn_on(database).await;
    admin.login("admin", PASSWORD).await;
    let before = mark(&mut admin.conn());
    assert_eq!(admin.post_form(&reset_path, &[]).await.status, 303);
    assert_eq!(
        since(&mut admin.conn(), before),
        [common::audit_log::entry(world.admin, "second_factor_reset", format!("user:{}", world.psy_a))]
    );
    let edit = admin.get(&format!("/admin/users/{}", world.psy_a)).await;
    assert!(edit.body.contains(&Lang::Kk.t("users-second-factor-reset-pending")));

    assert_eq!(app.get("/school").await.location(), Some("/login"), "its session ended");
    assert_eq!(password(&app, "psy-a").await.location(), Some("/home"), "no factor to ask for now");
    assert_eq!(
        app.get("/school").await.location(),
        Some("/account/two-factor"),
        "a new one first, even for a psychologist"
    );
    app.enrol_second_factor().await;
    assert_eq!(app.get("/school").await.status, 200);

    let dir = tempfile::tempdir().unwrap();
    let url = app.database.url.clone();
    let done = ahual(dir.path(), &["user", "reset-second-factor", "psy-a", "--database-url", &url], None);
    assert!(done.status.success(), "{done:?}");
    assert_eq!(app.get("/school").await.location(), Some("/login"), "the operator's reset ends it too");
}

async fn a_psychologist_may_remove_it_an_administrator_may_not(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    World::build(&mut app.conn());
    app.login("psy-a", PASSWORD).await;
    assert!(app.get("/account/security").await.body.contains(&Lang::Kk.t("second-factor-off")));
    app.enrol_second_factor().await;
    assert_eq!(app.post_form("/account/two-factor/remove", &[("code", "000000")]).await.status, 422);
    let code = app.next_code("psy-a").await;
    assert_eq!(
        app.post_form("/account/two-factor/remove", &[("code", &code)]).await.location(),
        Some("/account/security")
    );
    app.clear_cookies();
    assert_eq!(password(&app, "psy-a").await.location(), Some("/home"), "the password alone again");

    app.clear_cookies();
    app.login("admin", PASSWORD).await;
    let code = app.next_code("admin").await;
    assert_eq!(app.post_form("/account/two-factor/remove", &[("code", &code)]).await.status, 403);
    assert!(!app.get("/account/security").await.body.contains("/account/two-factor/remove"));
}

async fn a_deployment_can_require_it_of_everyone(backend: Backend) {
    let database = std::sync::Arc::new(TestDatabase::create(backend));
    let app = TestApp::spawn_configured(database, |s| s.second_factor = SecondFactorPolicy::Everyone).await;
    World::build(&mut app.conn());
    password(&app, "psy-a").await;
    assert_eq!(app.get("/school").await.location(), Some("/account/two-factor"));
    app.clear_cookies();
    password(&app, "national").await;
    assert_eq!(app.get("/national").await.location(), Some("/account/two-factor"));
}

async fn an_api_token_takes_a_code_to_make(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    World::build(&mut app.conn());
    app.login("psy-a", PASSWORD).await;
    let page = app.get("/account/api-token").await;
    assert!(page.body.contains(&Lang::Kk.t("api-token-needs-second-factor")));
    let refused = app.post_form("/account/api-token", &[("action", "create")]).await;
    assert_eq!(refused.status, 409);
    app.enrol_second_factor().await;
    let wrong = app.post_form("/account/api-token", &[("action", "create"), ("code", "999999")]).await;
    assert_eq!(wrong.status, 422);
    assert!(!wrong.body.contains("ahual_"), "no token without the right code");
    assert!(app.create_api_token("psy-a").await.body.contains("ahual_"));
}

on_both_backends!(
    an_administrator_must_enrol_before_anything_else,
    a_sign_in_takes_a_fresh_code_after_the_password,
    wrong_codes_lock_the_login_like_wrong_passwords,
    a_recovery_code_signs_in_once,
    a_reset_ends_the_sessions_and_requires_a_new_factor,
    a_psychologist_may_remove_it_an_administrator_may_not,
    a_deployment_can_require_it_of_everyone,
    an_api_token_takes_a_code_to_make,
);
