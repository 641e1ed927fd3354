//! Checks one instrument file's text: syntax, then each table, then the references.

use toml::de::DeTable;

use super::build::build;
use super::cross_check::cross_check;
use super::decode::decode;
use super::diagnostic::{Diagnostic, Report};
use super::model::Instrument;

/// Parses and validates the instrument in `source`, naming `file_name` in diagnostics.
///
/// Returns every problem found, in line order, or an [`Instrument`] that satisfies all
/// the rules in `surveys/README.md`. After a TOML syntax error only the syntax errors
/// are reported: the rest of the file cannot be read reliably.
pub fn check_source(file_name: &str, source: &str) -> Result<Instrument, Vec<Diagnostic>> {
    check_with_id_line(file_name, source).map(|(instrument, _)| instrument)
}

/// Like [`check_source`], also giving the line of the instrument's `id` so that
/// problems found across files can point at it.
pub(super) fn check_with_id_line(file_name: &str, source: &str) -> Result<(Instrument, usize), Vec<Diagnostic>> {
    let mut report = Report::new(file_name, source);
    let (document, syntax_errors) = DeTable::parse_recoverable(source);
    if !syntax_errors.is_empty() {
        for error in syntax_errors {
            let span = error.span().unwrap_or(0..0);
            report.error(span, format!("TOML syntax: {}", error.message()));
        }
        return Err(report.into_diagnostics());
    }
    let draft = decode(&document, &mut report);
    cross_check(&draft, &mut report);
    if !report.is_clean() {
        return Err(report.into_diagnostics());
    }
    let id_line = draft.id.as_ref().map_or(1, |id| report.line_of(&id.span()));
    match build(draft) {
        Some(instrument) => Ok((instrument, id_line)),
        None => {
            report.error(0..0, "internal error: the file passed every check but could not be assembled");
            Err(report.into_diagnostics())
        }
    }
}
