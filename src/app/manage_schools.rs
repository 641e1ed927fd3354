//! An administrator keeps the list of schools: code, region and names. Creations and changes are
//! audited with the administrator as actor (the entry names the school's region, which decides the
//! centre that sees it); a code already used by another school is refused with its own answer.

use super::error::refuse_duplicate;
use crate::db::schools::{self, SchoolFilter};
use crate::db::{DbConnection, DbResult, classes, organisation_changes, regions};
use crate::domain::audit::Actor;
use crate::domain::ids::{SchoolId, UserId};
use crate::domain::school::{Region, School, SchoolClass, SchoolFields, SchoolSummary};

/// The code is already used by another school.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CodeTaken;

/// Every school (with its class count) and every region a school may be in.
pub fn schools_and_regions(conn: &mut DbConnection) -> DbResult<(Vec<SchoolSummary>, Vec<Region>)> {
    Ok((schools::list(conn, SchoolFilter::All)?, regions::list(conn)?))
}

/// The school `id` with its classes, and every region it may move to.
pub fn school_and_regions(conn: &mut DbConnection, id: SchoolId) -> DbResult<(School, Vec<SchoolClass>, Vec<Region>)> {
    Ok((schools::get(conn, id, SchoolFilter::All)?, classes::list(conn, id)?, regions::list(conn)?))
}

/// Adds a school as `actor` (`school_created`).
pub fn add_school(
    conn: &mut DbConnection,
    actor: UserId,
    fields: &SchoolFields,
) -> DbResult<Result<SchoolId, CodeTaken>> {
    refuse_duplicate(organisation_changes::create_school(conn, Actor::User(actor), fields), CodeTaken)
}

/// Changes the school `id` as `actor` (`school_changed`, unless nothing changed).
pub fn edit_school(
    conn: &mut DbConnection,
    actor: UserId,
    id: SchoolId,
    fields: &SchoolFields,
) -> DbResult<Result<(), CodeTaken>> {
    refuse_duplicate(organisation_changes::update_school(conn, Actor::User(actor), id, fields), CodeTaken)
}
