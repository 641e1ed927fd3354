//! Issue 17: nothing links a response to the code or form that admitted it, to a time or to an order,
//! on either backend. A database reader sees no code or token row written by a response's transaction
//! (PostgreSQL's `xmin`); a closed wave keeps no code and its responses lie in key order, all written by
//! one transaction; and no address a pupil's browser visits or is sent to names the form's token, its
//! nonce or the pupil's code. Runs on SQLite and PostgreSQL.
#![allow(clippy::unwrap_used)]

use crate::common;

use ahual::app::close_wave;
use ahual::db::responses::{NewResponse, submit};
use ahual::db::schema::{access_codes, unspent_form_tokens, wave_classes};
use ahual::db::{DbConnection, form_tokens, waves};
use ahual::domain::audit::Actor;
use ahual::domain::ids::{WaveClassId, WaveId};
use ahual::domain::lang::Lang;
use ahual::domain::survey::wave::{AccessMode, local_date};
use chrono::Utc;
use common::pupil::{legacy_token, open, pass_in, start_form, submit as send};
use common::world::{World, class};
use common::{Backend, TestApp};
use diesel::prelude::*;
use diesel::sql_types::Text;

const ANSWERS: [(&str, &str); 2] = [("belong", "3"), ("victim_verbal", "2")];

#[derive(QueryableByName)]
struct Value {
    #[diesel(sql_type = Text)]
    v: String,
}

fn texts(conn: &mut DbConnection, sql: &str) -> Vec<String> {
    diesel::sql_query(sql).load::<Value>(conn).unwrap().into_iter().map(|r| r.v).collect()
}

/// The transaction ids of every live row of `table` (PostgreSQL).
fn xmins(conn: &mut DbConnection, table: &str) -> Vec<String> {
    texts(conn, &format!("SELECT xmin::text AS v FROM {table}"))
}

/// The codes of `wave` still in the database.
fn codes_of(conn: &mut DbConnection, wave: WaveId) -> i64 {
    access_codes::table
        .inner_join(wave_classes::table)
        .filter(wave_classes::wave_id.eq(wave.to_string()))
        .count()
        .get_result(conn)
        .unwrap()
}

/// Sends `n` pupils of a codes wave through the real server, each with their own code, and two pupils
/// of a password wave; leaves the remaining codes unused. Returns the codes wave.
async fn pupils_answer(app: &TestApp, world: &World, n: usize) -> WaveId {
    let small = class(&mut app.conn(), world.school_a, "6C", 6, 12);
    let opened = open(&mut app.conn(), world.school_a, vec![small], AccessMode::Codes);
    let codes = opened.classes[0].codes.clone();
    for code in &codes[..n] {
        let pass = start_form(app, code, "kk").await;
        assert_eq!(send(app, &pass, &ANSWERS).await.status, 303);
    }
    let password = open(&mut app.conn(), world.school_b, vec![world.class_b], AccessMode::Password).classes[0]
        .password
        .clone()
        .unwrap();
    for _ in 0..2 {
        let pass = start_form(app, &password, "ru").await;
        assert_eq!(send(app, &pass, &ANSWERS).await.status, 303);
    }
    opened.wave_id
}

async fn no_response_shares_a_transaction_id_with_a_code_or_token_row(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let world = World::build(&mut app.conn());
    let wave = pupils_answer(&app, &world, 5).await;
    let mut conn = app.conn();
    let remaining = codes_of(&mut conn, wave);
    assert_eq!(remaining, 12 - 5, "each spent code is gone; the unused ones are still there");
    if backend == Backend::Sqlite {
        return; // SQLite rows carry no transaction id.
    }
    let responses = xmins(&mut conn, "responses");
    assert!(responses.len() >= 5 + 2, "the pupils' responses are there to compare");
    let mut others = xmins(&mut conn, "access_codes");
    others.extend(xmins(&mut conn, "unspent_form_tokens"));
    assert!(!others.is_empty(), "unused codes and not yet used nonces are there to compare with");
    let shared: Vec<&String> = responses.iter().filter(|x| others.contains(x)).collect();
    assert!(shared.is_empty(), "responses share transaction ids {shared:?} with code or token rows");
}

/// Stores `n` responses one after another through the production path; their ids in that order.
fn submitted_in_order(conn: &mut DbConnection, class: WaveClassId, n: usize) -> Vec<String> {
    let today = local_date(Utc::now());
    (0..n)
        .map(|_| {
            let response = NewResponse {
                wave_class_id: class,
                nonce: form_tokens::issue(conn, 1, today).unwrap().remove(0),
                code_hash: None,
                lang: Lang::Kk,
                today,
                answers_json: r#"{"belong":2}"#.into(),
            };
            submit(conn, &response).unwrap()
        })
        .collect()
}

/// The ids of the wave's responses as the table stores them: heap order on PostgreSQL, the table's
/// own order on SQLite (which has no `rowid` here: see below).
fn stored_order(conn: &mut DbConnection, backend: Backend, wave: WaveId) -> Vec<String> {
    let order = if backend == Backend::Postgres { "ORDER BY ctid" } else { "" };
    texts(conn, &format!("SELECT id AS v FROM responses WHERE wave_id = '{wave}' {order}"))
}

