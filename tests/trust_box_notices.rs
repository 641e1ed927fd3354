//! The trust box's notices on SQLite and PostgreSQL (docs/trust-box.md, order of landing step 6): a
//! pupil's message is announced to the desk that holds it (a school's active psychologists; a centre's
//! address and staff), never to another school or region, and never to the school of a message written
//! to the centre only; an overdue conversation is announced once per deadline, to its desk and, when a
//! school holds it, to its region's centre; no notice carries a word the pupil wrote or chose; a
//! delivered notice leaves no row behind.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use std::collections::BTreeSet;

use ahual::app::trust_box::pupil::{self, Letter};
use ahual::app::trust_box::staff::{self, StaffAction};
use ahual::app::trust_box::upkeep;
use ahual::db::outbox;
use ahual::db::schema::{outbox as o, trust_conversations as tc};
use ahual::db::{DbConnection, regions};
use ahual::domain::account::RoleScope;
use ahual::domain::ids::ConversationId;
use ahual::domain::lang::Lang;
use ahual::domain::region::RegionCode;
use ahual::domain::trust_box::desk::Desk;
use ahual::domain::trust_box::receipt::{Receipt, TrustBoxKey};
use ahual::domain::trust_box::record::Opening;
use ahual::domain::trust_box::retention::TextsKept;
use ahual::domain::trust_box::text::MessageText;
use ahual::domain::trust_box::topic::{Addressee, Topic};
use ahual::notify::NotifyPlan;
use chrono::{DateTime, Duration, NaiveDateTime, Timelike, Utc};
use common::world::{self, World, give_email};
use common::{Backend, TestDatabase};
use diesel::prelude::*;

const WORDS: &str = "Мені сыныпта үнемі мазақтайды, Айгерім деген қыз. Мұғалім Серікбаев көрмейді";
const HOOK: &str = "https://hooks.example.kz/ahual";
const SITE: &str = "https://ahual.example.kz";

fn key() -> TrustBoxKey {
    TrustBoxKey::from_bytes([7; 32])
}

fn plan() -> NotifyPlan {
    NotifyPlan { public_url: SITE.into(), email: true, webhook_url: Some(HOOK.into()) }
}

/// The world, with an address for every member of staff, a second psychologist at school A and an
/// inactive one (never written to).
fn staffed(conn: &mut DbConnection) -> World {
    let world = World::build(conn);
    for (id, email) in [
        (world.psy_a, "psy-a@a.kz"),
        (world.psy_b, "psy-b@b.kz"),
        (world.centre_a, "centre-a@kz71.kz"),
        (world.centre_b, "centre-b@kz75.kz"),
        (world.national, "national@kz.kz"),
        (world.admin, "admin@kz.kz"),
    ] {
        give_email(conn, id, email);
    }
    let hash = ahual::domain::password::hash_password(world::PASSWORD).unwrap();
    let second = world::user(conn, "psy-a2", RoleScope::Psychologist(world.school_a), &hash);
    give_email(conn, second, "PSY-A2@a.kz");
    let gone = world::user(conn, "psy-a-gone", RoleScope::Psychologist(world.school_a), &hash);
    give_email(conn, gone, "gone@a.kz");
    world::disable(conn, gone);
    world
}

fn centre_email(conn: &mut DbConnection, region: &str) -> String {
    regions::get(conn, &RegionCode::parse(region).unwrap()).unwrap().centre_email
}

/// A self-harm message in danger, written to `addressee` at school `code` at `at`, with `plan`'s notices.
fn write_with(
    conn: &mut DbConnection,
    plan: &NotifyPlan,
    code: &str,
    addressee: Addressee,
    at: DateTime<Utc>,
) -> (Receipt, ConversationId) {
    let letter = Letter {
        school_code: code.into(),
        opening: Opening { topic: Topic::SelfHarm, addressee, in_danger: true },
        text: MessageText::parse(WORDS).unwrap(),
        pin: None,
    };
    let receipt = pupil::write(conn, &key(), plan, &letter, at).unwrap().unwrap();
    let lookup = key().lookup(&receipt);
    (receipt, tc::table.filter(tc::receipt_lookup.eq(lookup)).select(tc::id).first(conn).unwrap())
}

fn write(conn: &mut DbConnection, code: &str, addressee: Addressee, at: DateTime<Utc>) -> (Receipt, ConversationId) {
    write_with(conn, &plan(), code, addressee, at)
}

/// A queued notice: (channel, recipient, subject, body, created_at).
type Notice = (String, String, String, String, NaiveDateTime);

