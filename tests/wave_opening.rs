//! A psychologist opens a wave on the web, prints its passwords once, follows participation in bands
//! while pupils answer, and closes it; one wave per school and reporting period. Runs on SQLite and
//! PostgreSQL.
#![allow(clippy::unwrap_used)]

use crate::common;

use ahual::db::waves;
use ahual::domain::audit::Actor;
use ahual::domain::lang::Lang;
use common::pupil::{start_form, submit};
use common::world::{PASSWORD, World};
use common::{Backend, TestApp};

const ANSWERS: [(&str, &str); 4] = [("belong", "3"), ("victim_verbal", "2"), ("victim_cyber", "0"), ("sh_now", "0")];

async fn a_psychologist_opens_a_wave_prints_passwords_and_follows_bands(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let world = World::build(&mut app.conn());
    // The world's own wave of school A got no answers: closed, it leaves the period free.
    let now = chrono::Utc::now().naive_utc();
    ahual::app::close_wave::close(&mut app.conn(), world.wave_a, None, Actor::Cli, &common::flags(), now).unwrap();
    app.login("psy-a", PASSWORD).await;
    let new = app.get("/school/waves/new").await;
    assert_eq!(new.status, 200);
    let nonce_start = new.body.find("name=\"nonce\" value=\"").unwrap() + 20;
    let nonce = new.body[nonce_start..nonce_start + 32].to_owned();
    let class = world.class_a.to_string();
    let today = ahual::domain::survey::wave::local_date(chrono::Utc::now());
    let fields = [
        ("instrument", "school-climate"),
        ("class", class.as_str()),
        ("opens_on", &today.to_string()),
        ("closes_on", &(today + chrono::Duration::days(7)).to_string()),
        ("mode", "password"),
        ("nonce", nonce.as_str()),
    ];
    let sheet = app.post_form("/school/waves", &fields).await;
    assert_eq!(sheet.status, 200, "{}", sheet.body);
    assert!(sheet.body.contains(&Lang::Kk.t("secrets-shown-once")));
    let trust_line = sheet.body.split("<p class=\"trust-line\">").nth(1).expect("each sheet names the trust box");
    let trust_line = trust_line.split("</p>").next().unwrap();
    assert!(trust_line.contains("SCH-A") && trust_line.contains("/trust"), "with the school's code: {trust_line}");
    assert!(!trust_line.contains(&class) && !trust_line.contains("wave"), "and nothing of the class or wave");
    let at = sheet.body.find("class=\"secret\">").unwrap() + 15;
    let password = sheet.body[at..at + 11].replace('-', "");
    let again = app.post_form("/school/waves", &fields).await;
    assert_eq!(again.status, 409, "re-posting the form opens nothing twice");
    let waves_list = waves::list_for_school(&mut app.conn(), world.school_a).unwrap();
    assert_eq!(waves_list.len(), 2, "the world's wave and this one");
    let opened = waves_list.iter().find(|w| w.id != world.wave_a).unwrap();
    let newest = common::catalog().latest("school-climate").unwrap().version();
    assert_eq!(opened.instrument.version(), newest, "the form opens the questionnaire's newest version");
    let wave = opened.id;
    let detail = app.get(&format!("/school/waves/{wave}")).await;
    assert!(detail.body.contains("0-9"), "participation in bands of k");
    let pupil = TestApp::spawn_on(app.database.clone()).await;
    for _ in 0..11 {
        let pass = start_form(&pupil, &password, "kk").await;
        assert_eq!(submit(&pupil, &pass, &ANSWERS).await.status, 303);
    }
    let detail = app.get(&format!("/school/waves/{wave}")).await;
    // 7A's roll is 25, so its bands are 0-9 and 10-25: a last band of 6 would say too much alone.
    assert!(detail.body.contains("10-25") && !detail.body.contains(">11<"), "a band, never the count");
    app.clear_cookies();
    app.login("psy-b", PASSWORD).await;
    assert_eq!(app.get(&format!("/school/waves/{wave}")).await.status, 404, "another school's wave is not found");
    assert_eq!(app.post_form(&format!("/school/waves/{wave}/close"), &[]).await.status, 404);
    app.clear_cookies();
    app.login("psy-a", PASSWORD).await;
    assert_eq!(app.post_form(&format!("/school/waves/{wave}/close"), &[]).await.status, 303);
    let closed = pupil.post_raw("/survey/start?lang=kk", &[("password", &password)]).await;
    assert_eq!(closed.status, 409);
    let open_with_dates = |opens: chrono::NaiveDate| {
        let app = &app;
        let class = class.clone();
        async move {
            let new = app.get("/school/waves/new").await;
            let at = new.body.find("name=\"nonce\" value=\"").unwrap() + 20;
            let nonce = new.body[at..at + 32].to_owned();
            let (opens, closes) = (opens.to_string(), (opens + chrono::Duration::days(7)).to_string());
            let fields = [
                ("instrument", "school-climate"),
                ("class", class.as_str()),
                ("opens_on", opens.as_str()),
                ("closes_on", closes.as_str()),
                ("mode", "password"),
                ("nonce", nonce.as_str()),
            ];
            app.post_form("/school/waves", &fields).await
        }
    };
    let again = open_with_dates(today).await;
    assert!(again.body.contains(&Lang::Kk.t("wave-period-taken")), "this wave got answers: the period is taken");
    assert!(!again.body.contains(&Lang::Kk.t("secrets-shown-once")));
    let next = ahual::domain::period::ReportingPeriod::containing(today).next().first_day();
    let later = open_with_dates(next).await;
    assert!(later.body.contains(&Lang::Kk.t("secrets-shown-once")), "the next half-year is free");
}

on_both_backends!(a_psychologist_opens_a_wave_prints_passwords_and_follows_bands);
