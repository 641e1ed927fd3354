//! Rosters: schools, classes and staff, from the TOML file that `ahual import` reads or from the
//! spreadsheets people keep (CSV or XLSX, one kind per table: `table`, `headers`, `sheet`). Either
//! source is checked whole, row by row through the same checks (`rows`), before anything is written,
//! and every bad row is reported with its line (or row and column), so an administrator fixes the file
//! once instead of one error per run. See `docs/rosters.md`.

use std::collections::HashSet;
use std::fmt;

use check::{RawClass, RawFile, RawSchool, RawUser, line_of, toml_rows};
use rows::{RowChecker, all_duplicates};

use super::organisation::{ClassLabel, Email, Grade, Login, Roll, SchoolCode};
use super::region::RegionCode;

/// One problem in a roster file, at a line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RosterError {
    /// 1-based line of the row (or of the syntax error).
    pub line: usize,
    /// What is wrong, in English (the importer is an operator's tool).
    pub message: String,
}

impl fmt::Display for RosterError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

/// A school to create or update, matched by code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SchoolEntry {
    /// The matching key.
    pub code: SchoolCode,
    /// Its region.
    pub region: RegionCode,
    /// Names in kk, ru, en.
    pub name: [String; 3],
}

/// A class to create or update, matched by school code and label.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClassEntry {
    /// The school, in this file or already stored.
    pub school: SchoolCode,
    /// The matching key within the school.
    pub label: ClassLabel,
    /// Grade 5-11.
    pub grade: Grade,
    /// Number of pupils.
    pub roll: Roll,
}

/// Where a user entry belongs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EntryScope {
    /// An administrator.
    Admin,
    /// Centre staff of a region.
    CentreStaff(RegionCode),
    /// Psychologist of a school (by code).
    Psychologist(SchoolCode),
    /// A national reader.
    National,
}

/// A staff account to create or update, matched by login. The password is set only on creation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserEntry {
    /// The matching key.
    pub login: Login,
    /// Role and scope.
    pub scope: EntryScope,
    /// Initial password (checked against the rule; used only when the account is new).
    pub password: String,
    /// Shown name.
    pub display_name: String,
    /// Optional contact address.
    pub email: Option<Email>,
}

/// A roster that passed every check; only this can be written.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Roster {
    /// Schools in file order.
    pub schools: Vec<SchoolEntry>,
    /// Classes in file order.
    pub classes: Vec<ClassEntry>,
    /// Users in file order.
    pub users: Vec<UserEntry>,
}

/// Parses and checks a roster. `known_school_codes` are the schools already stored, which classes and
/// psychologists may name without repeating them in the file.
pub fn parse_roster(source: &str, known_school_codes: &HashSet<String>) -> Result<Roster, Vec<RosterError>> {
    let raw: RawFile = toml::from_str(source).map_err(|e| {
        let line = e.span().map(|s| line_of(source, s.start)).unwrap_or(1);
        vec![RosterError { line, message: e.message().to_owned() }]
    })?;
    let mut checker = RowChecker::new(known_school_codes);
    let mut errors = Vec::new();
    let schools = toml_rows::<RawSchool, _, _>(source, &raw.school, &mut checker, &mut errors, RowChecker::school);
    let classes = toml_rows::<RawClass, _, _>(source, &raw.class, &mut checker, &mut errors, RowChecker::class);
    let users = toml_rows::<RawUser, _, _>(source, &raw.user, &mut checker, &mut errors, RowChecker::user);
    for (line, problem) in all_duplicates(&schools, &classes, &users) {
        errors.push(RosterError { line, message: problem.english() });
    }
    if errors.is_empty() {
        Ok(Roster { schools: strip(schools), classes: strip(classes), users: strip(users) })
    } else {
        errors.sort_by_key(|e| e.line);
        Err(errors)
    }
}

fn strip<T>(rows: Vec<(usize, T)>) -> Vec<T> {
    rows.into_iter().map(|(_, row)| row).collect()
}

mod check;
pub mod headers;
pub mod problem;
pub mod rows;
pub mod sheet;
#[cfg(test)]
mod sheet_tests;
pub mod staged;
pub mod table;
pub mod template;
#[cfg(test)]
mod tests;
