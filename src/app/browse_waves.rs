//! Staff list the waves they may see: a psychologist their school's, centre staff their region's (each
//! with its school), the API the caller's. Waves only, with their dates and status: a wave's figures
//! are [`super::wave_figures`]'s.

use std::collections::BTreeMap;

use super::wave_figures::FigureScope;
use crate::db::schools::{self, SchoolFilter};
use crate::db::{DbConnection, DbResult, waves};
use crate::domain::ids::{SchoolId, WaveId};
use crate::domain::region::RegionCode;
use crate::domain::school::School;
use crate::domain::survey::wave_record::{Wave, WaveClass};

/// The waves of `school`, newest first.
pub fn of_school(conn: &mut DbConnection, school: SchoolId) -> DbResult<Vec<Wave>> {
    waves::list_for_school(conn, school)
}

/// The wave `id` of `school` with its classes; a wave of another school is not found.
pub fn wave_of_school(conn: &mut DbConnection, school: SchoolId, id: WaveId) -> DbResult<(Wave, Vec<WaveClass>)> {
    Ok((waves::get(conn, id, Some(school))?, waves::classes_of(conn, id)?))
}

/// The waves of `region`, each with its school.
pub fn of_region(conn: &mut DbConnection, region: &RegionCode) -> DbResult<Vec<(Wave, School)>> {
    let found = waves::list_for_region(conn, region)?;
    let schools: BTreeMap<SchoolId, School> =
        schools::list(conn, SchoolFilter::Region(region))?.into_iter().map(|s| (s.school.id, s.school)).collect();
    Ok(found.into_iter().filter_map(|wave| Some((wave.clone(), schools.get(&wave.school_id)?.clone()))).collect())
}

/// The waves in `scope`, each with its school: a school's or a region's.
pub fn in_scope(conn: &mut DbConnection, scope: &FigureScope) -> DbResult<Vec<(Wave, School)>> {
    match scope {
        FigureScope::School(school) => {
            let found = schools::get(conn, *school, SchoolFilter::All)?;
            Ok(of_school(conn, *school)?.into_iter().map(|wave| (wave, found.clone())).collect())
        }
        FigureScope::Region(region) => of_region(conn, region),
    }
}
