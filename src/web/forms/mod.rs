//! In-place form validation: each field keeps what was typed and may carry one message key, so a
//! refused form comes back filled in, with the problems next to their fields, in the user's language.

pub mod account;
pub mod class;
pub mod school;
pub mod user;
pub mod wave;

use std::collections::BTreeMap;

use serde::{Deserialize, Deserializer};

use crate::domain::organisation::Invalid;

/// Reads a form field that names an id (a `<select>` of classes or schools): the id, or `None` when
/// the field is empty or is not an id, so the form reports it beside the field rather than refusing
/// the whole post. Use with `#[serde(deserialize_with = "optional_id")]`.
pub fn optional_id<'de, D: Deserializer<'de>, Id: for<'a> Deserialize<'a>>(field: D) -> Result<Option<Id>, D::Error> {
    let text = String::deserialize(field)?;
    Ok(serde_json::from_value(serde_json::Value::String(text)).ok())
}

/// Messages (catalogue keys) per field name.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct FieldErrors(BTreeMap<&'static str, &'static str>);

impl FieldErrors {
    /// No errors yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Records a message for a field (the first one wins).
    pub fn add(&mut self, field: &'static str, key: &'static str) {
        self.0.entry(field).or_insert(key);
    }

    /// Keeps the value of a parse, or records its message and gives `None`.
    pub fn take<T>(&mut self, field: &'static str, parsed: Result<T, Invalid>) -> Option<T> {
        parsed.map_err(|Invalid(key)| self.add(field, key)).ok()
    }

    /// The message key for a field, if any.
    pub fn get(&self, field: &str) -> Option<&'static str> {
        self.0.get(field).copied()
    }

    /// True when the form may be saved.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_message_per_field_is_kept() {
        let mut errors = FieldErrors::new();
        assert_eq!(errors.take("grade", Err::<u8, _>(Invalid("invalid-grade"))), None);
        errors.add("grade", "other");
        assert_eq!(errors.take("roll", Ok::<u8, Invalid>(3)), Some(3));
        assert_eq!(errors.get("grade"), Some("invalid-grade"));
        assert!(!errors.is_empty());
    }
}
