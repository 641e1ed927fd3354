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
//! * `planting`: nine planted answers in each class of ten teach the planter no more about the tenth
//!   pupil than the noise allows (ε = ln 3), while the exact engine would give every one back.
//! * `across`: every role of two regions pools every view (wave pages with trends, reference lines,
//!   answer distributions and rolls; CSVs; API answers; region and national pages of every published
//!   period) from several looks as periods pass, compares them and solves every sum; answers moved
//!   between withheld groups of every period change no view. Worlds where it once found a leak are
//!   kept, so the leaks stay fixed.
//! * `indistinguishable`: two worlds that differ only in the answers of withheld classes give every
//!   role the very same pages, CSVs and API answers.
//! * `rolls`: the psychologist knows every class's roll, watches the participation bands while the
//!   wave fills, and solves the closed wave's remainder for a small class's respondents.
//!
//! The servers add the deployment's noise to every cell's count (`disclosure::noise`), except where an
//! attacker solves sums exactly (`subtraction`, `independent`, `indistinguishable`, `across`): its solver takes
//! each shown band as the truth, which holds only for the exact engine. Those run on servers without
//! noise, and that is sound: a noisy page is exactly the exact engine's page of a world whose cells
//! hold the noisy counts, so whatever cannot be solved from any world's exact page cannot be solved
//! from a noisy one either. The noise itself is attacked by `planting`. The noise never touches
//! respondents, so `rolls`, which solves respondents only, runs on an ordinary server.
#![allow(clippy::unwrap_used)]

mod across;
mod acute;
mod independent;
mod indistinguishable;
mod over_time;
mod planting;
mod rolls;
mod signals;
pub(crate) mod solver;
mod subtraction;
pub(crate) mod views;
pub(crate) mod world;
