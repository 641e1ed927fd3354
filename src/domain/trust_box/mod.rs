//! The trust box (*сенім жәшігі*): a pupil writes to the school psychologist or only to the regional
//! centre without giving a name, keeps a receipt, and comes back with it for the replies (issue 19,
//! `docs/trust-box.md`).
//!
//! The rules that make it safe and make staff answer in time live here, free of HTTP and SQL: what a
//! message may contain ([`text`]), what it is about and who reads it ([`topic`]), the receipt and PIN
//! and how only keyed hashes of them are kept ([`receipt`]), how its words are sealed
//! at rest ([`sealed_text`]), how precisely its arrival is kept
//! ([`arrival`]), when it is due ([`deadline`]), which desk may read and work it ([`desk`]) and how
//! staff work it to its end ([`lifecycle`]), how
//! fast one address may write ([`pace`]), how long words are kept after closing ([`retention`]), and
//! the token that lets each pupil form be sent once ([`form_token`]).

pub mod arrival;
pub mod deadline;
pub mod desk;
pub mod figures;
pub mod form_token;
pub mod lifecycle;
pub mod pace;
pub mod receipt;
pub mod record;
pub mod retention;
pub mod sealed_text;
pub mod text;
pub mod topic;
