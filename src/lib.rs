//! Ahual: anonymous school-climate surveys for Kazakhstan's schools, with k-anonymous figures and
//! referrals of classes in trouble to the regional Psychological Support Centre.
//!
//! Layers point one way: [`web`] → [`domain`] ← [`db`]. [`domain`] holds the rules (privacy,
//! statistics, organisation) free of HTTP and SQL; [`db`] is the only place that names diesel;
//! [`web`] holds routes, extractors and maud views. [`startup`] assembles them into the running server
//! (for `ahual serve` and for every test alike). [`cli`] is the command line over all of them.

pub mod app;
pub mod cli;
pub mod config;
pub mod db;
pub mod demo;
pub mod domain;
pub mod i18n;
pub mod notify;
pub mod startup;
pub mod synth;
pub mod web;
