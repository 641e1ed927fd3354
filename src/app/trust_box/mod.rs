//! The trust box's use cases (issue 19, `docs/trust-box.md`): a pupil writes and comes back with the
//! receipt ([`pupil`]), each of the pupil's forms taken once ([`forms`]); staff list, read and work
//! conversations ([`staff`]); the desk holding a conversation is told when a pupil's message waits or
//! its answer is overdue ([`notices`]); the sweep queues overdue notices and erases old words
//! ([`upkeep`]). The rules are the
//! domain's (`domain::trust_box`); these functions fetch, check who may, seal and open the words, and
//! store each step with its audit entry. A pupil's actions leave no audit entry: its time would be
//! to the second, and the arrival is kept only as precisely as its deadline needs.

pub mod figures;
pub mod forms;
pub mod notices;
pub mod pupil;
pub mod staff;
pub mod upkeep;
