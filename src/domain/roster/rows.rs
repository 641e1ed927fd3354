//! The per-row checks every roster source shares: a row's cells as text in, an entry or its problems
//! out. The TOML file (`check.rs`) and the spreadsheets (`sheet.rs`) both end here, so a rule (what a
//! class label is, which role needs which column, which schools a class may name) lives once.

use std::collections::{HashMap, HashSet};

use super::problem::{Field, Problem};
use super::{ClassEntry, EntryScope, SchoolEntry, UserEntry};
use crate::domain::account::Role;
use crate::domain::organisation::{ClassLabel, Email, Grade, Invalid, Login, Roll, SchoolCode, parse_name};
use crate::domain::password::check_password_rule;
use crate::domain::region::RegionCode;

/// A school row as text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SchoolRow {
    /// Its code.
    pub code: String,
    /// Its region's code.
    pub region: String,
    /// Its names in kk, ru, en.
    pub name: [String; 3],
}

/// A class row as text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ClassRow {
    /// The code of its school.
    pub school: String,
    /// Its label.
    pub label: String,
    /// Its grade, as typed.
    pub grade: String,
    /// Its number of pupils, as typed.
    pub roll: String,
}

/// A staff row as text; `None` is a column the source does not have (or an empty cell).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UserRow {
    /// The login.
    pub login: String,
    /// The role's key.
    pub role: String,
    /// The school code (psychologists only).
    pub school: Option<String>,
    /// The region code (centre staff only).
    pub region: Option<String>,
    /// The first password (used only if the account is new).
    pub password: String,
    /// The shown name.
    pub display_name: String,
    /// The contact address.
    pub email: Option<String>,
}

/// The outcome of checking one row.
pub type RowResult<T> = Result<T, Vec<Problem>>;

/// Checks rows against the schools already stored and those earlier rows of the same source created.
pub struct RowChecker<'a> {
    known: &'a HashSet<String>,
    file_schools: HashSet<String>,
}

fn field<T>(parsed: Result<T, Invalid>, at: Field, value: &str, problems: &mut Vec<Problem>) -> Option<T> {
    parsed.map_err(|Invalid(key)| problems.push(Problem::at(at, key, value))).ok()
}

impl<'a> RowChecker<'a> {
    /// A checker for a source whose classes and psychologists may name `known` schools.
    pub fn new(known: &'a HashSet<String>) -> Self {
        RowChecker { known, file_schools: HashSet::new() }
    }

    /// A school row; its code becomes nameable by later rows even if another of its cells is wrong,
    /// so one mistake is reported once.
    pub fn school(&mut self, row: &SchoolRow) -> RowResult<SchoolEntry> {
        let mut problems = Vec::new();
        let code = field(SchoolCode::parse(&row.code), Field::Code, &row.code, &mut problems);
        let region = self.region(Field::Region, &row.region, &mut problems);
        let [kk, ru, en] = &row.name;
        let names = [(Field::NameKk, kk), (Field::NameRu, ru), (Field::NameEn, en)]
            .map(|(at, value)| field(parse_name(value), at, value, &mut problems));
        if let Some(code) = &code {
            self.file_schools.insert(code.to_string());
        }
        match (code, region, names) {
            (Some(code), Some(region), [Some(kk), Some(ru), Some(en)]) if problems.is_empty() => {
                Ok(SchoolEntry { code, region, name: [kk, ru, en] })
            }
            _ => Err(problems),
        }
    }

    fn region(&self, at: Field, text: &str, problems: &mut Vec<Problem>) -> Option<RegionCode> {
        let region = RegionCode::parse(text.trim());
        if region.is_none() {
            problems.push(Problem::at(at, "roster-unknown-region", text));
        }
        region
    }

    /// A school code that a class or a psychologist names: one of this source or one already stored.
    pub fn school_reference(&self, text: &str, problems: &mut Vec<Problem>) -> Option<SchoolCode> {
        let code = field(SchoolCode::parse(text), Field::School, text, problems)?;
        if self.file_schools.contains(code.as_str()) || self.known.contains(code.as_str()) {
            Some(code)
        } else {
            problems.push(Problem::at(Field::School, "roster-unknown-school", code.as_str()));
            None
        }
    }

