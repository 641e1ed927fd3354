//! A conversation as it is kept, and what each step does to the fields its deadlines and figures are
//! made of: one place that says when a deadline starts, stops and starts again.

use chrono::NaiveDateTime;

use super::arrival;
use super::deadline;
use super::lifecycle::{Conversation, Holder, Step, StepRefused};
use super::topic::{Addressee, Topic, Urgency};
use crate::domain::ids::{ConversationId, SchoolId, TrustMessageId, UserId};
use crate::domain::region::RegionCode;

/// A conversation's stored fields (never its words or its receipt).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConversationRecord {
    /// Random; names nothing.
    pub id: ConversationId,
    /// The school the pupil named by its code.
    pub school: SchoolId,
    /// That school's region, whose centre may read it.
    pub region: RegionCode,
    /// Who the pupil wrote to.
    pub addressee: Addressee,
    /// What it is about.
    pub topic: Topic,
    /// Whether the pupil ticked "I am in danger right now".
    pub in_danger: bool,
    /// Where it stands and who works it.
    pub state: Conversation,
    /// The first message's arrival, as kept ([`arrival::kept`]).
    pub arrived_at: NaiveDateTime,
    /// When staff owe an answer by; `None` while they owe none.
    pub due_at: Option<NaiveDateTime>,
    /// When staff first replied.
    pub first_reply_at: Option<NaiveDateTime>,
    /// Whether the pupil ever came back with the receipt.
    pub came_back: bool,
    /// When the school passed it to the centre.
    pub escalated_at: Option<NaiveDateTime>,
    /// When it was closed.
    pub closed_at: Option<NaiveDateTime>,
}

/// What a pupil chose when writing a new conversation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Opening {
    /// What it is about.
    pub topic: Topic,
    /// Who should read it.
    pub addressee: Addressee,
    /// "I am in danger right now".
    pub in_danger: bool,
}

impl ConversationRecord {
    /// A conversation a pupil opens at `now` (Kazakhstan time) with a school of `region`.
    pub fn open(
        id: ConversationId,
        school: SchoolId,
        region: RegionCode,
        opening: Opening,
        now: NaiveDateTime,
    ) -> Self {
        let urgency = Urgency::of(opening.topic, opening.in_danger);
        let arrived_at = arrival::kept(now, urgency);
        let holder = match opening.addressee {
            Addressee::School => Holder::School,
            Addressee::CentreOnly => Holder::Centre,
        };
        ConversationRecord {
            id,
            school,
            region,
            addressee: opening.addressee,
            topic: opening.topic,
            in_danger: opening.in_danger,
            state: Conversation::new(holder),
            arrived_at,
            due_at: Some(deadline::due(arrived_at, urgency)),
            first_reply_at: None,
            came_back: false,
            escalated_at: None,
            closed_at: None,
        }
    }

    /// How soon it must be answered.
    pub fn urgency(&self) -> Urgency {
        Urgency::of(self.topic, self.in_danger)
    }

    /// Whether staff owe an answer that is late at `now` (Kazakhstan time).
    pub fn is_overdue(&self, now: NaiveDateTime) -> bool {
        self.state.awaits_staff() && self.due_at.is_some_and(|due| deadline::is_overdue(due, now))
    }

    /// The record after `step` at `now` (Kazakhstan time): a reply stops the clock (and dates the first
    /// reply), the pupil writing again starts it afresh from that message's kept arrival, closing
    /// stops it for good, escalating leaves it running (the centre inherits the school's deadline).
    ///
    /// # Errors
    /// See [`StepRefused`].
    pub fn after(&self, step: Step, now: NaiveDateTime) -> Result<ConversationRecord, StepRefused> {
        let mut next = self.clone();
        next.state = self.state.after(step)?;
        match step {
            Step::Opened => {}
            Step::Replied => {
                next.due_at = None;
                next.first_reply_at = self.first_reply_at.or(Some(now));
            }
            Step::PupilWrote => {
                let urgency = self.urgency();
                next.due_at = Some(deadline::due(arrival::kept(now, urgency), urgency));
            }
            Step::Escalated => next.escalated_at = Some(now),
            Step::Closed(_) => {
                next.due_at = None;
                next.closed_at = Some(now);
            }
        }
        Ok(next)
    }
}

/// Who wrote a message, and who may read it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MessageKind {
    /// The pupil; staff of the holder read it.
    Pupil,
    /// Staff to the pupil; the pupil reads it with the receipt.
    Reply,
    /// Staff to staff (school and centre); never shown to the pupil.
    Note,
}

