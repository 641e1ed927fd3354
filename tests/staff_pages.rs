//! What staff see: each demo account's home in kk, ru and en, forms that validate in place and keep
//! what was typed, localized error pages, and the security headers. Runs on SQLite and PostgreSQL.
#![allow(clippy::unwrap_used)]

use crate::common;

use ahual::db::{classes, schools};
use ahual::demo::{DEMO_LOGINS, ensure_demo};
use ahual::domain::lang::Lang;
use common::world::{PASSWORD, World};
use common::{Backend, TestApp};

async fn the_demo_has_a_closed_wave_with_planted_classes(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    ensure_demo(&mut app.conn(), &common::flags()).unwrap();
    let code = ahual::domain::organisation::SchoolCode::parse(ahual::demo::DEMO_SCHOOL).unwrap();
    let school = schools::find_by_code(&mut app.conn(), &code).unwrap();
    let waves = ahual::db::waves::list_for_school(&mut app.conn(), school.id).unwrap();
    assert_eq!(waves.len(), 1);
    assert!(waves[0].closed);
    let classes = ahual::db::waves::classes_of(&mut app.conn(), waves[0].id).unwrap();
    let count = |label: &str| classes.iter().find(|c| c.label.as_str() == label).unwrap().responses;
    assert_eq!(count("10A"), 6, "one class below k");
    assert_eq!(count("7A"), 23);
    let responses = ahual::db::responses::of_wave(&mut app.conn(), waves[0].id).unwrap();
    assert_eq!(responses.len(), 115);
    let acute = responses.iter().filter(|r| r.answers.contains("\"sh_now\":1")).count();
    assert_eq!(acute, 1, "exactly one acute answer is planted");
}

fn home_title(role: &str, lang: Lang) -> String {
    match role {
        "admin" => lang.t("admin-home-title"),
        "centre_staff" => lang.t("nav-centre-home"),
        "national" => lang.t("national-title"),
        _ => lang.t("nav-school-home"),
    }
}

async fn each_demo_user_sees_their_home_in_every_language(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let logins = ensure_demo(&mut app.conn(), &common::flags()).unwrap();
    assert_eq!(logins, DEMO_LOGINS.to_vec());
    assert_eq!(ensure_demo(&mut app.conn(), &common::flags()).unwrap().len(), 4, "a second run creates nothing twice");
    assert_eq!(schools::list(&mut app.conn(), schools::SchoolFilter::All).unwrap().len(), 1);
    for demo in DEMO_LOGINS {
        app.clear_cookies();
        assert_eq!(app.login(demo.login, demo.password).await.status, 303, "{}", demo.login);
        for lang in Lang::ALL {
            let switched = app.get(&format!("/lang/{}?next=/home", lang.code())).await;
            assert_eq!(switched.location(), Some("/home"));
            let home = app.get_following("/home").await;
            assert_eq!(home.status, 200);
            assert!(home.body.contains(&format!("<html lang=\"{}\"", lang.code())));
            assert!(
                home.body.contains(&home_title(demo.role, lang)),
                "{} in {}: {}",
                demo.login,
                lang.code(),
                home.body
            );
            assert!(home.body.contains(&lang.t("sign-out")));
        }
    }
}

async fn a_refused_class_form_keeps_what_was_typed_and_says_why(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let world = World::build(&mut app.conn());
    app.login("psy-a", PASSWORD).await;
    app.get("/lang/ru?next=/school/classes").await;
    let reply = app.post_form("/school/classes", &[("label", "9 Б"), ("grade", "12"), ("roll", "31")]).await;
    assert_eq!(reply.status, 422);
    assert!(reply.body.contains("value=\"9 Б\""), "typed label kept");
    assert!(reply.body.contains("value=\"31\""), "typed roll kept");
    assert!(reply.body.contains(&Lang::Ru.t("invalid-class-label")));
    assert!(reply.body.contains(&Lang::Ru.t("invalid-grade")));
    assert!(!reply.body.contains(&Lang::Ru.t("invalid-roll")), "the valid field carries no message");
    let duplicate = app.post_form("/school/classes", &[("label", "7a"), ("grade", "7"), ("roll", "20")]).await;
    assert_eq!(duplicate.status, 422);
    assert!(duplicate.body.contains(&Lang::Ru.t("class-label-taken")));
    assert_eq!(classes::list(&mut app.conn(), world.school_a).unwrap().len(), 1);
}

async fn an_admin_creates_a_school_and_a_psychologist_who_can_sign_in(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    World::build(&mut app.conn());
    app.login("admin", PASSWORD).await;
    let created = app
        .post_form(
            "/admin/schools",
            &[
                ("code", "sch-0042"),
                ("region", "KZ-79"),
                ("name_kk", "№42 мектеп"),
                ("name_ru", "Школа №42"),
                ("name_en", "School 42"),
            ],
        )
        .await;
    assert_eq!(created.status, 303);
    let list = app.get("/admin/schools").await;
    assert!(list.body.contains("SCH-0042") && list.body.contains(&Lang::Kk.t("flash-school-created")));
    let code = ahual::domain::organisation::SchoolCode::parse("SCH-0042").unwrap();
    let school = schools::find_by_code(&mut app.conn(), &code).unwrap();
    let bad = app
        .post_form(
            "/admin/users",
            &[("login", "x"), ("display_name", ""), ("role", "psychologist"), ("school", ""), ("password", "short")],
        )
        .await;
    assert_eq!(bad.status, 422);
    for key in ["invalid-login", "invalid-name", "invalid-school", "password-too-short"] {
        assert!(bad.body.contains(&Lang::Kk.t(key)), "{key}");
    }
    assert!(!bad.body.contains("value=\"short\""), "passwords are never echoed");
    let good = app
        .post_form(
            "/admin/users",
            &[
                ("login", "psy42"),
                ("display_name", "Сәуле"),
                ("role", "psychologist"),
                ("school", &school.id.to_string()),
                ("password", "initial password"),
            ],
        )
        .await;
    assert_eq!(good.status, 303);
    app.clear_cookies();
    assert_eq!(app.login("psy42", "initial password").await.status, 303);
    assert!(app.get("/school").await.body.contains("№42 мектеп"));
}

