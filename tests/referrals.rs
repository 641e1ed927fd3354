//! Flags and referrals end to end, on both backends: the demo's planted classes are referred and the
//! quiet ones are not; the centre works a referral through its life cycle (refused steps are 409);
//! the school follows it and exchanges notes; a centre of another region gets nothing; manual
//! referrals; the API; and the outbox delivers each notification once, across a restart.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use std::sync::{Arc, Mutex};

use actix_web::{App, HttpRequest, HttpResponse, HttpServer, web};
use ahual::app::run_flags::{self, FlagContext};
use ahual::db::{audit, outbox, referrals, waves};
use ahual::demo::ensure_demo;
use ahual::domain::ids::ReferralId;
use ahual::domain::lang::Lang;
use ahual::domain::referral::{InboxFilter, Referral, ReferralScope, ReferralStatus};
use ahual::domain::region::RegionCode;
use ahual::domain::statistics::Severity;
use ahual::notify::notice::signature;
use ahual::notify::{MailSettings, NotifyPlan, NotifySettings, WebhookSettings};
use ahual::web::background::deliver_due;
use common::world::{PASSWORD, World};
use common::{Backend, TestApp, TestDatabase};
use serde_json::json;

fn region(code: &str) -> ReferralScope {
    ReferralScope::Region(RegionCode::parse(code).unwrap())
}

fn all_in(app: &TestApp, scope: &ReferralScope) -> Vec<Referral> {
    let now = chrono::Utc::now().naive_utc();
    referrals::list(&mut app.conn(), scope, &InboxFilter::default(), now).unwrap()
}

