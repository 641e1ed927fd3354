//! Spreadsheet rosters waiting between their steps (see the migration `roster_uploads`): stored whole
//! as read, the table sealed (`domain::roster::staged::UploadSeal`), found again only by the account
//! that uploaded them and only until they expire, and deleted by the import or by the sweep. A table
//! that no longer opens (the deployment key changed) is as if expired; a kind or mapping that no
//! longer reads back is a corrupt row, never a panic.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::DbConnection;
use super::error::{DbError, DbResult};
use super::schema::roster_uploads;
use crate::domain::ids::{RosterUploadId, SchoolId, UserId};
use crate::domain::roster::headers::{Kind, Mapping};
use crate::domain::roster::problem::Field;
use crate::domain::roster::staged::{Upload, UploadSeal};

#[derive(Insertable, Queryable, Selectable)]
#[diesel(table_name = roster_uploads)]
struct UploadRow {
    id: RosterUploadId,
    owner_id: UserId,
    school_id: Option<SchoolId>,
    kind: String,
    file_name: String,
    table_sealed: String,
    mapping_json: Option<String>,
    created_at: NaiveDateTime,
    expires_at: NaiveDateTime,
}

fn mapping_json(mapping: &Mapping) -> String {
    let keys: Vec<Option<&str>> = mapping.0.iter().map(|f| f.map(Field::key)).collect();
    serde_json::to_string(&keys).unwrap_or_else(|_| "[]".to_owned())
}

fn read_mapping(text: &str) -> Option<Mapping> {
    let keys: Vec<Option<String>> = serde_json::from_str(text).ok()?;
    keys.iter()
        .map(|k| k.as_deref().map(Field::parse).map_or(Some(None), |f| f.map(Some)))
        .collect::<Option<_>>()
        .map(Mapping)
}

impl UploadRow {
    /// The upload, or `None` when its table does not open under `seal`.
    fn into_upload(self, seal: &UploadSeal) -> DbResult<Option<Upload>> {
        let corrupt = |what: &str| DbError::Corrupt(format!("roster upload {}: bad {what}", self.id));
        let mapping = match &self.mapping_json {
            Some(text) => Some(read_mapping(text).ok_or_else(|| corrupt("mapping"))?),
            None => None,
        };
        let kind = Kind::parse(&self.kind).ok_or_else(|| corrupt("kind"))?;
        let Some(table) = seal.open(self.id, &self.table_sealed) else { return Ok(None) };
        Ok(Some(Upload { id: self.id, school: self.school_id, kind, table, file_name: self.file_name, mapping }))
    }
}

/// Stores a new upload of `owner`, its table sealed under `seal`, expiring at `expires_at`.
pub fn insert(
    conn: &mut DbConnection,
    seal: &UploadSeal,
    owner: UserId,
    upload: &Upload,
    times: (NaiveDateTime, NaiveDateTime),
) -> DbResult<()> {
    let (now, expires_at) = times;
    let table_sealed =
        seal.seal(upload.id, &upload.table).ok_or_else(|| DbError::Corrupt("sealing a roster upload".into()))?;
    let row = UploadRow {
        id: upload.id,
        owner_id: owner,
        school_id: upload.school,
        kind: upload.kind.key().to_owned(),
        file_name: upload.file_name.clone(),
        table_sealed,
        mapping_json: upload.mapping.as_ref().map(mapping_json),
        created_at: now,
        expires_at,
    };
    diesel::insert_into(roster_uploads::table).values(&row).execute(conn)?;
    Ok(())
}

/// The upload `id` of `owner` that has not expired at `now` and opens under `seal`.
pub fn find(
    conn: &mut DbConnection,
    seal: &UploadSeal,
    id: RosterUploadId,
    owner: UserId,
    now: NaiveDateTime,
) -> DbResult<Option<Upload>> {
    roster_uploads::table
        .filter(roster_uploads::id.eq(id))
        .filter(roster_uploads::owner_id.eq(owner))
        .filter(roster_uploads::expires_at.gt(now))
        .select(UploadRow::as_select())
        .first(conn)
        .optional()?
        .map_or(Ok(None), |row| row.into_upload(seal))
}

/// Records the columns confirmed for the upload `id` of `owner`.
pub fn set_mapping(conn: &mut DbConnection, id: RosterUploadId, owner: UserId, mapping: &Mapping) -> DbResult<()> {
    diesel::update(roster_uploads::table.filter(roster_uploads::id.eq(id)).filter(roster_uploads::owner_id.eq(owner)))
        .set(roster_uploads::mapping_json.eq(Some(mapping_json(mapping))))
        .execute(conn)?;
    Ok(())
}

/// Deletes the upload `id` of `owner`: true if it was there.
pub fn delete(conn: &mut DbConnection, id: RosterUploadId, owner: UserId) -> DbResult<bool> {
    let filter = roster_uploads::table.filter(roster_uploads::id.eq(id)).filter(roster_uploads::owner_id.eq(owner));
    Ok(diesel::delete(filter).execute(conn)? == 1)
}

/// Deletes every upload expired at `now`; how many.
pub fn forget_expired(conn: &mut DbConnection, now: NaiveDateTime) -> DbResult<usize> {
    Ok(diesel::delete(roster_uploads::table.filter(roster_uploads::expires_at.le(now))).execute(conn)?)
}
