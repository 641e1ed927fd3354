//! A fingerprint of everything the database holds: for every table (found in the database's own
//! catalogue, so a table added later is covered), its row count and a digest of every row's every
//! column. Two fingerprints differ exactly when some row was added, removed or changed.

use std::collections::BTreeMap;
use std::hash::{Hash, Hasher};

use ahual::db::DbConnection;
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Text};

/// Per table: (rows, digest of the sorted rows).
pub type Fingerprint = BTreeMap<String, (usize, u64)>;

#[derive(QueryableByName)]
struct Name {
    #[diesel(sql_type = Text)]
    name: String,
}

#[derive(QueryableByName)]
struct Row {
    #[diesel(sql_type = Text)]
    row: String,
}

#[derive(QueryableByName)]
struct Seq {
    #[diesel(sql_type = BigInt)]
    seq: i64,
}

#[derive(QueryableByName)]
struct Action {
    #[diesel(sql_type = Text)]
    action: String,
}

/// Each table's row as one text: every column, each made text the same way on both backends.
pub struct Reader {
    queries: Vec<(String, String)>,
}

fn names(conn: &mut DbConnection, sql: &str) -> Vec<String> {
    diesel::sql_query(sql).load::<Name>(conn).unwrap().into_iter().map(|n| n.name).collect()
}

impl Reader {
    /// Reads the catalogue once: the tables and their columns.
    pub fn new(conn: &mut DbConnection) -> Reader {
        let sqlite = matches!(conn, DbConnection::Sqlite(_));
        let tables = if sqlite {
            names(conn, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        } else {
            names(
                conn,
                "SELECT table_name::text AS name FROM information_schema.tables WHERE table_schema = current_schema()",
            )
        };
        assert!(tables.len() > 10, "the catalogue was read: {tables:?}");
        let queries = tables
            .into_iter()
            .map(|table| {
                let columns = if sqlite {
                    names(conn, &format!("SELECT name FROM pragma_table_info('{table}')"))
                } else {
                    names(
                        conn,
                        &format!(
                            "SELECT column_name::text AS name FROM information_schema.columns \
                             WHERE table_schema = current_schema() AND table_name = '{table}'"
                        ),
                    )
                };
                let cell = |c: &String| {
                    if sqlite {
                        format!("COALESCE(hex(\"{c}\"), '~')")
                    } else {
                        format!("COALESCE(\"{c}\"::text, '~')")
                    }
                };
                let row = columns.iter().map(cell).collect::<Vec<_>>().join(" || '|' || ");
                (table.clone(), format!("SELECT {row} AS row FROM \"{table}\""))
            })
            .collect();
        Reader { queries }
    }

    /// The fingerprint now, leaving out `skip` (the audit log, checked on its own).
    pub fn take(&self, conn: &mut DbConnection, skip: &[&str]) -> Fingerprint {
        self.queries
            .iter()
            .filter(|(table, _)| !skip.contains(&table.as_str()))
            .map(|(table, query)| {
                let mut rows: Vec<String> =
                    diesel::sql_query(query).load::<Row>(conn).unwrap().into_iter().map(|r| r.row).collect();
                rows.sort();
                let mut hasher = std::collections::hash_map::DefaultHasher::new();
                rows.hash(&mut hasher);
                (table.clone(), (rows.len(), hasher.finish()))
            })
            .collect()
    }
}

/// The audit log's last entry (0 when empty).
pub fn audit_head(conn: &mut DbConnection) -> i64 {
    diesel::sql_query("SELECT COALESCE(MAX(seq), 0) AS seq FROM audit_log").load::<Seq>(conn).unwrap()[0].seq
}

/// The actions recorded after entry `after`.
pub fn audit_actions_after(conn: &mut DbConnection, after: i64) -> Vec<String> {
    diesel::sql_query(format!("SELECT action FROM audit_log WHERE seq > {after} ORDER BY seq"))
        .load::<Action>(conn)
        .unwrap()
        .into_iter()
        .map(|a| a.action)
        .collect()
}

/// Tables whose fingerprints differ.
pub fn changed(before: &Fingerprint, after: &Fingerprint) -> Vec<String> {
    let tables: std::collections::BTreeSet<&String> = before.keys().chain(after.keys()).collect();
    tables.into_iter().filter(|t| before.get(*t) != after.get(*t)).cloned().collect()
}
