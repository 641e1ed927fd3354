//! Views of the administration area.

pub mod home;
pub mod schools;
pub mod settings;
pub mod users;
