//! Views of the administration area.

pub mod home;
pub mod outbox;
pub mod schools;
pub mod settings;
pub mod users;
