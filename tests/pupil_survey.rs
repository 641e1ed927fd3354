//! The pupil's way through the survey over HTTP: start with a class password, answer, submit, thanks;
//! kiosk safety (no cookies, no-store, single-use forms), every refusal in the pupil's language, and
//! the anonymity of what is stored. Runs on SQLite and PostgreSQL.
#![allow(clippy::unwrap_used)]

use crate::common;

use ahual::db::waves;
use ahual::domain::audit::Actor;
use ahual::domain::lang::Lang;
use ahual::domain::survey::wave::AccessMode;
use common::pupil::{open, open_form, pass_of, start, start_form, stored, submit};
use common::world::{World, class};
use common::{Backend, TestApp};

const ANSWERS: [(&str, &str); 4] = [("belong", "3"), ("victim_verbal", "2"), ("victim_cyber", "0"), ("sh_now", "0")];

async fn two_pupils_in_a_row_answer_on_one_browser_and_leave_nothing_behind(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let world = World::build(&mut app.conn());
    let opened = open(&mut app.conn(), world.school_a, vec![], AccessMode::Password);
    let password = opened.classes[0].password.clone().unwrap();

    let start_page = app.get("/?lang=kk").await;
    assert_eq!(start_page.status, 200);
    assert!(start_page.body.contains("name=\"password\"") && start_page.body.contains("href=\"/privacy?lang=kk\""));
    assert_eq!(start_page.headers["cache-control"], "no-store");

    for (lang, typed) in [("kk", password.to_lowercase()), ("ru", format!("{}-{}", &password[..5], &password[5..]))] {
        let started = app.post_raw(&format!("/survey/start?lang={lang}"), &[("password", typed.as_str())]).await;
        assert_eq!(started.location(), Some(format!("/survey/{}?lang={lang}", pass_of(&started)).as_str()));
        let pass = pass_of(&started);
        let form = app.get(&format!("/survey/{pass}")).await;
        assert_eq!(form.status, 200);
        assert!(form.body.contains(&format!("<html lang=\"{lang}\"")));
        assert!(
            form.body.contains("autocomplete=\"off\"")
                && form.body.contains("<fieldset")
                && form.body.contains("<legend>")
        );
        assert!(form.body.contains("id=\"leave\""), "a leave-now button");
        assert!(form.body.contains("name=\"sh_now\""), "grade 7 sees the self-harm section");
        assert!(!form.body.contains("checked"), "nothing is pre-filled for the next pupil");
        let sent = submit(&app, &pass, &ANSWERS).await;
        assert_eq!(sent.status, 303, "{}", sent.body);
        assert_eq!(sent.location(), Some(format!("/thanks?lang={lang}").as_str()));
        let thanks = app.get(&format!("/thanks?lang={lang}")).await;
        assert!(thanks.body.contains("href=\"/thanks/forget.css\""), "the page loads the eviction stylesheet");
        assert_eq!(
            thanks.body.matches("http-equiv=\"refresh\"").count(),
            thanks.body.matches("<noscript><meta http-equiv=\"refresh\"").count(),
            "a timed refresh only for browsers without script"
        );
        let forget = app.get("/thanks/forget.css").await;
        assert_eq!(forget.status, 200);
        assert_eq!(forget.headers["clear-site-data"], "\"cache\"", "the back-forward cache is dropped");
        let lang_value = Lang::parse(lang).unwrap();
        assert!(thanks.body.contains(&lang_value.t("pupil-thanks-title")));
        for number in ["111", "150", "112"] {
            assert!(thanks.body.contains(number), "help contact {number}");
        }
        let back = app.get(&format!("/survey/{pass}")).await;
        assert_eq!(back.status, 409, "Back after submitting finds the form spent");
        assert!(back.body.contains(&lang_value.t("pupil-already-sent")));
        assert!(!back.body.contains("name=\"belong\""), "none of the previous pupil's form is shown");
        let again = submit(&app, &pass, &ANSWERS).await;
        assert_eq!(again.status, 409, "a refresh cannot submit twice");
        assert!(again.body.contains(&lang_value.t("pupil-already-sent")), "in the pupil's language");
    }
    assert_eq!(app.cookie_count(), 0, "pupil pages never set a cookie");
    let rows = stored(&mut app.conn());
    assert_eq!(rows.len(), 2);
    let answers: serde_json::Value = serde_json::from_str(&rows[0].1).unwrap();
    assert_eq!(answers, serde_json::json!({"belong": 3, "victim_verbal": 2, "victim_cyber": 0, "sh_now": 0}));
    let classes = waves::classes_of(&mut app.conn(), opened.wave_id).unwrap();
    assert_eq!(classes[0].responses, 2, "the counter follows");
}

