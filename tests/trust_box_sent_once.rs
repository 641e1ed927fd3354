//! Each trust box form is taken once, on SQLite and PostgreSQL (`domain::trust_box::form_token`). On a
//! shared computer the answers to these forms stay in the tab's history; the next pupil's Back shows
//! "Confirm Form Resubmission" and Reload sends the form again, with the same token. Sent again, a
//! letter is not stored a second time (whose new receipt would open the earlier pupil's words), a
//! letter with a problem does not show the words typed, and a receipt and PIN do not open the
//! conversation: one notice (409), nothing else. A form without a token, or one too old, gets the same.
//! Spent tokens are forgotten once they would be refused anyway. (The browser story is
//! `tests/browser/trust.test.mjs`.)
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use ahual::app::trust_box::forms::{self, fresh_token};
use ahual::db::schema::{trust_conversations, trust_messages, trust_spent_forms};
use ahual::db::trust_box_forms;
use ahual::domain::lang::Lang;
use ahual::domain::survey::wave::local_date;
use ahual::domain::trust_box::form_token::FormToken;
use chrono::{Days, Utc};
use common::pupil::post_trust;
use common::world::World;
use common::{Backend, Reply, TestApp};
use diesel::prelude::*;

const WORDS: &str = "Үйде мені ұрады, ешкімге айта алмаймын";

fn letter<'a>(token: &'a str, text: &'a str, pin: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("form", token),
        ("school", "SCH-A"),
        ("topic", "harm-at-home"),
        ("to", "school"),
        ("text", text),
        ("pin", pin),
    ]
}

fn counts(app: &TestApp) -> (i64, i64) {
    let conn = &mut app.conn();
    (
        trust_conversations::table.count().get_result(conn).unwrap(),
        trust_messages::table.count().get_result(conn).unwrap(),
    )
}

