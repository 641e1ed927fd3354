//! Issue 17: nothing links a response to the code or form that admitted it, on either backend. A
//! database reader sees no code or token row written by a response's transaction (PostgreSQL's
//! `xmin`). Runs on SQLite and PostgreSQL.
#![allow(clippy::unwrap_used)]

mod common;

use ahual::db::responses::{NewResponse, submit};
use ahual::db::schema::{access_codes, unspent_form_tokens, wave_classes};
use ahual::db::{DbConnection, form_tokens, waves};
use ahual::domain::ids::WaveId;
use ahual::domain::lang::Lang;
use ahual::domain::survey::wave::{AccessMode, local_date};
use chrono::Utc;
use common::pupil::{open, start};
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

/// Sends `n` pupils of a codes wave through the real server, each with their own code, and two pupils
/// of a password wave; leaves the remaining codes unused. Returns the codes wave.
async fn pupils_answer(app: &TestApp, world: &World, n: usize) -> WaveId {
    let small = class(&mut app.conn(), world.school_a, "6C", 6, 12);
    let opened = open(&mut app.conn(), world.school_a, vec![small], AccessMode::Codes);
    let codes = opened.classes[0].codes.clone();
    for code in &codes[..n] {
        let token = start(app, code, "kk").await;
        let mut fields = vec![("_token", token.as_str())];
        fields.extend_from_slice(&ANSWERS);
        assert_eq!(app.post_raw("/survey/submit?lang=kk", &fields).await.status, 303);
    }
    let password = open(&mut app.conn(), world.school_b, vec![world.class_b], AccessMode::Password).classes[0]
        .password
        .clone()
        .unwrap();
    for _ in 0..2 {
        let token = start(app, &password, "ru").await;
        let mut fields = vec![("_token", token.as_str())];
        fields.extend_from_slice(&ANSWERS);
        assert_eq!(app.post_raw("/survey/submit?lang=ru", &fields).await.status, 303);
    }
    opened.wave_id
}

async fn no_response_shares_a_transaction_id_with_a_code_or_token_row(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let world = World::build(&mut app.conn());
    let wave = pupils_answer(&app, &world, 5).await;
    let mut conn = app.conn();
    let remaining: i64 = access_codes::table
        .inner_join(wave_classes::table)
        .filter(wave_classes::wave_id.eq(wave.to_string()))
        .count()
        .get_result(&mut conn)
        .unwrap();
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
        Err(ahual::db::responses::SubmitError::Refused(ahual::db::responses::Refusal::AlreadySubmitted))
    ));
    let never_issued = NewResponse { nonce: "never-issued".into(), ..response };
    assert!(submit(&mut conn, &never_issued).is_err(), "a nonce that was never issued admits nothing");
}

on_both_backends!(
    no_response_shares_a_transaction_id_with_a_code_or_token_row,
    issued_nonces_name_no_wave_and_a_spent_one_leaves_no_row
);
