//! The use cases: each file is one thing a person (or the scheduler) does — open a wave, close it,
//! run the flags, import a roster — as plain functions over a database connection and the domain.
//! `db` below keeps queries and rows only; `web` and `cli` above parse a request, call a use case
//! and show its result. See `docs/architecture.md`.

pub mod admit_pupil;
pub mod browse_organisation;
pub mod browse_waves;
pub mod catalog_files;
pub mod change_own_password;
pub mod check_health;
pub mod close_wave;
pub mod deliver_notices;
pub mod deployment_overview;
pub mod error;
pub mod form_facts;
pub mod form_nonces;
pub mod fresh_grants;
pub mod import_roster;
pub mod import_upload;
pub mod manage_api_token;
pub mod manage_centres;
pub mod manage_classes;
pub mod manage_outbox;
pub mod manage_schools;
pub mod manage_users;
pub mod move_referral;
pub mod note_referral;
pub mod open_figures;
pub mod open_form;
pub mod open_wave;
pub mod pupil_path;
pub mod raise_referral;
pub mod read_referrals;
pub mod recognise_staff;
pub mod referral_evidence;
pub mod region_figures;
pub mod roster_upload;
pub mod run_flags;
pub mod school_dashboard;
pub mod second_factor;
pub mod sign_in;
pub mod staff_sessions;
pub mod stamped_cache;
pub mod submit_response;
pub mod sweep;
pub mod trust_box;
pub mod wave_figures;