async fn closed_waves_full_classes_and_used_codes_refuse_with_a_page(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let world = World::build(&mut app.conn());
    let tiny = class(&mut app.conn(), world.school_a, "5Z", 5, 1);
    let opened = open(&mut app.conn(), world.school_a, vec![tiny], AccessMode::Codes);
    let codes = opened.classes[0].codes.clone();
    assert_eq!(codes.len(), 1, "one code per pupil on the roll");
    let pass = start(&app, &codes[0], "kk").await;
    let form = open_form(&app, &pass).await;
    assert!(!form.contains("name=\"sh_now\""), "grade 5 does not see the self-harm section");
    let refused = submit(&app, &pass, &[("sh_now", "1")]).await;
    assert_eq!(refused.status, 400, "an item not shown at this grade is refused");
    assert_eq!(submit(&app, &pass, &[("belong", "2")]).await.status, 303);
    let again = submit(&app, &pass, &[("belong", "2")]).await;
    assert_eq!(again.status, 409, "a form is sent once, also when its class's questionnaire is remembered");
    assert!(again.body.contains(&Lang::Kk.t("pupil-already-sent")), "{}", again.body);
    let used = app.post_raw("/survey/start?lang=kk", &[("password", &codes[0])]).await;
    assert_eq!(used.status, 401, "a spent code is deleted, so it is answered like any code that does not work");
    assert!(used.body.contains(&Lang::Kk.t("pupil-wrong-password")), "which says that a code works only once");

    let second = open(&mut app.conn(), world.school_a, vec![world.class_a], AccessMode::Password);
    let password = second.classes[0].password.clone().unwrap();
    let pass = start_form(&app, &password, "ru").await;
    waves::close(&mut app.conn(), second.wave_id, None, Actor::Cli, chrono::Utc::now().naive_utc()).unwrap();
    let late = submit(&app, &pass, &ANSWERS).await;
    assert_eq!(late.status, 409);
    assert!(late.body.contains(&Lang::Ru.t("pupil-closed")));
    let after = app.post_raw("/survey/start?lang=ru", &[("password", &password)]).await;
    assert_eq!(after.status, 409);
    assert!(after.body.contains(&Lang::Ru.t("pupil-closed-title")));
    assert_eq!(stored(&mut app.conn()).len(), 1, "only the one valid submission is stored");
}

/// The first view of a form just issued trusts the password's check of the wave; any later view and
/// the submission check again, so a wave closed in between still refuses the answers.
async fn a_fresh_forms_first_view_trusts_the_password_and_everything_after_checks_again(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let world = World::build(&mut app.conn());
    let opened = open(&mut app.conn(), world.school_a, vec![world.class_a], AccessMode::Password);
    let password = opened.classes[0].password.clone().unwrap();

    let pass = start(&app, &password, "kk").await;
    waves::close(&mut app.conn(), opened.wave_id, None, Actor::Cli, chrono::Utc::now().naive_utc()).unwrap();
    open_form(&app, &pass).await;
    let reload = app.get(&format!("/survey/{pass}")).await;
    assert_eq!(reload.status, 409, "a reload reads the wave again");
    assert!(reload.body.contains(&Lang::Kk.t("pupil-closed-title")), "{}", reload.body);
    let late = submit(&app, &pass, &ANSWERS).await;
    assert_eq!(late.status, 409, "the writer checks the wave whatever the form page saw");
    assert!(stored(&mut app.conn()).is_empty());

    let second = open(&mut app.conn(), world.school_a, vec![world.class_a], AccessMode::Password);
    let password = second.classes[0].password.clone().unwrap();
    let pass = start_form(&app, &password, "ru").await;
    assert_eq!(submit(&app, &pass, &ANSWERS).await.status, 303);
    let back = app.get(&format!("/survey/{pass}")).await;
    assert_eq!(back.status, 409, "a form sent is never fresh again");
    assert!(back.body.contains(&Lang::Ru.t("pupil-already-sent")), "{}", back.body);
}

