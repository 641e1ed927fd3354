//! The trust box's pupil pages over HTTP on SQLite and PostgreSQL (issue 19): writing in kk/ru/en,
//! the receipt given once in the answer's body and never in an address, coming back with it (and the
//! PIN) to read the school's reply and write again, one answer for every wrong receipt, the shared
//! throttle, problems named beside everything typed with nothing stored, posts from other sites
//! refused, and no cookie. Each form is posted with a fresh single-use token, as its page carries one
//! (what a token sent twice gets is `trust_box_sent_once.rs`).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use ahual::app::trust_box::staff::{self, StaffAction};
use ahual::db::schema::{trust_conversations, trust_messages};
use ahual::domain::lang::Lang;
use ahual::domain::survey::throttle::BURST;
use ahual::domain::trust_box::desk::Desk;
use ahual::domain::trust_box::text::MessageText;
use chrono::Utc;
use common::pupil::{post_trust, post_trust_with_headers, without_form_token};
use common::world::World;
use common::{Backend, TestApp};
use diesel::prelude::*;

const WORDS: &str = "Мені сыныпта үнемі мазақтайды";

fn letter<'a>(school: &'a str, topic: &'a str, pin: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![("school", school), ("topic", topic), ("to", "school"), ("text", WORDS), ("pin", pin)]
}

fn stored(app: &TestApp) -> i64 {
    trust_conversations::table.count().get_result(&mut app.conn()).unwrap()
}

