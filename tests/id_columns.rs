//! Issue 18: typed ids are SQL text (`db::id_sql`). Every id type binds and reads back unchanged,
//! through the combined connection and through the concrete backend behind it, is stored as its
//! hyphenated text (the schema's TEXT columns are unchanged), reads `NULL` as `None`, and a stored
//! value that is not a UUID is a corrupt row (`DbError::Corrupt`), never a panic. Runs on SQLite and
//! PostgreSQL.
#![allow(clippy::unwrap_used)]

use crate::common;

use ahual::db::schema::schools;
use ahual::db::{DbConnection, DbError};
use ahual::domain::ids::{ClassId, NoteId, OutboxId, ReferralId, SchoolId, UserId, WaveClassId, WaveId};
use common::{Backend, TestDatabase};
use diesel::prelude::*;

diesel::table! {
    /// A temporary table of the test's own connection: one id column and one that may be NULL.
    id_round_trip (id) {
        id -> Text,
        maybe -> Nullable<Text>,
    }
}

const CREATE: &str = "CREATE TEMPORARY TABLE id_round_trip (id TEXT PRIMARY KEY NOT NULL, maybe TEXT)";

/// For each id type: stores a fresh id (with and without a second one beside it) and reads both back
/// by a typed filter, as typed ids and as the text stored.
macro_rules! round_trip_each {
    ($conn:expr, $($id:ident),+ $(,)?) => {$(
        let (id, other, lone) = ($id::random(), $id::random(), $id::random());
        diesel::insert_into(id_round_trip::table)
            .values((id_round_trip::id.eq(id), id_round_trip::maybe.eq(Some(other))))
            .execute($conn)
            .unwrap();
        diesel::insert_into(id_round_trip::table)
            .values((id_round_trip::id.eq(&lone), id_round_trip::maybe.eq(None::<$id>)))
            .execute($conn)
            .unwrap();
        let read: ($id, Option<$id>) =
            id_round_trip::table.find(id).select((id_round_trip::id, id_round_trip::maybe)).first($conn).unwrap();
        assert_eq!(read, (id, Some(other)), stringify!($id));
        let read: ($id, Option<$id>) = id_round_trip::table
            .filter(id_round_trip::id.eq_any([lone]))
            .select((id_round_trip::id, id_round_trip::maybe))
            .first($conn)
            .unwrap();
        assert_eq!(read, (lone, None), concat!(stringify!($id), ": NULL reads as None"));
        let text: Option<String> = id_round_trip::table.find(id).select(id_round_trip::maybe).first($conn).unwrap();
        assert_eq!(text, Some(other.to_string()), concat!(stringify!($id), ": stored as its hyphenated text"));
    )+};
}

/// Every id type on `conn`, which has its own temporary table.
macro_rules! every_id_round_trips {
    ($conn:expr) => {{
        diesel::sql_query(CREATE).execute($conn).unwrap();
        round_trip_each!($conn, SchoolId, ClassId, UserId, WaveId, WaveClassId, ReferralId, NoteId, OutboxId);
    }};
}

async fn every_id_round_trips_through_the_combined_and_the_concrete_connection(backend: Backend) {
    let database = TestDatabase::create(backend);
    let pool = database.pool();
    let mut combined = pool.get().unwrap();
    every_id_round_trips!(&mut *combined);
    let mut conn = pool.get().unwrap();
    match &mut *conn {
        DbConnection::Postgresql(pg) => every_id_round_trips!(pg),
        DbConnection::Sqlite(lite) => every_id_round_trips!(lite),
    }
}

async fn a_stored_id_that_is_not_a_uuid_is_a_corrupt_row(backend: Backend) {
    let database = TestDatabase::create(backend);
    let mut conn = database.pool().get().unwrap();
    diesel::insert_into(schools::table)
        .values((
            schools::id.eq("not-a-uuid"),
            schools::code.eq("SCH-BAD"),
            schools::region_code.eq("KZ-71"),
            schools::name_kk.eq("a"),
            schools::name_ru.eq("b"),
            schools::name_en.eq("c"),
            schools::created_at.eq(chrono::Utc::now().naive_utc()),
        ))
        .execute(&mut *conn)
        .unwrap();
    let read: Result<SchoolId, _> = schools::table.select(schools::id).first(&mut *conn);
    match read.map_err(DbError::from) {
        Err(DbError::Corrupt(why)) => assert!(why.contains("SchoolId") && why.contains("not-a-uuid"), "{why}"),
        other => panic!("expected a corrupt row, got {other:?}"),
    }
    let listed = ahual::db::schools::list(&mut conn, ahual::db::schools::SchoolFilter::All);
    assert!(matches!(listed, Err(DbError::Corrupt(_))), "the listing refuses it too: {listed:?}");
}

on_both_backends!(
    every_id_round_trips_through_the_combined_and_the_concrete_connection,
    a_stored_id_that_is_not_a_uuid_is_a_corrupt_row,
);
