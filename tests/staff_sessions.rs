//! Staff sessions kept on the server (issue 22, accounts), on both backends: the account page lists
//! every browser signed in, marks this one, and ends another or all the others; signing out ends the
//! session on the server, so a copy of its cookie opens nothing; a password change ends the others.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use std::sync::Arc;

use ahual::domain::lang::Lang;
use common::audit_log::{entry, mark, since};
use common::world::{PASSWORD, World};
use common::{Backend, TestApp, TestDatabase};

const FIREFOX: &str = "Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0";

async fn sign_in_as_firefox(app: &TestApp) {
    let token = app.csrf_token().await;
    let fields = [("csrf", token.as_str()), ("login", "psy-a"), ("password", PASSWORD)];
    let reply = app.post_raw_with_headers("/login", &fields, &[("User-Agent", FIREFOX)]).await;
    assert_eq!(reply.location(), Some("/home"));
}

async fn two_browsers(backend: Backend) -> (TestApp, TestApp, World) {
    let database = Arc::new(TestDatabase::create(backend));
    let office = TestApp::spawn_on(database.clone()).await;
    let world = World::build(&mut office.conn());
    let home = TestApp::external(office.address.clone(), database);
    office.login("psy-a", PASSWORD).await;
    sign_in_as_firefox(&home).await;
    (office, home, world)
}

async fn the_account_page_lists_every_browser_and_ends_the_others(backend: Backend) {
    let (office, home, world) = two_browsers(backend).await;
    let page = office.get("/account/security").await;
    assert_eq!(page.status, 200);
    assert_eq!(page.body.matches("<tr>").count(), 3, "a heading row and two sessions:\n{}", page.body);
    assert!(page.body.contains("Firefox, Linux"), "the other browser is named by browser and system");
    assert!(page.body.contains(&Lang::Kk.t("sessions-this-one")));
    assert!(!page.body.contains("127.0.0.1"), "no address is shown or kept");

    let before = mark(&mut office.conn());
    let ended = office.post_form("/account/sessions/end", &[("session", "others")]).await;
    assert_eq!(ended.location(), Some("/account/security"));
    assert_eq!(
        since(&mut office.conn(), before),
        [entry(world.psy_a, "sessions_ended", format!("user:{}", world.psy_a))]
    );
    assert_eq!(home.get("/school").await.location(), Some("/login"), "signed out there");
    assert_eq!(office.get("/school").await.status, 200, "this one stays");
    assert_eq!(office.get("/account/security").await.body.matches("<tr>").count(), 2);
}

async fn one_other_session_can_be_ended_but_not_someone_elses(backend: Backend) {
    let (office, home, _) = two_browsers(backend).await;
    let page = home.get("/account/security").await;
    let marker = "name=\"session\" value=\"";
    let start = page.body.find(marker).unwrap() + marker.len();
    let office_id = page.body[start..start + 64].to_owned();

    let stranger = TestApp::external(office.address.clone(), office.database.clone());
    stranger.login("psy-b", PASSWORD).await;
    stranger.post_form("/account/sessions/end", &[("session", &office_id)]).await;
    assert_eq!(office.get("/school").await.status, 200, "another account's session is not theirs to end");

    home.post_form("/account/sessions/end", &[("session", &office_id)]).await;
    assert_eq!(office.get("/school").await.location(), Some("/login"));
    assert_eq!(home.get("/school").await.status, 200);
}

async fn signing_out_ends_the_session_on_the_server(backend: Backend) {
    let (office, _home, _) = two_browsers(backend).await;
    let thief = TestApp::external(office.address.clone(), office.database.clone());
    office.share_cookies_with(&thief);
    assert_eq!(thief.get("/school").await.status, 200, "a copied cookie works while the session lives");
    office.post_form("/logout", &[]).await;
    assert_eq!(thief.get("/school").await.location(), Some("/login"), "and never after signing out");
}

async fn a_password_change_ends_the_other_sessions(backend: Backend) {
    let (office, home, _) = two_browsers(backend).await;
    let chosen = "кеш түсе дала тынышталды";
    let change = [("current", PASSWORD), ("new", chosen), ("repeat", chosen)];
    assert_eq!(office.post_form("/account/password", &change).await.status, 303);
    assert_eq!(office.get("/school").await.status, 200, "the one that changed it goes on");
    assert_eq!(home.get("/school").await.location(), Some("/login"));
    assert_eq!(office.get("/account/security").await.body.matches("<tr>").count(), 2);
}

on_both_backends!(
    the_account_page_lists_every_browser_and_ends_the_others,
    one_other_session_can_be_ended_but_not_someone_elses,
    signing_out_ends_the_session_on_the_server,
    a_password_change_ends_the_other_sessions,
);
