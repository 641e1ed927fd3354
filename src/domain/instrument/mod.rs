//! Instruments: the versioned questionnaires in `surveys/`, their validator, and
//! how a pupil's answers are checked and scored.
//!
//! An instrument file is TOML (the format is documented for authors in
//! `surveys/README.md`). [`check_source`] turns one file into an [`Instrument`] or
//! into every [`Diagnostic`] it can find, each with its line; [`SourceSet`] does the
//! same for the texts of a folder's files and also catches an instrument version
//! defined twice. Holding an [`Instrument`] means holding a valid one.
//!
//! The web layer renders [`Instrument::visible_sections`] for the class's grade and
//! passes the posted form fields to [`parse_answers`]; [`evaluate_indicators`] turns
//! stored [`Answers`] into the per-indicator outcomes that statistics count.
//!
//! Nothing here does I/O: the files are read by `app::catalog_files`, which hands
//! their text to [`SourceSet`]. Nothing knows about HTTP or SQL.

mod answers;
#[cfg(test)]
mod broken_files;
mod build;
mod builtin;
mod check;
mod cross_check;
mod decode;
mod decode_rules;
#[cfg(test)]
mod default_instruments;
mod diagnostic;
mod draft;
#[cfg(test)]
mod fixture;
mod grade;
mod indicator;
mod key;
mod model;
mod reader;
mod scoring;
#[cfg(test)]
pub(crate) mod shipped;
mod sources;

pub use answers::{AnswerError, Answers, parse_answers};
pub use check::check_source;
pub use diagnostic::Diagnostic;
pub use grade::Grade;
pub use indicator::{FlagRule, Indicator, IndicatorRule, ReferenceBasis, ReferenceSource};
pub use key::InstrumentKey;
pub use model::{Choice, Instrument, Item, ItemKind, Section};
pub use scoring::{IndicatorOutcome, evaluate_indicators};
pub use sources::SourceSet;