/// Asserts that `reply` is the notice for a form sent again, and shows nothing of what was sent.
fn refused_as_sent_again(reply: &Reply, lang: Lang, what: &str) {
    assert_eq!(reply.status, 409, "{what}: {}", reply.body);
    assert!(reply.body.contains(&lang.t("trust-sent-again-title")), "{what}: the notice");
    assert!(!reply.body.contains(WORDS), "{what}: no word of the letter");
    assert!(!reply.body.contains(r#"class="receipt""#) && !reply.body.contains("<article"), "{what}: nothing else");
}

/// The 16-digit receipt shown on a receipt page, as shown.
fn receipt_in(body: &str) -> String {
    let start = body.find(r#"<p class="receipt"><strong>"#).expect("a receipt on the page") + 27;
    body[start..start + 19].to_owned()
}

async fn a_letter_sent_again_is_neither_stored_nor_shown(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    World::build(&mut app.conn());
    let token = fresh_token(Utc::now()).to_string();
    let sent = app.post_raw("/trust?lang=kk", &letter(&token, WORDS, "")).await;
    assert_eq!(sent.status, 200, "{}", sent.body);
    assert_eq!(counts(&app), (1, 1));
    let again = app.post_raw("/trust?lang=kk", &letter(&token, WORDS, "")).await;
    refused_as_sent_again(&again, Lang::Kk, "the letter sent again");
    assert_eq!(counts(&app), (1, 1), "no copy is stored");

    let with_problem = fresh_token(Utc::now()).to_string();
    let first = app.post_raw("/trust?lang=ru", &letter(&with_problem, WORDS, "12")).await;
    assert_eq!(first.status, 400);
    assert!(first.body.contains(WORDS), "the pupil's own answer keeps what they typed");
    assert!(!first.body.contains(&with_problem), "with a fresh token for the form shown again");
    refused_as_sent_again(
        &app.post_raw("/trust?lang=ru", &letter(&with_problem, WORDS, "12")).await,
        Lang::Ru,
        "a letter with a problem sent again",
    );

    let two_days_ago = FormToken::issue(local_date(Utc::now()) - Days::new(2)).to_string();
    for (token, what) in [("", "no token"), ("20261205-0123", "not a token"), (two_days_ago.as_str(), "too old")] {
        refused_as_sent_again(&app.post_raw("/trust?lang=en", &letter(token, WORDS, "")).await, Lang::En, what);
    }
    assert_eq!(counts(&app), (1, 1), "nothing stored");
}

async fn a_receipt_sent_again_opens_nothing_and_writes_nothing(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    World::build(&mut app.conn());
    let receipt = receipt_in(&post_trust(&app, "/trust", &letter("", WORDS, "2718")[1..]).await.body);
    let token = fresh_token(Utc::now()).to_string();
    let open = [("form", token.as_str()), ("receipt", receipt.as_str()), ("pin", "2718")];
    let read = app.post_raw("/trust/back?lang=kk", &open).await;
    assert_eq!(read.status, 200, "{}", read.body);
    assert!(read.body.contains(WORDS));
    refused_as_sent_again(&app.post_raw("/trust/back?lang=kk", &open).await, Lang::Kk, "the receipt sent again");

    let token = fresh_token(Utc::now()).to_string();
    let write = [("form", token.as_str()), ("receipt", receipt.as_str()), ("pin", "2718"), ("text", "Тағы жазамын")];
    assert_eq!(app.post_raw("/trust/back/write?lang=kk", &write).await.status, 200);
    assert_eq!(counts(&app), (1, 2));
    let again = app.post_raw("/trust/back/write?lang=kk", &write).await;
    refused_as_sent_again(&again, Lang::Kk, "writing again, sent again");
    assert!(!again.body.contains("Тағы жазамын"));
    assert_eq!(counts(&app), (1, 2), "the message is not stored twice");
}

/// The form tokens on a page, in order.
fn tokens_in(body: &str) -> Vec<FormToken> {
    body.split(r#"name="form" value=""#)
        .skip(1)
        .map(|rest| FormToken::parse(&rest[..rest.find('"').unwrap()]).expect("a token"))
        .collect()
}

async fn every_form_page_carries_a_fresh_token_and_spent_ones_are_forgotten(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    World::build(&mut app.conn());
    let receipt = receipt_in(&post_trust(&app, "/trust", &letter("", WORDS, "")[1..]).await.body);
    let pages = [
        app.get("/trust?lang=kk").await,
        app.get("/trust/back?lang=kk").await,
        post_trust(&app, "/trust/back", &[("receipt", "0000 0000 0000 0000")]).await,
        post_trust(&app, "/trust/back", &[("receipt", receipt.as_str())]).await,
    ];
    let tokens: Vec<FormToken> = pages.iter().flat_map(|page| tokens_in(&page.body)).collect();
    assert_eq!(tokens.len(), 4, "one form on each page, with a token");
    let today = local_date(Utc::now());
    assert!(tokens.iter().all(|t| t.takes_on(today)));
    assert!(tokens.iter().enumerate().all(|(i, t)| !tokens[i + 1..].contains(t)), "each new");

    let conn = &mut app.conn();
    let old = FormToken::issue(today - Days::new(3));
    assert!(trust_box_forms::spend(conn, &old).unwrap() && !trust_box_forms::spend(conn, &old).unwrap());
    let spent_before: i64 = trust_spent_forms::table.count().get_result(conn).unwrap();
    assert_eq!(trust_box_forms::forget_expired(conn, today).unwrap(), 1, "only the token refused anyway");
    let spent_after: i64 = trust_spent_forms::table.count().get_result(conn).unwrap();
    assert_eq!(spent_after, spent_before - 1);
    assert!(!forms::take(conn, &old, Utc::now()).unwrap(), "and it stays refused");
}

on_both_backends!(
    a_letter_sent_again_is_neither_stored_nor_shown,
    a_receipt_sent_again_opens_nothing_and_writes_nothing,
    every_form_page_carries_a_fresh_token_and_spent_ones_are_forgotten,
);
