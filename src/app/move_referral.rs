//! Centre staff move a referral one step of its life cycle (new → acknowledged → in progress →
//! closed with an outcome), from a page or through the API: one rule for reading the step asked for,
//! and one for taking it, with its note and its audit entry in the same transaction.

use chrono::NaiveDateTime;

use crate::db::{DbConnection, DbError, audit, referrals, write_transaction};
use crate::domain::audit::{Actor, AuditAction};
use crate::domain::ids::{ReferralId, UserId};
use crate::domain::referral::{
    NoteError, NoteText, Outcome, Referral, ReferralScope, ReferralStatus, TransitionError, transition,
};

/// One step of the life cycle as a caller asks for it.
#[derive(Debug, Clone)]
pub struct Step {
    /// The status wanted.
    pub to: ReferralStatus,
    /// The outcome, when closing.
    pub outcome: Option<Outcome>,
    /// A note to add with the step.
    pub note: Option<NoteText>,
}

/// Why a step asked for is not one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StepError {
    /// `to` names no status (a 400).
    UnknownStatus,
    /// The life cycle refuses it as asked: closing without an outcome, or "no action" without a
    /// reason (a 409 with its message).
    Refused(TransitionError),
    /// The note is too long (a 400 with its message).
    Note(NoteError),
}

impl Step {
    /// The step named by a form or a JSON body: the status `to`, and when closing the outcome
    /// `outcome` (with its `reason` for "no action"); a blank `note` is no note.
    pub fn asked(to: &str, outcome: Option<&str>, reason: Option<&str>, note: Option<&str>) -> Result<Step, StepError> {
        let to = ReferralStatus::parse(to.trim()).ok_or(StepError::UnknownStatus)?;
        let outcome = match (to, outcome.filter(|o| !o.is_empty())) {
            (ReferralStatus::Closed, Some(kind)) => Some(Outcome::parse(kind, reason).map_err(StepError::Refused)?),
            (ReferralStatus::Closed, None) => return Err(StepError::Refused(TransitionError::OutcomeRequired)),
            _ => None,
        };
        let note = NoteText::optional(note).map_err(StepError::Note)?;
        Ok(Step { to, outcome, note })
    }
}

/// Why a referral could not be moved.
#[derive(Debug)]
pub enum MoveError {
    /// The life cycle refuses it (a 409 with a message), or someone moved it first.
    Refused(TransitionError),
    /// The database failed, or the referral is not in scope.
    Db(DbError),
}

impl From<DbError> for MoveError {
    fn from(error: DbError) -> Self {
        MoveError::Db(error)
    }
}

impl From<diesel::result::Error> for MoveError {
    fn from(error: diesel::result::Error) -> Self {
        MoveError::Db(error.into())
    }
}

/// Moves a referral of `scope` one `step` by `actor`; returns the referral as it now stands.
pub fn move_referral(
    conn: &mut DbConnection,
    scope: &ReferralScope,
    id: ReferralId,
    step: &Step,
    actor: UserId,
    now: NaiveDateTime,
) -> Result<Referral, MoveError> {
    write_transaction(conn, |conn| {
        let current = referrals::get(conn, scope, id, now)?;
        let next = transition(current.status, step.to, step.outcome.as_ref()).map_err(MoveError::Refused)?;
        if !referrals::set_status(conn, id, current.status, next, step.outcome.as_ref(), now)? {
            // Someone else moved it between the read and the write.
            return Err(MoveError::Refused(TransitionError::NotAllowed));
        }
        let subject = format!("referral:{id}:{}->{}", current.status.as_str(), next.as_str());
        audit::append(conn, Actor::User(actor), AuditAction::ReferralTransition, &subject)?;
        if let Some(note) = &step.note {
            referrals::insert_note(conn, id, actor, referrals::side_of(scope), note.as_str(), now)?;
        }
        Ok(referrals::get(conn, scope, id, now)?)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_step_is_read_the_same_whatever_asks_for_it() {
        let ack = Step::asked(" acknowledged ", None, None, Some("  ")).unwrap();
        assert_eq!((ack.to, ack.outcome, ack.note), (ReferralStatus::Acknowledged, None, None));
        assert_eq!(Step::asked("nowhere", None, None, None).unwrap_err(), StepError::UnknownStatus);
        let refused = |outcome, reason| Step::asked("closed", outcome, reason, None).unwrap_err();
        assert_eq!(refused(None, None), StepError::Refused(TransitionError::OutcomeRequired));
        assert_eq!(refused(Some(""), None), StepError::Refused(TransitionError::OutcomeRequired), "an empty choice");
        assert_eq!(refused(Some("no_action"), Some(" ")), StepError::Refused(TransitionError::ReasonRequired));
        let closed = Step::asked("closed", Some("no_action"), Some("moved away"), Some("done")).unwrap();
        assert_eq!(closed.outcome, Some(Outcome::NoAction("moved away".into())));
        assert_eq!(closed.note.map(|n| n.as_str().to_owned()), Some("done".to_owned()));
        let long = "x".repeat(crate::domain::referral::NOTE_LIMIT + 1);
        assert_eq!(
            Step::asked("in_progress", None, None, Some(&long)).unwrap_err(),
            StepError::Note(NoteError::TooLong)
        );
    }
}
