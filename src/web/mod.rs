//! The HTTP edge: actix routes, extractors that enforce roles, errors rendered as pages in the user's
//! language, security headers, and maud views. Handlers call the use cases of `app` through
//! [`AppState::use_case`] (a blocking pool thread) and hand view models to `views`.

pub mod api;
pub mod auth;
pub mod background;
pub mod csrf;
pub mod errors;
pub mod export;
pub mod failure;
pub mod figures;
pub mod form_origin;
pub mod forms;
pub mod lang;
pub mod nul_text;
pub mod open_export;
pub mod page;
pub mod redirect;
pub mod referral_pages;
pub mod request_log;
pub mod roster_form;
pub mod routes;
pub mod school_dashboard;
pub mod security;
pub mod server;
pub mod session;
pub mod state;
pub mod survey_pages;
pub mod trust_pages;
pub mod views;

pub use errors::AppError;
pub use server::build_server;
pub use state::AppState;
