//! The red team: attackers who hold an ordinary staff account, read every page, CSV and API answer
//! their role allows, and try to learn something about fewer than k pupils. Each attacker runs
//! against the real server over HTTP, on SQLite and PostgreSQL, in a world built for its attack,
//! and the test fails if the attack succeeds.
//!
//! * `acute`: the acute ("right now") answer is a signal only, on every view of every role.
//! * `subtraction`: whole minus parts pins no class and no withheld remainder to "nobody" or
//!   "everybody" (an exact interval solver over the released bands of the API and the CSV).
//! * `over_time`: a wave closing between two looks moves no region or national figure, and a period
//!   not yet over has none.
//! * `signals`: a referral names only a class its school's pages release.
//! * `independent`: regions of several schools (small and large classes, schools whose classes are
//!   all below k, tiny schools that pool, grade-5 next to grade-9 classes), attacked by the centre,
//!   the national analyst and psychologists colluding, with an interval solver over every sum.
//! * `indistinguishable`: two worlds that differ only in the answers of withheld classes give every
//!   role the very same pages, CSVs and API answers.
//! * `rolls`: the psychologist knows every class's roll, watches the participation bands while the
//!   wave fills, and solves the closed wave's remainder for a small class's respondents.
#![allow(clippy::unwrap_used)]

#[path = "../common/mod.rs"]
#[macro_use]
mod common;

mod acute;
mod independent;
mod indistinguishable;
mod over_time;
mod rolls;
mod signals;
mod solver;
mod subtraction;
mod views;
mod world;
