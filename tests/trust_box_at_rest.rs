//! The trust box at rest, on SQLite and PostgreSQL (issue 19): no word, receipt or PIN is stored in
//! clear (the SQLite file and its log, every PostgreSQL row); and a message cannot be joined to the
//! survey response its writer sent a moment before: the thank-you page's link carries nothing of the wave or class, no
//! stored value of the message's rows (id, school, receipt lookup, sealed words) is a value of the
//! response's (id, wave, class), and the message keeps its time no finer than the day, as the
//! response keeps its day: of the school's responses of that day, none is singled out.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;
use crate::trust_box::{REPLY, key, letter, only_id, school_a, text, write};

use ahual::app::trust_box::staff::{self, StaffAction};
use ahual::db::DbConnection;
use ahual::db::schema::{responses, trust_conversations, trust_messages};
use ahual::domain::survey::wave::AccessMode;
use ahual::domain::trust_box::topic::{Addressee, Topic};
use chrono::{NaiveDateTime, NaiveTime, Utc};
use common::pupil::{open, post_trust, start, submit};
use common::world::World;
use common::{Backend, TestApp, TestDatabase};
use diesel::prelude::*;

const WORDS: &str = "Сабақтан кейін мені үнемі мазақтайды";

async fn a_message_sent_after_a_response_shares_no_id_token_or_time_with_it(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let world = World::build(&mut app.conn());
    let opened = open(&mut app.conn(), world.school_a, vec![], AccessMode::Password);
    let password = opened.classes[0].password.clone().unwrap();

    let pass = start(&app, &password, "kk").await;
    let sent = submit(&app, &pass, &[]).await;
    assert_eq!(sent.location(), Some("/thanks?lang=kk"), "{}", sent.body);
    let thanks = app.get("/thanks?lang=kk").await;
    let links: Vec<&str> = thanks.body.split("href=\"").skip(1).filter_map(|s| s.split('"').next()).collect();
    let to_trust: Vec<&&str> = links.iter().filter(|l| l.starts_with("/trust")).collect();
    assert_eq!(to_trust, vec![&"/trust?lang=kk"], "the link names nothing but the language: {links:?}");

    let letter = [("school", "SCH-A"), ("topic", "bullying"), ("to", "school"), ("text", WORDS), ("pin", "")];
    assert_eq!(post_trust(&app, "/trust?lang=kk", &letter).await.status, 200);

    let response: (String, String, String) = responses::table
        .select((responses::id, responses::wave_id, responses::class_id))
        .first(&mut app.conn())
        .unwrap();
    let conversation: (String, String, String, Option<String>, NaiveDateTime) = trust_conversations::table
        .select((
            trust_conversations::id,
            trust_conversations::school_id,
            trust_conversations::receipt_lookup,
            trust_conversations::pin_seal,
            trust_conversations::arrived_at,
        ))
        .first(&mut app.conn())
        .unwrap();
    let message: (String, String, Option<Vec<u8>>, NaiveDateTime) = trust_messages::table
        .select((
            trust_messages::id,
            trust_messages::conversation_id,
            trust_messages::sealed,
            trust_messages::written_at,
        ))
        .first(&mut app.conn())
        .unwrap();

    let kept: Vec<String> = [conversation.0, conversation.1, conversation.2, message.0, message.1]
        .into_iter()
        .chain(conversation.3)
        .collect();
    let sealed = message.2.expect("the words are kept, sealed");
    for value in [&response.0, &response.1, &response.2] {
        let bare = value.replace('-', "");
        assert!(!kept.iter().any(|k| k.contains(value.as_str()) || k.contains(&bare)), "{value} in {kept:?}");
        assert!(!sealed.windows(value.len()).any(|w| w == value.as_bytes()), "{value} in the sealed words");
    }
    for (what, at) in [("arrival", conversation.4), ("message", message.3)] {
        assert_eq!(at.time(), NaiveTime::MIN, "the {what} keeps its day only");
    }
}

/// Every stored byte of the trust box and the audit log, as one string per row (PostgreSQL) or the
/// database file itself (SQLite).
fn stored_bytes(conn: &mut DbConnection, db: &TestDatabase) -> Vec<u8> {
    use diesel::RunQueryDsl;
    #[derive(diesel::QueryableByName)]
    struct Row {
        #[diesel(sql_type = diesel::sql_types::Text)]
        row: String,
    }
    match conn {
        DbConnection::Sqlite(_) => {
            let path = db.url.trim_start_matches("sqlite://").to_owned();
            let mut bytes = std::fs::read(&path).unwrap();
            bytes.extend(std::fs::read(format!("{path}-wal")).unwrap_or_default());
            bytes
        }
        DbConnection::Postgresql(_) => ["trust_conversations", "trust_messages", "audit_log"]
            .iter()
            .flat_map(|table| {
                let rows: Vec<Row> =
                    diesel::sql_query(format!("SELECT t::text AS row FROM {table} t")).load(conn).unwrap();
                rows.into_iter().flat_map(|r| r.row.into_bytes())
            })
            .collect(),
    }
}

fn holds(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

async fn no_words_receipt_or_pin_are_stored_in_clear(backend: Backend) {
    let db = TestDatabase::create(backend);
    let conn = &mut db.pool().get().unwrap();
    let world = World::build(conn);
    let receipt = write(conn, &letter(Addressee::School, Topic::Bullying, false, Some("27182818")));
    let id = only_id(conn, &school_a(&world), &world);
    let reply = StaffAction::Reply(text(REPLY));
    staff::act(conn, &key(), &school_a(&world), world.psy_a, id, &reply, Utc::now()).unwrap().unwrap();
    let stored = stored_bytes(conn, &db);
    let digits: String = receipt.display().chars().filter(char::is_ascii_digit).collect();
    for secret in ["Айгерім", "мазақтайды", "204-кабинетке", digits.as_str(), &receipt.display(), "27182818"]
    {
        assert!(!holds(&stored, secret.as_bytes()), "{secret} is stored in clear");
        assert!(!holds(&stored, hex::encode(secret).as_bytes()), "{secret} is stored as hex");
    }
}

on_both_backends!(
    no_words_receipt_or_pin_are_stored_in_clear,
    a_message_sent_after_a_response_shares_no_id_token_or_time_with_it,
);
