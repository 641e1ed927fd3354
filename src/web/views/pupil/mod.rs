//! Pupil pages: a plain frame with no staff navigation and no cookie-setting links, the language in
//! every link, help contacts where they matter, and a "leave now" way out.

pub mod frame;
pub mod help;
pub mod notice;
pub mod privacy;
pub mod start;
pub mod survey;
pub mod thanks;
pub mod trust_back;
pub mod trust_write;
