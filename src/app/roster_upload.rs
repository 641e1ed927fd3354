//! A spreadsheet roster between its upload and its import: stored for its uploader (see
//! `db::roster_uploads`), then, each time one of its pages is opened, taken to the step it is at: the
//! columns to confirm, the bad cells to show, or the rows ready to import with what each would do.
//! Nothing here writes to the roster itself; `import_upload` does, after the same checks again.

use std::collections::{HashMap, HashSet};

use chrono::{Duration, NaiveDateTime};

use crate::db::roster_uploads;
use crate::db::schools::{self, SchoolFilter};
use crate::db::{DbConnection, DbError, DbResult, classes, users};
use crate::domain::ids::{RosterUploadId, SchoolId, UserId};
use crate::domain::roster::Roster;
use crate::domain::roster::headers::{Kind, Mapping, MappingProblem};
use crate::domain::roster::problem::Field;
use crate::domain::roster::sheet::{CellError, ImportScope, check_table};
use crate::domain::roster::staged::{Upload, UploadSeal};
use crate::domain::roster::table::Table;

/// How long an upload waits for its next step: long enough to fix a mapping and read a preview, short
/// enough that staged rows (and a staff list's first passwords) do not linger.
pub const UPLOAD_KEPT: Duration = Duration::hours(1);

/// Who imports: an administrator (anything) or a psychologist (their school's classes).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Importer {
    /// An administrator's account.
    Admin(UserId),
    /// A psychologist's account and school.
    Psychologist {
        /// The account.
        user: UserId,
        /// Their school.
        school: SchoolId,
    },
}

impl Importer {
    /// The account that owns its uploads.
    pub fn user(self) -> UserId {
        match self {
            Importer::Admin(user) | Importer::Psychologist { user, .. } => user,
        }
    }

    /// The school its uploads are bound to.
    pub fn school(self) -> Option<SchoolId> {
        match self {
            Importer::Admin(_) => None,
            Importer::Psychologist { school, .. } => Some(school),
        }
    }

    /// Whether it may import tables of `kind`.
    pub fn allows(self, kind: Kind) -> bool {
        self.school().is_none() || kind == Kind::Classes
    }
}

/// One row ready to import, as the preview shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedRow {
    /// Its key cells (code, class, login …) and the rest, for the reader to recognise it.
    pub cells: Vec<String>,
    /// Whether it creates (rather than updates) its school, class or account.
    pub is_new: bool,
}

/// Where an upload stands.
#[derive(Debug, Clone)]
pub enum Step {
    /// Its columns need the reader's choice: the suggestion and what is still wrong with it.
    Mapping(Upload, Mapping, Vec<MappingProblem>),
    /// Some rows are wrong: every bad cell.
    Invalid(Upload, Vec<CellError>),
    /// Every row is valid: what importing would do, row by row.
    Ready(Upload, Vec<PlannedRow>),
}

/// Stores a table read from a file for `importer`; `None` if its kind is not theirs to import.
pub fn stage(
    conn: &mut DbConnection,
    seal: &UploadSeal,
    importer: Importer,
    kind: Kind,
    file_name: &str,
    table: Table,
    now: NaiveDateTime,
) -> DbResult<Option<RosterUploadId>> {
    if !importer.allows(kind) {
        return Ok(None);
    }
    let file_name: String = file_name.rsplit(['/', '\\']).next().unwrap_or_default().chars().take(120).collect();
    let file_name = file_name.chars().filter(|c| !c.is_control()).collect();
    let upload =
        Upload { id: RosterUploadId::random(), school: importer.school(), kind, file_name, table, mapping: None };
    roster_uploads::insert(conn, seal, importer.user(), &upload, (now, now + UPLOAD_KEPT))?;
    Ok(Some(upload.id))
}

/// The upload `id` if it is `importer`'s own and has not expired.
pub fn find(
    conn: &mut DbConnection,
    seal: &UploadSeal,
    importer: Importer,
    id: RosterUploadId,
    now: NaiveDateTime,
) -> DbResult<Option<Upload>> {
    let upload = roster_uploads::find(conn, seal, id, importer.user(), now)?;
    Ok(upload.filter(|u| u.school == importer.school() && importer.allows(u.kind)))
}

/// What `importer`'s rows may name and be held to.
pub fn scope_of(conn: &mut DbConnection, importer: Importer) -> DbResult<ImportScope> {
    match importer.school() {
        None => Ok(ImportScope::Deployment),
        Some(school) => Ok(ImportScope::School(schools::get(conn, school, SchoolFilter::All)?.code)),
    }
}

