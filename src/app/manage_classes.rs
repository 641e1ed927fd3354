//! A psychologist keeps the list of their school's classes: label, grade and roll. A class of another
//! school is not found; a label already used in the school is refused with its own answer.

use super::error::refuse_duplicate;
use crate::db::{DbConnection, DbResult, classes};
use crate::domain::ids::{ClassId, SchoolId};
use crate::domain::school::{ClassFields, SchoolClass};

/// The label is already used by another class of the school.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LabelTaken;

/// The classes of `school`.
pub fn classes_of(conn: &mut DbConnection, school: SchoolId) -> DbResult<Vec<SchoolClass>> {
    classes::list(conn, school)
}

/// The class `id` of `school`; a class of another school is not found.
pub fn class_of(conn: &mut DbConnection, school: SchoolId, id: ClassId) -> DbResult<SchoolClass> {
    classes::get(conn, school, id)
}

/// Adds a class to `school`.
pub fn add_class(
    conn: &mut DbConnection,
    school: SchoolId,
    fields: &ClassFields,
) -> DbResult<Result<ClassId, LabelTaken>> {
    refuse_duplicate(classes::create(conn, school, fields), LabelTaken)
}

/// Changes the class `id` of `school`.
pub fn edit_class(
    conn: &mut DbConnection,
    school: SchoolId,
    id: ClassId,
    fields: &ClassFields,
) -> DbResult<Result<(), LabelTaken>> {
    refuse_duplicate(classes::update(conn, school, id, fields), LabelTaken)
}
