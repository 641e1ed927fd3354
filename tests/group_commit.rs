//! Submissions stored through the submitter (one shared commit per batch, on both backends) keep every
//! rule of storing them one by one: a form is accepted once, a refused
//! submission stores nothing and does not take its batch down, the roll ceiling holds inside a batch,
//! and an accepted response is in the database by the time its answer arrives. Runs on both backends.
#![allow(clippy::unwrap_used)]

use crate::common;

use ahual::db::group_commit::{Submitter, store_batch};
use ahual::db::responses::{NewResponse, SubmitError};
use ahual::db::{DbConnection, waves};
use ahual::domain::audit::Actor;
use ahual::domain::ids::{WaveClassId, WaveId};
use ahual::domain::lang::Lang;
use ahual::domain::survey::admission::Refusal;
use ahual::domain::survey::wave::{AccessMode, local_date};
use chrono::{Duration, Utc};
use common::pupil::{open, stored};
use common::world::{World, class};
use common::{Backend, TestDatabase};

pub(crate) fn response(wave_class_id: WaveClassId, nonce: &str) -> NewResponse {
    let today = local_date(Utc::now());
    NewResponse {
        wave_class_id,
        nonce: nonce.to_owned(),
        code_hash: None,
        lang: Lang::Ru,
        today,
        answers_json: r#"{"belong": 3}"#.to_owned(),
    }
}

/// Issues the form nonces `names` (as the start page issues random ones), so forms with them can be
/// submitted once.
pub(crate) fn issued(conn: &mut DbConnection, names: &[&str]) {
    use ahual::db::schema::unspent_form_tokens;
    use diesel::prelude::*;
    let expires_on = local_date(Utc::now()) + Duration::days(2);
    for name in names {
        diesel::insert_into(unspent_form_tokens::table)
            .values((unspent_form_tokens::nonce.eq(*name), unspent_form_tokens::expires_on.eq(expires_on)))
            .execute(conn)
            .unwrap();
    }
}

/// A wave open in one class of `roll` pupils: the wave and the class-in-wave.
pub(crate) fn one_class_open(conn: &mut DbConnection, roll: i64) -> (WaveId, WaveClassId) {
    let world = World::build(conn);
    let small = class(conn, world.school_a, "7B", 7, roll);
    let opened = open(conn, world.school_a, vec![small], AccessMode::Password);
    (opened.wave_id, waves::classes_of(conn, opened.wave_id).unwrap()[0].id)
}

async fn a_batch_keeps_every_rule_of_single_submissions(backend: Backend) {
    let database = TestDatabase::create(backend);
    let pool = database.pool();
    let mut conn = pool.get().unwrap();
    let (wave_id, id) = one_class_open(&mut conn, 5);
    let burst: Vec<String> = (0..8).map(|n| format!("burst-{n}")).collect();
    issued(&mut conn, &["first"]);
    issued(&mut conn, &burst.iter().map(String::as_str).collect::<Vec<_>>());
    let (submitter, _writers) = Submitter::start(pool.clone());

    assert!(submitter.submit(response(id, "first")).await.is_ok());
    assert_eq!(stored(&mut conn).len(), 1, "stored before the answer came back");
    let again = submitter.submit(response(id, "first")).await;
    assert!(matches!(again, Err(SubmitError::Refused(Refusal::AlreadySent))), "{again:?}");

    // Eight at once into a class with four places left: they share commits where the backend groups.
    let burst: Vec<_> = (0..8)
        .map(|n| {
            let submitter = submitter.clone();
            actix_rt::spawn(async move { submitter.submit(response(id, &format!("burst-{n}"))).await })
        })
        .collect();
    let (mut accepted, mut full) = (0, 0);
    for task in burst {
        match task.await.unwrap() {
            Ok(_) => accepted += 1,
            Err(SubmitError::Refused(Refusal::ClassFull)) => full += 1,
            other => panic!("unexpected outcome {other:?}"),
        }
    }
    assert_eq!((accepted, full), (4, 4), "the roll ceiling holds inside a batch");
    assert_eq!(stored(&mut conn).len(), 5, "refused submissions left nothing behind");
    assert_eq!(waves::classes_of(&mut conn, wave_id).unwrap()[0].responses, 5, "the counter follows");
}

