//! Roster problems in words: a bad cell's or a refused file's message key filled with what it shows,
//! for the web pages (in the reader's language) and the command line (in English) alike.

use super::{arg, count};
use crate::domain::lang::Lang;
use crate::domain::roster::problem::{Field, Problem};
use crate::domain::roster::table::{FileError, MAX_COLUMNS, MAX_ROWS, MAX_UNPACKED_BYTES, MAX_UPLOAD_BYTES};

/// What is wrong with a row or cell.
pub fn problem_text(lang: Lang, problem: &Problem) -> String {
    let first = problem.first.unwrap_or(0) as u32;
    lang.t_args(problem.key, &[("value", arg(&problem.value)), ("first", count(first))])
}

/// Why a whole file was refused.
pub fn file_error_text(lang: Lang, error: &FileError) -> String {
    let place = error.place().unwrap_or_default();
    let args = [
        ("place", arg(&place)),
        ("mb", count((MAX_UPLOAD_BYTES >> 20) as u32)),
        ("rows", count(MAX_ROWS as u32)),
        ("unpacked", count((MAX_UNPACKED_BYTES >> 20) as u32)),
        ("columns", count(MAX_COLUMNS as u32)),
    ];
    lang.t_args(error.key(), &args)
}

/// A field's name as the templates' headers and the pages say it.
pub fn field_name(lang: Lang, field: Field) -> String {
    lang.t(&format!("roster-field-{}", field.key()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_problem_and_file_error_has_words_in_every_language() {
        let keys = [
            "roster-unknown-region",
            "roster-unknown-school",
            "roster-unknown-role",
            "roster-password-short",
            "roster-scope-admin",
            "roster-scope-national",
            "roster-scope-centre",
            "roster-scope-psychologist",
            "roster-other-school",
            "roster-duplicate",
        ];
        let errors = [
            FileError::TooLarge,
            FileError::UnknownFormat,
            FileError::NotUtf8 { line: 3 },
            FileError::BadCsv { line: 3 },
            FileError::BadXlsx,
            FileError::ZipBomb,
            FileError::Empty,
            FileError::TooManyRows,
            FileError::TooManyColumns,
            FileError::Formula { cell: "B3".into() },
            FileError::ErrorCell { cell: "B3".into() },
            FileError::Merged { range: "A2:A3".into() },
            FileError::Binary,
        ];
        for lang in Lang::ALL {
            for key in keys {
                let text = problem_text(lang, &Problem { first: Some(7), ..Problem::row(key) });
                assert!(!text.starts_with("roster-"), "{lang:?} {key}");
            }
            for error in &errors {
                let text = file_error_text(lang, error);
                assert!(!text.starts_with("roster-") && !text.contains('{'), "{lang:?} {error:?}: {text}");
                if let Some(place) = error.place() {
                    assert!(text.contains(&place), "{lang:?} {error:?}: {text}");
                }
            }
            for field in Field::ALL {
                assert!(!field_name(lang, field).starts_with("roster-"), "{lang:?} {field:?}");
            }
        }
        assert!(problem_text(Lang::Ru, &Problem { first: Some(7), ..Problem::row("roster-duplicate") }).contains('7'));
        let utf8 = file_error_text(Lang::En, &FileError::NotUtf8 { line: 3 });
        assert!(utf8.contains("CSV UTF-8") && utf8.contains("Windows-1251"), "{utf8}");
    }
}