/// The notices queued about conversation `id`, checking that each names it and no referral.
fn notices(conn: &mut DbConnection, id: ConversationId) -> Vec<Notice> {
    let about: Vec<(Option<String>, Option<String>)> =
        o::table.select((o::referral_id, o::conversation_id)).load(conn).unwrap();
    assert!(about.iter().all(|(r, c)| r.is_none() && c.is_some()), "trust notices name no referral: {about:?}");
    o::table
        .filter(o::conversation_id.eq(id.to_string()))
        .order((o::channel, o::recipient))
        .select((o::channel, o::recipient, o::subject, o::body, o::created_at))
        .load(conn)
        .unwrap()
}

fn emails(notices: &[Notice]) -> BTreeSet<String> {
    notices.iter().filter(|n| n.0 == "email").map(|n| n.1.clone()).collect()
}

fn set(addresses: &[&str]) -> BTreeSet<String> {
    addresses.iter().map(|a| (*a).to_owned()).collect()
}

/// Every word the pupil wrote or chose (the topic, the danger) is absent from every notice.
#[track_caller]
fn assert_says_nothing_written(notices: &[Notice]) {
    let mut chosen: Vec<String> =
        WORDS.split(|c: char| !c.is_alphanumeric()).filter(|w| w.len() > 2).map(String::from).collect();
    for lang in Lang::ALL {
        for key in ["trust-topic-self-harm", "trust-desk-topic-self-harm", "trust-in-danger", "trust-desk-urgent"] {
            chosen.push(lang.t(key));
        }
    }
    chosen.extend(["self-harm", "urgent", "danger"].map(String::from));
    assert!(!notices.is_empty());
    for (_, _, subject, body, _) in notices {
        let text = format!("{subject}\n{body}").to_lowercase();
        let words: BTreeSet<&str> = text.split(|c: char| !c.is_alphanumeric()).collect();
        for word in &chosen {
            let word = word.to_lowercase();
            assert!(!words.contains(word.as_str()) && !text.contains(&word), "{word:?} in {text}");
        }
    }
}

async fn a_pupils_message_is_announced_to_its_schools_psychologists_only(backend: Backend) {
    let db = TestDatabase::create(backend);
    let conn = &mut db.pool().get().unwrap();
    staffed(conn);
    let (receipt, id) = write(conn, "SCH-A", Addressee::School, Utc::now());
    let queued = notices(conn, id);
    assert_eq!(emails(&queued), set(&["PSY-A2@a.kz", "psy-a@a.kz"]), "the school's active psychologists");
    assert_eq!(queued.iter().filter(|n| n.0 == "webhook" && n.1 == HOOK).count(), 1, "and one webhook call");
    assert_says_nothing_written(&queued);
    let link = format!("{SITE}/school/trust/{id}");
    assert!(queued.iter().all(|n| n.3.contains(&link) && n.3.contains("SCH-A")), "{queued:?}");
    let hook: serde_json::Value = serde_json::from_str(&queued.iter().find(|n| n.0 == "webhook").unwrap().3).unwrap();
    assert_eq!((hook["event"].as_str(), hook["school"].as_str()), (Some("trust.waiting"), Some("SCH-A")));
    for notice in &queued {
        assert_eq!((notice.4.minute(), notice.4.second()), (0, 0), "dated no finer than the kept arrival");
        assert!(notice.4 <= Utc::now().naive_utc());
    }

    pupil::write_again(conn, &key(), &plan(), &receipt, None, &MessageText::parse("Тағы жазамын").unwrap(), Utc::now())
        .unwrap()
        .unwrap();
    assert_eq!(notices(conn, id).len(), 2 * queued.len(), "writing again is announced as well");

    let hook_only = NotifyPlan { email: false, ..plan() };
    let (_, id) = write_with(conn, &hook_only, "SCH-A", Addressee::School, Utc::now());
    let channels: Vec<String> = notices(conn, id).into_iter().map(|n| n.0).collect();
    assert_eq!(channels, ["webhook"], "without e-mail, the webhook alone");
}

async fn a_message_to_the_centre_only_never_reaches_the_school(backend: Backend) {
    let db = TestDatabase::create(backend);
    let conn = &mut db.pool().get().unwrap();
    staffed(conn);
    let (_, id) = write(conn, "SCH-A", Addressee::CentreOnly, Utc::now());
    let queued = notices(conn, id);
    let centre = centre_email(conn, "KZ-71");
    assert_eq!(emails(&queued), set(&[centre.as_str(), "centre-a@kz71.kz"]), "the centre's address and staff");
    assert_says_nothing_written(&queued);
    for (_, _, subject, body, _) in &queued {
        let text = format!("{subject}{body}");
        assert!(!text.contains("SCH-A") && !text.contains("Школа"), "the school is not named: {text}");
        assert!(text.contains(&format!("{SITE}/centre/trust/{id}")), "{text}");
    }
}

