//! Erasing a closed trust box conversation's words, on SQLite and PostgreSQL (docs/trust-box.md,
//! order of landing step 6): the sweep erases the words of conversations closed longer ago than the
//! deployment keeps them (90 days by default, `trust_texts_days`), and nothing else: every row, count,
//! status, outcome and time stays for the figures, and a conversation closed a day less keeps its
//! words. The staff page and the pupil's page then say the words were deleted, in kk, ru and en.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use ahual::app::trust_box::pupil::{self, Letter};
use ahual::app::trust_box::staff::{self, StaffAction};
use ahual::app::trust_box::upkeep;
use ahual::db::DbConnection;
use ahual::db::schema::{audit_log, trust_conversations as tc, trust_messages as tm};
use ahual::domain::ids::ConversationId;
use ahual::domain::lang::Lang;
use ahual::domain::trust_box::desk::Desk;
use ahual::domain::trust_box::lifecycle::Outcome;
use ahual::domain::trust_box::receipt::{Receipt, TrustBoxKey};
use ahual::domain::trust_box::record::Opening;
use ahual::domain::trust_box::retention::TextsKept;
use ahual::domain::trust_box::text::MessageText;
use ahual::domain::trust_box::topic::{Addressee, Topic};
use ahual::notify::NotifyPlan;
use chrono::{DateTime, Duration, NaiveDateTime, Utc};
use common::pupil::post_trust;
use common::world::{PASSWORD, World};
use common::{Backend, TestApp, TestDatabase};
use diesel::prelude::*;
use std::sync::Arc;

const WORDS: &str = "Мені сыныпта үнемі мазақтайды";
const REPLY: &str = "Ертең 204-кабинетке кел";

/// A conversation of school A written `days_ago`, answered, and closed `closed_days_ago` (or left
/// open with `None`); its receipt and id.
fn conversation(
    conn: &mut DbConnection,
    key: &TrustBoxKey,
    world: &World,
    closed_days_ago: Option<i64>,
) -> (Receipt, ConversationId) {
    let ago = |days: i64| Utc::now() - Duration::days(days);
    let letter = Letter {
        school_code: "SCH-A".into(),
        opening: Opening { topic: Topic::Bullying, addressee: Addressee::School, in_danger: false },
        text: MessageText::parse(WORDS).unwrap(),
        pin: None,
    };
    let receipt = pupil::write(conn, key, &NotifyPlan::default(), &letter, ago(120)).unwrap().unwrap();
    let id = tc::table.filter(tc::receipt_lookup.eq(key.lookup(&receipt))).select(tc::id).first(conn).unwrap();
    let desk = Desk::School(world.school_a);
    let reply = StaffAction::Reply(MessageText::parse(REPLY).unwrap());
    staff::act(conn, key, &desk, world.psy_a, id, &reply, ago(119)).unwrap().unwrap();
    if let Some(days) = closed_days_ago {
        let close = StaffAction::Close(Outcome::HelpGiven);
        staff::act(conn, key, &desk, world.psy_a, id, &close, ago(days)).unwrap().unwrap();
    }
    (receipt, id)
}

/// Everything stored of the trust box but the sealed words and the erasure's date, and the audit
/// log's length: what erasing must leave alone.
fn all_but_words(conn: &mut DbConnection) -> Vec<String> {
    type Times = (NaiveDateTime, Option<NaiveDateTime>, Option<NaiveDateTime>, Option<NaiveDateTime>);
    let conversations: Vec<(ConversationId, String, Option<String>, String, bool, Times)> = tc::table
        .select((
            tc::id,
            tc::status,
            tc::outcome,
            tc::topic,
            tc::came_back,
            (tc::arrived_at, tc::due_at, tc::first_reply_at, tc::closed_at),
        ))
        .order(tc::id)
        .load(conn)
        .unwrap();
    let messages: Vec<(String, String, i32, String, Option<String>, NaiveDateTime)> = tm::table
        .select((tm::id, tm::conversation_id, tm::seq, tm::kind, tm::author_id, tm::written_at))
        .order(tm::id)
        .load(conn)
        .unwrap();
    let audited: i64 = audit_log::table.count().get_result(conn).unwrap();
    let mut all: Vec<String> = conversations.iter().map(|row| format!("{row:?}")).collect();
    all.extend(messages.iter().map(|row| format!("{row:?}")));
    all.push(format!("audit entries: {audited}"));
    all
}

/// How many of conversation `id`'s messages still hold sealed words, of how many.
fn sealed(conn: &mut DbConnection, id: ConversationId) -> (usize, usize) {
    let words: Vec<Option<Vec<u8>>> =
        tm::table.filter(tm::conversation_id.eq(id.to_string())).select(tm::sealed).load(conn).unwrap();
    (words.iter().flatten().count(), words.len())
}

