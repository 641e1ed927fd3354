//! One password rule on every path that sets one (issue 22, NIST SP 800-63B): the account page, an
//! administrator's forms and the CLI refuse a guessable password, whatever capitals, digits and
//! symbols it carries, and one built from the account's own login; each refusal says why in the
//! reader's language (or in English on the terminal) and changes nothing; a phrase passes.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use ahual::domain::lang::Lang;
use common::command::ahual;
use common::world::{PASSWORD, World};
use common::{Backend, TestApp};

const GUESSABLE: [&str; 3] = ["P@ssw0rd2024!", "qwertyuiop123", "1q2w3e4r5t6y"];

async fn the_account_page_refuses_guessable_passwords_and_keeps_the_old_one(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    World::build(&mut app.conn());
    app.login("psy-a", PASSWORD).await;
    let own = "psy-a-psy-a-psy-a";
    for new in GUESSABLE.into_iter().chain([own]) {
        let form = [("current", PASSWORD), ("new", new), ("repeat", new)];
        let refused = app.post_form("/account/password?lang=ru", &form).await;
        assert_eq!(refused.status, 422, "{new}");
        assert!(refused.body.contains(&Lang::Ru.t("password-too-guessable")), "{new}: says why, in Russian");
    }
    app.clear_cookies();
    assert_eq!(app.login("psy-a", PASSWORD).await.status, 303, "the old password still works");
    let phrase = "кеш түсе дала тынышталды";
    let form = [("current", PASSWORD), ("new", phrase), ("repeat", phrase)];
    assert_eq!(app.post_form("/account/password", &form).await.status, 303, "a phrase passes");
}

async fn an_administrator_cannot_give_a_guessable_password(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let world = World::build(&mut app.conn());
    app.login("admin", PASSWORD).await;
    let set =
        app.post_form(&format!("/admin/users/{}/password?lang=en", world.psy_b), &[("password", GUESSABLE[0])]).await;
    assert_eq!(set.status, 422);
    assert!(set.body.contains(&Lang::En.t("password-too-guessable")));
    let new_user = [
        ("login", "aigerim"),
        ("display_name", "Aigerim Nurlanova"),
        ("role", "national"),
        ("school", ""),
        ("region", ""),
        ("email", ""),
        ("password", "Aigerim2026!"),
    ];
    let created = app.post_form("/admin/users?lang=en", &new_user).await;
    assert_eq!(created.status, 422, "the account's own name and a year");
    assert!(created.body.contains(&Lang::En.t("password-too-guessable")));
    assert!(ahual::db::users::find_id_by_login(&mut app.conn(), "aigerim").unwrap().is_none(), "nothing created");
}

#[test]
fn the_cli_refuses_a_guessable_password_and_creates_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("a.db").display());
    let add = ["user", "add", "aliya", "--role", "national", "--name", "Aliya", "--database-url", &url];
    let refused = ahual(dir.path(), &add, Some("aliya12345678\n"));
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("too easy to guess"), "{refused:?}");
    let created = ahual(dir.path(), &add, Some("steppe lantern quietly hums\n"));
    assert!(created.status.success(), "{created:?}");
}

on_both_backends!(
    the_account_page_refuses_guessable_passwords_and_keeps_the_old_one,
    an_administrator_cannot_give_a_guessable_password,
);
