//! A spreadsheet roster as it waits between its upload and its import (stored by
//! `db::roster_uploads`, taken through its steps by `app::roster_upload`), and the seal its table is
//! kept under.

use std::fmt;

use hmac::{Hmac, Mac};
use sha2::Sha256;

use super::headers::{Kind, Mapping};
use super::table::Table;
use crate::domain::ids::{RosterUploadId, SchoolId};
use crate::domain::sealing::Sealer;

/// An upload as the use cases see it.
#[derive(Debug, Clone)]
pub struct Upload {
    /// Its id (in its pages' addresses).
    pub id: RosterUploadId,
    /// The psychologist's school it is bound to; `None` for an administrator's.
    pub school: Option<SchoolId>,
    /// What it lists.
    pub kind: Kind,
    /// The file's name as uploaded, for the pages.
    pub file_name: String,
    /// The table as read.
    pub table: Table,
    /// The columns as confirmed on the mapping page; `None` until then.
    pub mapping: Option<Mapping>,
}

/// The key that seals a staged table in the database (a staff list holds first passwords): derived
/// from the deployment's secret key for this purpose alone, so a copy of the database without the key
/// reads no staged row, and rotating the key only makes pending uploads unreadable (as if expired).
#[derive(Clone)]
pub struct UploadSeal([u8; 32]);

/// What the sealed table is bound to, besides its upload's id.
const TABLE_LABEL: &[u8] = b"ahual roster upload table v1";

impl UploadSeal {
    /// The seal of a deployment whose secret key is `deployment_key`.
    pub fn derived_from(deployment_key: &[u8]) -> UploadSeal {
        let Ok(mut mac) = <Hmac<Sha256> as Mac>::new_from_slice(deployment_key) else {
            unreachable!("HMAC takes keys of any length")
        };
        mac.update(b"ahual roster upload key v1");
        UploadSeal(mac.finalize().into_bytes().into())
    }

    /// `table` sealed for the upload `id`, as hex text; `None` only if encryption failed.
    pub fn seal(&self, id: RosterUploadId, table: &Table) -> Option<String> {
        let json = serde_json::to_vec(table).ok()?;
        Sealer::derived(&self.0, TABLE_LABEL)?.seal(id.to_string().as_bytes(), &json).map(hex::encode)
    }

    /// The table sealed for `id`; `None` under another key, for another upload, or altered.
    pub fn open(&self, id: RosterUploadId, sealed: &str) -> Option<Table> {
        let bytes = hex::decode(sealed).ok()?;
        let json = Sealer::derived(&self.0, TABLE_LABEL)?.open(id.to_string().as_bytes(), &bytes)?;
        serde_json::from_slice(&json).ok()
    }
}

/// Never prints the key.
impl fmt::Debug for UploadSeal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("UploadSeal(..)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::roster::table::Row;

    #[test]
    fn a_table_opens_only_for_its_upload_under_its_key() {
        let table =
            Table { headers: vec!["Login".into()], rows: vec![Row { number: 2, cells: vec!["secret pw".into()] }] };
        let seal = UploadSeal::derived_from(&[7u8; 64]);
        let id = RosterUploadId::random();
        let sealed = seal.seal(id, &table).unwrap();
        assert!(!sealed.contains("secret") && !sealed.contains(&hex::encode("secret pw")), "nothing readable");
        assert_eq!(seal.open(id, &sealed), Some(table));
        assert_eq!(seal.open(RosterUploadId::random(), &sealed), None, "another upload's");
        assert_eq!(UploadSeal::derived_from(&[8u8; 64]).open(id, &sealed), None, "another key");
        assert_eq!(seal.open(id, "00ff"), None);
        assert_eq!(seal.open(id, "not hex"), None);
    }
}
