//! Every integration test in one binary. Each `tests/*.rs` file (and the `red_team` and
//! `fuzz_routes` folders) used to be its own test binary, and each linked the whole crate: on a
//! two-core machine linking them took longer than running them. Here they are modules of one crate
//! that share one `common` harness; the files stay where they were, so `cargo test NAME` filters by
//! the file's name as the first path segment (`cargo test --test integration red_team::`).
//!
//! The only other test binary is `pupil_logs` (see `Cargo.toml`): it installs the process's global
//! log subscriber at TRACE level and searches everything written, so it must be alone in its process.

#[macro_use]
mod common;

mod account_notices;
mod admin_outbox;
mod admission;
mod api;
mod audit_changes;
mod audit_cli;
mod audit_looks;
mod backup;
mod bad_ids;
mod cli;
mod demo_region;
mod disk_full;
mod durability;
mod figures;
mod flag_power;
mod flag_runs;
#[path = "fuzz_routes/main.rs"]
mod fuzz_routes;
mod group_commit;
mod hostile_input;
mod id_columns;
mod instances;
mod layers;
mod migrations;
mod open_figures;
mod outbox_faults;
mod password_reset;
mod password_rule;
mod pool_liveness;
mod postgres_restart;
mod pupil_care;
mod pupil_form_page;
mod pupil_survey;
mod pupil_throttle;
mod pupil_upgrade;
#[path = "red_team/main.rs"]
mod red_team;
mod reference_rates;
mod referrals;
mod region_figures;
mod region_referrals;
mod roster_files;
mod roster_import;
mod second_factor;
mod staff_access;
mod staff_pages;
mod staff_sessions;
mod startup;
mod supervision;
mod synth;
mod trust_box;
mod trust_box_at_rest;
mod trust_box_erasure;
mod trust_box_figures;
mod trust_box_notices;
mod trust_box_pace;
mod trust_box_pages;
mod trust_box_poster;
mod trust_box_pupil_pages;
mod trust_box_sent_once;
mod unlinkable;
mod verify;
mod versions;
mod wave_opening;

// The red team's files name their shared pieces from the crate root (`crate::world`), as they did
// when `red_team/main.rs` was a crate root of its own.
use red_team::{solver, views, world};