/// The grant of `pass` sealed again as if it had been issued three hours ago: older than a form lives.
fn expired_pass(app: &TestApp, pass: &str) -> String {
    use ahual::domain::survey::{form_pass, form_token::FormGrant};
    let (key, now) = (app.state().pupil.key(), chrono::Utc::now().timestamp());
    let grant = form_pass::open(pass, key, now).unwrap();
    let old = FormGrant::issue(grant.wave_class_id, grant.lang, grant.code_hash, grant.nonce, now - 3 * 3600);
    form_pass::seal(&old, key).unwrap()
}

async fn bad_input_gets_a_clear_page_in_the_pupils_language_and_stores_nothing(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let world = World::build(&mut app.conn());
    let opened = open(&mut app.conn(), world.school_a, vec![], AccessMode::Password);
    let password = opened.classes[0].password.clone().unwrap();
    let pass = start_form(&app, &password, "ru").await;
    let unknown = submit(&app, &pass, &[("belong", "3"), ("favourite_teacher", "1")]).await;
    assert_eq!(unknown.status, 400);
    assert!(unknown.body.contains(&Lang::Ru.t("pupil-bad-answers")));
    let outside = submit(&app, &pass, &[("belong", "17")]).await;
    assert_eq!(outside.status, 400);
    let token_field = submit(&app, &pass, &[("_token", "anything"), ("belong", "3")]).await;
    assert_eq!(token_field.status, 400, "the form has no token field any more");
    let not_a_form = app.post_body(&format!("/survey/{pass}"), "belong=%ZZ&&=".to_owned()).await;
    assert_eq!(not_a_form.status, 400);
    assert!(not_a_form.body.contains(&Lang::Ru.t("pupil-bad-answers")), "in the grant's language");
    // The address keeps `?lang=`, so a pass that cannot be opened is still answered in the pupil's language.
    let forged = app.post_raw(&format!("/survey/{pass}00?lang=ru"), &ANSWERS).await;
    assert_eq!(forged.status, 400);
    assert!(forged.body.contains(&Lang::Ru.t("pupil-forged")));
    let expired = app.post_raw(&format!("/survey/{}?lang=ru", expired_pass(&app, &pass)), &ANSWERS).await;
    assert_eq!(expired.status, 409);
    assert!(expired.body.contains(&Lang::Ru.t("pupil-expired")), "{}", expired.body);
    let huge = format!("belong={}", "3".repeat(70 * 1024));
    let too_large = app.post_body(&format!("/survey/{pass}?lang=ru"), huge).await;
    assert_eq!(too_large.status, 413);
    assert!(too_large.body.contains(&Lang::Ru.t("error-too-large")) && too_large.body.contains("lang=\"ru\""));
    assert!(stored(&mut app.conn()).is_empty(), "nothing was stored");
    let skipped = submit(&app, &pass, &[("belong", ""), ("victim_cyber", "1")]).await;
    assert_eq!(skipped.status, 303, "skipped items are fine");
    let rows = stored(&mut app.conn());
    assert_eq!(rows[0].1, "{\"victim_cyber\":1}");
}

