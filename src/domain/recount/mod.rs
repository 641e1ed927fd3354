//! Counting stored responses: the per-class tallies materialised when a wave closes, and the recount
//! that `ahual verify` compares with every counter the application keeps. Both count through
//! [`Tallies`], so a difference found by the recount is a difference in the stored data, never in two
//! ways of counting. Pure: the caller reads the rows and stores or prints the result.

mod compare;
mod counter;
mod tally;

pub use compare::{Finding, WaveFacts, compare, recount};
pub use counter::{Counter, CounterSet};
pub use tally::{Tallies, UnreadableResponse, decode_stored};
