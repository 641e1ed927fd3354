//! The pupil's way through the survey over HTTP: start with a class password, answer, submit, thanks;
//! kiosk safety (no cookies, no-store, single-use forms), every refusal in the pupil's language, and
//! the anonymity of what is stored. Runs on SQLite and PostgreSQL.
#![allow(clippy::unwrap_used)]

use crate::common;

use ahual::db::waves;
use ahual::domain::audit::Actor;
use ahual::domain::lang::Lang;
use ahual::domain::survey::wave::AccessMode;
use common::pupil::{form_token, open, start, start_form, stored, submit, token_in};
use common::world::{PASSWORD, World, class};
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
        let pass = start(&app, &typed, lang).await;
        let form = app.get(&format!("/survey/{pass}")).await;
        assert_eq!(form.status, 200);
        let token = token_in(&form.body);
        assert!(form.body.contains(&format!("<html lang=\"{lang}\"")));
        assert!(
            form.body.contains("autocomplete=\"off\"")
                && form.body.contains("<fieldset")
                && form.body.contains("<legend>")
        );
        assert!(form.body.contains("id=\"leave\""), "a leave-now button");
        assert!(form.body.contains("name=\"sh_now\""), "grade 7 sees the self-harm section");
        assert!(!form.body.contains("checked"), "nothing is pre-filled for the next pupil");
        let sent = submit(&app, &token, lang, &ANSWERS).await;
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
        let again = submit(&app, &token, lang, &ANSWERS).await;
        assert_eq!(again.status, 409, "a refresh cannot submit twice");
    }
    assert_eq!(app.cookie_count(), 0, "pupil pages never set a cookie");
    let rows = stored(&mut app.conn());
    assert_eq!(rows.len(), 2);
    let answers: serde_json::Value = serde_json::from_str(&rows[0].1).unwrap();
    assert_eq!(answers, serde_json::json!({"belong": 3, "victim_verbal": 2, "victim_cyber": 0, "sh_now": 0}));
    let classes = waves::classes_of(&mut app.conn(), opened.wave_id).unwrap();
    assert_eq!(classes[0].responses, 2, "the counter follows");
}

/// The questionnaire is rendered once per grade and language and stitched around each pupil's token
/// (`web/stitched_page.rs`): gzipped or plain, every pupil gets the whole page with their own token.
async fn the_form_page_is_the_same_gzipped_or_plain_and_carries_each_pupils_token(backend: Backend) {
    use std::io::Read;
    let app = TestApp::spawn(backend).await;
    let world = World::build(&mut app.conn());
    let opened = open(&mut app.conn(), world.school_a, vec![], AccessMode::Password);
    let password = opened.classes[0].password.clone().unwrap();
    let mut pages = Vec::new();
    for lang in ["kk", "kk", "ru"] {
        let pass = start(&app, &password, lang).await;
        let path = format!("/survey/{pass}");
        let (status, headers, plain) = app.get_bytes(&path, &[]).await;
        assert_eq!(status, 200);
        assert!(!headers.contains_key("content-encoding"), "no gzip for a client that did not ask");
        let (status, headers, gzipped) = app.get_bytes(&path, &[("Accept-Encoding", "gzip, deflate, br")]).await;
        assert_eq!(status, 200);
        assert_eq!(headers.get("content-encoding").map(String::as_str), Some("gzip"));
        assert!(headers.get("vary").is_some_and(|v| v.eq_ignore_ascii_case("accept-encoding")));
        assert_eq!(headers["cache-control"], "no-store", "the security headers still apply");
        let mut unzipped = Vec::new();
        flate2::read::GzDecoder::new(gzipped.as_slice()).read_to_end(&mut unzipped).expect("valid gzip");
        assert_eq!(unzipped, plain, "the same page either way");
        let page = String::from_utf8(plain).unwrap();
        let token = token_in(&page);
        assert_eq!(page.matches(&format!("value=\"{token}\"")).count(), 1, "this pupil's token, once");
        assert!(page.contains(&format!("<html lang=\"{lang}\"")) && page.contains("name=\"belong\""));
        assert!(!page.contains('\u{0}'), "no trace of the slot");
        pages.push((token, page));
    }
    assert_ne!(pages[0].1, pages[1].1, "two pupils, two tokens");
    assert_eq!(pages[0].1.replace(&pages[0].0, ""), pages[1].1.replace(&pages[1].0, ""), "otherwise one page");
    assert_ne!(pages[0].1.replace(&pages[0].0, ""), pages[2].1.replace(&pages[2].0, ""), "per language");
    let sent = submit(&app, &pages[1].0, "kk", &ANSWERS).await;
    assert_eq!(sent.status, 303, "the stitched page's token submits: {}", sent.body);
}

