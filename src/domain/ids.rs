//! Typed identifiers. Every id is a random UUID v4 stored as text, so ids never reveal order or count,
//! and a school id cannot be passed where a class id is expected.

use std::fmt;
use uuid::Uuid;

macro_rules! typed_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(Uuid);

        impl $name {
            /// A fresh random (v4) id.
            pub fn random() -> Self {
                Self(Uuid::new_v4())
            }

            /// Parses the text form; anything that is not a UUID is `None` (a 404 at the web edge).
            pub fn parse(text: &str) -> Option<Self> {
                Uuid::parse_str(text.trim()).ok().map(Self)
            }

            /// The underlying UUID.
            pub fn uuid(&self) -> Uuid {
                self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.hyphenated().fmt(f)
            }
        }
    };
}

typed_id!(
    /// Identifies a school.
    SchoolId
);
typed_id!(
    /// Identifies a class of a school.
    ClassId
);
typed_id!(
    /// Identifies a staff account.
    UserId
);
typed_id!(
    /// Identifies a survey wave.
    WaveId
);
typed_id!(
    /// Identifies one class taking part in one wave (what a class password opens).
    WaveClassId
);
typed_id!(
    /// Identifies a referral to a regional centre.
    ReferralId
);
typed_id!(
    /// Identifies a note on a referral.
    NoteId
);
typed_id!(
    /// Identifies a notification waiting in the outbox.
    OutboxId
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_random_v4_and_round_trip_through_text() {
        let a = SchoolId::random();
        let b = SchoolId::random();
        assert_ne!(a, b);
        assert_eq!(a.uuid().get_version_num(), 4);
        assert_eq!(SchoolId::parse(&a.to_string()), Some(a));
        assert_eq!(SchoolId::parse("../etc/passwd"), None);
    }
}
