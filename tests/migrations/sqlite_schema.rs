//! The schema of a SQLite database, read from `pragma_table_list`, `pragma_table_info`,
//! `pragma_index_list`/`pragma_index_info`, `pragma_foreign_key_list` and `sqlite_master`. SQLite
//! keeps CHECK constraints only in the text of `CREATE TABLE`, so they are cut out of that text.

use diesel::prelude::*;
use diesel::sql_types::{Integer, Nullable, Text};
use diesel::sqlite::SqliteConnection;

use super::schema::{BOOKKEEPING, Column, Schema, Table, normalised};

#[derive(QueryableByName)]
struct TableRow {
    #[diesel(sql_type = Text)]
    name: String,
    #[diesel(sql_type = Integer)]
    without_rowid: i32,
    #[diesel(sql_type = Integer)]
    strict: i32,
    #[diesel(sql_type = Text)]
    sql: String,
}

#[derive(QueryableByName)]
struct ColumnRow {
    #[diesel(sql_type = Text)]
    name: String,
    #[diesel(sql_type = Text)]
    sql_type: String,
    #[diesel(sql_type = Integer)]
    not_null: i32,
    #[diesel(sql_type = Nullable<Text>)]
    default: Option<String>,
    #[diesel(sql_type = Integer)]
    pk: i32,
}

#[derive(QueryableByName)]
struct IndexRow {
    #[diesel(sql_type = Text)]
    name: String,
    #[diesel(sql_type = Integer)]
    unique: i32,
    #[diesel(sql_type = Text)]
    origin: String,
    #[diesel(sql_type = Nullable<Text>)]
    sql: Option<String>,
}

#[derive(QueryableByName)]
struct IndexColumnRow {
    #[diesel(sql_type = Nullable<Text>)]
    name: Option<String>,
}

#[derive(QueryableByName)]
struct ForeignKeyRow {
    #[diesel(sql_type = Integer)]
    id: i32,
    #[diesel(sql_type = Text)]
    target: String,
    #[diesel(sql_type = Text)]
    source: String,
    #[diesel(sql_type = Nullable<Text>)]
    target_column: Option<String>,
    #[diesel(sql_type = Text)]
    on_update: String,
    #[diesel(sql_type = Text)]
    on_delete: String,
}

#[derive(QueryableByName)]
struct TriggerRow {
    #[diesel(sql_type = Text)]
    name: String,
    #[diesel(sql_type = Text)]
    sql: String,
}

/// Every table of the main database but SQLite's and diesel's own.
pub fn read(conn: &mut SqliteConnection) -> Schema {
    let tables: Vec<TableRow> = diesel::sql_query(
        "SELECT l.name, l.wr AS without_rowid, l.strict, m.sql FROM pragma_table_list l \
         JOIN sqlite_master m ON m.type = 'table' AND m.name = l.name \
         WHERE l.schema = 'main' AND l.type = 'table' AND l.name NOT LIKE 'sqlite_%' AND l.name != ?",
    )
    .bind::<Text, _>(BOOKKEEPING)
    .load(conn)
    .expect("the tables");
    let mut schema = Schema::default();
    for row in tables {
        let table = schema.table(&row.name);
        read_columns(conn, &row.name, table);
        read_indexes(conn, &row.name, table);
        read_foreign_keys(conn, &row.name, table);
        read_triggers(conn, &row.name, table);
        table.facts.extend(checks(&row.sql).into_iter().map(|check| format!("check ({check})")));
        if row.without_rowid != 0 {
            table.facts.insert("without rowid".into());
        }
        if row.strict != 0 {
            table.facts.insert("strict".into());
        }
    }
    schema
}

fn read_columns(conn: &mut SqliteConnection, name: &str, table: &mut Table) {
    let rows: Vec<ColumnRow> = diesel::sql_query(
        "SELECT name, type AS sql_type, \"notnull\" AS not_null, dflt_value AS \"default\", pk \
         FROM pragma_table_info(?) ORDER BY cid",
    )
    .bind::<Text, _>(name)
    .load(conn)
    .expect("the columns");
    let mut key: Vec<(i32, String)> = rows.iter().filter(|c| c.pk > 0).map(|c| (c.pk, c.name.clone())).collect();
    key.sort();
    table.primary_key = key.into_iter().map(|(_, column)| column).collect();
    table.columns = rows
        .into_iter()
        .map(|c| Column {
            name: c.name,
            sql_type: c.sql_type.to_uppercase(),
            nullable: c.not_null == 0,
            default: c.default,
        })
        .collect();
}

