//! A table of one kind, with its column mapping, checked row by row into a [`Roster`] through the
//! same per-row checks as the TOML file (`rows.rs`). Every problem is kept with its spreadsheet row
//! and column, so the preview names each bad cell; nothing comes out unless every row is valid.

use std::collections::HashSet;

use super::headers::{Kind, Mapping};
use super::problem::{Field, Problem};
use super::rows::{ClassRow, RowChecker, SchoolRow, UserRow, all_duplicates};
use super::table::{Row, Table, column_letter};
use super::{Roster, SchoolCode, strip};

/// Whose roster a table may change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportScope {
    /// An administrator: every kind, every school.
    Deployment,
    /// A psychologist: classes of this school only; the school column may be left out.
    School(SchoolCode),
}

impl ImportScope {
    /// Whether this scope may import tables of `kind`: a psychologist only their classes.
    pub fn allows(&self, kind: Kind) -> bool {
        matches!(self, ImportScope::Deployment) || kind == Kind::Classes
    }

    /// Whether a class list may leave out the school column.
    pub fn own_school(&self) -> bool {
        matches!(self, ImportScope::School(_))
    }
}

/// One bad cell (or row): where, and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CellError {
    /// The spreadsheet's row number (the header is row 1).
    pub row: usize,
    /// The column (0-based), when the problem is one cell's.
    pub column: Option<usize>,
    /// What is wrong.
    pub problem: Problem,
}

impl CellError {
    /// The column's letter (`C`), if the problem is one cell's.
    pub fn letter(&self) -> Option<String> {
        self.column.map(column_letter)
    }
}

/// Checks every row of `table` as `kind`, with `mapping` (which must have no problems; see
/// [`Mapping::problems`]). `known` are the stored school codes.
pub fn check_table(
    kind: Kind,
    table: &Table,
    mapping: &Mapping,
    scope: &ImportScope,
    known: &HashSet<String>,
) -> Result<Roster, Vec<CellError>> {
    let mut checker = RowChecker::new(known);
    let mut errors = Vec::new();
    let (mut schools, mut classes, mut users) = (Vec::new(), Vec::new(), Vec::new());
    for row in &table.rows {
        let cell = |field: Field| mapping.column(field).and_then(|c| row.cells.get(c)).cloned().unwrap_or_default();
        let optional = |field: Field| Some(cell(field)).filter(|c| !c.is_empty());
        let outcome = match kind {
            Kind::Schools => {
                let text = SchoolRow {
                    code: cell(Field::Code),
                    region: cell(Field::Region),
                    name: [cell(Field::NameKk), cell(Field::NameRu), cell(Field::NameEn)],
                };
                checker.school(&text).map(|e| schools.push((row.number, e)))
            }
            Kind::Classes => {
                let school = match own_school(scope, &cell(Field::School)) {
                    Ok(code) => code,
                    Err(problem) => {
                        errors.push(place(row, mapping, problem));
                        continue;
                    }
                };
                let text =
                    ClassRow { school, label: cell(Field::Label), grade: cell(Field::Grade), roll: cell(Field::Roll) };
                checker.class(&text).map(|e| classes.push((row.number, e)))
            }
            Kind::Staff => {
                let text = UserRow {
                    login: cell(Field::Login),
                    role: cell(Field::Role),
                    school: optional(Field::School),
                    region: optional(Field::Region),
                    password: cell(Field::Password),
                    display_name: cell(Field::DisplayName),
                    email: optional(Field::Email),
                };
                checker.user(&text).map(|e| users.push((row.number, e)))
            }
        };
        if let Err(problems) = outcome {
            errors.extend(problems.into_iter().map(|p| place(row, mapping, p)));
        }
    }
    for (number, problem) in all_duplicates(&schools, &classes, &users) {
        let column = problem.field.and_then(|f| mapping.column(f));
        errors.push(CellError { row: number, column, problem });
    }
    if !errors.is_empty() {
        errors.sort_by_key(|e| (e.row, e.column));
        return Err(errors);
    }
    Ok(Roster { schools: strip(schools), classes: strip(classes), users: strip(users) })
}

/// The school a psychologist's class row names: theirs when the cell is empty, refused when it names
/// another. An administrator's row names whatever it names.
fn own_school(scope: &ImportScope, cell: &str) -> Result<String, Problem> {
    match scope {
        ImportScope::Deployment => Ok(cell.to_owned()),
        ImportScope::School(own) if cell.trim().is_empty() => Ok(own.to_string()),
        ImportScope::School(own) => match SchoolCode::parse(cell) {
            Ok(code) if code == *own => Ok(own.to_string()),
            _ => Err(Problem::at(Field::School, "roster-other-school", cell)),
        },
    }
}

fn place(row: &Row, mapping: &Mapping, problem: Problem) -> CellError {
    let column = problem.field.and_then(|f| mapping.column(f));
    CellError { row: row.number, column, problem }
}
