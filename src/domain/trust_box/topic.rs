//! What a message is about and who should read it: the two choices a pupil makes before writing, and
//! the urgency that follows from them.

/// What the pupil says the message is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Topic {
    /// Bullying at school, in person or online.
    Bullying,
    /// Violence or harm at home.
    HarmAtHome,
    /// Thoughts of hurting oneself.
    SelfHarm,
    /// Anything else.
    Other,
}

impl Topic {
    /// Every topic, in the order the form offers them.
    pub const ALL: [Topic; 4] = [Topic::Bullying, Topic::HarmAtHome, Topic::SelfHarm, Topic::Other];

    /// The stored and posted name.
    pub fn code(self) -> &'static str {
        match self {
            Topic::Bullying => "bullying",
            Topic::HarmAtHome => "harm-at-home",
            Topic::SelfHarm => "self-harm",
            Topic::Other => "other",
        }
    }

    /// The topic a stored or posted name stands for.
    pub fn from_code(code: &str) -> Option<Topic> {
        Topic::ALL.into_iter().find(|t| t.code() == code)
    }
}

/// Who reads the message first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Addressee {
    /// The school's psychologist (who may pass it on to the centre).
    School,
    /// Only the regional centre: "I don't want the school to know". The school never sees it, not even
    /// in counts of its own school.
    CentreOnly,
}

impl Addressee {
    /// The stored and posted name.
    pub fn code(self) -> &'static str {
        match self {
            Addressee::School => "school",
            Addressee::CentreOnly => "centre",
        }
    }

    /// The addressee a stored or posted name stands for.
    pub fn from_code(code: &str) -> Option<Addressee> {
        [Addressee::School, Addressee::CentreOnly].into_iter().find(|a| a.code() == code)
    }
}

/// How soon a message must be answered ([`super::deadline`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Urgency {
    /// Within hours: the pupil said they are in danger now, or wrote about hurting themselves.
    Urgent,
    /// Within working days.
    Ordinary,
}

impl Urgency {
    /// The urgency of a message about `topic`, marked "I am in danger right now" or not. Self-harm is
    /// urgent even unmarked: a pupil who writes about it may not know how close it is.
    pub fn of(topic: Topic, in_danger: bool) -> Urgency {
        if in_danger || topic == Topic::SelfHarm { Urgency::Urgent } else { Urgency::Ordinary }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_read_back_and_unknown_ones_do_not() {
        for topic in Topic::ALL {
            assert_eq!(Topic::from_code(topic.code()), Some(topic));
        }
        for addressee in [Addressee::School, Addressee::CentreOnly] {
            assert_eq!(Addressee::from_code(addressee.code()), Some(addressee));
        }
        assert_eq!(Topic::from_code("Bullying"), None);
        assert_eq!(Addressee::from_code(""), None);
    }

    #[test]
    fn danger_and_self_harm_are_urgent_and_nothing_else_is() {
        assert_eq!(Urgency::of(Topic::SelfHarm, false), Urgency::Urgent);
        assert_eq!(Urgency::of(Topic::Bullying, true), Urgency::Urgent);
        assert_eq!(Urgency::of(Topic::Other, true), Urgency::Urgent);
        for topic in [Topic::Bullying, Topic::HarmAtHome, Topic::Other] {
            assert_eq!(Urgency::of(topic, false), Urgency::Ordinary);
        }
    }
}
