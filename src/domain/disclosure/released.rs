//! [`Released`]: the only door from raw counts to anything a person, an export or a referral sees.
//!
//! Its constructor is visible inside the disclosure module only, it has no `Default`, no public
//! `From`, and no `Deserialize`, so holding a `Released<T>` proves the value passed the disclosure
//! rules. Views, API responses, exports and referral evidence should accept nothing else.

use serde::Serialize;

/// A value that the disclosure engine has released.
///
/// Promises: only `domain::disclosure` can make one; it serialises exactly as the value it holds.
#[derive(Debug, Clone, PartialEq)]
pub struct Released<T>(T);

impl<T> Released<T> {
    /// Wraps a value the engine has just computed under the disclosure rules.
    pub(super) fn new(value: T) -> Self {
        Self(value)
    }

    /// The released value, to read and render.
    pub fn get(&self) -> &T {
        &self.0
    }
}

impl<T: Serialize> Serialize for Released<T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
}
