//! How staff work a message to its end: new → read → answered → closed with an outcome, who holds it
//! (the school, or the centre), and what each step may follow.
//!
//! One rule for the inbox page, the API and the tests: a step either moves the conversation or is
//! refused with the reason, never silently ignored.

/// Where a conversation stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Status {
    /// Waiting for staff to read it (a first message, or the pupil wrote again).
    New,
    /// Read by staff, not answered yet.
    Read,
    /// Staff answered; waiting for the pupil, if they come back.
    Answered,
    /// Finished, with an outcome. The pupil can still read every reply.
    Closed(Outcome),
}

/// How a conversation ended: counted in the trust box's figures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Outcome {
    /// The pupil was helped (answered, met, supported).
    HelpGiven,
    /// Passed on to someone who can act (the centre, social services, the police).
    ReferredOn,
    /// Not a real request (a prank, abuse of the box).
    Misuse,
    /// Nothing could be answered (the pupil never came back, the message said nothing).
    NoReplyPossible,
}

impl Outcome {
    /// Every outcome, in the order the close form offers them.
    pub const ALL: [Outcome; 4] = [Outcome::HelpGiven, Outcome::ReferredOn, Outcome::Misuse, Outcome::NoReplyPossible];

    /// The stored and posted name.
    pub fn code(self) -> &'static str {
        match self {
            Outcome::HelpGiven => "help-given",
            Outcome::ReferredOn => "referred-on",
            Outcome::Misuse => "misuse",
            Outcome::NoReplyPossible => "no-reply-possible",
        }
    }

    /// The outcome a stored or posted name stands for.
    pub fn from_code(code: &str) -> Option<Outcome> {
        Outcome::ALL.into_iter().find(|o| o.code() == code)
    }
}

impl Status {
    /// The stored name (the outcome is stored beside it).
    pub fn code(self) -> &'static str {
        match self {
            Status::New => "new",
            Status::Read => "read",
            Status::Answered => "answered",
            Status::Closed(_) => "closed",
        }
    }

    /// The status stored as `code` with `outcome`; `None` for a pair that cannot be (a closed one
    /// without an outcome, or an open one with).
    pub fn from_codes(code: &str, outcome: Option<&str>) -> Option<Status> {
        match (code, outcome) {
            ("new", None) => Some(Status::New),
            ("read", None) => Some(Status::Read),
            ("answered", None) => Some(Status::Answered),
            ("closed", Some(outcome)) => Outcome::from_code(outcome).map(Status::Closed),
            _ => None,
        }
    }

    /// The outcome, once closed.
    pub fn outcome(self) -> Option<Outcome> {
        match self {
            Status::Closed(outcome) => Some(outcome),
            _ => None,
        }
    }
}

/// Who is working the conversation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Holder {
    /// The school's psychologist.
    School,
    /// The regional centre (addressed to it, or escalated by the school).
    Centre,
}

impl Holder {
    /// The stored name.
    pub fn code(self) -> &'static str {
        match self {
            Holder::School => "school",
            Holder::Centre => "centre",
        }
    }

    /// The holder stored as `code`.
    pub fn from_code(code: &str) -> Option<Holder> {
        [Holder::School, Holder::Centre].into_iter().find(|h| h.code() == code)
    }
}

/// Something that happens to a conversation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// Staff of the holder opened it.
    Opened,
    /// Staff of the holder replied to the pupil.
    Replied,
    /// The pupil came back with the receipt and wrote again.
    PupilWrote,
    /// The school passed it to the centre.
    Escalated,
    /// Staff of the holder closed it.
    Closed(Outcome),
}

/// Why a step cannot happen now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StepRefused {
    /// The conversation is closed: the pupil may write a new message, staff may not change an outcome.
    AlreadyClosed,
    /// Only the school can escalate, and only once.
    NotTheSchools,
}

/// A conversation's status and holder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Conversation {
    /// Where it stands.
    pub status: Status,
    /// Who works it.
    pub holder: Holder,
}

impl Conversation {
    /// A message just written, to `holder`.
    pub fn new(holder: Holder) -> Conversation {
        Conversation { status: Status::New, holder }
    }

