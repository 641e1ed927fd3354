//! Persistence: the only module that names diesel. Errors here are [`DbError`]; the web layer maps them
//! to pages and never shows their text to users. One binary serves SQLite and PostgreSQL, chosen by URL.

mod connection;
mod error;
mod id_sql;
pub mod liveness;
pub mod schema;
mod transaction;

pub mod access;
pub mod account_changes;
pub mod aggregates;
pub mod audit;
pub mod backup;
mod batch;
pub mod checkpoint;
pub mod classes;
pub mod flag_referrals;
pub mod form_tokens;
pub mod group_commit;
mod instrument_key;
pub mod login_throttle;
pub mod noise_key;
pub mod organisation_changes;
pub mod outage_log;
pub mod outbox;
pub mod outbox_queue;
pub mod recount;
pub mod referral_creation;
pub mod referral_figures;
pub mod referrals;
pub mod region_counts;
pub mod regions;
pub mod response_set;
pub mod response_statement;
pub mod responses;
pub mod roster_uploads;
pub mod schools;
pub mod second_factor;
pub mod staff_sessions;
pub mod supervision;
pub mod trust_box;
pub mod trust_box_figures;
pub mod trust_box_forms;
pub mod trust_box_upkeep;
pub mod users;
pub mod wave_flags;
pub mod wave_sealing;
pub mod waves;

mod url;

pub use connection::{
    DbConnection, Pool, PooledConnection, bulk_load_mode, connect, migrate, refresh_statistics, with_custom_plans,
};
pub use error::{DbError, DbResult};
pub use transaction::write_transaction;
pub use url::DatabaseUrl;
