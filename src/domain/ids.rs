//! Typed identifiers. Every id is a random UUID v4 stored as text, so ids never reveal order or count,
//! and a school id cannot be passed where a class id is expected. Each reads and writes itself as text
//! with serde (a path segment, a form field, a session value), refusing anything that is not a UUID; the database reads and
//! writes them as text through `db::id_sql`, so the domain names no SQL.

use std::fmt;

use serde::de::{self, Deserialize, Deserializer, Visitor};
use serde::{Serialize, Serializer};
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

        /// Writes the text form, the same string as `to_string()`, so a value stored as that text
        /// (a session cookie of an earlier version) reads back as the id.
        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.collect_str(self)
            }
        }

        /// Reads the text form, as [`Self::parse`] does; anything else is an error (at the web edge,
        /// a path extractor's error, which the server answers with "not found").
        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                struct Text;
                impl Visitor<'_> for Text {
                    type Value = $name;
                    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                        f.write_str(concat!("a ", stringify!($name), ": a UUID"))
                    }
                    fn visit_str<E: de::Error>(self, text: &str) -> Result<$name, E> {
                        $name::parse(text).ok_or_else(|| E::invalid_value(de::Unexpected::Str(text), &self))
                    }
                }
                deserializer.deserialize_str(Text)
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
    /// Identifies a spreadsheet roster waiting between its upload and its import.
    RosterUploadId
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
typed_id!(
    /// A trust box conversation: random, so it tells nothing of when or in what order pupils wrote.
    ConversationId
);
typed_id!(
    /// One message of a trust box conversation (the pupil's, a reply, or a note between staff).
    TrustMessageId
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

    #[test]
    fn ids_deserialize_from_their_text_and_refuse_anything_else() {
        let id = WaveId::random();
        let read: WaveId = serde_json::from_value(serde_json::json!(id.to_string())).unwrap();
        assert_eq!(read, id);
        for bad in [serde_json::json!("not-a-uuid"), serde_json::json!(""), serde_json::json!(7)] {
            let refused = serde_json::from_value::<WaveId>(bad.clone());
            assert!(refused.is_err(), "{bad} is not a wave id");
        }
        let message = serde_json::from_value::<ClassId>(serde_json::json!("7A")).unwrap_err().to_string();
        assert!(message.contains("ClassId: a UUID"), "{message}");
    }

    #[test]
    fn ids_serialize_as_their_text() {
        let id = UserId::random();
        assert_eq!(serde_json::to_value(id).unwrap(), serde_json::json!(id.to_string()));
        assert_eq!(serde_json::from_value::<UserId>(serde_json::to_value(id).unwrap()).unwrap(), id);
    }
}
