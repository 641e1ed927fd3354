//! The class form: label, grade and roll size as typed.

use serde::Deserialize;

use super::FieldErrors;
use crate::domain::organisation::{ClassLabel, Grade, Roll};
use crate::domain::school::ClassFields;
use crate::domain::school::SchoolClass;

/// The class form as typed.
#[derive(Deserialize, Default, Clone)]
#[serde(default)]
pub struct ClassForm {
    /// Label such as 7A.
    pub label: String,
    /// Grade 5-11.
    pub grade: String,
    /// Number of pupils.
    pub roll: String,
}

impl ClassForm {
    /// The stored fields, or every problem by field.
    pub fn parse(&self) -> Result<ClassFields, FieldErrors> {
        let mut errors = FieldErrors::new();
        let label = errors.take("label", ClassLabel::parse(&self.label));
        let grade = errors.take("grade", Grade::parse(&self.grade));
        let roll = errors.take("roll", Roll::parse(&self.roll));
        match (label, grade, roll) {
            (Some(label), Some(grade), Some(roll)) => Ok(ClassFields { label, grade, roll }),
            _ => Err(errors),
        }
    }

    /// The form filled from a stored class.
    pub fn from_class(class: &SchoolClass) -> Self {
        ClassForm {
            label: class.label.to_string(),
            grade: class.grade.get().to_string(),
            roll: class.roll.get().to_string(),
        }
    }
}
