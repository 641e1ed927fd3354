//! Schools: listing by scope, lookup within a scope, creation and renaming.

use std::collections::{BTreeMap, BTreeSet};

use chrono::Utc;
use diesel::prelude::*;

use super::DbConnection;
use super::error::{DbError, DbResult};
use super::schema::{classes, schools};
use crate::domain::ids::SchoolId;
use crate::domain::lang::Localized;
use crate::domain::organisation::SchoolCode;
use crate::domain::region::RegionCode;
use crate::domain::school::School;
use crate::domain::school::{SchoolFields, SchoolSummary};

#[derive(Queryable, Selectable)]
#[diesel(table_name = schools)]
struct SchoolRow {
    id: SchoolId,
    code: String,
    region_code: String,
    name_kk: String,
    name_ru: String,
    name_en: String,
}

impl SchoolRow {
    fn into_school(self) -> DbResult<School> {
        let corrupt = |what: &str| DbError::Corrupt(format!("school {}: bad {what}", self.id));
        Ok(School {
            id: self.id,
            code: SchoolCode::parse(&self.code).map_err(|_| corrupt("code"))?,
            region: RegionCode::parse(&self.region_code).ok_or_else(|| corrupt("region"))?,
            name: Localized { kk: self.name_kk, ru: self.name_ru, en: self.name_en },
        })
    }
}

/// Which schools a query may return: the whole deployment or one region.
#[derive(Debug, Clone)]
pub enum SchoolFilter<'a> {
    /// Every school (administrators).
    All,
    /// The schools of one region (centre staff).
    Region(&'a RegionCode),
}

/// Schools in scope, ordered by code, with class counts.
pub fn list(conn: &mut DbConnection, filter: SchoolFilter<'_>) -> DbResult<Vec<SchoolSummary>> {
    let mut query = schools::table.select(SchoolRow::as_select()).order(schools::code).into_boxed();
    if let SchoolFilter::Region(region) = filter {
        query = query.filter(schools::region_code.eq(region.as_str().to_owned()));
    }
    let rows = query.load(conn)?;
    // Counted only over the schools in scope: a region's list once counted every class of the country
    // (37 ms of a 72 ms region overview on national data).
    let mut counts = classes::table
        .inner_join(schools::table)
        .group_by(classes::school_id)
        .select((classes::school_id, diesel::dsl::count_star()))
        .into_boxed();
    if let SchoolFilter::Region(region) = filter {
        counts = counts.filter(schools::region_code.eq(region.as_str().to_owned()));
    }
    let counts: Vec<(SchoolId, i64)> = counts.load(conn)?;
    let counts: std::collections::HashMap<SchoolId, i64> = counts.into_iter().collect();
    rows.into_iter()
        .map(|row| {
            let class_count = counts.get(&row.id).copied().unwrap_or(0);
            Ok(SchoolSummary { school: row.into_school()?, class_count })
        })
        .collect()
}

/// One school by id, only if it lies in the filter's scope (otherwise `NotFound`, never "forbidden",
/// so ids of other regions' schools cannot be probed).
pub fn get(conn: &mut DbConnection, id: SchoolId, filter: SchoolFilter<'_>) -> DbResult<School> {
    let mut query = schools::table.find(id).select(SchoolRow::as_select()).into_boxed();
    if let SchoolFilter::Region(region) = filter {
        query = query.filter(schools::region_code.eq(region.as_str().to_owned()));
    }
    query.first(conn)?.into_school()
}

/// The schools with `ids`, whatever their region, in one query per chunk of ids (a flag run needs the
/// names of every school it refers, and one lookup each would cost a round trip each). An id that
/// matches no school is `NotFound`, as with [`get`].
pub fn get_many(conn: &mut DbConnection, ids: &BTreeSet<SchoolId>) -> DbResult<BTreeMap<SchoolId, School>> {
    let ids: Vec<SchoolId> = ids.iter().copied().collect();
    let mut found = BTreeMap::new();
    for chunk in ids.chunks(super::region_counts::CHUNK) {
        let rows: Vec<SchoolRow> =
            schools::table.filter(schools::id.eq_any(chunk)).select(SchoolRow::as_select()).load(conn)?;
        for row in rows {
            let school = row.into_school()?;
            found.insert(school.id, school);
        }
    }
    if found.len() == ids.len() { Ok(found) } else { Err(DbError::NotFound) }
}

/// One school by its code.
pub fn find_by_code(conn: &mut DbConnection, code: &SchoolCode) -> DbResult<School> {
    schools::table.filter(schools::code.eq(code.as_str())).select(SchoolRow::as_select()).first(conn)?.into_school()
}

/// Every stored school code, for roster checks.
pub fn all_codes(conn: &mut DbConnection) -> DbResult<Vec<String>> {
    Ok(schools::table.select(schools::code).load(conn)?)
}

/// Creates a school; a taken code is `Duplicate`.
pub fn create(conn: &mut DbConnection, fields: &SchoolFields) -> DbResult<SchoolId> {
    let id = SchoolId::random();
    diesel::insert_into(schools::table)
        .values((
            schools::id.eq(id),
            schools::code.eq(fields.code.as_str()),
            schools::region_code.eq(fields.region.as_str()),
            schools::name_kk.eq(&fields.name.kk),
            schools::name_ru.eq(&fields.name.ru),
            schools::name_en.eq(&fields.name.en),
            schools::created_at.eq(Utc::now().naive_utc()),
        ))
        .execute(conn)?;
    Ok(id)
}

/// Changes a school's code, region or names.
pub fn update(conn: &mut DbConnection, id: SchoolId, fields: &SchoolFields) -> DbResult<()> {
    let changed = diesel::update(schools::table.find(id))
        .set((
            schools::code.eq(fields.code.as_str()),
            schools::region_code.eq(fields.region.as_str()),
            schools::name_kk.eq(&fields.name.kk),
            schools::name_ru.eq(&fields.name.ru),
            schools::name_en.eq(&fields.name.en),
        ))
        .execute(conn)?;
    if changed == 1 { Ok(()) } else { Err(DbError::NotFound) }
}
