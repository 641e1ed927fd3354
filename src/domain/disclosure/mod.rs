//! The disclosure engine: which figures about groups of pupils may be shown, and how exactly.
//!
//! Promises 2-5 and 8 of docs/privacy.md in code, with no HTTP and no SQL, so they can be tested alone
//! (each mechanism is explained in docs/privacy.md#how-each-is-defeated):
//! * no figure about fewer than [`K`] respondents (`k >= 5`, default 10);
//! * no figure by subtraction: complementary suppression down every hierarchy shown together,
//!   to a fixpoint where no hidden count follows from the released ones (`suppression`);
//!   a breakdown whose remainder is below `k` is refused ([`DisclosureError::RemainderBelowK`]);
//! * no watching it fill up: an open wave yields participation bands only ([`WaveState::Open`]),
//!   at least `k` wide once cut by a class's roll, a school's the sum of its classes'
//!   (`participation`); at close, the rolls and those bands must not narrow a withheld class that
//!   may be small below `k` possible counts (`slack`);
//! * no certainty about one pupil: rounded percentages, coarsened extremes, positives and
//!   intervals that cannot undo the rounding (`rounding`, `rate`), acute signal "≥1" ([`AcuteSignal`]);
//! * no extreme by subtraction: a whole's positives are the sum of its cells' bands, so whole minus
//!   parts pins nobody and nothing shown depends on how withheld groups answered (`positives`).
//!
//! * planted answers teach little: the positives of every released cell carry a keyed, calibrated
//!   offset (the two-sided geometric mechanism, ε = ln 3), the same in every view (`noise`);
//! * the same figures for everyone who may see a group: a region's schools are disclosed each on its
//!   own, as their own pages show them ([`disclose_apart`]);
//! * a region beside a school only where it says no more than the two apart: published, counting
//!   this very wave, holding someone beyond the school ([`region_lines`]).
//!
//! * counts that are not answers (trust-box conversations by topic or outcome) one level down: no
//!   part of 1 to `k - 1`, no lone or small hidden residue ([`break_down`]).
//!
//! Usage: build a [`GroupTally`] tree (a region with its schools, each with its classes), call
//! [`disclose`], and hand the resulting [`GroupReport`] to the view or serialise it for the API.
//! Figures leave this module only inside [`Released`], which nothing else can construct.

mod acute;
mod apart;
mod breakdown;
mod disclose;
mod error;
mod hierarchy;
mod indicators;
mod k;
mod level;
mod noise;
mod participation;
mod positives;
mod rate;
mod reference;
mod released;
mod report;
mod rounding;
mod shape;
mod slack;
mod suppression;
mod tally;

#[cfg(test)]
mod tests;

pub use acute::AcuteSignal;
pub use apart::disclose_apart;
pub use breakdown::{Breakdown, Typical, break_down, count_of, part_shares, share, typical};
pub use disclose::{WaveState, disclose, disclose_noisy};
pub use error::DisclosureError;
pub use indicators::Indicators;
pub use k::{K, KError};
pub use level::Level;
pub use noise::{NOISE_EPSILON, NOISE_VARIANCE, Noise, NoiseKey};
pub use participation::ParticipationBand;
pub use positives::WIDEST_SHOWN_POINTS;
pub use rate::{PositivesBand, Rate};
pub use reference::{RegionBeside, RegionLines, region_lines};
pub use released::Released;
pub use report::{Disclosed, GroupFigures, GroupReport};
pub use rounding::Percent;
pub use tally::GroupTally;