    /// The conversation after `step`.
    ///
    /// # Errors
    /// See [`StepRefused`].
    pub fn after(self, step: Step) -> Result<Conversation, StepRefused> {
        if matches!(self.status, Status::Closed(_)) {
            return Err(StepRefused::AlreadyClosed);
        }
        let status = match step {
            Step::Opened if self.status == Status::New => Status::Read,
            Step::Opened => self.status,
            Step::Replied => Status::Answered,
            Step::PupilWrote => Status::New,
            Step::Closed(outcome) => Status::Closed(outcome),
            Step::Escalated if self.holder == Holder::School => {
                return Ok(Conversation { status: self.status, holder: Holder::Centre });
            }
            Step::Escalated => return Err(StepRefused::NotTheSchools),
        };
        Ok(Conversation { status, holder: self.holder })
    }

    /// Whether staff owe the pupil an answer (it counts against the deadline).
    pub fn awaits_staff(self) -> bool {
        matches!(self.status, Status::New | Status::Read)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_message_is_read_answered_and_closed() {
        let c = Conversation::new(Holder::School);
        assert!(c.awaits_staff());
        let c = c.after(Step::Opened).expect("opened");
        assert_eq!(c.status, Status::Read);
        assert!(c.awaits_staff());
        let c = c.after(Step::Replied).expect("replied");
        assert_eq!(c.status, Status::Answered);
        assert!(!c.awaits_staff());
        let c = c.after(Step::Closed(Outcome::HelpGiven)).expect("closed");
        assert_eq!(c.status, Status::Closed(Outcome::HelpGiven));
        assert!(!c.awaits_staff());
    }

    #[test]
    fn the_pupil_writing_again_puts_it_back_before_staff_and_opening_twice_changes_nothing() {
        let answered = Conversation::new(Holder::Centre).after(Step::Replied).expect("replied");
        let again = answered.after(Step::PupilWrote).expect("wrote");
        assert_eq!(again.status, Status::New);
        let answered_opened = answered.after(Step::Opened).expect("opened");
        assert_eq!(answered_opened.status, Status::Answered);
    }

    #[test]
    fn a_closed_conversation_takes_no_step() {
        let closed = Conversation::new(Holder::School).after(Step::Closed(Outcome::Misuse)).expect("closed");
        for step in [Step::Opened, Step::Replied, Step::PupilWrote, Step::Escalated, Step::Closed(Outcome::HelpGiven)] {
            assert_eq!(closed.after(step), Err(StepRefused::AlreadyClosed), "{step:?}");
        }
    }

    #[test]
    fn only_the_school_escalates_and_the_status_stays() {
        let read = Conversation::new(Holder::School).after(Step::Opened).expect("opened");
        let escalated = read.after(Step::Escalated).expect("escalated");
        assert_eq!(escalated, Conversation { status: Status::Read, holder: Holder::Centre });
        assert_eq!(escalated.after(Step::Escalated), Err(StepRefused::NotTheSchools));
        assert_eq!(Conversation::new(Holder::Centre).after(Step::Escalated), Err(StepRefused::NotTheSchools));
    }

    #[test]
    fn status_and_holder_codes_read_back_and_impossible_pairs_do_not() {
        let all = [Status::New, Status::Read, Status::Answered, Status::Closed(Outcome::ReferredOn)];
        for status in all {
            assert_eq!(Status::from_codes(status.code(), status.outcome().map(Outcome::code)), Some(status));
        }
        assert_eq!(Status::from_codes("closed", None), None);
        assert_eq!(Status::from_codes("new", Some("misuse")), None);
        for holder in [Holder::School, Holder::Centre] {
            assert_eq!(Holder::from_code(holder.code()), Some(holder));
        }
    }

    #[test]
    fn outcome_codes_read_back() {
        for outcome in Outcome::ALL {
            assert_eq!(Outcome::from_code(outcome.code()), Some(outcome));
        }
        assert_eq!(Outcome::from_code("closed"), None);
    }
}