/// School A's class 7A: 22 respondents, all bullied and one with an acute answer; closed.
fn referred_class(app: &TestApp, world: &World) -> ReferralId {
    common::pupil::fill(&mut app.conn(), world.wave_a, &[("7A", 21, r#"{"victim_verbal":3}"#)]);
    common::pupil::fill(&mut app.conn(), world.wave_a, &[("7A", 1, r#"{"victim_verbal":3,"sh_now":1}"#)]);
    common::close_now(&mut app.conn(), world.wave_a);
    let found = all_in(app, &region("KZ-71"));
    assert_eq!(found.len(), 1, "{found:?}");
    found[0].id
}

async fn the_planted_demo_classes_are_referred_and_the_quiet_ones_are_not(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let ctx = common::flags();
    ensure_demo(&mut app.conn(), &ctx).unwrap();
    let found = all_in(&app, &region("KZ-71"));
    let by_class = |label: &str| found.iter().find(|r| r.class().is_some_and(|(_, l)| l == label));
    let seven = by_class("7A").expect("7A (high bullying) is referred");
    assert_eq!(seven.severity, Severity::Elevated);
    assert!(seven.flags.iter().any(|(id, s)| id == "bullying_victim" && *s == Severity::Elevated), "{seven:?}");
    let eight = by_class("8A").expect("8A (an acute answer) is referred");
    assert_eq!(eight.severity, Severity::Urgent);
    assert!(eight.flags.iter().any(|(id, _)| id == "acute_risk"));
    for quiet in ["5A", "6B", "9B"] {
        assert!(by_class(quiet).is_none(), "{quiet} is quiet: {found:?}");
    }
    assert!(by_class("10A").is_none(), "the class below k is never named");
    assert_eq!(found[0].severity, Severity::Urgent, "the inbox starts with the urgent one");
    assert!(found.iter().all(|r| r.status == ReferralStatus::New));

    let wave = eight.wave_id.unwrap();
    let again = run_flags::run(&mut app.conn(), wave, &ctx, chrono::Utc::now().naive_utc()).unwrap();
    assert!(again.created.is_empty(), "running the flags again creates nothing twice: {again:?}");
    assert_eq!(again.existing, found.len());
    assert_eq!(all_in(&app, &region("KZ-71")).len(), found.len());

    app.login("centre", "demo-centre-pass").await;
    let inbox = app.get("/centre/referrals").await;
    assert_eq!(inbox.status, 200);
    let urgent_at = inbox.body.find(&Lang::Kk.t("severity-urgent")).unwrap();
    let elevated_at = inbox.body.rfind(&Lang::Kk.t("severity-elevated")).unwrap();
    assert!(urgent_at < elevated_at, "severity first");
    let page = app.get(&format!("/centre/referrals/{}", seven.id)).await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("id=\"chart-evidence"), "the evidence chart of released figures");
    assert!(page.body.contains(&Lang::Kk.t("referral-flag-rule")), "an elevated referral says how it was flagged");
    // The baseline bullying was judged against, its basis and its source, in the reader's language.
    let catalog = common::catalog();
    let wave_of_seven = seven.wave_id.unwrap();
    let wave = waves::get(&mut app.conn(), wave_of_seven, None).unwrap();
    let rule = catalog.get(&wave.instrument).unwrap().flag_rule("bullying_victim").unwrap();
    let source = rule.reference().expect("the current questionnaire cites its baselines");
    assert!(page.body.contains(&Lang::Kk.t("referral-references")), "the reference rates are shown");
    assert!(page.body.contains(&Lang::Kk.t("referral-reference-derived")), "with their basis");
    assert!(page.body.contains(&source.citation().kk), "and their source, in Kazakh");
    assert!(page.body.contains("<strong>9%</strong>"), "the rate itself");
    let urgent_only = app.get(&format!("/centre/referrals/{}", eight.id)).await;
    let eight_elevated = eight.flags.iter().any(|(_, s)| *s == Severity::Elevated);
    assert_eq!(
        urgent_only.body.contains(&Lang::Kk.t("referral-flag-rule")),
        eight_elevated,
        "only elevated flags are explained so"
    );
    assert!(page.body.contains("(n = ") || page.body.contains(&Lang::Kk.t("figures-respondents")));
    let filtered = app.get("/centre/referrals?indicator=acute_risk").await;
    assert!(filtered.body.contains(&eight.id.to_string()) && !filtered.body.contains(&seven.id.to_string()));
}

async fn the_centre_works_a_referral_to_its_end_and_the_school_sees_it(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let world = World::build(&mut app.conn());
    let id = referred_class(&app, &world);
    let path = format!("/centre/referrals/{id}");
    app.login("centre-a", PASSWORD).await;

    let skip = app.post_form(&format!("{path}/transition"), &[("to", "closed"), ("outcome", "referred_on")]).await;
    assert_eq!(skip.status, 409, "new → closed is refused");
    assert!(skip.body.contains(&Lang::Kk.t("referral-transition-not-allowed")), "with a message");
    let ack = app.post_form(&format!("{path}/transition"), &[("to", "acknowledged"), ("note", "Seen today")]).await;
    assert_eq!(ack.status, 303);
    let again = app.post_form(&format!("{path}/transition"), &[("to", "acknowledged")]).await;
    assert_eq!(again.status, 409, "no step twice");
    assert_eq!(app.post_form(&format!("{path}/transition"), &[("to", "in_progress")]).await.status, 303);
    let no_outcome = app.post_form(&format!("{path}/transition"), &[("to", "closed")]).await;
    assert_eq!(no_outcome.status, 409);
    assert!(no_outcome.body.contains(&Lang::Kk.t("referral-outcome-required")));
    let no_reason = app.post_form(&format!("{path}/transition"), &[("to", "closed"), ("outcome", "no_action")]).await;
    assert_eq!(no_reason.status, 409);
    assert!(no_reason.body.contains(&Lang::Kk.t("referral-reason-required")));
    let bogus = app.post_form(&format!("{path}/transition"), &[("to", "reopened")]).await;
    assert_eq!(bogus.status, 400);
    let close =
        app.post_form(&format!("{path}/transition"), &[("to", "closed"), ("outcome", "intervention_held")]).await;
    assert_eq!(close.status, 303);

    let stored = referrals::get(&mut app.conn(), &region("KZ-71"), id, chrono::Utc::now().naive_utc()).unwrap();
    assert_eq!(stored.status, ReferralStatus::Closed);
    assert_eq!(stored.outcome, Some(("intervention_held".to_owned(), None)));
    assert!(stored.acknowledged_at.is_some() && stored.closed_at.is_some());
    let entries = audit::recent(&mut app.conn(), 50).unwrap();
    let transitions: Vec<&str> =
        entries.iter().filter(|e| e.action == "referral_transition").map(|e| e.subject.as_str()).collect();
    assert_eq!(transitions.len(), 3, "every transition is audited: {transitions:?}");
    assert!(transitions.iter().any(|s| s.ends_with("in_progress->closed")));
    assert!(entries.iter().any(|e| e.action == "referral_note"), "the note with the step too");
    assert_eq!(audit::verify(&mut app.conn()).unwrap().map(|n| n > 0), Ok(true));

    app.clear_cookies();
    app.login("psy-a", PASSWORD).await;
    let list = app.get("/school/referrals").await;
    assert!(list.body.contains(&id.to_string()) && list.body.contains(&Lang::Kk.t("referral-status-closed")));
    let note =
        app.post_form(&format!("/school/referrals/{id}/notes"), &[("body", "Thank you, the class is calmer")]).await;
    assert_eq!(note.status, 303);
    let empty = app.post_form(&format!("/school/referrals/{id}/notes"), &[("body", "   ")]).await;
    assert_eq!(empty.status, 400, "an empty note is refused");
    let page = app.get(&format!("/school/referrals/{id}")).await;
    assert!(page.body.contains("Seen today") && page.body.contains("Thank you, the class is calmer"));
    assert!(!page.body.contains("/transition"), "the school has no life-cycle actions");
    let forbidden = app.post_form(&format!("{path}/transition"), &[("to", "in_progress")]).await;
    assert_eq!(forbidden.status, 403, "a psychologist cannot use the centre's actions");
}

async fn a_centre_of_another_region_gets_nothing(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let world = World::build(&mut app.conn());
    let id = referred_class(&app, &world);
    assert!(all_in(&app, &region("KZ-75")).is_empty());
    app.login("centre-b", PASSWORD).await;
    let inbox = app.get("/centre/referrals").await;
    assert_eq!(inbox.status, 200);
    assert!(!inbox.body.contains(&id.to_string()) && !inbox.body.contains("SCH-A"));
    assert_eq!(app.get(&format!("/centre/referrals/{id}")).await.status, 404);
    let step = app.post_form(&format!("/centre/referrals/{id}/transition"), &[("to", "acknowledged")]).await;
    assert_eq!(step.status, 404);
    assert_eq!(app.post_form(&format!("/centre/referrals/{id}/notes"), &[("body", "x")]).await.status, 404);
    let api = app.get(&format!("/api/v1/referrals/{id}")).await;
    assert_eq!(api.status, 404);
    let listed: serde_json::Value = serde_json::from_str(&app.get("/api/v1/referrals").await.body).unwrap();
    assert_eq!(listed["referrals"].as_array().unwrap().len(), 0);
    app.clear_cookies();
    app.login("psy-b", PASSWORD).await;
    assert_eq!(app.get(&format!("/school/referrals/{id}")).await.status, 404, "nor the other school");
    let stored = referrals::get(&mut app.conn(), &region("KZ-71"), id, chrono::Utc::now().naive_utc()).unwrap();
    assert_eq!(stored.status, ReferralStatus::New, "nothing moved");
}

async fn a_psychologist_raises_a_manual_referral_for_a_class_of_their_school(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let world = World::build(&mut app.conn());
    app.login("psy-a", PASSWORD).await;
    let form = app.get("/school/referrals/new").await;
    assert_eq!(form.status, 200);
    assert!(form.body.contains(&world.class_a.to_string()) && !form.body.contains(&world.class_b.to_string()));
    let foreign = world.class_b.to_string();
    let refused = app.post_form("/school/referrals", &[("class", &foreign), ("note", "Conflict in class")]).await;
    assert_eq!(refused.status, 422, "a class of another school is refused");
    let class = world.class_a.to_string();
    let empty = app.post_form("/school/referrals", &[("class", &class), ("note", "")]).await;
    assert_eq!(empty.status, 422);
    assert!(all_in(&app, &region("KZ-71")).is_empty(), "nothing stored by refused forms");
    let sent =
        app.post_form("/school/referrals", &[("class", &class), ("urgent", "1"), ("note", "Conflict in class")]).await;
    assert_eq!(sent.status, 303);
    let found = all_in(&app, &region("KZ-71"));
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].severity, Severity::Urgent);
    assert!(found[0].flags.is_empty() && found[0].wave_id.is_none());
    app.clear_cookies();
    app.login("centre-a", PASSWORD).await;
    let page = app.get(&format!("/centre/referrals/{}", found[0].id)).await;
    assert!(page.body.contains("Conflict in class") && page.body.contains(&Lang::Kk.t("referral-manual")));
}

async fn the_api_lists_moves_and_annotates_referrals(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let world = World::build(&mut app.conn());
    let id = referred_class(&app, &world);
    let doc: serde_json::Value = serde_json::from_str(&app.get("/api/v1/openapi.json").await.body).unwrap();
    for path in ["/referrals", "/referrals/{id}", "/referrals/{id}/transition", "/referrals/{id}/notes"] {
        assert!(doc["paths"][path].is_object(), "{path} is documented");
    }
    app.login("centre-a", PASSWORD).await;
    let listed: serde_json::Value = serde_json::from_str(&app.get("/api/v1/referrals").await.body).unwrap();
    let first = &listed["referrals"][0];
    assert_eq!(first["id"], id.to_string());
    assert_eq!(first["class"], "7A");
    assert_eq!(first["severity"], "urgent");
    let path = format!("/api/v1/referrals/{id}");
    let skip = app.post_json(&format!("{path}/transition"), &json!({ "to": "in_progress" }), None).await;
    assert_eq!(skip.status, 409);
    let error: serde_json::Value = serde_json::from_str(&skip.body).unwrap();
    assert_eq!(error["error"], "referral-transition-not-allowed");
    let bad = app.post_json(&format!("{path}/transition"), &json!({ "to": "acknowledged", "extra": 1 }), None).await;
    assert_eq!(bad.status, 400, "unknown fields are refused");
    let ack = app.post_json(&format!("{path}/transition"), &json!({ "to": "acknowledged" }), None).await;
    assert_eq!(ack.status, 200, "{}", ack.body);
    let moved: serde_json::Value = serde_json::from_str(&ack.body).unwrap();
    assert_eq!(moved["status"], "acknowledged");
    let note = app.post_json(&format!("{path}/notes"), &json!({ "body": "Calling the school" }), None).await;
    assert_eq!(note.status, 201);
    let annotated: serde_json::Value = serde_json::from_str(&note.body).unwrap();
    assert_eq!(annotated["notes"][0]["body"], "Calling the school");
    assert_eq!(annotated["notes"][0]["side"], "centre");

    app.clear_cookies();
    app.login("psy-a", PASSWORD).await;
    let seen: serde_json::Value = serde_json::from_str(&app.get(&path).await.body).unwrap();
    assert_eq!(seen["status"], "acknowledged", "the school sees where it stands");
    let step = app.post_json(&format!("{path}/transition"), &json!({ "to": "in_progress" }), None).await;
    assert_eq!(step.status, 403, "only the centre moves a referral");
}

/// A webhook receiver that records each call's body and signature header.
async fn receiver() -> (String, Arc<Mutex<Vec<(String, String)>>>) {
    let calls: Arc<Mutex<Vec<(String, String)>>> = Arc::default();
    let seen = calls.clone();
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let address = format!("http://{}/hook", listener.local_addr().unwrap());
    let server = HttpServer::new(move || {
        let seen = seen.clone();
        App::new().route(
            "/hook",
            web::post().to(move |req: HttpRequest, body: web::Bytes| {
                let seen = seen.clone();
                async move {
                    let signature = req.headers().get("X-Ahual-Signature").unwrap().to_str().unwrap().to_owned();
                    seen.lock().unwrap().push((String::from_utf8_lossy(&body).into_owned(), signature));
                    HttpResponse::NoContent().finish()
                }
            }),
        )
    })
    .workers(1)
    .listen(listener)
    .unwrap()
    .run();
    actix_rt::spawn(server);
    (address, calls)
}

async fn a_notification_survives_a_restart_and_is_delivered_once(backend: Backend) {
    // Deliveries are driven by hand here: neither server runs its own outbox worker.
    let database = Arc::new(TestDatabase::create(backend));
    let app = TestApp::spawn_configured(database, |settings| settings.background = false).await;
    let (hook, calls) = receiver().await;
    let mail = tempfile::tempdir().unwrap();
    let secret = "a webhook secret of some length";
    let notify = NotifySettings {
        mail: MailSettings::Folder(mail.path().to_path_buf()),
        mail_from: "Ahual <ahual@example.kz>".into(),
        webhook: Some(WebhookSettings { url: hook.clone(), secret: secret.into() }),
        limits: Default::default(),
    };
    let plan = NotifyPlan::new("https://ahual.example.kz", &notify);
    // The first "process" creates the referrals and their outbox rows, then stops before delivering.
    let ctx = FlagContext::new(Arc::new(common::catalog()), ahual::domain::disclosure::K::default(), plan);
    ensure_demo(&mut app.conn(), &ctx).unwrap();
    let referred = all_in(&app, &region("KZ-71")).len();
    assert!(referred >= 2);
    assert_eq!(outbox::tally(&mut app.conn()).unwrap(), (2 * referred as i64, 0, 0), "one e-mail and one webhook each");
    // A worker that claimed one message and died: while its lease runs nobody else takes it...
    let now = chrono::Utc::now().naive_utc();
    assert_eq!(outbox::claim_due(&mut app.conn(), now, 1).unwrap().len(), 1);
    assert_eq!(outbox::claim_due(&mut app.conn(), now, 100).unwrap().len(), 2 * referred - 1);
    assert!(outbox::claim_due(&mut app.conn(), now, 100).unwrap().is_empty(), "claimed ones are reserved");
    assert!(calls.lock().unwrap().is_empty());
    // ...and when the leases have run out (as after a restart) the messages are taken again.
    {
        use ahual::db::schema::outbox::dsl;
        use diesel::prelude::*;
        let expired = now - chrono::Duration::minutes(1);
        diesel::update(dsl::outbox).set(dsl::claimed_until.eq(expired)).execute(&mut app.conn()).unwrap();
    }

    // The restarted process, with the same settings, delivers everything once.
    let restarted = TestApp::spawn_configured(app.database.clone(), |settings| {
        settings.notify = notify;
        settings.background = false;
    })
    .await;
    assert_eq!(deliver_due(restarted.state()).await, 2 * referred);
    assert_eq!(deliver_due(restarted.state()).await, 0, "nothing is sent twice");
    assert_eq!(outbox::tally(&mut app.conn()).unwrap(), (0, 2 * referred as i64, 0));

    let calls = calls.lock().unwrap().clone();
    assert_eq!(calls.len(), referred, "one webhook call per referral");
    for (body, header) in &calls {
        assert_eq!(header, &signature(secret.as_bytes(), body.as_bytes()), "signed with the shared secret");
        let payload: serde_json::Value = serde_json::from_str(body).unwrap();
        assert_eq!(payload["event"], "referral.created");
        assert!(payload["url"].as_str().unwrap().starts_with("https://ahual.example.kz/centre/referrals/"));
        for word in ["severity", "urgent", "elevated", "7A", "8A", "bullying", "%"] {
            assert!(!body.contains(word), "no figures or classes in a notice: {body}");
        }
    }
    let mails: Vec<String> = std::fs::read_dir(mail.path())
        .unwrap()
        .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
        .filter(|text| text.contains("Subject:"))
        .collect();
    assert_eq!(mails.len(), referred, "one e-mail per referral, as .eml files");
    assert!(mails.iter().all(|m| m.contains("psc-") && !m.contains("7A") && !m.contains("8A")));
}

on_both_backends!(
    the_planted_demo_classes_are_referred_and_the_quiet_ones_are_not,
    the_centre_works_a_referral_to_its_end_and_the_school_sees_it,
    a_centre_of_another_region_gets_nothing,
    a_psychologist_raises_a_manual_referral_for_a_class_of_their_school,
    the_api_lists_moves_and_annotates_referrals,
    a_notification_survives_a_restart_and_is_delivered_once,
);
