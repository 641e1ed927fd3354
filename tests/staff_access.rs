//! Sign-in, lockout, CSRF and the access table: every staff route refuses everyone outside its role
//! and scope. Runs on SQLite and PostgreSQL.
#![allow(clippy::unwrap_used)]

use crate::common;

use ahual::db::{classes, login_throttle};
use ahual::domain::lang::Lang;
use common::world::{PASSWORD, World};
use common::{Backend, TestApp};

async fn app_with_world(backend: Backend) -> (TestApp, World) {
    let app = TestApp::spawn(backend).await;
    let world = World::build(&mut app.conn());
    (app, world)
}

async fn psychologist_signs_in_and_lands_on_their_school(backend: Backend) {
    let (app, _) = app_with_world(backend).await;
    let reply = app.login("psy-a", PASSWORD).await;
    assert_eq!(reply.status, 303);
    assert_eq!(reply.location(), Some("/home"));
    let home = app.get_following("/home").await;
    assert_eq!(home.status, 200);
    assert!(home.body.contains("SCH-A мектебі"), "{}", home.body);
    assert!(home.body.contains(&Lang::Kk.t("sign-out")), "Kazakh by default");
}

async fn wrong_password_is_refused_without_saying_which_part(backend: Backend) {
    let (app, _) = app_with_world(backend).await;
    let reply = app.login("psy-a", "not the password").await;
    assert_eq!(reply.status, 401);
    assert!(reply.body.contains(&Lang::Kk.t("sign-in-wrong")));
    assert!(reply.body.contains("value=\"psy-a\""), "the typed login is kept");
    let unknown = app.login("nobody", "not the password").await;
    assert_eq!(unknown.status, 401);
    assert!(unknown.body.contains(&Lang::Kk.t("sign-in-wrong")));
    assert_eq!(app.get("/school").await.status, 303, "still signed out");
}

async fn five_failures_lock_the_login_even_for_the_right_password(backend: Backend) {
    let (app, _) = app_with_world(backend).await;
    let statuses: Vec<u16> = {
        let mut s = Vec::new();
        for _ in 0..5 {
            s.push(app.login("psy-a", "wrong password!").await.status);
        }
        s
    };
    assert_eq!(statuses, [401, 401, 401, 401, 429]);
    let locked = app.login("psy-a", PASSWORD).await;
    assert_eq!(locked.status, 429);
    assert!(locked.body.contains(&Lang::Kk.t("sign-in-locked")));
    let state = login_throttle::load(&mut app.conn(), "psy-a").unwrap().unwrap();
    assert!(state.locked_until.is_some(), "the lock is kept in the database");
    assert_eq!(app.login("psy-b", PASSWORD).await.status, 303, "other logins are unaffected");
}

async fn a_lock_made_through_one_instance_holds_in_another(backend: Backend) {
    let (first, _) = app_with_world(backend).await;
    for _ in 0..5 {
        first.login("centre-a", "wrong password!").await;
    }
    let second = TestApp::spawn_on(first.database.clone()).await;
    assert_eq!(second.login("centre-a", PASSWORD).await.status, 429);
}

async fn forms_without_the_right_token_change_nothing(backend: Backend) {
    let (app, world) = app_with_world(backend).await;
    app.login("psy-a", PASSWORD).await;
    let fields = [("label", "9C"), ("grade", "9"), ("roll", "20")];
    let missing = app.post_raw("/school/classes", &fields).await;
    assert_eq!(missing.status, 403);
    assert!(missing.body.contains(&Lang::Kk.t("error-form-expired")));
    let forged = app
        .post_raw("/school/classes", &[("csrf", &"0".repeat(64)), ("label", "9C"), ("grade", "9"), ("roll", "20")])
        .await;
    assert_eq!(forged.status, 403);
    assert_eq!(classes::list(&mut app.conn(), world.school_a).unwrap().len(), 1, "nothing was created");
    let good = app.post_form("/school/classes", &fields).await;
    assert_eq!(good.status, 303);
    assert_eq!(classes::list(&mut app.conn(), world.school_a).unwrap().len(), 2);
}