async fn a_wrong_password_gets_one_generic_message_and_hammering_is_throttled(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let world = World::build(&mut app.conn());
    open(&mut app.conn(), world.school_a, vec![], AccessMode::Password);
    let wrong = app.post_raw("/survey/start?lang=ru", &[("password", "AAAAAAAAAA")]).await;
    assert_eq!(wrong.status, 401);
    assert!(wrong.body.contains(&Lang::Ru.t("pupil-wrong-password")));
    let short = app.post_raw("/survey/start?lang=ru", &[("password", "x")]).await;
    assert!(short.body.contains(&Lang::Ru.t("pupil-wrong-password")), "same message for any wrong input");
    assert_eq!(hammer(&app, None).await, 429);
}

/// One wrong password, with the client's address as a reverse proxy would report it (if given); the
/// answer's status.
async fn wrong_password_from(app: &TestApp, forwarded_for: Option<&str>) -> u16 {
    let fields = [("password", "AAAAAAAAAA")];
    let headers: Vec<(&str, &str)> = forwarded_for.map(|address| ("X-Forwarded-For", address)).into_iter().collect();
    app.post_raw_with_headers("/survey/start?lang=kk", &fields, &headers).await.status
}

/// Wrong passwords from one client until the throttle must have answered; the last status.
async fn hammer(app: &TestApp, forwarded_for: Option<&str>) -> u16 {
    let mut last = 0;
    for _ in 0..40 {
        last = wrong_password_from(app, forwarded_for).await;
    }
    last
}

async fn behind_a_trusted_proxy_each_school_lab_has_its_own_throttle(backend: Backend) {
    let database = std::sync::Arc::new(common::TestDatabase::create(backend));
    let proxied = TestApp::spawn_configured(database.clone(), |s| {
        s.trusted_proxies = vec![std::net::IpAddr::from([127, 0, 0, 1])];
    })
    .await;
    let world = World::build(&mut proxied.conn());
    open(&mut proxied.conn(), world.school_a, vec![], AccessMode::Password);
    assert_eq!(hammer(&proxied, Some("198.51.100.1")).await, 429, "the hammering lab is slowed");
    assert_eq!(
        wrong_password_from(&proxied, Some("198.51.100.2")).await,
        401,
        "another lab behind the same proxy is not"
    );
    assert_eq!(
        wrong_password_from(&proxied, Some("198.51.100.3, 198.51.100.1")).await,
        429,
        "a forged first hop does not escape the real address's bucket"
    );

    // Without a trusted proxy the header is only a claim: the connection's address counts.
    let direct = TestApp::spawn_on(database).await;
    assert_eq!(hammer(&direct, Some("198.51.100.4")).await, 429);
    assert_eq!(
        wrong_password_from(&direct, Some("198.51.100.5")).await,
        429,
        "a client cannot pick a fresh bucket by claiming another address"
    );
}

async fn closed_waves_full_classes_and_used_codes_refuse_with_a_page(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let world = World::build(&mut app.conn());
    let tiny = class(&mut app.conn(), world.school_a, "5Z", 5, 1);
    let opened = open(&mut app.conn(), world.school_a, vec![tiny], AccessMode::Codes);
    let codes = opened.classes[0].codes.clone();
    assert_eq!(codes.len(), 1, "one code per pupil on the roll");
    let pass = start(&app, &codes[0], "kk").await;
    let form = app.get(&format!("/survey/{pass}")).await;
    let token = token_in(&form.body);
    assert!(!form.body.contains("name=\"sh_now\""), "grade 5 does not see the self-harm section");
    let refused = submit(&app, &token, "kk", &[("sh_now", "1")]).await;
    assert_eq!(refused.status, 400, "an item not shown at this grade is refused");
    assert_eq!(submit(&app, &token, "kk", &[("belong", "2")]).await.status, 303);
    let again = submit(&app, &token, "kk", &[("belong", "2")]).await;
    assert_eq!(again.status, 409, "a form is sent once, also when its class's questionnaire is remembered");
    assert!(again.body.contains(&Lang::Kk.t("pupil-already-sent")), "{}", again.body);
    let used = app.post_raw("/survey/start?lang=kk", &[("password", &codes[0])]).await;
    assert_eq!(used.status, 401, "a spent code is deleted, so it is answered like any code that does not work");
    assert!(used.body.contains(&Lang::Kk.t("pupil-wrong-password")), "which says that a code works only once");

    let second = open(&mut app.conn(), world.school_a, vec![world.class_a], AccessMode::Password);
    let password = second.classes[0].password.clone().unwrap();
    let token = start_form(&app, &password, "ru").await.1;
    waves::close(&mut app.conn(), second.wave_id, None, Actor::Cli, chrono::Utc::now().naive_utc()).unwrap();
    let late = submit(&app, &token, "ru", &ANSWERS).await;
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
    let token = form_token(&app, &pass).await;
    let reload = app.get(&format!("/survey/{pass}")).await;
    assert_eq!(reload.status, 409, "a reload reads the wave again");
    assert!(reload.body.contains(&Lang::Kk.t("pupil-closed-title")), "{}", reload.body);
    let late = submit(&app, &token, "kk", &ANSWERS).await;
    assert_eq!(late.status, 409, "the writer checks the wave whatever the form page saw");
    assert!(stored(&mut app.conn()).is_empty());

    let second = open(&mut app.conn(), world.school_a, vec![world.class_a], AccessMode::Password);
    let password = second.classes[0].password.clone().unwrap();
    let (pass, token) = start_form(&app, &password, "ru").await;
    assert_eq!(submit(&app, &token, "ru", &ANSWERS).await.status, 303);
    let back = app.get(&format!("/survey/{pass}")).await;
    assert_eq!(back.status, 409, "a form sent is never fresh again");
    assert!(back.body.contains(&Lang::Ru.t("pupil-already-sent")), "{}", back.body);
}

