//! Submissions stored through the submitter (one shared commit per batch, on both backends) keep every
//! rule of storing them one by one: a form is accepted once, a refused
//! submission stores nothing and does not take its batch down, the roll ceiling holds inside a batch,
//! and an accepted response is in the database by the time its answer arrives. Runs on both backends.
#![allow(clippy::unwrap_used)]

mod common;

use ahual::db::group_commit::{Submitter, store_batch};
use ahual::db::responses::{NewResponse, Refusal, SubmitError};
use ahual::db::{DbConnection, waves};
use ahual::domain::ids::{WaveClassId, WaveId};
use ahual::domain::lang::Lang;
use ahual::domain::survey::wave::{AccessMode, local_date};
use chrono::{Duration, Utc};
use common::pupil::{open, stored};
use common::world::{World, class};
use common::{Backend, TestDatabase};

fn response(wave_class_id: WaveClassId, nonce: &str) -> NewResponse {
    let today = local_date(Utc::now());
    NewResponse {
        wave_class_id,
        nonce: nonce.to_owned(),
        nonce_expires_on: today + Duration::days(2),
        code_hash: None,
        lang: Lang::Ru,
        today,
        answers_json: r#"{"belong": 3}"#.to_owned(),
    }
}

/// A wave open in one class of `roll` pupils: the wave and the class-in-wave.
fn one_class_open(conn: &mut DbConnection, roll: i64) -> (WaveId, WaveClassId) {
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
    let submitter = Submitter::start(pool.clone());

    assert!(submitter.submit(response(id, "first")).await.is_ok());
    assert_eq!(stored(&mut conn).len(), 1, "stored before the answer came back");
    let again = submitter.submit(response(id, "first")).await;
    assert!(matches!(again, Err(SubmitError::Refused(Refusal::AlreadySubmitted))), "{again:?}");

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
    assert_eq!(refusal(1), Some(Refusal::AlreadySubmitted), "a was stored by the batch before");
    assert_eq!(refusal(2), Some(Refusal::AlreadySubmitted), "c twice in one batch counts once");
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

    waves::close(&mut conn, b_wave, None, Utc::now().naive_utc()).unwrap();
    let outcomes = store_batch(&mut conn, &[response(a, "4"), response(b, "5")]);
    assert!(outcomes[0].is_ok(), "{outcomes:?}");
    assert!(matches!(outcomes[1], Err(SubmitError::Refused(Refusal::WaveNotOpen))), "{outcomes:?}");
    assert_eq!(waves::classes_of(&mut conn, world.wave_a).unwrap()[0].responses, 2);
    assert_eq!(waves::classes_of(&mut conn, b_wave).unwrap()[0].responses, 2, "the closed wave took nothing");
    assert_eq!(stored(&mut conn).len(), 4);
}

on_both_backends!(
    a_batch_keeps_every_rule_of_single_submissions,
    a_batch_with_a_refusal_inside_gives_each_its_own_outcome,
    a_batch_over_several_classes_counts_each_in_its_own_class
);
