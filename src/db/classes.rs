//! Classes of a school. Every query takes the school id, so a class outside the caller's school is
//! simply not found.

use diesel::prelude::*;

use super::DbConnection;
use super::error::{DbError, DbResult};
use super::schema::classes;
use crate::domain::ids::{ClassId, SchoolId};
use crate::domain::organisation::{ClassLabel, Grade, Roll};
use crate::domain::school::ClassFields;
use crate::domain::school::SchoolClass;

#[derive(Queryable, Selectable)]
#[diesel(table_name = classes)]
struct ClassRow {
    id: ClassId,
    school_id: SchoolId,
    label: String,
    grade: i32,
    roll: i32,
}

impl ClassRow {
    fn into_class(self) -> DbResult<SchoolClass> {
        let corrupt = |what: &str| DbError::Corrupt(format!("class {}: bad {what}", self.id));
        Ok(SchoolClass {
            id: self.id,
            school_id: self.school_id,
            label: ClassLabel::parse(&self.label).map_err(|_| corrupt("label"))?,
            grade: Grade::new(self.grade.into()).map_err(|_| corrupt("grade"))?,
            roll: Roll::new(self.roll.into()).map_err(|_| corrupt("roll"))?,
        })
    }
}

/// The classes of a school, ordered by grade then label.
pub fn list(conn: &mut DbConnection, school: SchoolId) -> DbResult<Vec<SchoolClass>> {
    let rows = classes::table
        .filter(classes::school_id.eq(school))
        .order((classes::grade, classes::label))
        .select(ClassRow::as_select())
        .load(conn)?;
    rows.into_iter().map(ClassRow::into_class).collect()
}

/// One class, only if it belongs to `school`.
pub fn get(conn: &mut DbConnection, school: SchoolId, id: ClassId) -> DbResult<SchoolClass> {
    classes::table
        .find(id)
        .filter(classes::school_id.eq(school))
        .select(ClassRow::as_select())
        .first(conn)?
        .into_class()
}

/// Adds a class to a school; a label already used there is `Duplicate`.
pub fn create(conn: &mut DbConnection, school: SchoolId, fields: &ClassFields) -> DbResult<ClassId> {
    let id = ClassId::random();
    diesel::insert_into(classes::table)
        .values((
            classes::id.eq(id),
            classes::school_id.eq(school),
            classes::label.eq(fields.label.as_str()),
            classes::grade.eq(i32::from(fields.grade.get())),
            classes::roll.eq(i32::from(fields.roll.get())),
        ))
        .execute(conn)?;
    Ok(id)
}

/// Changes a class of `school`; a class of another school is `NotFound`.
pub fn update(conn: &mut DbConnection, school: SchoolId, id: ClassId, fields: &ClassFields) -> DbResult<()> {
    let changed = diesel::update(classes::table.find(id).filter(classes::school_id.eq(school)))
        .set((
            classes::label.eq(fields.label.as_str()),
            classes::grade.eq(i32::from(fields.grade.get())),
            classes::roll.eq(i32::from(fields.roll.get())),
        ))
        .execute(conn)?;
    if changed == 1 { Ok(()) } else { Err(DbError::NotFound) }
}

/// Finds a class of `school` by label, for imports.
pub fn find_by_label(conn: &mut DbConnection, school: SchoolId, label: &ClassLabel) -> DbResult<Option<ClassId>> {
    Ok(classes::table
        .filter(classes::school_id.eq(school))
        .filter(classes::label.eq(label.as_str()))
        .select(classes::id)
        .first(conn)
        .optional()?)
}
