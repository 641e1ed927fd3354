//! The trust box's use cases end to end on SQLite and PostgreSQL (issue 19, `docs/trust-box.md`): a
//! pupil writes and comes back with the receipt for the reply; a wrong receipt or PIN learns nothing;
//! a message to the centre only never reaches the school; escalation reaches the school's own centre
//! and no other; a closed conversation takes nothing more; a centre sees its schools' overdue ones;
//! staff looks are audited, pupils leave none (nothing stored in clear: `trust_box_at_rest.rs`);
//! a desk's count of what owes an answer (for its home page) follows the rule its list follows.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use ahual::app::error::UseCaseError;
use ahual::app::trust_box::pupil::{self, AgainRefusal, Letter, WriteRefusal};
use ahual::app::trust_box::staff::{self, ActRefusal, StaffAction};
use ahual::db::{DbConnection, DbError};
use ahual::domain::audit::AuditAction;
use ahual::domain::ids::ConversationId;
use ahual::domain::region::RegionCode;
use ahual::domain::trust_box::desk::Desk;
use ahual::domain::trust_box::lifecycle::{Outcome, Status, StepRefused};
use ahual::domain::trust_box::receipt::{Pin, Receipt, TrustBoxKey};
use ahual::domain::trust_box::record::{MessageKind, Opening};
use ahual::domain::trust_box::text::MessageText;
use ahual::domain::trust_box::topic::{Addressee, Topic};
use ahual::notify::NotifyPlan;
use chrono::{DateTime, Duration, Utc};
use common::audit_log::{entry, mark, since};
use common::world::World;
use common::{Backend, TestDatabase};

const WORDS: &str = "Мені сыныпта үнемі мазақтайды, Айгерім деген қыз";
pub(crate) const REPLY: &str = "Жазғаныңыз үшін рақмет. Ертең үзілісте 204-кабинетке келіңіз.";

pub(crate) fn key() -> TrustBoxKey {
    TrustBoxKey::from_bytes([7; 32])
}

pub(crate) fn text(words: &str) -> MessageText {
    MessageText::parse(words).unwrap()
}

pub(crate) fn letter(addressee: Addressee, topic: Topic, in_danger: bool, pin: Option<&str>) -> Letter {
    Letter {
        school_code: "SCH-A".into(),
        opening: Opening { topic, addressee, in_danger },
        text: text(WORDS),
        pin: pin.map(|p| Pin::parse(p).unwrap().unwrap()),
    }
}

fn write_at(conn: &mut DbConnection, letter: &Letter, at: DateTime<Utc>) -> Receipt {
    pupil::write(conn, &key(), &NotifyPlan::default(), letter, at).unwrap().unwrap()
}

pub(crate) fn write(conn: &mut DbConnection, letter: &Letter) -> Receipt {
    write_at(conn, letter, Utc::now())
}

/// The pupil with `receipt` (and `pin`) writes `words` again now (its notices: `trust_box_notices`).
fn again(conn: &mut DbConnection, receipt: &Receipt, pin: Option<&Pin>, words: &str) -> Result<(), AgainRefusal> {
    pupil::write_again(conn, &key(), &NotifyPlan::default(), receipt, pin, &text(words), Utc::now()).unwrap()
}

pub(crate) fn school_a(world: &World) -> Desk {
    Desk::School(world.school_a)
}

fn centre(code: &str) -> Desk {
    Desk::Centre(RegionCode::parse(code).unwrap())
}

pub(crate) fn only_id(conn: &mut DbConnection, desk: &Desk, world: &World) -> ConversationId {
    let inbox = staff::inbox(conn, desk, world.psy_a, Utc::now()).unwrap();
    assert_eq!(inbox.conversations.len(), 1);
    inbox.conversations[0].id
}

fn is_not_found<T: std::fmt::Debug>(result: Result<T, UseCaseError>) -> bool {
    matches!(result, Err(UseCaseError::Db(DbError::NotFound)))
}