async fn a_conversation_the_school_escalated_is_announced_to_its_centre(backend: Backend) {
    let db = TestDatabase::create(backend);
    let conn = &mut db.pool().get().unwrap();
    let world = staffed(conn);
    let (receipt, id) = write(conn, "SCH-B", Addressee::School, Utc::now());
    assert_eq!(emails(&notices(conn, id)), set(&["psy-b@b.kz"]), "school B's own psychologist, nobody of A");
    let escalate = StaffAction::Escalate;
    staff::act(conn, &key(), &Desk::School(world.school_b), world.psy_b, id, &escalate, Utc::now()).unwrap().unwrap();
    diesel::delete(o::table).execute(conn).unwrap();
    pupil::write_again(conn, &key(), &plan(), &receipt, None, &MessageText::parse("Тағы").unwrap(), Utc::now())
        .unwrap()
        .unwrap();
    let centre = centre_email(conn, "KZ-75");
    assert_eq!(emails(&notices(conn, id)), set(&[centre.as_str(), "centre-b@kz75.kz"]), "the holder: B's centre");
}

async fn an_overdue_conversation_is_announced_once_per_deadline(backend: Backend) {
    let db = TestDatabase::create(backend);
    let conn = &mut db.pool().get().unwrap();
    staffed(conn);
    let (receipt, late) = write(conn, "SCH-A", Addressee::School, Utc::now() - Duration::days(10));
    let (_, in_time) = write(conn, "SCH-A", Addressee::School, Utc::now());
    let (_, centres) = write(conn, "SCH-B", Addressee::CentreOnly, Utc::now() - Duration::days(10));
    diesel::delete(o::table).execute(conn).unwrap();

    let swept = upkeep::sweep(conn, &plan(), TextsKept::default(), Utc::now()).unwrap();
    assert_eq!(swept.overdue_notified, 2, "the two late ones");
    assert!(notices(conn, in_time).is_empty());
    let queued = notices(conn, late);
    let centre_a = centre_email(conn, "KZ-71");
    let everyone = set(&["PSY-A2@a.kz", "psy-a@a.kz", centre_a.as_str(), "centre-a@kz71.kz"]);
    assert_eq!(emails(&queued), everyone, "the school's desk and its region's centre");
    assert_says_nothing_written(&queued);
    for (_, recipient, subject, body, _) in queued.iter().filter(|n| n.0 == "email") {
        assert!(subject.contains(&Lang::Kk.t("trust-notice-subject-overdue")), "{subject}");
        let link = if recipient.to_lowercase().contains("psy") {
            format!("{SITE}/school/trust/{late}")
        } else {
            format!("{SITE}/centre/trust\n")
        };
        assert!(body.contains(&link), "{recipient}: {body}");
    }
    let centre_b = centre_email(conn, "KZ-75");
    assert_eq!(emails(&notices(conn, centres)), set(&[centre_b.as_str(), "centre-b@kz75.kz"]), "B's centre only");

    let again = upkeep::sweep(conn, &plan(), TextsKept::default(), Utc::now() + Duration::minutes(5)).unwrap();
    assert_eq!(again.overdue_notified, 0, "once only");
    assert_eq!(notices(conn, late).len(), queued.len());

    pupil::write_again(conn, &key(), &plan(), &receipt, None, &MessageText::parse("Әлі күтемін").unwrap(), Utc::now())
        .unwrap()
        .unwrap();
    diesel::delete(o::table).execute(conn).unwrap();
    let later = Utc::now() + Duration::days(10);
    let after = upkeep::sweep(conn, &plan(), TextsKept::default(), later).unwrap();
    assert_eq!(after.overdue_notified, 2, "its new deadline passed, and the one in time is late now; B's not again");
    assert_eq!(emails(&notices(conn, late)), everyone);
}

async fn a_delivered_trust_notice_leaves_no_row(backend: Backend) {
    let db = TestDatabase::create(backend);
    let conn = &mut db.pool().get().unwrap();
    staffed(conn);
    let (_, id) = write(conn, "SCH-A", Addressee::School, Utc::now());
    let now = Utc::now().naive_utc();
    let claimed = outbox::claim_due(conn, now, 100).unwrap();
    assert_eq!(claimed.len(), 3, "two e-mails and a webhook, due at once");
    for message in &claimed {
        outbox::mark_delivered(conn, message.id, now).unwrap();
    }
    assert!(notices(conn, id).is_empty(), "delivered notices are deleted");
    assert_eq!(outbox::tally(conn).unwrap(), (0, 0, 0));
}

on_both_backends!(
    a_pupils_message_is_announced_to_its_schools_psychologists_only,
    a_message_to_the_centre_only_never_reaches_the_school,
    a_conversation_the_school_escalated_is_announced_to_its_centre,
    an_overdue_conversation_is_announced_once_per_deadline,
    a_delivered_trust_notice_leaves_no_row,
);
