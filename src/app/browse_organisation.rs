//! Staff look at the organisation they work in: a psychologist their school, its centre and its
//! classes; centre staff their region's schools and one school of it. Reads only, each within the
//! caller's scope (a school of another region is not found), and nothing here is a figure.

use crate::db::schools::{self, SchoolFilter};
use crate::db::{DbConnection, DbResult, classes, regions};
use crate::domain::ids::SchoolId;
use crate::domain::region::RegionCode;
use crate::domain::school::{Region, School, SchoolClass, SchoolSummary};

/// A psychologist's school, its region (with its centre) and its classes.
pub fn school_home(conn: &mut DbConnection, school: SchoolId) -> DbResult<(School, Region, Vec<SchoolClass>)> {
    let found = schools::get(conn, school, SchoolFilter::All)?;
    let region = regions::get(conn, &found.region)?;
    Ok((found, region, classes::list(conn, school)?))
}

/// A centre's region and the region's schools.
pub fn centre_home(conn: &mut DbConnection, region: &RegionCode) -> DbResult<(Region, Vec<SchoolSummary>)> {
    Ok((regions::get(conn, region)?, schools::list(conn, SchoolFilter::Region(region))?))
}

/// The schools of `region`, ordered by code (for a centre's lists and filters).
pub fn schools_of(conn: &mut DbConnection, region: &RegionCode) -> DbResult<Vec<SchoolSummary>> {
    schools::list(conn, SchoolFilter::Region(region))
}

/// A school of `region` with its classes; a school of another region is not found.
pub fn centre_school(
    conn: &mut DbConnection,
    region: &RegionCode,
    school: SchoolId,
) -> DbResult<(School, Vec<SchoolClass>)> {
    Ok((schools::get(conn, school, SchoolFilter::Region(region))?, classes::list(conn, school)?))
}