/// The rows of `upload` checked, with the mapping to use, or the reason it cannot be checked yet.
pub fn check(conn: &mut DbConnection, importer: Importer, upload: Upload) -> DbResult<Result<(Upload, Roster), Step>> {
    let scope = scope_of(conn, importer)?;
    let own = scope.own_school();
    let mapping = match &upload.mapping {
        Some(chosen) => chosen.clone(),
        None => match Mapping::suggest(upload.kind, &upload.table.headers, own) {
            (suggested, true) => {
                let problems = suggested.problems(upload.kind, own);
                return Ok(Err(Step::Mapping(upload, suggested, problems)));
            }
            (suggested, false) => suggested,
        },
    };
    let problems = mapping.problems(upload.kind, own);
    if !problems.is_empty() {
        return Ok(Err(Step::Mapping(upload, mapping, problems)));
    }
    let known: HashSet<String> = schools::all_codes(conn)?.into_iter().collect();
    match check_table(upload.kind, &upload.table, &mapping, &scope, &known) {
        Ok(roster) => Ok(Ok((upload, roster))),
        Err(errors) => Ok(Err(Step::Invalid(upload, errors))),
    }
}

/// The step the upload `id` is at; `None` if it is not `importer`'s or has expired.
pub fn step(
    conn: &mut DbConnection,
    seal: &UploadSeal,
    importer: Importer,
    id: RosterUploadId,
    now: NaiveDateTime,
) -> DbResult<Option<Step>> {
    let Some(upload) = find(conn, seal, importer, id, now)? else { return Ok(None) };
    Ok(Some(match check(conn, importer, upload)? {
        Err(step) => step,
        Ok((upload, roster)) => Step::Ready(upload, plan(conn, &roster)?),
    }))
}

/// What became of a mapping the reader chose.
#[derive(Debug, Clone)]
pub enum Chosen {
    /// Stored: the preview comes next.
    Saved,
    /// A field is missing or doubled (or not of the upload's kind): the mapping page again.
    Refused(Step),
    /// Not the reader's upload, or expired.
    Gone,
}

/// Records the columns the reader chose (one field or none per column, in order).
pub fn choose_mapping(
    conn: &mut DbConnection,
    seal: &UploadSeal,
    importer: Importer,
    id: RosterUploadId,
    columns: Vec<Option<Field>>,
    now: NaiveDateTime,
) -> DbResult<Chosen> {
    let Some(upload) = find(conn, seal, importer, id, now)? else { return Ok(Chosen::Gone) };
    let kind = upload.kind;
    let mut columns: Vec<Option<Field>> =
        columns.into_iter().map(|f| f.filter(|f| kind.fields().contains(f))).collect();
    columns.resize(upload.table.headers.len(), None);
    let mapping = Mapping(columns);
    let problems = mapping.problems(kind, importer.school().is_some());
    if !problems.is_empty() {
        return Ok(Chosen::Refused(Step::Mapping(upload, mapping, problems)));
    }
    roster_uploads::set_mapping(conn, id, importer.user(), &mapping)?;
    Ok(Chosen::Saved)
}

/// Each entry of `roster` with whether it is new: schools and logins in one query each, classes once
/// per school.
fn plan(conn: &mut DbConnection, roster: &Roster) -> DbResult<Vec<PlannedRow>> {
    let stored: HashSet<String> = schools::all_codes(conn)?.into_iter().collect();
    let mut rows = Vec::new();
    for s in &roster.schools {
        let cells =
            vec![s.code.to_string(), s.region.to_string(), s.name[0].clone(), s.name[1].clone(), s.name[2].clone()];
        rows.push(PlannedRow { cells, is_new: !stored.contains(s.code.as_str()) });
    }
    let mut labels: HashMap<String, HashSet<String>> = HashMap::new();
    for c in &roster.classes {
        if !labels.contains_key(c.school.as_str()) {
            let known = match schools::find_by_code(conn, &c.school) {
                Ok(school) => classes::list(conn, school.id)?.into_iter().map(|k| k.label.to_string()).collect(),
                Err(DbError::NotFound) => HashSet::new(),
                Err(e) => return Err(e),
            };
            labels.insert(c.school.to_string(), known);
        }
        let is_new = !labels.get(c.school.as_str()).is_some_and(|l| l.contains(c.label.as_str()));
        let cells = vec![c.school.to_string(), c.label.to_string(), c.grade.to_string(), c.roll.get().to_string()];
        rows.push(PlannedRow { cells, is_new });
    }
    let logins: HashSet<String> = if roster.users.is_empty() {
        HashSet::new()
    } else {
        users::list(conn)?.into_iter().map(|a| a.login).collect()
    };
    for u in &roster.users {
        let is_new = !logins.contains(u.login.as_str());
        rows.push(PlannedRow { cells: vec![u.login.as_str().to_owned(), u.display_name.clone()], is_new });
    }
    Ok(rows)
}