/// One batch written directly: with nothing refused it is stored whole (the writer's fast path, no
/// savepoints); with a refusal inside it is written again response by response, and every outcome
/// is what storing them one after another would give.
async fn a_batch_with_a_refusal_inside_gives_each_its_own_outcome(backend: Backend) {
    let database = TestDatabase::create(backend);
    let pool = database.pool();
    let mut conn = pool.get().unwrap();
    let (wave_id, id) = one_class_open(&mut conn, 4);
    issued(&mut conn, &["a", "b", "c", "d", "e"]);

    let clean = store_batch(&mut conn, &[response(id, "a"), response(id, "b")]);
    assert!(clean.iter().all(Result::is_ok), "{clean:?}");
    assert_eq!(stored(&mut conn).len(), 2);

    let mixed = [response(id, "c"), response(id, "a"), response(id, "c"), response(id, "d"), response(id, "e")];
    let outcomes = store_batch(&mut conn, &mixed);
    let refusal = |n: usize| match &outcomes[n] {
        Err(SubmitError::Refused(refusal)) => Some(*refusal),
        Ok(_) => None,
        other => panic!("unexpected outcome {other:?}"),
    };
    assert_eq!(refusal(0), None, "c is stored");
    assert_eq!(refusal(1), Some(Refusal::AlreadySent), "a was stored by the batch before");
    assert_eq!(refusal(2), Some(Refusal::AlreadySent), "c twice in one batch counts once");
    assert_eq!(refusal(3), None, "d takes the last place");
    assert_eq!(refusal(4), Some(Refusal::ClassFull), "e finds the class full");
    assert_eq!(stored(&mut conn).len(), 4, "the refused left nothing behind");
    assert_eq!(waves::classes_of(&mut conn, wave_id).unwrap()[0].responses, 4, "the counter follows");
    let ids: Vec<_> = outcomes.iter().filter_map(|o| o.as_ref().ok()).collect();
    assert_eq!(ids.len(), 2);
    let rows: Vec<String> = {
        use ahual::db::schema::responses;
        use diesel::prelude::*;
        responses::table.select(responses::id).load(&mut conn).unwrap()
    };
    assert!(ids.iter().all(|id| rows.contains(id)), "each answer names its stored row");
}

/// A clean batch over several classes is written as a set: each answer names its own row, in its
/// own class, and each class's counter counts its own; with a response for a closed wave inside, the
/// others are still stored.
async fn a_batch_over_several_classes_counts_each_in_its_own_class(backend: Backend) {
    use ahual::db::schema::responses;
    use diesel::prelude::*;
    let database = TestDatabase::create(backend);
    let pool = database.pool();
    let mut conn = pool.get().unwrap();
    let world = World::build(&mut conn);
    let a = waves::classes_of(&mut conn, world.wave_a).unwrap()[0].id;
    let b_class = class(&mut conn, world.school_b, "9Z", 9, 10);
    let b_wave = open(&mut conn, world.school_b, vec![b_class], AccessMode::Password).wave_id;
    let b = waves::classes_of(&mut conn, b_wave).unwrap()[0].id;
    issued(&mut conn, &["1", "2", "3", "4", "5"]);

    let ids: Vec<String> = store_batch(&mut conn, &[response(b, "1"), response(a, "2"), response(b, "3")])
        .into_iter()
        .map(Result::unwrap)
        .collect();
    let class_of = |conn: &mut DbConnection, id: &str| -> String {
        responses::table.filter(responses::id.eq(id)).select(responses::class_id).first(conn).unwrap()
    };
    let classes: Vec<String> = ids.iter().map(|id| class_of(&mut conn, id)).collect();
    let (class_a, class_b) = (world.class_a.to_string(), b_class.to_string());
    assert_eq!(classes, [class_b.clone(), class_a.clone(), class_b.clone()], "each answer names its own row");
    assert_eq!(waves::classes_of(&mut conn, world.wave_a).unwrap()[0].responses, 1);
    assert_eq!(waves::classes_of(&mut conn, b_wave).unwrap()[0].responses, 2);

    waves::close(&mut conn, b_wave, None, Actor::Cli, Utc::now().naive_utc()).unwrap();
    let outcomes = store_batch(&mut conn, &[response(a, "4"), response(b, "5")]);
    assert!(outcomes[0].is_ok(), "{outcomes:?}");
    assert!(matches!(outcomes[1], Err(SubmitError::Refused(Refusal::Closed))), "{outcomes:?}");
    assert_eq!(waves::classes_of(&mut conn, world.wave_a).unwrap()[0].responses, 2);
    assert_eq!(waves::classes_of(&mut conn, b_wave).unwrap()[0].responses, 2, "the closed wave took nothing");
    assert_eq!(stored(&mut conn).len(), 4);
}