    /// A class row.
    pub fn class(&mut self, row: &ClassRow) -> RowResult<ClassEntry> {
        let mut problems = Vec::new();
        let school = self.school_reference(&row.school, &mut problems);
        let label = field(ClassLabel::parse(&row.label), Field::Label, &row.label, &mut problems);
        let grade = field(Grade::parse(&row.grade), Field::Grade, &row.grade, &mut problems);
        let roll = field(Roll::parse(&row.roll), Field::Roll, &row.roll, &mut problems);
        match (school, label, grade, roll) {
            (Some(school), Some(label), Some(grade), Some(roll)) => Ok(ClassEntry { school, label, grade, roll }),
            _ => Err(problems),
        }
    }

    /// A staff row.
    pub fn user(&mut self, row: &UserRow) -> RowResult<UserEntry> {
        let mut problems = Vec::new();
        let login = field(Login::parse(&row.login), Field::Login, &row.login, &mut problems);
        let scope = self.user_scope(row, &mut problems);
        if check_password_rule(&row.password).is_err() {
            problems.push(Problem::at(Field::Password, "roster-password-short", ""));
        }
        let display_name = field(parse_name(&row.display_name), Field::DisplayName, &row.display_name, &mut problems);
        let email = match row.email.as_deref().map(str::trim).filter(|e| !e.is_empty()) {
            Some(text) => field(Email::parse(text), Field::Email, text, &mut problems).map(Some),
            None => Some(None),
        };
        match (login, scope, display_name, email) {
            (Some(login), Some(scope), Some(display_name), Some(email)) if problems.is_empty() => {
                Ok(UserEntry { login, scope, password: row.password.clone(), display_name, email })
            }
            _ => Err(problems),
        }
    }

    fn user_scope(&self, row: &UserRow, problems: &mut Vec<Problem>) -> Option<EntryScope> {
        let Some(role) = Role::parse(&row.role) else {
            problems.push(Problem::at(Field::Role, "roster-unknown-role", &row.role));
            return None;
        };
        match (role, present(&row.school), present(&row.region)) {
            (Role::Admin, None, None) => Some(EntryScope::Admin),
            (Role::National, None, None) => Some(EntryScope::National),
            (Role::CentreStaff, None, Some(region)) => {
                self.region(Field::Region, region, problems).map(EntryScope::CentreStaff)
            }
            (Role::Psychologist, Some(school), None) => {
                self.school_reference(school, problems).map(EntryScope::Psychologist)
            }
            (Role::Admin, _, _) => scope_problem(problems, "roster-scope-admin"),
            (Role::National, _, _) => scope_problem(problems, "roster-scope-national"),
            (Role::CentreStaff, _, _) => scope_problem(problems, "roster-scope-centre"),
            (Role::Psychologist, _, _) => scope_problem(problems, "roster-scope-psychologist"),
        }
    }
}

fn present(cell: &Option<String>) -> Option<&str> {
    cell.as_deref().map(str::trim).filter(|c| !c.is_empty())
}

fn scope_problem(problems: &mut Vec<Problem>, key: &'static str) -> Option<EntryScope> {
    problems.push(Problem::row(key));
    None
}

/// The rows (by their row or line number) whose key an earlier row already had, each as a problem
/// naming the first one.
pub fn duplicates<T>(rows: &[(usize, T)], key: impl Fn(&T) -> String, at: Field) -> Vec<(usize, Problem)> {
    let mut first: HashMap<String, usize> = HashMap::new();
    let mut found = Vec::new();
    for (number, row) in rows {
        let k = key(row);
        match first.get(&k) {
            Some(earlier) => {
                let problem = Problem { field: Some(at), key: "roster-duplicate", value: k, first: Some(*earlier) };
                found.push((*number, problem));
            }
            None => {
                first.insert(k, *number);
            }
        }
    }
    found
}

/// The duplicate schools, classes and logins of checked rows, as the TOML file and tables share them.
pub fn all_duplicates(
    schools: &[(usize, SchoolEntry)],
    classes: &[(usize, ClassEntry)],
    users: &[(usize, UserEntry)],
) -> Vec<(usize, Problem)> {
    let mut found = duplicates(schools, |s| s.code.to_string(), Field::Code);
    found.extend(duplicates(classes, |c| format!("{} {}", c.school, c.label), Field::Label));
    found.extend(duplicates(users, |u| u.login.as_str().to_owned(), Field::Login));
    found
}
