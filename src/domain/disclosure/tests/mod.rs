//! Specification tests for the disclosure engine: an exact attacker, random regions, the named
//! cases of the issue, attackers who know the rolls and watch the bands, the rounding table, the
//! API shape and the performance budget.

mod apart;
mod attacker;
mod fixtures;
mod indistinguishable;
mod named_cases;
mod participation_attacker;
mod performance;
mod planting;
mod positives_attacker;
mod properties;
mod replay_attacker;
mod rolls_attacker;
mod rounding_table;
mod serialisation;
