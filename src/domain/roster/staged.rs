//! A spreadsheet roster as it waits between its upload and its import (stored by
//! `db::roster_uploads`, taken through its steps by `app::roster_upload`).

use super::headers::{Kind, Mapping};
use super::table::Table;
use crate::domain::ids::{RosterUploadId, SchoolId};

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
