//! The life cycle and its deadlines, as pure rules: new → acknowledged → in progress → closed,
//! closing needs an outcome, and anything else is refused. Deadlines: an urgent referral must be
//! acknowledged within 24 hours, any other within 5 working days (Monday to Friday).

use chrono::{Datelike, Duration, NaiveDateTime, Weekday};

use crate::domain::statistics::Severity;

/// Where a referral stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ReferralStatus {
    /// Created by a flag or by a psychologist; nobody at the centre has taken it yet.
    New,
    /// The centre has seen it.
    Acknowledged,
    /// The centre is working on it with the school.
    InProgress,
    /// Finished, with an outcome.
    Closed,
}

impl ReferralStatus {
    /// The stored and API name.
    pub fn as_str(self) -> &'static str {
        match self {
            ReferralStatus::New => "new",
            ReferralStatus::Acknowledged => "acknowledged",
            ReferralStatus::InProgress => "in_progress",
            ReferralStatus::Closed => "closed",
        }
    }

    /// Parses the stored name.
    pub fn parse(text: &str) -> Option<ReferralStatus> {
        [ReferralStatus::New, ReferralStatus::Acknowledged, ReferralStatus::InProgress, ReferralStatus::Closed]
            .into_iter()
            .find(|s| s.as_str() == text)
    }
}

/// How a referral ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// The centre and school held an intervention with the class.
    InterventionHeld,
    /// Passed on to another service.
    ReferredOn,
    /// Nothing was needed; the reason is required.
    NoAction(String),
}

impl Outcome {
    /// Every stored name, in the order pages list them.
    pub const KINDS: [&'static str; 3] = ["intervention_held", "referred_on", "no_action"];

    /// The stored name.
    pub fn kind(&self) -> &'static str {
        match self {
            Outcome::InterventionHeld => "intervention_held",
            Outcome::ReferredOn => "referred_on",
            Outcome::NoAction(_) => "no_action",
        }
    }

    /// Parses an outcome; "no_action" needs a non-empty reason.
    pub fn parse(kind: &str, reason: Option<&str>) -> Result<Outcome, TransitionError> {
        match (kind, reason.map(str::trim).filter(|r| !r.is_empty())) {
            ("intervention_held", _) => Ok(Outcome::InterventionHeld),
            ("referred_on", _) => Ok(Outcome::ReferredOn),
            ("no_action", Some(reason)) => Ok(Outcome::NoAction(reason.to_owned())),
            ("no_action", None) => Err(TransitionError::ReasonRequired),
            _ => Err(TransitionError::OutcomeRequired),
        }
    }
}

/// Why a transition was refused (a 409 with a message).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TransitionError {
    /// Not the next step of the life cycle.
    NotAllowed,
    /// Closing needs an outcome.
    OutcomeRequired,
    /// "No action" needs a reason.
    ReasonRequired,
}

impl TransitionError {
    /// The message key.
    pub fn message_key(self) -> &'static str {
        match self {
            TransitionError::NotAllowed => "referral-transition-not-allowed",
            TransitionError::OutcomeRequired => "referral-outcome-required",
            TransitionError::ReasonRequired => "referral-reason-required",
        }
    }
}

/// The status after moving `from` to `to`; only the next step is allowed, and closing needs an outcome.
pub fn transition(
    from: ReferralStatus,
    to: ReferralStatus,
    outcome: Option<&Outcome>,
) -> Result<ReferralStatus, TransitionError> {
    use ReferralStatus::*;
    match (from, to) {
        (New, Acknowledged) | (Acknowledged, InProgress) => Ok(to),
        (InProgress, Closed) => outcome.map(|_| Closed).ok_or(TransitionError::OutcomeRequired),
        _ => Err(TransitionError::NotAllowed),
    }
}

/// When a referral created at `created` must be acknowledged.
pub fn acknowledge_by(created: NaiveDateTime, severity: Severity) -> NaiveDateTime {
    if severity == Severity::Urgent {
        return created + Duration::hours(24);
    }
    let mut deadline = created;
    let mut working_days = 0;
    while working_days < 5 {
        deadline += Duration::days(1);
        if !matches!(deadline.weekday(), Weekday::Sat | Weekday::Sun) {
            working_days += 1;
        }
    }
    deadline
}

/// True when a referral is still waiting for acknowledgement after its deadline.
pub fn is_overdue(status: ReferralStatus, deadline: NaiveDateTime, now: NaiveDateTime) -> bool {
    status == ReferralStatus::New && now > deadline
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn at(day: u32, hour: u32) -> NaiveDateTime {
        // November 2026: the 23rd is a Monday.
        NaiveDate::from_ymd_opt(2026, 11, day).unwrap().and_hms_opt(hour, 0, 0).unwrap()
    }

    #[test]
    fn only_the_next_step_is_allowed_and_closing_needs_an_outcome() {
        use ReferralStatus::*;
        assert_eq!(transition(New, Acknowledged, None), Ok(Acknowledged));
        assert_eq!(transition(Acknowledged, InProgress, None), Ok(InProgress));
        assert_eq!(transition(InProgress, Closed, None), Err(TransitionError::OutcomeRequired));
        assert_eq!(transition(InProgress, Closed, Some(&Outcome::ReferredOn)), Ok(Closed));
        for (from, to) in [
            (New, InProgress),
            (New, Closed),
            (Acknowledged, New),
            (Closed, New),
            (Closed, Acknowledged),
            (InProgress, Acknowledged),
        ] {
            assert_eq!(
                transition(from, to, Some(&Outcome::InterventionHeld)),
                Err(TransitionError::NotAllowed),
                "{from:?} → {to:?}"
            );
        }
    }

    #[test]
    fn every_outcome_is_named_in_kinds_and_parses_back() {
        let every = [Outcome::InterventionHeld, Outcome::ReferredOn, Outcome::NoAction("moved".into())];
        assert_eq!(every.iter().map(Outcome::kind).collect::<Vec<_>>(), Outcome::KINDS);
        for kind in Outcome::KINDS {
            assert_eq!(Outcome::parse(kind, Some("moved")).map(|o| o.kind()), Ok(kind));
        }
    }

    #[test]
    fn no_action_needs_a_reason() {
        assert_eq!(Outcome::parse("no_action", Some("  ")), Err(TransitionError::ReasonRequired));
        assert_eq!(Outcome::parse("no_action", Some("class moved")), Ok(Outcome::NoAction("class moved".into())));
        assert_eq!(Outcome::parse("whatever", None), Err(TransitionError::OutcomeRequired));
        assert_eq!(ReferralStatus::parse("in_progress"), Some(ReferralStatus::InProgress));
    }

    #[test]
    fn urgent_within_a_day_others_within_five_working_days() {
        assert_eq!(acknowledge_by(at(27, 16), Severity::Urgent), at(28, 16));
        // Friday 27th at 16:00 + 5 working days = Friday 4 December at 16:00 (the weekend does not count).
        assert_eq!(
            acknowledge_by(at(27, 16), Severity::Elevated),
            NaiveDate::from_ymd_opt(2026, 12, 4).unwrap().and_hms_opt(16, 0, 0).unwrap()
        );
        assert_eq!(acknowledge_by(at(23, 9), Severity::Watch), at(30, 9), "Monday to next Monday");
        assert!(is_overdue(ReferralStatus::New, at(23, 9), at(23, 10)));
        assert!(
            !is_overdue(ReferralStatus::Acknowledged, at(23, 9), at(30, 10)),
            "acknowledged in time or late, it is no longer waiting"
        );
    }
}
