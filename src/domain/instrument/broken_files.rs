//! Broken instrument files and the diagnostics they must produce.
//!
//! Each case edits the valid fixture and lists every diagnostic expected, as the text
//! that marks its line in the edited file and the exact message: nothing more may be
//! reported, so a mistake never hides another and never drags spurious ones along.
//! Problems within one table are in `table_cases`, problems between tables in
//! `reference_cases`.

mod reference_cases;
mod table_cases;

use super::check_source;
use super::fixture::SMALL;

/// One broken variant of the fixture.
struct Case {
    name: &'static str,
    /// (text in the fixture, its replacement), applied to the first occurrence.
    edits: &'static [(&'static str, &'static str)],
    /// (text whose first occurrence in the edited file marks the line, message).
    expected: &'static [(&'static str, &'static str)],
}

fn apply(edits: &[(&str, &str)]) -> String {
    let mut source = SMALL.to_owned();
    for (from, to) in edits {
        assert!(source.contains(from), "fixture has no {from:?}");
        source = source.replacen(from, to, 1);
    }
    source
}

fn line_of(source: &str, marker: &str) -> usize {
    let at = source.find(marker).unwrap_or_else(|| panic!("edited file has no {marker:?}"));
    source[..at].matches('\n').count() + 1
}

#[test]
fn every_broken_file_reports_every_problem_on_its_line() {
    let mut failures = Vec::new();
    for case in table_cases::CASES.iter().chain(reference_cases::CASES) {
        let source = apply(case.edits);
        let mut found: Vec<(usize, String)> = match check_source("broken.toml", &source) {
            Ok(_) => Vec::new(),
            Err(diagnostics) => diagnostics.into_iter().map(|d| (d.line, d.message)).collect(),
        };
        found.sort();
        let mut expected: Vec<(usize, String)> =
            case.expected.iter().map(|(marker, message)| (line_of(&source, marker), (*message).to_owned())).collect();
        expected.sort();
        if found != expected {
            failures.push(format!("{}:\n  expected {expected:#?}\n  found {found:#?}", case.name));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn an_instrument_without_sections_reports_no_items() {
    let source = r#"id = "empty"
version = 1
title = { kk = "Бос", ru = "Пусто", en = "Empty" }
intro = { kk = "Бос", ru = "Пусто", en = "Empty" }
outro = { kk = "Бос", ru = "Пусто", en = "Empty" }
"#;
    let diagnostics = check_source("empty.toml", source).expect_err("no items");
    let found: Vec<String> = diagnostics.iter().map(ToString::to_string).collect();
    assert_eq!(found, ["empty.toml:1: the instrument has no items (add `[[sections]]` with `[[sections.items]]`)"]);
}

#[test]
fn an_empty_file_reports_every_missing_part_on_line_one() {
    let diagnostics = check_source("blank.toml", "").expect_err("nothing");
    let found: Vec<(usize, &str)> = diagnostics.iter().map(|d| (d.line, d.message.as_str())).collect();
    assert_eq!(
        found,
        [
            (1, "instrument is missing `id`"),
            (1, "instrument is missing `version`"),
            (1, "instrument is missing `title`"),
            (1, "instrument is missing `intro`"),
            (1, "instrument is missing `outro`"),
            (1, "the instrument has no items (add `[[sections]]` with `[[sections.items]]`)"),
        ]
    );
}

#[test]
fn the_example_in_the_surveys_readme_validates() {
    let readme = include_str!("../../../surveys/README.md");
    let example = readme
        .split("```toml\n")
        .nth(1)
        .and_then(|rest| rest.split("```").next())
        .expect("surveys/README.md has a toml example");
    if let Err(diagnostics) = check_source("README example", example) {
        let lines: Vec<String> = diagnostics.iter().map(ToString::to_string).collect();
        panic!("{}", lines.join("\n"));
    }
}
