//! Views of the school psychologist.

pub mod classes;
pub mod home;
pub mod waves;