async fn a_pupil_writes_and_reads_the_schools_reply_with_the_receipt(backend: Backend) {
    let db = TestDatabase::create(backend);
    let conn = &mut db.pool().get().unwrap();
    let world = World::build(conn);
    let receipt = write(conn, &letter(Addressee::School, Topic::Bullying, false, Some("2718")));
    let pin = Pin::parse("2718").unwrap();

    let inbox = staff::inbox(conn, &school_a(&world), world.psy_a, Utc::now()).unwrap();
    assert_eq!(inbox.conversations.len(), 1);
    let record = &inbox.conversations[0];
    assert_eq!((record.state.status, record.topic), (Status::New, Topic::Bullying));
    assert!(record.due_at.is_some(), "staff owe an answer by a deadline");
    let thread = staff::open(conn, &key(), &school_a(&world), world.psy_a, record.id, Utc::now()).unwrap();
    assert_eq!(thread.record.state.status, Status::Read, "the holder's first look reads it");
    assert_eq!(thread.messages[0].text.as_ref().map(MessageText::as_str), Some(WORDS));
    let answered = staff::act(
        conn,
        &key(),
        &school_a(&world),
        world.psy_a,
        record.id,
        &StaffAction::Reply(text(REPLY)),
        Utc::now(),
    )
    .unwrap()
    .unwrap();
    assert_eq!((answered.state.status, answered.due_at), (Status::Answered, None));

    let back = pupil::read(conn, &key(), &receipt, pin.as_ref()).unwrap().expect("the receipt finds it");
    let shown: Vec<(MessageKind, Option<&str>)> =
        back.messages.iter().map(|m| (m.kind, m.text.as_ref().map(MessageText::as_str))).collect();
    assert_eq!(shown, [(MessageKind::Pupil, Some(WORDS)), (MessageKind::Reply, Some(REPLY))]);
    assert_eq!(back.status, Status::Answered);

    again(conn, &receipt, pin.as_ref(), "Рақмет, барамын").unwrap();
    let reopened = staff::inbox(conn, &school_a(&world), world.psy_a, Utc::now()).unwrap().conversations[0].clone();
    assert_eq!(reopened.state.status, Status::New, "the pupil's answer is before staff again");
    assert!(reopened.due_at.is_some() && reopened.came_back);
}

async fn a_wrong_receipt_or_pin_finds_nothing_and_a_wrong_school_code_is_refused(backend: Backend) {
    let db = TestDatabase::create(backend);
    let conn = &mut db.pool().get().unwrap();
    World::build(conn);
    let with_pin = write(conn, &letter(Addressee::School, Topic::Other, false, Some("2718")));
    let without = write(conn, &letter(Addressee::School, Topic::Other, false, None));
    let right = Pin::parse("2718").unwrap();
    let wrong = Pin::parse("2719").unwrap();
    assert!(pupil::read(conn, &key(), &with_pin, right.as_ref()).unwrap().is_some());
    assert!(pupil::read(conn, &key(), &with_pin, wrong.as_ref()).unwrap().is_none());
    assert!(pupil::read(conn, &key(), &with_pin, None).unwrap().is_none(), "a chosen PIN must be typed");
    assert!(pupil::read(conn, &key(), &without, None).unwrap().is_some());
    assert!(pupil::read(conn, &key(), &Receipt::generate(), None).unwrap().is_none());
    let other_key = TrustBoxKey::from_bytes([8; 32]);
    assert!(pupil::read(conn, &other_key, &without, None).unwrap().is_none(), "the key is part of the lookup");
    assert_eq!(again(conn, &with_pin, wrong.as_ref(), "ещё"), Err(AgainRefusal::NotFound));
    for code in ["SCH-Z", "", "<script>"] {
        let mut unknown = letter(Addressee::School, Topic::Other, false, None);
        unknown.school_code = code.into();
        assert_eq!(
            pupil::write(conn, &key(), &NotifyPlan::default(), &unknown, Utc::now()).unwrap(),
            Err(WriteRefusal::UnknownSchool)
        );
    }
}

async fn a_message_to_the_centre_only_never_reaches_the_school(backend: Backend) {
    let db = TestDatabase::create(backend);
    let conn = &mut db.pool().get().unwrap();
    let world = World::build(conn);
    write(conn, &letter(Addressee::CentreOnly, Topic::HarmAtHome, false, None));
    let school_view = staff::inbox(conn, &school_a(&world), world.psy_a, Utc::now()).unwrap();
    assert!(school_view.conversations.is_empty(), "not even listed");
    let id = only_id(conn, &centre("KZ-71"), &world);
    assert!(is_not_found(staff::open(conn, &key(), &school_a(&world), world.psy_a, id, Utc::now())));
    assert!(staff::inbox(conn, &centre("KZ-75"), world.centre_b, Utc::now()).unwrap().conversations.is_empty());
    assert!(is_not_found(staff::open(conn, &key(), &centre("KZ-75"), world.centre_b, id, Utc::now())));
    let note = StaffAction::Note(text("note"));
    assert!(is_not_found(staff::act(conn, &key(), &school_a(&world), world.psy_a, id, &note, Utc::now())));
    let thread = staff::open(conn, &key(), &centre("KZ-71"), world.centre_a, id, Utc::now()).unwrap();
    assert!(thread.may_work);
}

