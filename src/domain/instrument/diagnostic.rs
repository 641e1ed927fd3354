//! Diagnostics: what is wrong with an instrument file, and on which line.
//!
//! Every check in this module tree reports through a [`Report`], which turns the byte
//! offsets that the TOML parser records into 1-based line numbers, so an author sees
//! `surveys/school-climate-v1.toml:42: ...` and can jump straight to the line.

use std::fmt;
use std::ops::Range;

/// One problem found in an instrument file.
///
/// Displays as `file:line: message`, the form editors and CI logs recognise.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The file name as given to the checker.
    pub file: String,
    /// 1-based line of the offending key, value or table header (1 for problems with
    /// the file as a whole, such as a file that cannot be read).
    pub line: usize,
    /// What is wrong, in words an instrument author understands.
    pub message: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.message)
    }
}

/// Collects the diagnostics for one source file.
pub(super) struct Report {
    file: String,
    line_starts: Vec<usize>,
    found: Vec<Diagnostic>,
}

impl Report {
    /// Starts an empty report for `source`, read from `file`.
    pub(super) fn new(file: &str, source: &str) -> Self {
        let line_starts = std::iter::once(0).chain(source.match_indices('\n').map(|(at, _)| at + 1)).collect();
        Self { file: file.to_owned(), line_starts, found: Vec::new() }
    }

    /// Records a problem at the start of `span` (a byte range of the source).
    pub(super) fn error(&mut self, span: Range<usize>, message: impl Into<String>) {
        let line = self.line_of(&span);
        self.found.push(Diagnostic { file: self.file.clone(), line, message: message.into() });
    }

    /// The 1-based line on which `span` starts, for messages that point elsewhere
    /// ("first defined on line 12").
    pub(super) fn line_of(&self, span: &Range<usize>) -> usize {
        self.line_starts.partition_point(|&start| start <= span.start).max(1)
    }

    /// Whether nothing has been reported so far.
    pub(super) fn is_clean(&self) -> bool {
        self.found.is_empty()
    }

    /// The diagnostics in line order (problems on one line keep the order they were found in).
    pub(super) fn into_diagnostics(mut self) -> Vec<Diagnostic> {
        self.found.sort_by_key(|diagnostic| diagnostic.line);
        self.found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_become_one_based_lines() {
        let source = "a = 1\nb = 2\n\nc = 3";
        let mut report = Report::new("f.toml", source);
        report.error(14..15, "third");
        report.error(0..1, "first");
        report.error(6..7, "second");
        let lines: Vec<usize> = report.into_diagnostics().iter().map(|d| d.line).collect();
        assert_eq!(lines, [1, 2, 4]);
    }

    #[test]
    fn displays_as_file_line_message() {
        let diagnostic = Diagnostic { file: "surveys/x.toml".into(), line: 7, message: "duplicate item id `a`".into() };
        assert_eq!(diagnostic.to_string(), "surveys/x.toml:7: duplicate item id `a`");
    }
}
