//! A database's schema read back from the database itself, in a form two schemas can be compared in:
//! tables, their columns (declared type, nullability, default), primary keys, and every other
//! structural fact (indexes, foreign keys, checks, triggers, functions) as one line of text each.
//! Diesel's own bookkeeping table is left out: it records which migrations ran, not the schema.

use std::collections::{BTreeMap, BTreeSet};

use ahual::db::DbConnection;

use super::{postgres_schema, sqlite_schema};

/// The tables of one database by name, and the facts that belong to no table (PostgreSQL functions).
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Schema {
    pub tables: BTreeMap<String, Table>,
    pub other: BTreeSet<String>,
}

/// One table: its columns in declared order, its primary key, and every other fact about it.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Table {
    pub columns: Vec<Column>,
    pub primary_key: Vec<String>,
    pub facts: BTreeSet<String>,
}

/// One column as the backend reports it.
#[derive(Debug, PartialEq, Eq)]
pub struct Column {
    pub name: String,
    /// The type as declared (SQLite) or as the catalogue names it (PostgreSQL), upper case.
    pub sql_type: String,
    pub nullable: bool,
    pub default: Option<String>,
}

/// The tables diesel keeps for itself.
pub const BOOKKEEPING: &str = "__diesel_schema_migrations";

impl Schema {
    /// Reads the schema of whichever backend `conn` is.
    pub fn read(conn: &mut DbConnection) -> Schema {
        match conn {
            DbConnection::Sqlite(lite) => sqlite_schema::read(lite),
            DbConnection::Postgresql(pg) => postgres_schema::read(pg),
        }
    }

    /// The table called `name`, created empty on first use (the readers fill tables fact by fact).
    pub fn table(&mut self, name: &str) -> &mut Table {
        self.tables.entry(name.to_owned()).or_default()
    }

    /// Every fact of the schema as one line, sorted: what two schemas are compared by.
    pub fn lines(&self) -> BTreeSet<String> {
        let mut lines: BTreeSet<String> = self.other.iter().cloned().collect();
        for (name, table) in &self.tables {
            lines.insert(format!("table {name}"));
            let columns: Vec<&str> = table.columns.iter().map(|c| c.name.as_str()).collect();
            lines.insert(format!("{name}: columns in order ({})", columns.join(", ")));
            for column in &table.columns {
                let null = if column.nullable { "null" } else { "not null" };
                let default = column.default.as_deref().map(|d| format!(" default {d}")).unwrap_or_default();
                lines.insert(format!("{name}.{} {} {null}{default}", column.name, column.sql_type));
            }
            lines.insert(format!("{name}: primary key ({})", table.primary_key.join(", ")));
            lines.extend(table.facts.iter().map(|fact| format!("{name}: {fact}")));
        }
        lines
    }
}

/// Fails with only the lines that differ when `actual` is not `expected`.
#[track_caller]
pub fn assert_same(actual: &Schema, expected: &Schema, what: &str) {
    let (actual, expected) = (actual.lines(), expected.lines());
    if actual == expected {
        return;
    }
    let missing: Vec<&String> = expected.difference(&actual).collect();
    let extra: Vec<&String> = actual.difference(&expected).collect();
    panic!("{what}\n  missing: {missing:#?}\n  unexpected: {extra:#?}");
}

/// Collapses runs of whitespace and drops the spaces just inside parentheses and before commas, so
/// that the same definition written on one line or several reads the same.
pub fn normalised(sql: &str) -> String {
    let collapsed = sql.split_whitespace().collect::<Vec<_>>().join(" ");
    collapsed.replace("( ", "(").replace(" )", ")").replace(" ,", ",")
}