fn erased_at(conn: &mut DbConnection, id: ConversationId) -> Option<NaiveDateTime> {
    tc::table.find(id.to_string()).select(tc::texts_deleted_at).first(conn).unwrap()
}

/// On SQLite, whether any 32-byte piece of `words` is left in the database file or its log.
fn left_in_file(db: &TestDatabase, words: &[Vec<u8>]) -> bool {
    let path = db.url.trim_start_matches("sqlite://").to_owned();
    let mut bytes = std::fs::read(&path).unwrap();
    bytes.extend(std::fs::read(format!("{path}-wal")).unwrap_or_default());
    words.iter().flat_map(|w| w.chunks_exact(32)).any(|piece| bytes.windows(32).any(|b| b == piece))
}

async fn words_closed_longer_ago_than_kept_are_erased_and_nothing_else(backend: Backend) {
    let db = Arc::new(TestDatabase::create(backend));
    let app = TestApp::spawn_on(db.clone()).await;
    let conn = &mut app.conn();
    let world = World::build(conn);
    let key = app.state().trust_box.clone();
    let (old_receipt, old) = conversation(conn, &key, &world, Some(91));
    let (_, recent) = conversation(conn, &key, &world, Some(89));
    let (_, open) = conversation(conn, &key, &world, None);
    let before = all_but_words(conn);
    let old_words: Vec<Vec<u8>> = tm::table
        .filter(tm::conversation_id.eq(old.to_string()))
        .select(tm::sealed)
        .load::<Option<Vec<u8>>>(conn)
        .unwrap()
        .into_iter()
        .flatten()
        .collect();
    assert!(backend == Backend::Postgres || left_in_file(&db, &old_words), "the search can find them");

    let now: DateTime<Utc> = Utc::now();
    assert_eq!(upkeep::erase_old_texts(conn, TextsKept::default(), now).unwrap(), 1, "only the one closed 91 days ago");
    assert_eq!(sealed(conn, old), (0, 2), "both its messages stay, without their words");
    assert_eq!(sealed(conn, recent), (2, 2), "closed 89 days ago: kept");
    assert_eq!(sealed(conn, open), (2, 2), "never closed: kept");
    assert!(erased_at(conn, old).is_some() && erased_at(conn, recent).is_none());
    assert_eq!(all_but_words(conn), before, "every row, status, outcome, time and count stays");
    assert_eq!(upkeep::erase_old_texts(conn, TextsKept::default(), now).unwrap(), 0, "nothing twice");
    if backend == Backend::Sqlite {
        assert!(!left_in_file(&db, &old_words), "the sealed words are gone from the file and its log");
    }

    let thread = pupil::read(conn, &key, &old_receipt, None).unwrap().unwrap();
    assert!(thread.messages.len() == 2 && thread.messages.iter().all(|m| m.text.is_none()));
    for lang in Lang::ALL {
        let path = format!("/trust/back?lang={}", lang.code());
        let page = post_trust(&app, &path, &[("receipt", old_receipt.display().as_str())]).await;
        assert_eq!(page.status, 200, "{lang:?}");
        assert_eq!(page.body.matches(&lang.t("trust-deleted")).count(), 2, "{lang:?}: {}", page.body);
        assert!(!page.body.contains(WORDS) && !page.body.contains(REPLY));
    }
    assert_eq!(app.login("psy-a", PASSWORD).await.status, 303);
    for lang in Lang::ALL {
        app.get(&format!("/lang/{}?next=/school", lang.code())).await;
        let page = app.get(&format!("/school/trust/{old}")).await;
        assert_eq!(page.status, 200, "{lang:?}");
        assert_eq!(page.body.matches(&lang.t("trust-desk-deleted")).count(), 2, "{lang:?}");
        assert!(!page.body.contains(WORDS) && !page.body.contains(REPLY));
        assert!(app.get(&format!("/school/trust/{recent}")).await.body.contains(WORDS), "the other keeps its words");
    }
}

async fn the_sweep_erases_after_the_days_the_deployment_keeps_words(backend: Backend) {
    let database = Arc::new(TestDatabase::create(backend));
    let app = TestApp::spawn_configured(database, |settings| {
        settings.trust_texts_kept = TextsKept::days(30).unwrap();
    })
    .await;
    let conn = &mut app.conn();
    let world = World::build(conn);
    let key = app.state().trust_box.clone();
    let (_, month_ago) = conversation(conn, &key, &world, Some(31));
    let (_, last_month) = conversation(conn, &key, &world, Some(29));
    ahual::web::background::sweep(app.state()).await;
    assert_eq!(sealed(conn, month_ago), (0, 2), "closed 31 days ago, 30 kept: erased");
    assert_eq!(sealed(conn, last_month), (2, 2), "closed 29 days ago: kept");
}

on_both_backends!(
    words_closed_longer_ago_than_kept_are_erased_and_nothing_else,
    the_sweep_erases_after_the_days_the_deployment_keeps_words,
);
