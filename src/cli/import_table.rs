//! The spreadsheet half of `ahual import`: a CSV or XLSX file of one kind, read and checked with the
//! same rules as the web upload. The kind is `--kind`, or the one kind whose fields the headers name
//! without a mapping; the command line has no mapping step, so unknown headers are an error naming
//! them. Every problem is printed as `FILE:ROW:COLUMN: message` in English.

use std::collections::HashSet;
use std::path::Path;

use crate::domain::lang::Lang;
use crate::domain::roster::Roster;
use crate::domain::roster::headers::{Kind, Mapping, MappingProblem};
use crate::domain::roster::sheet::{ImportScope, check_table};
use crate::domain::roster::table::read_table_preferring;
use crate::i18n::roster::{field_name, file_error_text, problem_text};

/// The roster in `bytes`, or every problem as a printable line.
pub fn check_file(
    path: &Path,
    bytes: &[u8],
    kind: Option<Kind>,
    known: &HashSet<String>,
) -> Result<Roster, Vec<String>> {
    let name = path.display();
    let sheets: Vec<&str> = kind.map(|k| k.sheet_names().to_vec()).unwrap_or_default();
    let table = read_table_preferring(bytes, &sheets)
        .map_err(|e| vec![format!("{name}: {}", file_error_text(Lang::En, &e))])?;
    let kind = match kind.or_else(|| infer_kind(&table.headers)) {
        Some(kind) => kind,
        None => {
            return Err(vec![format!(
                "{name}: the headers do not name the columns of schools, classes or staff; give --kind \
                 and use a template's headers (`{}`)",
                table.headers.join("`, `")
            )]);
        }
    };
    let (mapping, _) = Mapping::suggest(kind, &table.headers, false);
    let mut problems: Vec<String> = table
        .headers
        .iter()
        .zip(&mapping.0)
        .filter(|(header, field)| !header.is_empty() && field.is_none())
        .map(|(header, _)| format!("{name}:1: unknown header `{header}` for {}", kind.key()))
        .collect();
    problems.extend(mapping.problems(kind, false).into_iter().map(|p| match p {
        MappingProblem::Missing(f) => format!("{name}:1: no column for `{}`", field_name(Lang::En, f)),
        MappingProblem::Twice(f) => format!("{name}:1: two columns for `{}`", field_name(Lang::En, f)),
    }));
    if !problems.is_empty() {
        return Err(problems);
    }
    check_table(kind, &table, &mapping, &ImportScope::Deployment, known).map_err(|errors| {
        errors
            .iter()
            .map(|e| {
                let column = e.letter().unwrap_or_else(|| "-".to_owned());
                let value =
                    if e.problem.value.is_empty() { String::new() } else { format!(" (`{}`)", e.problem.value) };
                format!("{name}:{}:{column}: {}{value}", e.row, problem_text(Lang::En, &e.problem))
            })
            .collect()
    })
}

/// The one kind whose headers all match without a mapping step.
fn infer_kind(headers: &[String]) -> Option<Kind> {
    let fitting: Vec<Kind> = Kind::ALL.into_iter().filter(|k| !Mapping::suggest(*k, headers, false).1).collect();
    match fitting.as_slice() {
        [one] => Some(*one),
        _ => None,
    }
}
