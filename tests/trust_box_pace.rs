//! The pace of writing to the trust box, over HTTP on SQLite and PostgreSQL (docs/trust-box.md, order
//! of landing step 6): one address may start only `NEW_CONVERSATIONS_PER_HOUR` conversations and write
//! again only `MESSAGES_AGAIN_PER_HOUR` times in a burst; beyond that the pupil gets a page in their
//! language (429) with what they typed, and nothing is stored; another address (another lab behind the
//! same proxy) is not held back, nor is reading with the receipt; and the address is stored nowhere.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use std::sync::Arc;

use ahual::db::DbConnection;
use ahual::db::schema::{trust_conversations, trust_messages};
use ahual::domain::lang::Lang;
use ahual::domain::trust_box::pace::{MESSAGES_AGAIN_PER_HOUR, NEW_CONVERSATIONS_PER_HOUR};
use common::pupil::post_trust_with_headers;
use common::world::World;
use common::{Backend, Reply, TestApp, TestDatabase};
use diesel::prelude::*;

const WORDS: &str = "Мені сыныпта үнемі мазақтайды";
const LAB: &str = "198.51.100.7";
const OTHER_LAB: &str = "198.51.100.8";

/// A server that believes `X-Forwarded-For` from loopback, as behind a school's proxy.
async fn behind_a_proxy(backend: Backend) -> (Arc<TestDatabase>, TestApp) {
    let database = Arc::new(TestDatabase::create(backend));
    let app = TestApp::spawn_configured(database.clone(), |settings| {
        settings.trusted_proxies = vec![std::net::IpAddr::from([127, 0, 0, 1])];
    })
    .await;
    World::build(&mut app.conn());
    (database, app)
}

async fn post_from(app: &TestApp, address: &str, path: &str, fields: &[(&str, &str)]) -> Reply {
    post_trust_with_headers(app, path, fields, &[("X-Forwarded-For", address)]).await
}

async fn letter_from(app: &TestApp, address: &str, lang: Lang) -> Reply {
    let fields = [("school", "SCH-A"), ("topic", "bullying"), ("to", "school"), ("text", WORDS)];
    post_from(app, address, &format!("/trust?lang={}", lang.code()), &fields).await
}

fn count(app: &TestApp) -> (i64, i64) {
    let conn = &mut app.conn();
    let conversations = trust_conversations::table.count().get_result(conn).unwrap();
    (conversations, trust_messages::table.count().get_result(conn).unwrap())
}

/// The 16-digit receipt shown on a receipt page, as shown.
fn receipt_in(body: &str) -> String {
    let start = body.find(r#"<p class="receipt"><strong>"#).expect("a receipt on the page") + 27;
    body[start..start + 19].to_owned()
}

/// Every stored byte: the SQLite file and its log, or every row of every table as text (PostgreSQL).
fn stored_bytes(conn: &mut DbConnection, db: &TestDatabase) -> Vec<u8> {
    #[derive(diesel::QueryableByName)]
    struct Text {
        #[diesel(sql_type = diesel::sql_types::Text)]
        text: String,
    }
    if matches!(conn, DbConnection::Sqlite(_)) {
        let path = db.url.trim_start_matches("sqlite://").to_owned();
        let mut bytes = std::fs::read(&path).unwrap();
        bytes.extend(std::fs::read(format!("{path}-wal")).unwrap_or_default());
        return bytes;
    }
    let tables: Vec<Text> = diesel::sql_query(
        "SELECT table_name::text AS text FROM information_schema.tables WHERE table_schema = current_schema()",
    )
    .load(conn)
    .unwrap();
    assert!(tables.len() > 10, "every table is searched");
    tables
        .iter()
        .flat_map(|table| {
            let rows: Vec<Text> =
                diesel::sql_query(format!("SELECT t::text AS text FROM {} t", table.text)).load(conn).unwrap();
            rows.into_iter().flat_map(|row| row.text.into_bytes())
        })
        .collect()
}

async fn an_address_may_start_only_so_many_conversations_at_once(backend: Backend) {
    let (db, app) = behind_a_proxy(backend).await;
    let mut receipt = String::new();
    for _ in 0..NEW_CONVERSATIONS_PER_HOUR {
        let sent = letter_from(&app, LAB, Lang::Kk).await;
        assert_eq!(sent.status, 200, "{}", sent.body);
        receipt = receipt_in(&sent.body);
    }
    let stored = count(&app);
    assert_eq!(stored.0, i64::from(NEW_CONVERSATIONS_PER_HOUR));
    for lang in Lang::ALL {
        let refused = letter_from(&app, LAB, lang).await;
        assert_eq!(refused.status, 429, "{lang:?}");
        assert!(refused.body.contains(&lang.t("trust-error-too-many-letters")), "{lang:?}: {}", refused.body);
        assert!(refused.body.contains(WORDS), "what was typed is on the page again");
        assert!(refused.headers.get("cache-control").is_some_and(|c| c.contains("no-store")));
    }
    assert_eq!(count(&app), stored, "nothing stored");
    assert_eq!(letter_from(&app, OTHER_LAB, Lang::Ru).await.status, 200, "another lab is not held back");
    let back = post_from(&app, LAB, "/trust/back", &[("receipt", receipt.as_str())]).await;
    assert_eq!(back.status, 200, "reading with the receipt is not writing");
    let bytes = stored_bytes(&mut app.conn(), &db);
    for address in [LAB, OTHER_LAB] {
        assert!(!bytes.windows(address.len()).any(|w| w == address.as_bytes()), "{address} is stored nowhere");
    }
}

async fn an_address_may_write_again_only_so_often_at_once(backend: Backend) {
    let (_db, app) = behind_a_proxy(backend).await;
    let receipt = receipt_in(&letter_from(&app, LAB, Lang::Kk).await.body);
    let again = [("receipt", receipt.as_str()), ("pin", ""), ("text", "Тағы жазамын")];
    for _ in 0..MESSAGES_AGAIN_PER_HOUR {
        let written = post_from(&app, LAB, "/trust/back/write?lang=kk", &again).await;
        assert_eq!(written.status, 200, "{}", written.body);
    }
    let stored = count(&app);
    assert_eq!(stored.1, 1 + i64::from(MESSAGES_AGAIN_PER_HOUR));
    for lang in Lang::ALL {
        let refused = post_from(&app, LAB, &format!("/trust/back/write?lang={}", lang.code()), &again).await;
        assert_eq!(refused.status, 429, "{lang:?}");
        assert!(refused.body.contains(&lang.t("trust-error-too-many-again")), "{lang:?}: {}", refused.body);
    }
    assert_eq!(count(&app), stored, "nothing stored");
    assert_eq!(letter_from(&app, LAB, Lang::En).await.status, 200, "a new conversation has its own pace");
    let from_elsewhere = post_from(&app, OTHER_LAB, "/trust/back/write?lang=kk", &again).await;
    assert_eq!(from_elsewhere.status, 200, "another address may write again");
    let back = post_from(&app, LAB, "/trust/back", &[("receipt", receipt.as_str())]).await;
    assert_eq!(back.status, 200, "and the paced address may still read");
}

on_both_backends!(
    an_address_may_start_only_so_many_conversations_at_once,
    an_address_may_write_again_only_so_often_at_once,
);
