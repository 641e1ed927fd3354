//! maud views. They take view models and a [`layout::Chrome`], never connections or rows, and every
//! user-facing string comes from the message catalogues.

pub mod account;
pub mod admin;
pub mod centre;
pub mod charts;
pub mod components;
pub mod errors;
pub mod figures;
pub mod layout;
pub mod login;
pub mod national;
pub mod open;
pub mod pupil;
pub mod reference_note;
pub mod referrals;
pub mod roster;
pub mod school;
pub mod second_factor;
pub mod security;
pub mod trust;
