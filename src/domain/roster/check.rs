//! Checking a roster file row by row: the raw rows as TOML gives them, and the checker that turns
//! each into an entry or into problems at its line.

use std::collections::{HashMap, HashSet};

use serde::Deserialize;
use toml::{Spanned, Table};

use super::super::account::Role;
use super::super::organisation::{ClassLabel, Email, Grade, Invalid, Login, Roll, SchoolCode, parse_name};
use super::super::password::check_password_rule;
use super::super::region::RegionCode;
use super::{ClassEntry, EntryScope, RosterError, SchoolEntry, UserEntry};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawFile {
    #[serde(default)]
    pub(super) school: Vec<Spanned<Table>>,
    #[serde(default)]
    pub(super) class: Vec<Spanned<Table>>,
    #[serde(default)]
    pub(super) user: Vec<Spanned<Table>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawSchool {
    pub(super) code: String,
    pub(super) region: String,
    pub(super) name: RawNames,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawNames {
    pub(super) kk: String,
    pub(super) ru: String,
    pub(super) en: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawClass {
    pub(super) school: String,
    pub(super) label: String,
    pub(super) grade: i64,
    pub(super) roll: i64,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawUser {
    pub(super) login: String,
    pub(super) role: String,
    pub(super) school: Option<String>,
    pub(super) region: Option<String>,
    pub(super) password: String,
    pub(super) display_name: String,
    pub(super) email: Option<String>,
}

pub(super) fn strip<T>(rows: Vec<(usize, T)>) -> Vec<T> {
    rows.into_iter().map(|(_, row)| row).collect()
}

pub(super) fn line_of(source: &str, offset: usize) -> usize {
    source.as_bytes().iter().take(offset).filter(|b| **b == b'\n').count() + 1
}

pub(super) struct Checker<'a> {
    pub(super) source: &'a str,
    pub(super) errors: Vec<RosterError>,
    pub(super) known: &'a HashSet<String>,
    pub(super) file_schools: HashSet<String>,
}

type RowResult<T> = Result<T, Vec<String>>;

impl Checker<'_> {
    pub(super) fn rows<R: for<'de> Deserialize<'de>, T>(
        &mut self,
        rows: &[Spanned<Table>],
        check: fn(&mut Self, R) -> RowResult<T>,
    ) -> Vec<(usize, T)> {
        let mut out = Vec::new();
        for row in rows {
            let line = line_of(self.source, row.span().start);
            let parsed = row.get_ref().clone().try_into::<R>().map_err(|e| vec![e.message().to_owned()]);
            match parsed.and_then(|raw| check(self, raw)) {
                Ok(entry) => out.push((line, entry)),
                Err(messages) => self.errors.extend(messages.into_iter().map(|message| RosterError { line, message })),
            }
        }
        out
    }

    pub(super) fn duplicates<T>(&mut self, rows: &[(usize, T)], key: impl Fn(&T) -> String, what: &str) {
        let mut first: HashMap<String, usize> = HashMap::new();
        for (line, row) in rows {
            let k = key(row);
            match first.get(&k) {
                Some(earlier) => self.errors.push(RosterError {
                    line: *line,
                    message: format!("duplicate {what} `{k}` (first at line {earlier})"),
                }),
                None => {
                    first.insert(k, *line);
                }
            }
        }
    }

    pub(super) fn school(&mut self, raw: RawSchool) -> RowResult<SchoolEntry> {
        let mut problems = Vec::new();
        let code = field(SchoolCode::parse(&raw.code), "code", &raw.code, &mut problems);
        let region = RegionCode::parse(&raw.region);
        if region.is_none() {
            problems.push(format!("region `{}` is not a built-in region code (see `ahual import --help`)", raw.region));
        }
        let names = [("name.kk", &raw.name.kk), ("name.ru", &raw.name.ru), ("name.en", &raw.name.en)]
            .map(|(what, value)| field(parse_name(value), what, value, &mut problems));
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

    pub(super) fn school_reference(&self, text: &str, problems: &mut Vec<String>) -> Option<SchoolCode> {
        let code = field(SchoolCode::parse(text), "school", text, problems)?;
        if self.file_schools.contains(code.as_str()) || self.known.contains(code.as_str()) {
            Some(code)
        } else {
            problems.push(format!("school `{code}` is neither in this file nor already stored"));
            None
        }
    }

    pub(super) fn class(&mut self, raw: RawClass) -> RowResult<ClassEntry> {
        let mut problems = Vec::new();
        let school = self.school_reference(&raw.school, &mut problems);
        let label = field(ClassLabel::parse(&raw.label), "label", &raw.label, &mut problems);
        let grade = field(Grade::new(raw.grade), "grade", &raw.grade.to_string(), &mut problems);
        let roll = field(Roll::new(raw.roll), "roll", &raw.roll.to_string(), &mut problems);
        match (school, label, grade, roll) {
            (Some(school), Some(label), Some(grade), Some(roll)) => Ok(ClassEntry { school, label, grade, roll }),
            _ => Err(problems),
        }
    }

    pub(super) fn user(&mut self, raw: RawUser) -> RowResult<UserEntry> {
        let mut problems = Vec::new();
        let login = field(Login::parse(&raw.login), "login", &raw.login, &mut problems);
        let scope = self.user_scope(&raw, &mut problems);
        if check_password_rule(&raw.password).is_err() {
            problems.push("password: must be at least 10 characters".to_owned());
        }
        let display_name = field(parse_name(&raw.display_name), "display_name", &raw.display_name, &mut problems);
        let email = match raw.email.as_deref().map(str::trim).filter(|e| !e.is_empty()) {
            Some(text) => field(Email::parse(text), "email", text, &mut problems).map(Some),
            None => Some(None),
        };
        match (login, scope, display_name, email) {
            (Some(login), Some(scope), Some(display_name), Some(email)) if problems.is_empty() => {
                Ok(UserEntry { login, scope, password: raw.password, display_name, email })
            }
            _ => Err(problems),
        }
    }

    pub(super) fn user_scope(&self, raw: &RawUser, problems: &mut Vec<String>) -> Option<EntryScope> {
        let Some(role) = Role::parse(&raw.role) else {
            problems.push(format!("role `{}` is not one of admin, centre_staff, psychologist, national", raw.role));
            return None;
        };
        match (role, raw.school.as_deref(), raw.region.as_deref()) {
            (Role::Admin, None, None) => Some(EntryScope::Admin),
            (Role::National, None, None) => Some(EntryScope::National),
            (Role::CentreStaff, None, Some(region)) => match RegionCode::parse(region) {
                Some(code) => Some(EntryScope::CentreStaff(code)),
                None => {
                    problems.push(format!("region `{region}` is not a built-in region code"));
                    None
                }
            },
            (Role::Psychologist, Some(school), None) => {
                self.school_reference(school, problems).map(EntryScope::Psychologist)
            }
            (Role::Admin, _, _) => scope_problem(problems, "admin takes neither `school` nor `region`"),
            (Role::National, _, _) => scope_problem(problems, "national takes neither `school` nor `region`"),
            (Role::CentreStaff, _, _) => scope_problem(problems, "centre_staff needs `region` and no `school`"),
            (Role::Psychologist, _, _) => scope_problem(problems, "psychologist needs `school` and no `region`"),
        }
    }
}

fn scope_problem(problems: &mut Vec<String>, message: &str) -> Option<EntryScope> {
    problems.push(message.to_owned());
    None
}

fn field<T>(parsed: Result<T, Invalid>, name: &str, value: &str, problems: &mut Vec<String>) -> Option<T> {
    parsed.map_err(|Invalid(key)| problems.push(format!("{name} `{value}`: {}", explain(key)))).ok()
}

fn explain(key: &str) -> &'static str {
    match key {
        "invalid-school-code" => "use 2-32 characters A-Z, 0-9 and -",
        "invalid-class-label" => "use 1-8 letters and digits, such as 7A",
        "invalid-grade" => "grade must be 5 to 11",
        "invalid-roll" => "roll must be 1 to 60",
        "invalid-login" => "use 3-40 characters a-z, 0-9, . _ -",
        "invalid-email" => "not an e-mail address",
        _ => "must not be empty (at most 200 characters)",
    }
}