async fn signing_out_needs_the_token_and_ends_the_session(backend: Backend) {
    let (app, _) = app_with_world(backend).await;
    app.login("admin", PASSWORD).await;
    assert_eq!(app.post_raw("/logout", &[]).await.status, 403);
    assert_eq!(app.get("/admin").await.status, 200);
    assert_eq!(app.post_form("/logout", &[]).await.status, 303);
    assert_eq!(app.get("/admin").await.status, 303);
}

/// Who asks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Who {
    Anonymous,
    Admin,
    PsyA,
    CentreA,
    National,
}

impl Who {
    fn login(self) -> Option<&'static str> {
        match self {
            Who::Anonymous => None,
            Who::Admin => Some("admin"),
            Who::PsyA => Some("psy-a"),
            Who::CentreA => Some("centre-a"),
            Who::National => Some("national"),
        }
    }
}

/// One request of the access table: method, path, form and who may make it.
struct Case {
    post: bool,
    path: String,
    form: Vec<(&'static str, String)>,
    allowed: Who,
}

/// A wave in the next reporting period (the world's own wave takes school A's current one).
fn wave_form(world: &World) -> Vec<(&'static str, String)> {
    let today = ahual::domain::survey::wave::local_date(chrono::Utc::now());
    let next = ahual::domain::period::ReportingPeriod::containing(today).next().first_day();
    vec![
        ("instrument", "express".into()),
        ("class", world.class_a.to_string()),
        ("opens_on", next.to_string()),
        ("closes_on", next.to_string()),
        ("mode", "codes".into()),
        ("nonce", uuid::Uuid::new_v4().to_string()),
    ]
}

fn cases(world: &World) -> Vec<Case> {
    let get = |path: String, allowed| Case { post: false, path, form: vec![], allowed };
    let post = |path: String, form: Vec<(&'static str, String)>, allowed| Case { post: true, path, form, allowed };
    let school_form = |code: &str| {
        vec![
            ("code", code.to_owned()),
            ("region", "KZ-71".into()),
            ("name_kk", "a".into()),
            ("name_ru", "b".into()),
            ("name_en", "c".into()),
        ]
    };
    let class_form = |label: &str| vec![("label", label.to_owned()), ("grade", "6".into()), ("roll", "20".into())];
    vec![
        get("/admin".into(), Who::Admin),
        get("/admin/schools".into(), Who::Admin),
        post("/admin/schools".into(), school_form("SCH-NEW"), Who::Admin),
        get(format!("/admin/schools/{}", world.school_b), Who::Admin),
        post(format!("/admin/schools/{}", world.school_a), school_form("SCH-A"), Who::Admin),
        get("/admin/users".into(), Who::Admin),
        post(
            "/admin/users".into(),
            vec![
                ("login", "new-user".into()),
                ("display_name", "N".into()),
                ("role", "admin".into()),
                ("password", "long enough pw".into()),
            ],
            Who::Admin,
        ),
        get(format!("/admin/users/{}", world.psy_b), Who::Admin),
        post(
            format!("/admin/users/{}/password", world.psy_b),
            vec![("password", "another long pw".into())],
            Who::Admin,
        ),
        get("/admin/settings".into(), Who::Admin),
        post("/admin/settings/centres/KZ-75".into(), vec![("email", "almaty@example.kz".into())], Who::Admin),
        get("/centre".into(), Who::CentreA),
        get(format!("/centre/schools/{}", world.school_a), Who::CentreA),
        get("/centre/region".into(), Who::CentreA),
        get("/centre/trust".into(), Who::CentreA),
        get("/national".into(), Who::National),
        get("/school".into(), Who::PsyA),
        get("/school/trust".into(), Who::PsyA),
        get("/school/classes".into(), Who::PsyA),
        post("/school/classes".into(), class_form("6Z"), Who::PsyA),
        get(format!("/school/classes/{}", world.class_a), Who::PsyA),
        post(format!("/school/classes/{}", world.class_a), class_form("7A"), Who::PsyA),
        get("/school/waves".into(), Who::PsyA),
        get("/school/waves/new".into(), Who::PsyA),
        post("/school/waves".into(), wave_form(world), Who::PsyA),
        get(format!("/school/waves/{}", world.wave_a), Who::PsyA),
        post(format!("/school/waves/{}/close", world.wave_a), vec![], Who::PsyA),
    ]
}

async fn send(app: &TestApp, case: &Case) -> u16 {
    let form: Vec<(&str, &str)> = case.form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    if case.post { app.post_form(&case.path, &form).await.status } else { app.get(&case.path).await.status }
}

async fn every_staff_route_refuses_other_roles_and_strangers(backend: Backend) {
    let (app, world) = app_with_world(backend).await;
    for who in [Who::Anonymous, Who::PsyA, Who::CentreA, Who::Admin, Who::National] {
        app.clear_cookies();
        if let Some(login) = who.login() {
            assert_eq!(app.login(login, PASSWORD).await.status, 303);
        }
        for case in cases(&world) {
            let status = send(&app, &case).await;
            let expected: &[u16] = match (who, case.allowed == who) {
                (Who::Anonymous, _) => &[303],
                (_, true) => &[200, 303],
                (_, false) => &[403],
            };
            assert!(
                expected.contains(&status),
                "{who:?} {} {} gave {status}, expected {expected:?}",
                if case.post { "POST" } else { "GET" },
                case.path
            );
        }
    }
}

async fn ids_from_another_school_or_region_are_not_found(backend: Backend) {
    let (app, world) = app_with_world(backend).await;
    app.login("psy-a", PASSWORD).await;
    let foreign_class = format!("/school/classes/{}", world.class_b);
    assert_eq!(app.get(&foreign_class).await.status, 404);
    let post = app.post_form(&foreign_class, &[("label", "HACK"), ("grade", "9"), ("roll", "1")]).await;
    assert_eq!(post.status, 404);
    let class_b = classes::get(&mut app.conn(), world.school_b, world.class_b).unwrap();
    assert_eq!(class_b.label.as_str(), "8B", "school B's class is untouched");
    assert_eq!(app.get("/school/classes/not-a-uuid").await.status, 404);

    app.clear_cookies();
    app.login("centre-a", PASSWORD).await;
    assert_eq!(app.get(&format!("/centre/schools/{}", world.school_a)).await.status, 200);
    let other_region = app.get(&format!("/centre/schools/{}", world.school_b)).await;
    assert_eq!(other_region.status, 404);
    assert!(!other_region.body.contains("SCH-B"), "nothing of region B leaks");
    let home = app.get("/centre").await;
    assert!(home.body.contains("SCH-A") && !home.body.contains("SCH-B"), "the centre lists only its region");
}

async fn disabled_accounts_lose_their_sessions(backend: Backend) {
    let (app, world) = app_with_world(backend).await;
    app.login("psy-a", PASSWORD).await;
    assert_eq!(app.get("/school").await.status, 200);
    common::world::disable(&mut app.conn(), world.psy_a);
    assert_eq!(app.get("/school").await.status, 303);
    assert_eq!(app.login("psy-a", PASSWORD).await.status, 401);
}

on_both_backends!(
    psychologist_signs_in_and_lands_on_their_school,
    wrong_password_is_refused_without_saying_which_part,
    five_failures_lock_the_login_even_for_the_right_password,
    a_lock_made_through_one_instance_holds_in_another,
    forms_without_the_right_token_change_nothing,
    signing_out_needs_the_token_and_ends_the_session,
    every_staff_route_refuses_other_roles_and_strangers,
    ids_from_another_school_or_region_are_not_found,
    disabled_accounts_lose_their_sessions,
);