async fn escalation_reaches_the_schools_own_centre_which_the_school_still_follows(backend: Backend) {
    let db = TestDatabase::create(backend);
    let conn = &mut db.pool().get().unwrap();
    let world = World::build(conn);
    let receipt = write(conn, &letter(Addressee::School, Topic::HarmAtHome, false, None));
    let id = only_id(conn, &school_a(&world), &world);
    let escalate = StaffAction::Escalate;
    staff::act(conn, &key(), &school_a(&world), world.psy_a, id, &escalate, Utc::now()).unwrap().unwrap();
    assert_eq!(only_id(conn, &centre("KZ-71"), &world), id);
    assert!(staff::inbox(conn, &centre("KZ-75"), world.centre_b, Utc::now()).unwrap().conversations.is_empty());

    let reply = StaffAction::Reply(text(REPLY));
    let refused = staff::act(conn, &key(), &school_a(&world), world.psy_a, id, &reply, Utc::now()).unwrap();
    assert_eq!(refused.map(|_| ()), Err(ActRefusal::NotTheHolder));
    let twice = staff::act(conn, &key(), &centre("KZ-71"), world.centre_a, id, &escalate, Utc::now()).unwrap();
    assert_eq!(twice.map(|_| ()), Err(ActRefusal::Step(StepRefused::NotTheSchools)));
    let note = StaffAction::Note(text("Бұл баланың үйінде қиындық бар, біз білеміз"));
    staff::act(conn, &key(), &school_a(&world), world.psy_a, id, &note, Utc::now()).unwrap().unwrap();
    staff::act(conn, &key(), &centre("KZ-71"), world.centre_a, id, &reply, Utc::now()).unwrap().unwrap();

    let school_thread = staff::open(conn, &key(), &school_a(&world), world.psy_a, id, Utc::now()).unwrap();
    assert!(!school_thread.may_work, "the school follows, the centre works it");
    assert_eq!(school_thread.messages.len(), 3);
    let back = pupil::read(conn, &key(), &receipt, None).unwrap().unwrap();
    let kinds: Vec<MessageKind> = back.messages.iter().map(|m| m.kind).collect();
    assert_eq!(kinds, [MessageKind::Pupil, MessageKind::Reply], "the note is never shown to the pupil");
}

async fn a_closed_conversation_takes_nothing_more(backend: Backend) {
    let db = TestDatabase::create(backend);
    let conn = &mut db.pool().get().unwrap();
    let world = World::build(conn);
    let receipt = write(conn, &letter(Addressee::School, Topic::Bullying, false, None));
    let id = only_id(conn, &school_a(&world), &world);
    let close = StaffAction::Close(Outcome::HelpGiven);
    let closed = staff::act(conn, &key(), &school_a(&world), world.psy_a, id, &close, Utc::now()).unwrap().unwrap();
    assert_eq!((closed.state.status, closed.due_at), (Status::Closed(Outcome::HelpGiven), None));
    assert_eq!(again(conn, &receipt, None, "ещё"), Err(AgainRefusal::Closed));
    let reply = StaffAction::Reply(text(REPLY));
    let refused = staff::act(conn, &key(), &school_a(&world), world.psy_a, id, &reply, Utc::now()).unwrap();
    assert_eq!(refused.map(|_| ()), Err(ActRefusal::Step(StepRefused::AlreadyClosed)));
    let back = pupil::read(conn, &key(), &receipt, None).unwrap().unwrap();
    assert_eq!((back.status, back.messages.len()), (Status::Closed(Outcome::HelpGiven), 1), "still readable");
}

async fn a_centre_sees_which_of_its_schools_conversations_are_overdue(backend: Backend) {
    let db = TestDatabase::create(backend);
    let conn = &mut db.pool().get().unwrap();
    let world = World::build(conn);
    let long_ago = Utc::now() - Duration::days(10);
    write_at(conn, &letter(Addressee::School, Topic::SelfHarm, false, None), long_ago);
    write(conn, &letter(Addressee::School, Topic::Other, false, None));
    let view = staff::inbox(conn, &centre("KZ-71"), world.centre_a, Utc::now()).unwrap();
    assert!(view.conversations.is_empty(), "the centre holds none of them");
    assert_eq!(view.overdue_in_schools.len(), 1, "only the late one");
    assert_eq!(view.overdue_in_schools[0].topic, Topic::SelfHarm);
    let other = staff::inbox(conn, &centre("KZ-75"), world.centre_b, Utc::now()).unwrap();
    assert!(other.overdue_in_schools.is_empty(), "another region's centre sees none");
}

