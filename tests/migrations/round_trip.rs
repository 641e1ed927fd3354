//! Every migration, one at a time, on both backends: run it, revert it and run it again. Reverting
//! must give back exactly the schema before it, and running it again exactly the schema after it, so
//! a down migration cannot quietly leave an index, a key, a check or a trigger behind, or lose one.
//! At the end the schema is the one the application's own `db::migrate` makes.

use super::schema::{Schema, assert_same};
use super::{names, run};
use crate::common::{Backend, TestDatabase};

async fn every_migration_reverts_to_the_schema_before_it_and_runs_again(backend: Backend) {
    let db = TestDatabase::empty(backend);
    let mut conn = db.pool().get().unwrap();
    let names = names(&conn);
    assert!(names.len() >= 10, "every migration is found: {names:?}");
    let mut before = Schema::read(&mut conn);
    assert!(before.tables.is_empty(), "a fresh database has no tables: {before:?}");
    for name in &names {
        run(&mut conn, name, false);
        let after = Schema::read(&mut conn);
        assert_ne!(after.lines(), before.lines(), "{name} changes the schema, so comparing schemas would see it");
        run(&mut conn, name, true);
        assert_same(&Schema::read(&mut conn), &before, &format!("reverting {name} gives back the schema before it"));
        run(&mut conn, name, false);
        assert_same(&Schema::read(&mut conn), &after, &format!("running {name} again gives the schema it gave"));
        before = after;
    }
    let migrated = TestDatabase::create(backend);
    let made = Schema::read(&mut migrated.pool().get().unwrap());
    assert_same(&before, &made, "the migrations one by one make the schema that `db::migrate` makes");
}

on_both_backends!(every_migration_reverts_to_the_schema_before_it_and_runs_again);
