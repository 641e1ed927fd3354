//! An administrator's reset forces a new password (issue 22, accounts), on both backends: the reset
//! is audited; its owner, signed in with it, is sent to choose their own from every page and the
//! API refuses their token and session, until they have; their own choice frees the account. The
//! operator's `ahual user passwd` is a reset too.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use ahual::domain::lang::Lang;
use common::audit_log::{mark, since};
use common::command::ahual;
use common::world::{PASSWORD, World};
use common::{Backend, TestApp};

const GIVEN: &str = "steppe lantern quietly hums";
const CHOSEN: &str = "кеш түсе дала тынышталды";

async fn a_reset_password_opens_nothing_but_the_page_to_choose_ones_own(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let world = World::build(&mut app.conn());
    app.login("psy-a", PASSWORD).await;
    let shown = |body: &str| body.find("ahual_").map(|at| body[at..at + 6 + 64].to_owned()).unwrap();
    let token = shown(&app.create_api_token("psy-a").await.body);

    app.clear_cookies();
    app.login("admin", PASSWORD).await;
    let before = mark(&mut app.conn());
    let reset = app.post_form(&format!("/admin/users/{}/password", world.psy_a), &[("password", GIVEN)]).await;
    assert_eq!(reset.status, 303, "{}", reset.body);
    let audited = since(&mut app.conn(), before);
    assert_eq!((audited.len(), audited[0].1.as_str()), (1, "password_set"), "{audited:?}");

    app.clear_cookies();
    assert_eq!(app.login("psy-a", PASSWORD).await.status, 401, "the old password no longer works");
    assert_eq!(app.login("psy-a", GIVEN).await.status, 303);
    for path in ["/home", "/school", "/school/waves", "/account/api-token"] {
        let sent = app.get(path).await;
        assert_eq!((sent.status, sent.location()), (303, Some("/account/password")), "{path}");
    }
    let page = app.get("/account/password").await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains(&Lang::Kk.t("password-reset-notice")));
    assert_eq!(app.get("/api/v1/waves").await.status, 401, "nor the API in the session");
    assert_eq!(app.get_with_bearer("/api/v1/waves", &token).await.status, 403, "nor with the token");

    let own = [("current", GIVEN), ("new", CHOSEN), ("repeat", CHOSEN)];
    assert_eq!(app.post_form("/account/password", &own).await.status, 303);
    assert_eq!(app.get("/school").await.status, 200, "the owner's own choice frees the account");
    assert_eq!(app.get_with_bearer("/api/v1/waves", &token).await.status, 200);
}

async fn the_operators_passwd_is_a_reset_too(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    World::build(&mut app.conn());
    let dir = tempfile::tempdir().unwrap();
    let url = app.database.url.clone();
    let done = ahual(dir.path(), &["user", "passwd", "centre-a", "--database-url", &url], Some(&format!("{GIVEN}\n")));
    assert!(done.status.success(), "{done:?}");
    assert_eq!(app.login("centre-a", GIVEN).await.status, 303);
    assert_eq!(app.get("/centre").await.location(), Some("/account/password"));
}

on_both_backends!(a_reset_password_opens_nothing_but_the_page_to_choose_ones_own, the_operators_passwd_is_a_reset_too,);