/// The wave's days bound a batch as they bound one submission: a wave not yet open and one past its
/// last day store nothing, while the batch's other responses are stored.
async fn a_batch_keeps_to_each_waves_days(backend: Backend) {
    use ahual::app::open_wave::{WaveRequest, open_wave};
    use ahual::db::schema::waves as wave_rows;
    use diesel::prelude::*;
    let database = TestDatabase::create(backend);
    let pool = database.pool();
    let mut conn = pool.get().unwrap();
    let world = World::build(&mut conn);
    let open_now = waves::classes_of(&mut conn, world.wave_a).unwrap()[0].id;
    let today = local_date(Utc::now());
    let later_class = class(&mut conn, world.school_b, "8L", 8, 10);
    let request = WaveRequest {
        school: world.school_b,
        instrument: ahual::domain::instrument::InstrumentKey::new("school-climate", 1),
        mode: AccessMode::Password,
        dates: (today + Duration::days(1), today + Duration::days(8)),
        classes: vec![later_class],
        creation_nonce: uuid::Uuid::new_v4().to_string(),
        now: Utc::now().naive_utc(),
        opened_by: ahual::domain::audit::Actor::Cli,
    };
    let later_wave = open_wave(&mut conn, &request).unwrap().wave_id;
    let later = waves::classes_of(&mut conn, later_wave).unwrap()[0].id;
    let past_class = class(&mut conn, world.school_b, "8P", 8, 10);
    let past_wave = open(&mut conn, world.school_b, vec![past_class], AccessMode::Password).wave_id;
    diesel::update(wave_rows::table.find(past_wave.to_string()))
        .set((wave_rows::opens_on.eq(today - Duration::days(3)), wave_rows::closes_on.eq(today - Duration::days(1))))
        .execute(&mut conn)
        .unwrap();
    let past = waves::classes_of(&mut conn, past_wave).unwrap()[0].id;
    issued(&mut conn, &["l", "n", "p"]);

    let outcomes = store_batch(&mut conn, &[response(later, "l"), response(open_now, "n"), response(past, "p")]);
    assert!(matches!(outcomes[0], Err(SubmitError::Refused(Refusal::NotOpenYet))), "{outcomes:?}");
    assert!(outcomes[1].is_ok(), "{outcomes:?}");
    assert!(matches!(outcomes[2], Err(SubmitError::Refused(Refusal::Closed))), "{outcomes:?}");
    assert_eq!(stored(&mut conn).len(), 1);
    assert_eq!(waves::classes_of(&mut conn, later_wave).unwrap()[0].responses, 0);
    assert_eq!(waves::classes_of(&mut conn, past_wave).unwrap()[0].responses, 0);
    assert_eq!(store_batch(&mut conn, &[response(later, "l")]).len(), 1, "its token was not spent");
}

on_both_backends!(
    a_batch_keeps_to_each_waves_days,
    a_batch_keeps_every_rule_of_single_submissions,
    a_batch_with_a_refusal_inside_gives_each_its_own_outcome,
    a_batch_over_several_classes_counts_each_in_its_own_class
);

/// On PostgreSQL a batch's statement locks its classes' counters in the order of their ids, whatever
/// the order of the batch, so the writers of two instances never wait for each other in a circle.
/// Another transaction holds the later class; the batch must already hold the earlier one while it
/// waits for it.
#[test]
fn a_postgres_batch_locks_its_classes_in_the_order_of_their_ids() {
    use diesel::connection::SimpleConnection;
    let database = TestDatabase::create(Backend::Postgres);
    let pool = database.pool();
    let mut conn = pool.get().unwrap();
    let world = World::build(&mut conn);
    let classes: Vec<_> = ["8X", "8Y"].iter().map(|label| class(&mut conn, world.school_b, label, 8, 30)).collect();
    let wave = open(&mut conn, world.school_b, classes, AccessMode::Password).wave_id;
    let mut ids: Vec<WaveClassId> = waves::classes_of(&mut conn, wave).unwrap().iter().map(|c| c.id).collect();
    ids.sort();
    let (earlier, later) = (ids[0], ids[1]);
    issued(&mut conn, &["later", "earlier"]);

    let mut holder = pool.get().unwrap();
    holder.batch_execute(&format!("BEGIN; UPDATE wave_classes SET roll = roll WHERE id = '{later}'")).unwrap();
    #[derive(diesel::QueryableByName)]
    struct Number {
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        n: i64,
    }
    let number = |conn: &mut DbConnection, sql: &str| -> i64 {
        use diesel::RunQueryDsl;
        diesel::sql_query(sql).load::<Number>(conn).unwrap()[0].n
    };
    let batch_pool = pool.clone();
    let (pid_sender, pid) = std::sync::mpsc::channel();
    let batch = std::thread::spawn(move || {
        let mut conn = batch_pool.get().unwrap();
        pid_sender.send(number(&mut conn, "SELECT pg_backend_pid()::bigint AS n")).unwrap();
        store_batch(&mut conn, &[response(later, "later"), response(earlier, "earlier")])
    });
    let pid = pid.recv().unwrap();
    // Until the batch waits for the later class's lock.
    let mut waiting = || {
        number(
            &mut conn,
            &format!("SELECT count(*) AS n FROM pg_stat_activity WHERE pid = {pid} AND wait_event_type = 'Lock'"),
        ) > 0
    };
    let mut tries = 0;
    while !waiting() {
        tries += 1;
        assert!(tries < 500, "the batch never waited for the later class");
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    let earlier_free =
        holder.batch_execute(&format!("SELECT 1 FROM wave_classes WHERE id = '{earlier}' FOR NO KEY UPDATE NOWAIT"));
    assert!(earlier_free.is_err(), "the batch took the earlier class first and holds it while it waits");
    holder.batch_execute("ROLLBACK").unwrap();
    let outcomes = batch.join().unwrap();
    assert!(outcomes.iter().all(Result::is_ok), "{outcomes:?}");
}
