//! An upgrade while pupils answer. The previous release's questionnaire carried a signed token and
//! posted it to `POST /survey/submit`; this release's posts to its own address. A pupil who opened the
//! form before the upgrade still sends it, once, with the same refusals, until that route is removed
//! one release later. Runs on SQLite and PostgreSQL.
#![allow(clippy::unwrap_used)]

use crate::common;

use ahual::domain::lang::Lang;
use ahual::domain::survey::wave::AccessMode;
use common::pupil::{legacy_token, open, start_form, stored, submit, submit_legacy};
use common::world::World;
use common::{Backend, TestApp};

const ANSWERS: [(&str, &str); 2] = [("belong", "3"), ("victim_verbal", "2")];

async fn a_form_served_before_the_upgrade_is_still_stored_once(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let world = World::build(&mut app.conn());
    let opened = open(&mut app.conn(), world.school_a, vec![], AccessMode::Password);
    let password = opened.classes[0].password.clone().unwrap();

    let pass = start_form(&app, &password, "kk").await;
    let token = legacy_token(&app, &pass);
    let sent = submit_legacy(&app, &token, "kk", &ANSWERS).await;
    assert_eq!(sent.status, 303, "{}", sent.body);
    assert_eq!(sent.location(), Some("/thanks?lang=kk"));
    let again = submit_legacy(&app, &token, "ru", &ANSWERS).await;
    assert_eq!(again.status, 409, "a token is spent once");
    assert!(again.body.contains(&Lang::Kk.t("pupil-already-sent")), "in the grant's language, not the query's");
    assert_eq!(submit(&app, &pass, &ANSWERS).await.status, 409, "nor can its address send it again");
    assert_eq!(stored(&mut app.conn()).len(), 1);
}

async fn the_old_route_refuses_as_it_did(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let world = World::build(&mut app.conn());
    let opened = open(&mut app.conn(), world.school_a, vec![], AccessMode::Password);
    let password = opened.classes[0].password.clone().unwrap();
    let token = legacy_token(&app, &start_form(&app, &password, "ru").await);

    let forged = submit_legacy(&app, &format!("{token}x"), "ru", &ANSWERS).await;
    assert_eq!(forged.status, 400);
    assert!(forged.body.contains(&Lang::Ru.t("pupil-forged")), "in the query's language");
    let no_token = app.post_raw("/survey/submit?lang=ru", &[("belong", "3")]).await;
    assert_eq!(no_token.status, 400);
    let two = app.post_raw("/survey/submit?lang=ru", &[("_token", token.as_str()), ("_token", token.as_str())]).await;
    assert_eq!(two.status, 400, "one token per form");
    let outside = submit_legacy(&app, &token, "ru", &[("belong", "17")]).await;
    assert_eq!(outside.status, 400);
    assert!(outside.body.contains(&Lang::Ru.t("pupil-bad-answers")));
    assert!(stored(&mut app.conn()).is_empty(), "nothing was stored");
    assert_eq!(submit_legacy(&app, &token, "ru", &ANSWERS).await.status, 303, "the form is still unspent");
}

on_both_backends!(a_form_served_before_the_upgrade_is_still_stored_once, the_old_route_refuses_as_it_did);
