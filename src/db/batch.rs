//! Multi-row inserts. Diesel's combined backend cannot bind a slice of rows, so each chunk is inserted
//! through the concrete connection; one statement per chunk instead of one per row is what makes
//! materialising a national wave and bulk loads affordable on PostgreSQL, where every statement is a
//! round trip.

/// Rows per statement: with up to 8 columns a chunk stays far below SQLite's 32,766 and PostgreSQL's
/// 65,535 bind parameters.
pub const ROWS_PER_STATEMENT: usize = 2_000;

/// Inserts `$rows` (a slice of `Insertable` rows for `$table`) in chunks, through the concrete
/// connection behind `$conn`; evaluates to a `QueryResult<usize>` of rows written.
macro_rules! insert_rows {
    ($conn:expr, $table:expr, $rows:expr) => {{
        let mut written: usize = 0;
        let mut outcome: diesel::QueryResult<()> = Ok(());
        for chunk in $rows.chunks($crate::db::batch::ROWS_PER_STATEMENT) {
            let step = match $conn {
                $crate::db::DbConnection::Postgresql(pg) => diesel::insert_into($table).values(chunk).execute(pg),
                $crate::db::DbConnection::Sqlite(lite) => diesel::insert_into($table).values(chunk).execute(lite),
            };
            match step {
                Ok(n) => written += n,
                Err(error) => {
                    outcome = Err(error);
                    break;
                }
            }
        }
        outcome.map(|()| written)
    }};
}

pub(crate) use insert_rows;
