//! The migration that lets the outbox carry trust box notices keeps every referral's notice, on both
//! backends: run on a database written at the version before it, reverted and run again. After it a
//! notice names a referral or a conversation, exactly one; reverting drops the conversations' notices
//! (the old outbox cannot hold them) and keeps the rest.

use diesel::connection::SimpleConnection;
use diesel::prelude::*;

use super::{before, refused, run};
use crate::common::{Backend, TestDatabase};

/// The migration letting the outbox carry trust box notices.
const TRUST_NOTICES: &str = "2026-12-07-000001_trust_notices";

/// A school, a referral with its queued notice, and a trust box conversation, written before.
const ROWS: &str = "
    INSERT INTO regions (code, name_kk, name_ru, name_en, sort_order) VALUES ('KZ-TEST', 'a', 'b', 'c', 1);
    INSERT INTO schools (id, code, region_code, name_kk, name_ru, name_en, created_at)
        VALUES ('s1', 'S-1', 'KZ-TEST', 'a', 'b', 'c', '2026-11-01 08:00:00');
    INSERT INTO referrals (id, region_code, school_id, source, severity, status, created_at, acknowledge_by,
                           updated_at)
        VALUES ('r1', 'KZ-TEST', 's1', 'manual', 'urgent', 'new', '2026-11-13 08:00:00', '2026-11-14 08:00:00',
                '2026-11-13 08:00:00');
    INSERT INTO outbox (id, referral_id, channel, recipient, subject, body, attempts, next_attempt_at,
                        delivered_at, created_at)
        VALUES ('o1', 'r1', 'email', 'psc@example.kz', 's', 'b', 0, '2026-11-13 08:00:00', NULL,
                '2026-11-13 08:00:00'),
               ('o2', 'r1', 'webhook', 'https://h.kz', '', '{}', 1, '2026-11-13 08:01:00',
                '2026-11-13 08:02:00', '2026-11-13 08:00:00');
    INSERT INTO trust_conversations (id, school_id, region_code, addressee, holder, topic, in_danger, urgent,
                                     status, receipt_lookup, arrived_at, due_at, came_back)
        VALUES ('c1', 's1', 'KZ-TEST', 'school', 'school', 'other', FALSE, FALSE, 'new', 'l1',
                '2026-11-13 00:00:00', '2026-11-18 18:00:00', FALSE);
";

const TRUST_NOTICE: &str = "INSERT INTO outbox (id, conversation_id, channel, recipient, subject, body, attempts, \
     next_attempt_at, created_at) VALUES ('o3', 'c1', 'email', 'psy@a.kz', 's', 'b', 0, '2026-11-13 00:00:00', \
     '2026-11-13 00:00:00')";

/// A notice as compared: id, referral, body, attempts, when delivered.
type Notice = (String, Option<String>, String, i32, Option<chrono::NaiveDateTime>);

/// Every notice as text, sorted.
fn notices(conn: &mut ahual::db::DbConnection) -> Vec<String> {
    use ahual::db::schema::outbox as o;
    let rows: Vec<Notice> = o::table
        .select((o::id, o::referral_id, o::body, o::attempts, o::delivered_at))
        .order(o::id)
        .load(conn)
        .unwrap();
    rows.iter().map(|row| format!("{row:?}")).collect()
}

async fn referral_notices_survive_and_the_outbox_carries_trust_notices(backend: Backend) {
    let db = TestDatabase::empty(backend);
    let mut conn = db.pool().get().unwrap();
    for name in before(&conn, TRUST_NOTICES) {
        run(&mut conn, &name, false);
    }
    conn.batch_execute(ROWS).unwrap();
    assert!(refused(&mut conn, TRUST_NOTICE), "before: every notice names a referral");

    run(&mut conn, TRUST_NOTICES, false);
    let written = notices(&mut conn);
    assert_eq!(written.len(), 2, "both referral notices survive: {written:?}");
    conn.batch_execute(TRUST_NOTICE).expect("a notice of a conversation");
    let neither = "INSERT INTO outbox (id, channel, recipient, subject, body, attempts, next_attempt_at, created_at) \
                   VALUES ('o4', 'email', 'x@y.kz', 's', 'b', 0, '2026-11-13 00:00:00', '2026-11-13 00:00:00')";
    assert!(refused(&mut conn, neither), "a notice is about something");
    let both = "INSERT INTO outbox (id, referral_id, conversation_id, channel, recipient, subject, body, attempts, \
                next_attempt_at, created_at) VALUES ('o5', 'r1', 'c1', 'email', 'x@y.kz', 's', 'b', 0, \
                '2026-11-13 00:00:00', '2026-11-13 00:00:00')";
    assert!(refused(&mut conn, both), "and about one thing");
    let nowhere = TRUST_NOTICE.replace("'o3', 'c1'", "'o6', 'c9'");
    assert!(refused(&mut conn, &nowhere), "the conversation is a foreign key");
    conn.batch_execute("UPDATE trust_conversations SET overdue_notified_for = due_at").expect("the new column");

    run(&mut conn, TRUST_NOTICES, true);
    assert_eq!(notices(&mut conn), written, "going back drops the trust notice and keeps the referrals'");
    run(&mut conn, TRUST_NOTICES, false);
    assert_eq!(notices(&mut conn), written);
}

on_both_backends!(referral_notices_survive_and_the_outbox_carries_trust_notices);