/// Indexes made by `CREATE INDEX` (by name and text) and by UNIQUE constraints (by columns); the
/// primary key's own index is the primary key.
fn read_indexes(conn: &mut SqliteConnection, name: &str, table: &mut Table) {
    let indexes: Vec<IndexRow> = diesel::sql_query(
        "SELECT l.name, l.\"unique\", l.origin, m.sql FROM pragma_index_list(?) l \
         LEFT JOIN sqlite_master m ON m.type = 'index' AND m.name = l.name",
    )
    .bind::<Text, _>(name)
    .load(conn)
    .expect("the indexes");
    for index in indexes {
        let columns: Vec<IndexColumnRow> = diesel::sql_query("SELECT name FROM pragma_index_info(?) ORDER BY seqno")
            .bind::<Text, _>(&index.name)
            .load(conn)
            .expect("the index's columns");
        let columns: Vec<String> =
            columns.into_iter().map(|c| c.name.unwrap_or_else(|| "<expression>".into())).collect();
        let unique = if index.unique != 0 { "unique " } else { "" };
        let fact = match index.origin.as_str() {
            "pk" => continue,
            "c" => format!(
                "{unique}index {} ({}): {}",
                index.name,
                columns.join(", "),
                normalised(&index.sql.unwrap_or_default())
            ),
            origin => format!("{unique}index from constraint {origin} ({})", columns.join(", ")),
        };
        table.facts.insert(fact);
    }
}

fn read_foreign_keys(conn: &mut SqliteConnection, name: &str, table: &mut Table) {
    let rows: Vec<ForeignKeyRow> = diesel::sql_query(
        "SELECT id, \"table\" AS target, \"from\" AS source, \"to\" AS target_column, on_update, on_delete \
         FROM pragma_foreign_key_list(?) ORDER BY id, seq",
    )
    .bind::<Text, _>(name)
    .load(conn)
    .expect("the foreign keys");
    let mut keys: Vec<(i32, Vec<&ForeignKeyRow>)> = Vec::new();
    for row in &rows {
        match keys.last_mut() {
            Some((id, parts)) if *id == row.id => parts.push(row),
            _ => keys.push((row.id, vec![row])),
        }
    }
    for (_, parts) in keys {
        let sources: Vec<&str> = parts.iter().map(|p| p.source.as_str()).collect();
        let targets: Vec<&str> = parts.iter().map(|p| p.target_column.as_deref().unwrap_or("<primary key>")).collect();
        let first = parts[0];
        table.facts.insert(format!(
            "foreign key ({}) references {} ({}) on update {} on delete {}",
            sources.join(", "),
            first.target,
            targets.join(", "),
            first.on_update,
            first.on_delete
        ));
    }
}

fn read_triggers(conn: &mut SqliteConnection, name: &str, table: &mut Table) {
    let rows: Vec<TriggerRow> =
        diesel::sql_query("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?")
            .bind::<Text, _>(name)
            .load(conn)
            .expect("the triggers");
    table.facts.extend(rows.into_iter().map(|t| format!("trigger {}: {}", t.name, normalised(&t.sql))));
}

/// The CHECK constraints in a `CREATE TABLE` statement, column and table constraints alike, each
/// normalised. SQLite keeps comments in the stored text, so they go first.
pub fn checks(create_table: &str) -> Vec<String> {
    let text: String = create_table
        .lines()
        .map(|line| line.split_once("--").map_or(line, |(code, _)| code))
        .collect::<Vec<_>>()
        .join("\n");
    let lower = text.to_lowercase();
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(at) = lower[from..].find("check").map(|i| i + from) {
        from = at + "check".len();
        let word_before = lower[..at].chars().next_back().is_some_and(|c| c.is_alphanumeric() || c == '_');
        let rest = lower[from..].trim_start();
        if word_before || !rest.starts_with('(') {
            continue;
        }
        let open = lower.len() - rest.len();
        let mut depth = 0;
        for (i, c) in text[open..].char_indices() {
            depth += match c {
                '(' => 1,
                ')' => -1,
                _ => 0,
            };
            if depth == 0 {
                found.push(normalised(&text[open + 1..open + i]));
                from = open + i;
                break;
            }
        }
    }
    found
}
