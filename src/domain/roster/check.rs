//! The TOML roster file row by row: the raw rows as TOML gives them, turned into the shared text rows
//! of `rows.rs` and checked there, each problem reported at the line of its row.

use serde::Deserialize;
use toml::{Spanned, Table};

use super::RosterError;
use super::rows::{ClassRow, RowChecker, RowResult, SchoolRow, UserRow};

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
    code: String,
    region: String,
    name: RawNames,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawNames {
    kk: String,
    ru: String,
    en: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawClass {
    school: String,
    label: String,
    grade: i64,
    roll: i64,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawUser {
    login: String,
    role: String,
    school: Option<String>,
    region: Option<String>,
    password: String,
    display_name: String,
    email: Option<String>,
}

impl From<RawSchool> for SchoolRow {
    fn from(raw: RawSchool) -> SchoolRow {
        SchoolRow { code: raw.code, region: raw.region, name: [raw.name.kk, raw.name.ru, raw.name.en] }
    }
}

impl From<RawClass> for ClassRow {
    fn from(raw: RawClass) -> ClassRow {
        ClassRow { school: raw.school, label: raw.label, grade: raw.grade.to_string(), roll: raw.roll.to_string() }
    }
}

impl From<RawUser> for UserRow {
    fn from(raw: RawUser) -> UserRow {
        UserRow {
            login: raw.login,
            role: raw.role,
            school: raw.school,
            region: raw.region,
            password: raw.password,
            display_name: raw.display_name,
            email: raw.email,
        }
    }
}

pub(super) fn line_of(source: &str, offset: usize) -> usize {
    source.as_bytes().iter().take(offset).filter(|b| **b == b'\n').count() + 1
}

/// Checks the rows of one TOML array (`[[school]]`, …) in order, keeping each entry with its line.
pub(super) fn toml_rows<'k, R, Row, T>(
    source: &str,
    rows: &[Spanned<Table>],
    checker: &mut RowChecker<'k>,
    errors: &mut Vec<RosterError>,
    check: fn(&mut RowChecker<'k>, &Row) -> RowResult<T>,
) -> Vec<(usize, T)>
where
    R: for<'de> Deserialize<'de>,
    Row: From<R>,
{
    let mut out = Vec::new();
    for row in rows {
        let line = line_of(source, row.span().start);
        match row.get_ref().clone().try_into::<R>() {
            Err(e) => errors.push(RosterError { line, message: e.message().to_owned() }),
            Ok(raw) => match check(checker, &Row::from(raw)) {
                Ok(entry) => out.push((line, entry)),
                Err(problems) => {
                    errors.extend(problems.into_iter().map(|p| RosterError { line, message: p.english() }));
                }
            },
        }
    }
    out
}