async fn an_admin_is_told_what_is_taken_and_cannot_take_away_their_own_access(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let world = World::build(&mut app.conn());
    app.login("admin", PASSWORD).await;
    let school = |code| [("code", code), ("region", "KZ-71"), ("name_kk", "a"), ("name_ru", "b"), ("name_en", "c")];
    let created = app.post_form("/admin/schools", &school("sch-b")).await;
    assert_eq!(created.status, 422);
    assert!(created.body.contains(&Lang::Kk.t("school-code-taken")));
    let moved = app.post_form(&format!("/admin/schools/{}", world.school_a), &school("SCH-B")).await;
    assert_eq!(moved.status, 422);
    assert!(moved.body.contains(&Lang::Kk.t("school-code-taken")));
    let school_a = world.school_a.to_string();
    let psy_b = |active| {
        [("login", "psy-b"), ("display_name", "P"), ("role", "psychologist"), ("school", school_a.as_str()), active]
    };
    let taken = app.post_form("/admin/users", &psy_b(("password", "long enough pw"))).await;
    assert_eq!(taken.status, 422);
    assert!(taken.body.contains(&Lang::Kk.t("login-taken")));
    let renamed = app.post_form(&format!("/admin/users/{}", world.psy_a), &psy_b(("active", "on"))).await;
    assert_eq!(renamed.status, 422);
    assert!(renamed.body.contains(&Lang::Kk.t("login-taken")));
    let own = format!("/admin/users/{}", world.admin);
    let (login, name, on) = (("login", "admin"), ("display_name", "User admin"), ("active", "on"));
    let deactivated = app.post_form(&own, &[login, name, ("role", "admin")]).await;
    assert_eq!(deactivated.status, 422);
    assert!(deactivated.body.contains(&Lang::Kk.t("cannot-demote-self")));
    let demoted = app.post_form(&own, &[login, name, ("role", "national"), on]).await;
    assert_eq!(demoted.status, 422);
    assert!(demoted.body.contains(&Lang::Kk.t("cannot-demote-self")));
    let unchanged = app.post_form(&own, &[login, name, ("role", "admin"), on]).await;
    assert_eq!(unchanged.status, 303, "saving oneself unchanged is fine");
    assert_eq!(app.get("/admin").await.status, 200, "still an administrator");
}

async fn staff_change_their_own_password(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    World::build(&mut app.conn());
    app.login("centre-a", PASSWORD).await;
    let wrong = app
        .post_form(
            "/account/password",
            &[("current", "nope nope nope"), ("new", "a new password"), ("repeat", "a new password")],
        )
        .await;
    assert_eq!(wrong.status, 422);
    assert!(wrong.body.contains(&Lang::Kk.t("password-current-wrong")));
    let ok = app
        .post_form(
            "/account/password",
            &[("current", PASSWORD), ("new", "a new password"), ("repeat", "a new password")],
        )
        .await;
    assert_eq!(ok.status, 303);
    assert_eq!(app.get("/centre").await.status, 200, "this session stays signed in");
    app.clear_cookies();
    assert_eq!(app.login("centre-a", PASSWORD).await.status, 401);
    assert_eq!(app.login("centre-a", "a new password").await.status, 303);
}

async fn error_pages_speak_the_readers_language_and_headers_protect_every_page(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let missing = app.get("/no/such/page?lang=ru").await;
    assert_eq!(missing.status, 404);
    assert!(missing.body.contains(&Lang::Ru.t("error-title-not-found")), "{}", missing.body);
    app.get("/lang/en?next=/").await;
    assert!(app.get("/nowhere").await.body.contains(&Lang::En.t("error-title-not-found")));
    let login = app.get("/login").await;
    let csp = &login.headers["content-security-policy"];
    assert!(
        csp.contains("frame-ancestors 'none'") && csp.contains("script-src 'self'") && !csp.contains("unsafe-inline")
    );
    assert_eq!(login.headers["x-content-type-options"], "nosniff");
    assert_eq!(login.headers["referrer-policy"], "no-referrer");
    assert_eq!(login.headers["cache-control"], "no-store");
    let cookie = &login.headers["set-cookie"];
    assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"), "{cookie}");
    assert!(!login.body.contains("<script"), "no inline script");
    let css = app.get("/static/app.css").await;
    assert_eq!(css.status, 200);
    assert!(css.headers["content-type"].starts_with("text/css"));
}

async fn oversized_forms_are_refused_with_a_page(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    World::build(&mut app.conn());
    app.login("psy-a", PASSWORD).await;
    let huge = "x".repeat(70 * 1024);
    let reply = app.post_form("/school/classes", &[("label", &huge)]).await;
    assert_eq!(reply.status, 413);
    assert!(reply.body.contains(&Lang::Kk.t("error-too-large")));
}

on_both_backends!(
    the_demo_has_a_closed_wave_with_planted_classes,
    each_demo_user_sees_their_home_in_every_language,
    a_refused_class_form_keeps_what_was_typed_and_says_why,
    an_admin_creates_a_school_and_a_psychologist_who_can_sign_in,
    an_admin_is_told_what_is_taken_and_cannot_take_away_their_own_access,
    staff_change_their_own_password,
    error_pages_speak_the_readers_language_and_headers_protect_every_page,
    oversized_forms_are_refused_with_a_page,
);
