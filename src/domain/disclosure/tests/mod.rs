//! Specification tests for the disclosure engine: an exact attacker, random regions, the named
//! cases of the issue, an attacker who knows the rolls and watches the bands, the rounding table,
//! the API shape and the performance budget.

mod apart;
mod attacker;
mod fixtures;
mod indistinguishable;
mod named_cases;
mod participation_attacker;
mod performance;
mod positives_attacker;
mod properties;
mod rounding_table;
mod serialisation;