async fn random_form_bodies_never_panic_and_never_store_anything_invalid(backend: Backend) {
    use rand::{Rng, SeedableRng};
    let app = TestApp::spawn(backend).await;
    let world = World::build(&mut app.conn());
    let opened = open(&mut app.conn(), world.school_a, vec![], AccessMode::Password);
    let password = opened.classes[0].password.clone().unwrap();
    let mut rng = rand::rngs::StdRng::seed_from_u64(11);
    let keys =
        ["belong", "victim_verbal", "sh_now", "_token", "", "x", "belong[]", "%00", "victim_cyber", "would_tell"];
    let values = ["0", "1", "2", "4", "9", "", "-1", "255", "abc", "1.5", "٣"];
    for _ in 0..25 {
        let pass = start_form(&app, &password, "kk").await;
        let mut fields: Vec<(String, String)> = Vec::new();
        for _ in 0..rng.random_range(0..6) {
            let key = keys[rng.random_range(0..keys.len())];
            let value = values[rng.random_range(0..values.len())];
            fields.push((key.into(), value.into()));
        }
        let refs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        let reply = submit(&app, &pass, &refs).await;
        assert!([303, 400].contains(&reply.status), "{} for {fields:?}", reply.status);
    }
    let catalog =
        ahual::app::catalog_files::load_catalog(std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/surveys")))
            .unwrap();
    let instrument = catalog.latest("school-climate").unwrap();
    for (_, json) in stored(&mut app.conn()) {
        let map: serde_json::Map<String, serde_json::Value> = serde_json::from_str(&json).unwrap();
        for (item, value) in map {
            let item = instrument.item(&item).unwrap_or_else(|| panic!("stored unknown item {item}"));
            let value = u8::try_from(value.as_u64().unwrap()).unwrap();
            assert!(item.choice(value).is_some(), "stored a value outside the options");
        }
    }
}

async fn a_stored_response_holds_nothing_that_identifies_the_pupil(backend: Backend) {
    use ahual::db::schema::responses;
    use diesel::prelude::*;
    let app = TestApp::spawn(backend).await;
    let world = World::build(&mut app.conn());
    let opened = open(&mut app.conn(), world.school_a, vec![], AccessMode::Password);
    let pass = start_form(&app, opened.classes[0].password.as_ref().unwrap(), "kk").await;
    assert_eq!(submit(&app, &pass, &ANSWERS).await.status, 303);
    let columns = common::pupil::response_columns(&mut app.conn(), backend);
    assert_eq!(columns, ["answers", "class_id", "id", "instrument_version", "lang", "submitted_on", "wave_id"]);
    let (id, day): (String, chrono::NaiveDate) =
        responses::table.select((responses::id, responses::submitted_on)).first(&mut app.conn()).unwrap();
    assert_eq!(uuid::Uuid::parse_str(&id).unwrap().get_version_num(), 4, "random, never time-ordered ids");
    assert_eq!(day, ahual::domain::survey::wave::local_date(chrono::Utc::now()), "the day only");
}

async fn the_privacy_page_speaks_every_language(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    for lang in Lang::ALL {
        let page = app.get(&format!("/privacy?lang={}", lang.code())).await;
        assert_eq!(page.status, 200);
        assert!(page.body.contains(&lang.t("privacy-never-title")));
        assert!(page.body.contains(&lang.t_args("privacy-why-k", &[("k", ahual::i18n::count(10))])));
        for promise in ["privacy-why-same", "privacy-why-signal", "privacy-why-period"] {
            assert!(page.body.contains(&lang.t(promise)), "{promise} in {}", lang.code());
        }
    }
    assert_eq!(app.cookie_count(), 0);
}

on_both_backends!(
    a_fresh_forms_first_view_trusts_the_password_and_everything_after_checks_again,
    two_pupils_in_a_row_answer_on_one_browser_and_leave_nothing_behind,
    closed_waves_full_classes_and_used_codes_refuse_with_a_page,
    bad_input_gets_a_clear_page_in_the_pupils_language_and_stores_nothing,
    random_form_bodies_never_panic_and_never_store_anything_invalid,
    a_stored_response_holds_nothing_that_identifies_the_pupil,
    the_privacy_page_speaks_every_language,
);