async fn a_closed_wave_keeps_no_code_and_its_responses_lie_in_key_order(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let world = World::build(&mut app.conn());
    let wave = pupils_answer(&app, &world, 3).await;
    let mut conn = app.conn();
    let class = waves::classes_of(&mut conn, wave).unwrap()[0].id;
    let mut submission_order = submitted_in_order(&mut conn, class, 8);
    let mut key_order = stored_order(&mut conn, backend, wave);
    key_order.retain(|id| submission_order.contains(id));
    let mut sorted = submission_order.clone();
    sorted.sort();
    assert_ne!(sorted, submission_order, "random ids: submission order is not key order (1 in 8! otherwise)");
    if backend == Backend::Postgres {
        assert_eq!(key_order, submission_order, "while open, the heap keeps submission order");
    }

    close_wave::close(&mut conn, wave, None, Actor::Cli, &common::flags(), Utc::now().naive_utc()).unwrap();

    let codes = codes_of(&mut conn, wave);
    assert_eq!(codes, 0, "no code of the closed wave remains, used or not");
    let stored = stored_order(&mut conn, backend, wave);
    let mut ids = stored.clone();
    ids.sort();
    assert_eq!(stored, ids, "physical order is key order");
    assert_eq!(stored.len(), 3 + 8);
    submission_order.sort();
    assert!(submission_order.iter().all(|id| stored.contains(id)), "the rewrite kept every response");
    match backend {
        Backend::Postgres => {
            let written_by =
                texts(&mut conn, &format!("SELECT DISTINCT xmin::text AS v FROM responses WHERE wave_id = '{wave}'"));
            assert_eq!(written_by.len(), 1, "every response of the wave was written by one transaction");
        }
        Backend::Sqlite => {
            let rowid = diesel::sql_query("SELECT rowid FROM responses").execute(&mut conn);
            assert!(rowid.is_err(), "responses is a WITHOUT ROWID table: no rowid records insert order");
        }
    }
    let counted: i64 =
        ahual::db::aggregates::indicator_counts_of(&mut conn, wave).unwrap().iter().map(|c| i64::from(c.3)).sum();
    assert!(counted > 0, "counts were materialised from the sealed rows");
}

async fn issued_nonces_name_no_wave_and_a_spent_one_leaves_no_row(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let world = World::build(&mut app.conn());
    let mut conn = app.conn();
    let class = waves::classes_of(&mut conn, world.wave_a).unwrap()[0].id;
    let today = local_date(Utc::now());
    let nonce = form_tokens::issue(&mut conn, 1, today).unwrap().remove(0);
    let response = NewResponse {
        wave_class_id: class,
        nonce: nonce.clone(),
        code_hash: None,
        lang: Lang::Ru,
        today,
        answers_json: r#"{"belong":1}"#.into(),
    };
    submit(&mut conn, &response).unwrap();
    let left: i64 =
        unspent_form_tokens::table.filter(unspent_form_tokens::nonce.eq(&nonce)).count().get_result(&mut conn).unwrap();
    assert_eq!(left, 0, "the spent nonce left no row");
    assert!(matches!(
        submit(&mut conn, &response),
        Err(ahual::db::responses::SubmitError::Refused(ahual::domain::survey::admission::Refusal::AlreadySent))
    ));
    let never_issued = NewResponse { nonce: "never-issued".into(), ..response };
    assert!(submit(&mut conn, &never_issued).is_err(), "a nonce that was never issued admits nothing");
}

/// Every address in `page`'s links and form actions.
fn addresses(page: &str) -> Vec<String> {
    ["href=\"", "action=\"", "content=\"0;url=", "content=\"30;url="]
        .iter()
        .flat_map(|marker| page.split(marker).skip(1).map(|rest| rest.split('"').next().unwrap().to_owned()))
        .collect()
}

async fn no_address_a_pupil_visits_names_the_form_token_its_nonce_or_code(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let world = World::build(&mut app.conn());
    let opened = open(&mut app.conn(), world.school_a, vec![world.class_a], AccessMode::Codes);
    let code = opened.classes[0].codes[0].clone();
    let start_page = app.get("/?lang=kk").await;
    let started = app.post_raw("/survey/start?lang=kk", &[("password", &code)]).await;
    assert_eq!(started.status, 303);
    let form_address = started.location().unwrap().to_owned();
    let form = app.get(&form_address).await;
    assert_eq!(form.status, 200);
    // What the sealed address carries, opened with the server's key: the grant and its signed token.
    let pass = pass_in(&form_address);
    let token = legacy_token(&app, &pass);
    let (payload, _signature) = token.rsplit_once('.').unwrap();
    let parts: Vec<&str> = payload.split('.').collect();
    let (wave_class, code_hash, nonce) = (parts[0], parts[2], parts[3]);
    assert_eq!(code_hash, ahual::domain::survey::access_secret::hash(&code), "the grant carries the code");
    for secret in [token.as_str(), nonce, code_hash, code.as_str(), wave_class] {
        assert!(!form.body.contains(secret), "the form page holds {secret}");
    }
    let sent = send(&app, &pass, &ANSWERS).await;
    assert_eq!(sent.status, 303);
    let thanks_address = sent.location().unwrap().to_owned();
    let thanks = app.get(&thanks_address).await;
    let back = app.get(&form_address).await;

    let mut visited = vec![form_address.clone(), thanks_address];
    for page in [&start_page.body, &form.body, &thanks.body, &back.body] {
        visited.extend(addresses(page));
    }
    assert!(visited.iter().any(|a| a.starts_with("/survey/")), "the check sees the form's address");
    for address in &visited {
        for secret in [token.as_str(), nonce, code_hash, code.as_str(), wave_class] {
            assert!(!address.contains(secret), "{address} names {secret}");
        }
    }
}

on_both_backends!(
    no_response_shares_a_transaction_id_with_a_code_or_token_row,
    a_closed_wave_keeps_no_code_and_its_responses_lie_in_key_order,
    issued_nonces_name_no_wave_and_a_spent_one_leaves_no_row,
    no_address_a_pupil_visits_names_the_form_token_its_nonce_or_code
);