/// The 16-digit receipt shown on a receipt page, as shown.
fn receipt_in(body: &str) -> String {
    let start = body.find(r#"<p class="receipt"><strong>"#).expect("a receipt on the page") + 27;
    body[start..start + 19].to_owned()
}

async fn a_pupil_writes_gets_a_receipt_and_reads_the_reply_with_it(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let world = World::build(&mut app.conn());
    for lang in Lang::ALL {
        let page = app.get(&format!("/trust?lang={}", lang.code())).await;
        assert_eq!(page.status, 200);
        assert!(page.body.contains(&lang.t("trust-write-title")) && page.body.contains(r#"name="text""#));
    }
    let sent = post_trust(&app, "/trust?lang=kk", &letter("SCH-A", "bullying", "2718")).await;
    assert_eq!(sent.status, 200, "{}", sent.body);
    assert!(sent.location().is_none(), "the receipt is the answer's body, never an address");
    assert!(sent.headers.get("cache-control").is_some_and(|c| c.contains("no-store")));
    let receipt = receipt_in(&sent.body);
    assert!(receipt.chars().filter(char::is_ascii_digit).count() == 16, "{receipt}");
    assert!(!sent.body.contains(WORDS), "the receipt page does not repeat the words");

    let key = app.state().trust_box.clone();
    let desk = Desk::School(world.school_a);
    let id = staff::inbox(&mut app.conn(), &desk, world.psy_a, Utc::now()).unwrap().conversations[0].id;
    let reply = StaffAction::Reply(MessageText::parse("Ертең 204-кабинетке кел").unwrap());
    staff::act(&mut app.conn(), &key, &desk, world.psy_a, id, &reply, Utc::now()).unwrap().unwrap();

    let back = post_trust(&app, "/trust/back?lang=ru", &[("receipt", receipt.as_str()), ("pin", "2718")]).await;
    assert_eq!(back.status, 200, "{}", back.body);
    assert!(back.body.contains(WORDS) && back.body.contains("Ертең 204-кабинетке кел"));
    assert!(back.body.contains(&Lang::Ru.t("trust-status-answered")));
    let again = [("receipt", receipt.as_str()), ("pin", "2718"), ("text", "Рақмет, барамын")];
    let written = post_trust(&app, "/trust/back/write?lang=kk", &again).await;
    assert_eq!(written.status, 200, "{}", written.body);
    assert!(written.body.contains("Рақмет, барамын") && written.body.contains(&Lang::Kk.t("trust-status-waiting")));
    assert_eq!(app.cookie_count(), 0, "the trust box sets no cookie");
}

async fn every_wrong_receipt_or_pin_gets_one_answer_and_counts_against_the_throttle(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    World::build(&mut app.conn());
    let sent = post_trust(&app, "/trust", &letter("SCH-A", "other", "2718")).await;
    let receipt = receipt_in(&sent.body);
    let last = if receipt.ends_with('0') { '1' } else { '0' };
    let wrong_receipt = format!("{}{last}", &receipt[..18]);
    let attempts: [&[(&str, &str)]; 4] = [
        &[("receipt", receipt.as_str()), ("pin", "9999")],
        &[("receipt", receipt.as_str()), ("pin", "")],
        &[("receipt", wrong_receipt.as_str()), ("pin", "2718")],
        &[("receipt", "not a receipt"), ("pin", "x")],
    ];
    let mut bodies = Vec::new();
    for fields in attempts {
        let reply = post_trust(&app, "/trust/back?lang=en", fields).await;
        assert_eq!(reply.status, 401, "{fields:?}");
        assert!(reply.body.contains(&Lang::En.t("trust-not-found")));
        bodies.push(without_form_token(&reply.body));
    }
    assert!(bodies.windows(2).all(|w| w[0] == w[1]), "one answer whatever was wrong (but a fresh form token)");
    let mut throttled = false;
    for _ in 0..(BURST as usize) {
        let reply = post_trust(&app, "/trust/back?lang=en", &[("receipt", wrong_receipt.as_str())]).await;
        throttled |= reply.status == 429;
    }
    assert!(throttled, "wrong receipts are throttled");
    let right = post_trust(&app, "/trust/back", &[("receipt", receipt.as_str()), ("pin", "2718")]).await;
    assert_eq!(right.status, 429, "even the right one waits while the address is throttled");
    let password = app.post_raw("/survey/start", &[("password", "ACDEFHJKMN")]).await;
    assert_eq!(password.status, 429, "one budget for receipts and class passwords");
}

async fn problems_are_named_beside_what_was_typed_and_nothing_is_stored(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    World::build(&mut app.conn());
    let cases: [(Vec<(&str, &str)>, &str); 5] = [
        (vec![("school", "SCH-A"), ("to", "school"), ("text", WORDS)], "trust-error-topic"),
        (vec![("school", "SCH-A"), ("topic", "bullying"), ("text", WORDS)], "trust-error-to"),
        (letter("SCH-A", "bullying", "12"), "trust-error-pin"),
        (letter("SCH-Z", "bullying", ""), "trust-error-school"),
        (vec![("school", "SCH-A"), ("topic", "bullying"), ("to", "school"), ("text", "  ")], "trust-error-text-empty"),
    ];
    for (fields, problem) in cases {
        let reply = post_trust(&app, "/trust?lang=kk", &fields).await;
        assert_eq!(reply.status, 400, "{problem}");
        assert!(reply.body.contains(&Lang::Kk.t(problem)), "{problem}: {}", reply.body);
        let alert = reply.body.split(r#"id="trust-problems""#).nth(1).expect("the problems' alert");
        assert!(alert.starts_with(r#" role="alert"><ul><li>"#), "{problem}: the alert holds a list (axe: listitem)");
        if fields.iter().any(|(k, v)| *k == "text" && *v == WORDS) {
            assert!(reply.body.contains(WORDS), "{problem}: what was typed is kept");
        }
    }
    let forged = post_trust_with_headers(
        &app,
        "/trust?lang=ru",
        &letter("SCH-A", "bullying", ""),
        &[("Origin", "https://evil.example")],
    )
    .await;
    assert_eq!(forged.status, 403);
    for path in ["/trust/back?lang=ru", "/trust/back/write?lang=ru"] {
        let fields = [("receipt", "0000 0000 0000 0000"), ("pin", ""), ("text", WORDS)];
        let other_site = post_trust_with_headers(&app, path, &fields, &[("Origin", "https://evil.example")]).await;
        assert_eq!(other_site.status, 403, "{path} refuses another site's page");
    }
    let too_long = "ә".repeat(4001);
    let long_fields = [("school", "SCH-A"), ("topic", "other"), ("to", "school"), ("text", too_long.as_str())];
    let refused = post_trust(&app, "/trust?lang=ru", &long_fields).await;
    assert_eq!(refused.status, 400);
    assert!(refused.body.contains(&Lang::Ru.t("trust-error-text-long")));
    assert_eq!(stored(&app), 0, "nothing was stored");
    let longest = "ә".repeat(4000);
    let longest_fields = [("school", "SCH-A"), ("topic", "other"), ("to", "school"), ("text", longest.as_str())];
    assert_eq!(
        post_trust(&app, "/trust", &longest_fields).await.status,
        200,
        "the longest message fits the form limit"
    );
    assert_eq!(stored(&app), 1);
}

/// The pupil with `receipt` and `pin` writes `text` again, in Russian.
async fn again(app: &TestApp, receipt: &str, pin: &str, text: &str) -> common::Reply {
    post_trust(app, "/trust/back/write?lang=ru", &[("receipt", receipt), ("pin", pin), ("text", text)]).await
}

fn messages(app: &TestApp) -> i64 {
    trust_messages::table.count().get_result(&mut app.conn()).unwrap()
}

async fn writing_again_answers_each_problem_and_stores_only_good_words(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let world = World::build(&mut app.conn());
    let receipt = receipt_in(&post_trust(&app, "/trust", &letter("SCH-A", "other", "2718")).await.body);
    let empty = again(&app, &receipt, "2718", "  ").await;
    assert_eq!(empty.status, 400);
    assert!(empty.body.contains(&Lang::Ru.t("trust-error-text-empty")) && empty.body.contains(WORDS), "beside it");
    let wrong = again(&app, &receipt, "2719", "Ещё раз").await;
    assert_eq!(wrong.status, 401);
    assert!(wrong.body.contains(&Lang::Ru.t("trust-not-found")) && !wrong.body.contains(WORDS));
    assert_eq!(messages(&app), 1, "nothing stored");
    assert_eq!(again(&app, &receipt, "2718", "Ещё раз").await.status, 200);
    assert_eq!(messages(&app), 2);

    let desk = Desk::School(world.school_a);
    let id = staff::inbox(&mut app.conn(), &desk, world.psy_a, Utc::now()).unwrap().conversations[0].id;
    let close = StaffAction::Close(ahual::domain::trust_box::lifecycle::Outcome::HelpGiven);
    staff::act(&mut app.conn(), &app.state().trust_box, &desk, world.psy_a, id, &close, Utc::now()).unwrap().unwrap();
    let closed = again(&app, &receipt, "2718", "И ещё").await;
    assert_eq!(closed.status, 409);
    assert!(closed.body.contains(&Lang::Ru.t("trust-closed-note")) && closed.body.contains("Ещё раз"), "the thread");
    assert_eq!(messages(&app), 2, "nothing stored");
}

async fn the_way_in_and_out_of_the_trust_box(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let start = app.get("/?lang=ru").await;
    assert!(start.body.contains(r#"href="/trust?lang=ru""#), "the start page leads to the trust box");
    let thanks = app.get("/thanks?lang=kk").await;
    assert!(thanks.body.contains(r#"href="/trust?lang=kk""#), "so does the thank-you page");
    let done = app.get("/trust/done?lang=en").await;
    assert_eq!(done.status, 200);
    assert!(done.body.contains("/thanks/forget.css"), "the way out evicts the page before it");
    let write = app.get("/trust?lang=en").await;
    assert!(write.body.contains(r#"href="/trust/done?lang=en""#), "leave now goes through the eviction page");
}

on_both_backends!(
    a_pupil_writes_gets_a_receipt_and_reads_the_reply_with_it,
    every_wrong_receipt_or_pin_gets_one_answer_and_counts_against_the_throttle,
    problems_are_named_beside_what_was_typed_and_nothing_is_stored,
    writing_again_answers_each_problem_and_stores_only_good_words,
    the_way_in_and_out_of_the_trust_box,
);
