//! Imports a spreadsheet roster that passed its preview: checked again (the stored schools may have
//! changed since), the first passwords of new accounts hashed before the write, then written by the
//! TOML import's own `import_roster::apply` in one transaction with a `roster_imported` audit entry,
//! and the upload deleted in that same transaction, so a second import of the same upload finds
//! nothing and importing the same file again only updates.

use std::collections::HashMap;

use chrono::NaiveDateTime;

use super::import_roster::{self, ImportCounts};
use super::roster_upload::{Importer, check, find};
use crate::db::{DbConnection, DbError, DbResult, audit, roster_uploads, users};
use crate::domain::audit::{Actor, AuditAction};
use crate::domain::ids::RosterUploadId;
use crate::domain::password::hash_password;
use crate::domain::roster::staged::UploadSeal;

/// What an import came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Imported {
    /// Written: what changed.
    Done(ImportCounts),
    /// Not the importer's, expired, or already imported.
    Gone,
    /// Its columns or rows are not valid (any more): back to its page.
    NotReady,
}

/// Imports the upload `id` as `importer`.
pub fn import(
    conn: &mut DbConnection,
    seal: &UploadSeal,
    importer: Importer,
    id: RosterUploadId,
    now: NaiveDateTime,
) -> DbResult<Imported> {
    let Some(upload) = find(conn, seal, importer, id, now)? else { return Ok(Imported::Gone) };
    let (upload, roster) = match check(conn, importer, upload)? {
        Ok(checked) => checked,
        Err(_) => return Ok(Imported::NotReady),
    };
    let mut hashes = HashMap::new();
    for user in &roster.users {
        if users::find_id_by_login(conn, user.login.as_str())?.is_none() {
            let hash = hash_password(&user.password).map_err(|e| DbError::Corrupt(format!("hashing: {e}")))?;
            hashes.insert(user.login.as_str().to_owned(), hash);
        }
    }
    let actor = Actor::User(importer.user());
    let written = crate::db::write_transaction(conn, |conn| {
        // Deleted first: of two imports of one upload at once, the second finds it gone and writes nothing.
        if !roster_uploads::delete(conn, id, importer.user())? {
            return Err(DbError::NotFound);
        }
        let counts = import_roster::apply(conn, actor, &roster, &hashes)?;
        audit::append(conn, actor, AuditAction::RosterImported, &subject(importer, upload.kind.key(), &counts))?;
        Ok(counts)
    });
    match written {
        Ok(counts) => Ok(Imported::Done(counts)),
        Err(DbError::NotFound) => Ok(Imported::Gone),
        Err(e) => Err(e),
    }
}

/// `roster:{kind}[:school:{id}]:created:{n}:updated:{m}`: what was imported, where, and how much.
fn subject(importer: Importer, kind: &str, counts: &ImportCounts) -> String {
    let created = counts.schools_created + counts.classes_created + counts.users_created;
    let updated = counts.schools_updated + counts.classes_updated + counts.users_updated;
    let place = importer.school().map(|s| format!(":school:{s}")).unwrap_or_default();
    format!("roster:{kind}{place}:created:{created}:updated:{updated}")
}
