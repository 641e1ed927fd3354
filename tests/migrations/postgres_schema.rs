//! The schema of the current PostgreSQL schema (each test has its own), read from
//! `information_schema` (tables, columns), `pg_indexes`, and `pg_constraint`, `pg_trigger` and
//! `pg_proc` through PostgreSQL's own `pg_get_*def` functions, so a definition reads as PostgreSQL
//! would write it whichever way a migration wrote it.

use diesel::pg::PgConnection;
use diesel::prelude::*;
use diesel::sql_types::{Bool, Nullable, Text};

use super::schema::{BOOKKEEPING, Column, Schema, Table, normalised};

#[derive(QueryableByName)]
struct Name {
    #[diesel(sql_type = Text)]
    name: String,
}

#[derive(QueryableByName)]
struct Definition {
    #[diesel(sql_type = Text)]
    name: String,
    #[diesel(sql_type = Text)]
    definition: String,
}

#[derive(QueryableByName)]
struct ColumnRow {
    #[diesel(sql_type = Text)]
    name: String,
    #[diesel(sql_type = Text)]
    sql_type: String,
    #[diesel(sql_type = Bool)]
    nullable: bool,
    #[diesel(sql_type = Nullable<Text>)]
    default: Option<String>,
}

/// Every base table of the current schema but diesel's own, with its schema's functions and sequences.
pub fn read(conn: &mut PgConnection) -> Schema {
    let schema_name = names(conn, "SELECT current_schema()::text AS name", "").remove(0);
    let tables = names(
        conn,
        "SELECT table_name::text AS name FROM information_schema.tables \
         WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' AND table_name::text <> $1",
        BOOKKEEPING,
    );
    let unqualified = |text: String| normalised(&text.replace(&format!("{schema_name}."), ""));
    let mut schema = Schema::default();
    for name in tables {
        let table = schema.table(&name);
        read_columns(conn, &name, table);
        let facts = [
            (
                "constraint",
                "SELECT c.conname::text AS name, pg_get_constraintdef(c.oid) AS definition \
              FROM pg_constraint c JOIN pg_class r ON r.oid = c.conrelid \
              WHERE r.relnamespace = current_schema()::regnamespace AND r.relname::text = $1",
            ),
            (
                "index",
                "SELECT indexname::text AS name, indexdef AS definition FROM pg_indexes \
              WHERE schemaname = current_schema() AND tablename::text = $1",
            ),
            (
                "trigger",
                "SELECT t.tgname::text AS name, pg_get_triggerdef(t.oid) AS definition \
              FROM pg_trigger t JOIN pg_class r ON r.oid = t.tgrelid \
              WHERE NOT t.tgisinternal AND r.relnamespace = current_schema()::regnamespace AND r.relname::text = $1",
            ),
        ];
        for (kind, sql) in facts {
            for fact in definitions(conn, sql, &name) {
                table.facts.insert(format!("{kind} {}: {}", fact.name, unqualified(fact.definition)));
            }
        }
    }
    let functions = "SELECT p.proname::text || '(' || pg_get_function_identity_arguments(p.oid) || ')' AS name, \
                     p.prosrc AS definition FROM pg_proc p WHERE p.pronamespace = current_schema()::regnamespace \
                     AND p.proname::text <> $1";
    for function in definitions(conn, functions, "") {
        schema.other.insert(format!("function {}: {}", function.name, unqualified(function.definition)));
    }
    let sequences = "SELECT sequence_name::text AS name FROM information_schema.sequences \
                     WHERE sequence_schema = current_schema() AND sequence_name::text <> $1";
    schema.other.extend(names(conn, sequences, "").into_iter().map(|name| format!("sequence {name}")));
    schema
}

fn names(conn: &mut PgConnection, sql: &str, parameter: &str) -> Vec<String> {
    let query = diesel::sql_query(sql);
    let rows: Vec<Name> =
        if sql.contains("$1") { query.bind::<Text, _>(parameter).load(conn) } else { query.load(conn) }
            .unwrap_or_else(|e| panic!("{sql}: {e}"));
    rows.into_iter().map(|row| row.name).collect()
}

fn definitions(conn: &mut PgConnection, sql: &str, table: &str) -> Vec<Definition> {
    diesel::sql_query(sql).bind::<Text, _>(table).load(conn).unwrap_or_else(|e| panic!("{sql}: {e}"))
}

fn read_columns(conn: &mut PgConnection, name: &str, table: &mut Table) {
    let rows: Vec<ColumnRow> = diesel::sql_query(
        "SELECT column_name::text AS name, upper(data_type::text) AS sql_type, is_nullable::text = 'YES' AS nullable, \
         column_default::text AS \"default\" FROM information_schema.columns \
         WHERE table_schema = current_schema() AND table_name::text = $1 ORDER BY ordinal_position",
    )
    .bind::<Text, _>(name)
    .load(conn)
    .expect("the columns");
    table.columns = rows
        .into_iter()
        .map(|c| Column { name: c.name, sql_type: c.sql_type, nullable: c.nullable, default: c.default })
        .collect();
    table.primary_key = names(
        conn,
        "SELECT a.attname::text AS name FROM pg_index i \
         JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey) \
         WHERE i.indrelid = $1::regclass AND i.indisprimary ORDER BY array_position(i.indkey::int2[], a.attnum)",
        name,
    );
}
