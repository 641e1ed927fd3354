//! The form with which staff change their own password.

use serde::Deserialize;

use super::FieldErrors;
use crate::domain::password::check_password;

/// The password change form as typed (never echoed back).
#[derive(Deserialize, Default)]
#[serde(default)]
pub struct PasswordForm {
    /// The password in use now.
    pub current: String,
    /// The new password.
    pub new: String,
    /// The new password again.
    pub repeat: String,
}

impl PasswordForm {
    /// Checks the new password's rule, with the account's own words (`context`: its login and
    /// name) as known, and its repetition (the current one is checked against the hash).
    pub fn check(&self, context: &[&str]) -> FieldErrors {
        let mut errors = FieldErrors::new();
        if let Err(invalid) = check_password(&self.new, context) {
            errors.take::<()>("new", Err(invalid));
        } else if self.new != self.repeat {
            errors.add("repeat", "password-mismatch");
        }
        errors
    }
}