async fn bad_input_gets_a_clear_page_in_the_pupils_language_and_stores_nothing(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let world = World::build(&mut app.conn());
    let opened = open(&mut app.conn(), world.school_a, vec![], AccessMode::Password);
    let password = opened.classes[0].password.clone().unwrap();
    let token = start_form(&app, &password, "ru").await.1;
    let unknown = submit(&app, &token, "ru", &[("belong", "3"), ("favourite_teacher", "1")]).await;
    assert_eq!(unknown.status, 400);
    assert!(unknown.body.contains(&Lang::Ru.t("pupil-bad-answers")));
    let outside = submit(&app, &token, "ru", &[("belong", "17")]).await;
    assert_eq!(outside.status, 400);
    let forged = submit(&app, &format!("{token}x"), "ru", &ANSWERS).await;
    assert_eq!(forged.status, 400);
    assert!(forged.body.contains(&Lang::Ru.t("pupil-forged")));
    let no_token = app.post_raw("/survey/submit?lang=ru", &[("belong", "3")]).await;
    assert_eq!(no_token.status, 400);
    let huge = format!("_token={token}&belong={}", "3".repeat(70 * 1024));
    let too_large = app.post_body("/survey/submit?lang=ru", huge).await;
    assert_eq!(too_large.status, 413);
    assert!(too_large.body.contains(&Lang::Ru.t("error-too-large")) && too_large.body.contains("lang=\"ru\""));
    assert!(stored(&mut app.conn()).is_empty(), "nothing was stored");
    let skipped = submit(&app, &token, "ru", &[("belong", ""), ("victim_cyber", "1")]).await;
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
        let token = start_form(&app, &password, "kk").await.1;
        let mut fields: Vec<(String, String)> = vec![("_token".into(), token)];
        for _ in 0..rng.random_range(0..6) {
            let key = keys[rng.random_range(0..keys.len())];
            let value = values[rng.random_range(0..values.len())];
            fields.push((key.into(), value.into()));
        }
        let refs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        let reply = app.post_raw("/survey/submit?lang=kk", &refs).await;
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
    let token = start_form(&app, opened.classes[0].password.as_ref().unwrap(), "kk").await.1;
    submit(&app, &token, "kk", &ANSWERS).await;
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
        let token = start_form(&pupil, &password, "kk").await.1;
        assert_eq!(submit(&pupil, &token, "kk", &ANSWERS).await.status, 303);
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

on_both_backends!(
    a_fresh_forms_first_view_trusts_the_password_and_everything_after_checks_again,
    two_pupils_in_a_row_answer_on_one_browser_and_leave_nothing_behind,
    the_form_page_is_the_same_gzipped_or_plain_and_carries_each_pupils_token,
    a_wrong_password_gets_one_generic_message_and_hammering_is_throttled,
    behind_a_trusted_proxy_each_school_lab_has_its_own_throttle,
    closed_waves_full_classes_and_used_codes_refuse_with_a_page,
    bad_input_gets_a_clear_page_in_the_pupils_language_and_stores_nothing,
    random_form_bodies_never_panic_and_never_store_anything_invalid,
    a_stored_response_holds_nothing_that_identifies_the_pupil,
    the_privacy_page_speaks_every_language,
    a_psychologist_opens_a_wave_prints_passwords_and_follows_bands,
);