impl MessageKind {
    /// The stored name.
    pub fn code(self) -> &'static str {
        match self {
            MessageKind::Pupil => "pupil",
            MessageKind::Reply => "reply",
            MessageKind::Note => "note",
        }
    }

    /// The kind stored as `code`.
    pub fn from_code(code: &str) -> Option<MessageKind> {
        [MessageKind::Pupil, MessageKind::Reply, MessageKind::Note].into_iter().find(|k| k.code() == code)
    }

    /// Whether the pupil sees messages of this kind when they come back.
    pub fn shown_to_pupil(self) -> bool {
        self != MessageKind::Note
    }
}

/// A message as kept: its words sealed ([`super::sealed_text`]), or gone after closing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredMessage {
    /// Random; bound into the sealed words.
    pub id: TrustMessageId,
    /// Its place in the conversation, from 1.
    pub seq: i32,
    /// Who wrote it.
    pub kind: MessageKind,
    /// The staff member, for replies and notes.
    pub author: Option<UserId>,
    /// Nonce and ciphertext; `None` once deleted.
    pub sealed: Option<Vec<u8>>,
    /// When: a pupil's as kept ([`arrival::kept`]), staff's to the second.
    pub written_at: NaiveDateTime,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::trust_box::lifecycle::{Outcome, Status};
    use chrono::NaiveDate;

    /// 2026-12-07 is a Monday.
    fn at(day: u32, h: u32, m: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 12, day).and_then(|d| d.and_hms_opt(h, m, 0)).expect("a time")
    }

    fn opened(topic: Topic, addressee: Addressee, in_danger: bool, now: NaiveDateTime) -> ConversationRecord {
        let region = RegionCode::parse("KZ-11").expect("a region");
        ConversationRecord::open(
            ConversationId::random(),
            SchoolId::random(),
            region,
            Opening { topic, addressee, in_danger },
            now,
        )
    }

    #[test]
    fn a_new_conversation_keeps_its_arrival_cut_down_and_is_due_from_it() {
        let urgent = opened(Topic::Bullying, Addressee::School, true, at(7, 10, 47));
        assert_eq!(urgent.arrived_at, at(7, 10, 0));
        assert_eq!(urgent.due_at, Some(at(7, 12, 0)));
        assert_eq!(urgent.state.holder, Holder::School);
        let ordinary = opened(Topic::Other, Addressee::CentreOnly, false, at(7, 10, 47));
        assert_eq!(ordinary.arrived_at, at(7, 0, 0));
        assert_eq!(ordinary.due_at, Some(at(10, 18, 0)));
        assert_eq!(ordinary.state.holder, Holder::Centre, "the school never holds a message to the centre only");
    }

    #[test]
    fn a_reply_stops_the_clock_and_the_pupil_writing_again_restarts_it() {
        let first = opened(Topic::SelfHarm, Addressee::School, false, at(7, 9, 5));
        assert!(first.is_overdue(at(7, 11, 1)));
        let replied = first.after(Step::Replied, at(7, 10, 30)).expect("replied");
        assert_eq!((replied.due_at, replied.first_reply_at), (None, Some(at(7, 10, 30))));
        assert!(!replied.is_overdue(at(9, 0, 0)));
        let again = replied.after(Step::PupilWrote, at(8, 17, 40)).expect("wrote");
        assert_eq!(again.due_at, Some(at(9, 9, 0)), "17:00 kept: one school hour today, one tomorrow");
        let replied_again = again.after(Step::Replied, at(8, 17, 50)).expect("replied");
        assert_eq!(replied_again.first_reply_at, Some(at(7, 10, 30)), "the first reply stays the first");
    }

    #[test]
    fn closing_stops_the_clock_for_good_and_escalating_keeps_it() {
        let first = opened(Topic::Bullying, Addressee::School, false, at(7, 9, 0));
        let escalated = first.after(Step::Escalated, at(7, 11, 0)).expect("escalated");
        assert_eq!((escalated.state.holder, escalated.due_at), (Holder::Centre, first.due_at));
        assert_eq!(escalated.escalated_at, Some(at(7, 11, 0)));
        let closed = escalated.after(Step::Closed(Outcome::ReferredOn), at(8, 9, 0)).expect("closed");
        assert_eq!(closed.state.status, Status::Closed(Outcome::ReferredOn));
        assert_eq!((closed.due_at, closed.closed_at), (None, Some(at(8, 9, 0))));
        assert!(!closed.is_overdue(at(30, 0, 0)));
        assert_eq!(closed.after(Step::PupilWrote, at(9, 9, 0)), Err(StepRefused::AlreadyClosed));
    }

    #[test]
    fn notes_are_never_shown_to_the_pupil_and_kinds_read_back() {
        for kind in [MessageKind::Pupil, MessageKind::Reply, MessageKind::Note] {
            assert_eq!(MessageKind::from_code(kind.code()), Some(kind));
        }
        assert!(MessageKind::Reply.shown_to_pupil() && MessageKind::Pupil.shown_to_pupil());
        assert!(!MessageKind::Note.shown_to_pupil());
    }
}
