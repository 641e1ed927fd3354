//! Referrals to a region's Psychological Support Centre: the life cycle, how flags become referrals
//! (of a class, a school, or the region with no school named), and what a notification may say. Pure rules; `db::referrals` stores them.

pub mod drafts;
pub mod figures;
mod lifecycle;
mod note;
mod place;
mod record;

pub use lifecycle::{Outcome, ReferralStatus, TransitionError, acknowledge_by, is_overdue, transition};
pub use note::{NOTE_LIMIT, Note, NoteError, NoteText};
pub use place::{ReferralPlace, ReferredSchool};
pub use record::{InboxFilter, ManualReferral, Referral, ReferralScope, Source, sort_for_inbox};