async fn staff_looks_and_steps_are_audited_and_a_pupil_leaves_no_entry(backend: Backend) {
    let db = TestDatabase::create(backend);
    let conn = &mut db.pool().get().unwrap();
    let world = World::build(conn);
    let before_write = mark(conn);
    let receipt = write(conn, &letter(Addressee::School, Topic::Bullying, true, None));
    pupil::read(conn, &key(), &receipt, None).unwrap().unwrap();
    again(conn, &receipt, None, "ещё").unwrap();
    assert!(since(conn, before_write).is_empty(), "a pupil's actions are not in the audit log");

    let id = only_id(conn, &school_a(&world), &world);
    let before_staff = mark(conn);
    staff::open(conn, &key(), &school_a(&world), world.psy_a, id, Utc::now()).unwrap();
    let reply = StaffAction::Reply(text(REPLY));
    staff::act(conn, &key(), &school_a(&world), world.psy_a, id, &reply, Utc::now()).unwrap().unwrap();
    let subject = format!("trust:{id}");
    let actor = world.psy_a.to_string();
    let entries = since(conn, before_staff);
    assert_eq!(
        entries,
        [
            entry(&actor, AuditAction::ViewTrustConversation.as_str(), &subject),
            entry(&actor, AuditAction::TrustReply.as_str(), &subject),
        ]
    );
}

/// The id of the conversation of school A's inbox that is not in `seen` yet (the one just written).
fn just_written(conn: &mut DbConnection, world: &World, seen: &mut Vec<ConversationId>) -> ConversationId {
    let inbox = staff::inbox(conn, &school_a(world), world.psy_a, Utc::now()).unwrap();
    let id = inbox.conversations.iter().map(|r| r.id).find(|id| !seen.contains(id)).unwrap();
    seen.push(id);
    id
}

async fn a_desks_count_owing_an_answer_is_what_it_holds_new_or_read(backend: Backend) {
    let db = TestDatabase::create(backend);
    let conn = &mut db.pool().get().unwrap();
    let world = World::build(conn);
    let mut seen = Vec::new();
    let (school, region) = (school_a(&world), centre("KZ-71"));
    let act = |conn: &mut DbConnection, id, action: StaffAction| {
        staff::act(conn, &key(), &school_a(&world), world.psy_a, id, &action, Utc::now()).unwrap().unwrap();
    };
    for step in ["new", "read", "answered", "escalated", "closed"] {
        write(conn, &letter(Addressee::School, Topic::Bullying, false, None));
        let id = just_written(conn, &world, &mut seen);
        match step {
            "read" => drop(staff::open(conn, &key(), &school, world.psy_a, id, Utc::now()).unwrap()),
            "answered" => act(conn, id, StaffAction::Reply(text(REPLY))),
            "escalated" => act(conn, id, StaffAction::Escalate),
            "closed" => act(conn, id, StaffAction::Close(Outcome::Misuse)),
            _ => {}
        }
    }
    write(conn, &letter(Addressee::CentreOnly, Topic::Other, false, None));
    let by_rule = |conn: &mut DbConnection, desk: &Desk| {
        let inbox = staff::inbox(conn, desk, world.psy_a, Utc::now()).unwrap();
        inbox.conversations.iter().filter(|r| desk.may_work(r) && r.state.awaits_staff()).count()
    };
    assert_eq!(staff::owing(conn, &school).unwrap(), 2, "the new and the read one");
    assert_eq!(staff::owing(conn, &region).unwrap(), 2, "the escalated one and the one to the centre only");
    for desk in [school, region, Desk::School(world.school_b), centre("KZ-75")] {
        assert_eq!(staff::owing(conn, &desk).unwrap(), by_rule(conn, &desk), "{desk:?}: one rule, counted");
    }
}

on_both_backends!(
    a_pupil_writes_and_reads_the_schools_reply_with_the_receipt,
    a_wrong_receipt_or_pin_finds_nothing_and_a_wrong_school_code_is_refused,
    a_message_to_the_centre_only_never_reaches_the_school,
    escalation_reaches_the_schools_own_centre_which_the_school_still_follows,
    a_closed_conversation_takes_nothing_more,
    a_centre_sees_which_of_its_schools_conversations_are_overdue,
    staff_looks_and_steps_are_audited_and_a_pupil_leaves_no_entry,
    a_desks_count_owing_an_answer_is_what_it_holds_new_or_read,
);
