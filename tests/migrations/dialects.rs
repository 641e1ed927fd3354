//! The two migration folders describe one schema: once `migrations/sqlite` and `migrations/postgres`
//! have both run, the databases have the same tables, and each table the same columns with the same
//! nullability and primary key, and types that agree once each dialect's name for a type is mapped to
//! one vocabulary (the portable types diesel shares between the backends). The same for the schema
//! after every migration, so the folders also keep in step on the way, not only at the end.

use std::collections::BTreeSet;

use super::schema::Schema;
use super::{names, run};
use crate::common::{Backend, TestDatabase};

/// The portable type a dialect's type name stands for; an unknown name fails loudly rather than
/// passing unexamined.
fn portable(sql_type: &str) -> &'static str {
    match sql_type {
        "TEXT" | "CHARACTER VARYING" | "VARCHAR" => "text",
        // SQLite has one integer type (64 bits); PostgreSQL's widths are diesel's `Integer` and `BigInt`.
        "INTEGER" | "INT" | "BIGINT" | "SMALLINT" => "integer",
        "BOOLEAN" => "boolean",
        "TIMESTAMP" | "TIMESTAMP WITHOUT TIME ZONE" => "timestamp",
        "DATE" => "date",
        "REAL" | "DOUBLE PRECISION" | "DOUBLE" | "FLOAT" => "float",
        "BLOB" | "BYTEA" => "binary",
        other => panic!("no portable type for {other:?}: add it to the vocabulary in tests/migrations/dialects.rs"),
    }
}

/// Tables, columns (portable type, nullability) and primary keys, one line each.
fn shape(schema: &Schema) -> BTreeSet<String> {
    let mut lines = BTreeSet::new();
    for (name, table) in &schema.tables {
        lines.insert(format!("table {name}"));
        lines.insert(format!("{name}: primary key ({})", table.primary_key.join(", ")));
        for column in &table.columns {
            let null = if column.nullable { "null" } else { "not null" };
            lines.insert(format!("{name}.{} {} {null}", column.name, portable(&column.sql_type)));
        }
    }
    lines
}

#[track_caller]
fn assert_same_shape(sqlite: &BTreeSet<String>, postgres: &BTreeSet<String>, when: &str) {
    let only_sqlite: Vec<&String> = sqlite.difference(postgres).collect();
    let only_postgres: Vec<&String> = postgres.difference(sqlite).collect();
    assert!(
        only_sqlite.is_empty() && only_postgres.is_empty(),
        "{when}, the folders disagree\n  only in migrations/sqlite: {only_sqlite:#?}\n  only in migrations/postgres: {only_postgres:#?}"
    );
}

#[test]
fn both_migration_folders_give_the_same_tables_and_columns() {
    let (sqlite, postgres) = (TestDatabase::empty(Backend::Sqlite), TestDatabase::empty(Backend::Postgres));
    let (mut lite, mut pg) = (sqlite.pool().get().unwrap(), postgres.pool().get().unwrap());
    let (lite_names, pg_names) = (names(&lite), names(&pg));
    assert_eq!(lite_names, pg_names, "both folders have the same migrations, by name");
    for name in &lite_names {
        run(&mut lite, name, false);
        run(&mut pg, name, false);
        assert_same_shape(&shape(&Schema::read(&mut lite)), &shape(&Schema::read(&mut pg)), &format!("after {name}"));
    }
    let last = shape(&Schema::read(&mut lite));
    assert!(last.len() > 100, "the comparison saw the tables: {last:#?}");
}
