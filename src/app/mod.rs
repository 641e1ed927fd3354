//! The use cases: each file is one thing a person (or the scheduler) does — open a wave, close it,
//! run the flags, import a roster — as plain functions over a database connection and the domain.
//! `db` below keeps queries and rows only; `web` and `cli` above parse a request, call a use case
//! and show its result. See `docs/architecture.md`.

pub mod catalog_files;
pub mod close_wave;
pub mod import_roster;
pub mod open_wave;
pub mod run_flags;
