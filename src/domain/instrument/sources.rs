//! Checks the texts of a set of instrument files together: each file on its own, and no
//! instrument version defined twice.
//!
//! The domain reads no files: whoever has the folder (`app::catalog_files`) reads each file and
//! hands its text here, or reports a file it could not read with [`SourceSet::refuse`], in file
//! order, so every problem comes out in the order of the files.

use std::collections::HashMap;

use super::check::check_with_id_line;
use super::diagnostic::Diagnostic;
use super::key::InstrumentKey;
use super::model::Instrument;

/// The instruments and problems of the files seen so far.
///
/// Exists so that the caller doing the reading can interleave files it could not read with files it
/// could, and still get one verdict for the whole set: every instrument, or every problem.
#[derive(Debug, Default)]
pub struct SourceSet {
    instruments: Vec<Instrument>,
    diagnostics: Vec<Diagnostic>,
    defined_in: HashMap<InstrumentKey, String>,
}

impl SourceSet {
    /// Checks the text of `file`; a version already defined by an earlier file is reported at
    /// this file's `id` line, since a changed instrument needs a new version.
    pub fn add(&mut self, file: &str, source: &str) {
        match check_with_id_line(file, source) {
            Err(mut found) => self.diagnostics.append(&mut found),
            Ok((instrument, id_line)) => {
                let key = instrument.key();
                if let Some(earlier) = self.defined_in.get(&key) {
                    let message = format!(
                        "instrument `{}` version {} is already defined in {earlier}; \
                         a changed instrument needs a new version",
                        key.code(),
                        key.version()
                    );
                    self.diagnostics.push(Diagnostic { file: file.to_owned(), line: id_line, message });
                } else {
                    self.defined_in.insert(key, file.to_owned());
                }
                self.instruments.push(instrument);
            }
        }
    }

    /// Records a problem found before the text could be checked, such as a file that could not be
    /// read, in its place among the others.
    pub fn refuse(&mut self, diagnostic: Diagnostic) {
        self.diagnostics.push(diagnostic);
    }

    /// Every instrument when no file had a problem, otherwise every problem, in file order.
    pub fn finish(self) -> Result<Vec<Instrument>, Vec<Diagnostic>> {
        if self.diagnostics.is_empty() { Ok(self.instruments) } else { Err(self.diagnostics) }
    }
}

/// Checks `(file name, text)` pairs as one set: [`SourceSet`] for texts already in hand (the
/// domain's tests, which are fed the shipped texts).
#[cfg(test)]
pub(crate) fn load_sources<'a>(
    sources: impl IntoIterator<Item = (&'a str, &'a str)>,
) -> Result<Vec<Instrument>, Vec<Diagnostic>> {
    let mut set = SourceSet::default();
    for (file, text) in sources {
        set.add(file, text);
    }
    set.finish()
}

#[cfg(test)]
mod tests {
    use super::super::fixture::SMALL;
    use super::super::shipped::SHIPPED;
    use super::*;

    #[test]
    fn every_shipped_file_validates_together() {
        let loaded = load_sources(SHIPPED).map_err(|d| d.iter().map(ToString::to_string).collect::<Vec<_>>());
        assert_eq!(loaded.map(|all| all.len()), Ok(SHIPPED.len()));
    }

    #[test]
    fn one_instrument_version_in_two_files_is_reported_at_the_second_id() {
        let diagnostics = load_sources([("a.toml", SMALL), ("b.toml", SMALL)]).unwrap_err();
        let expected = Diagnostic {
            file: "b.toml".into(),
            line: 2,
            message:
                "instrument `small` version 1 is already defined in a.toml; a changed instrument needs a new version"
                    .into(),
        };
        assert_eq!(diagnostics, [expected]);
        let second = SMALL.replace("version = 1", "version = 2");
        let loaded = load_sources([("a.toml", SMALL), ("b.toml", second.as_str())]).expect("two versions");
        assert_eq!(loaded.iter().map(Instrument::version).collect::<Vec<_>>(), [1, 2]);
    }

    #[test]
    fn a_refused_file_keeps_its_place_and_refuses_the_set() {
        let mut set = SourceSet::default();
        set.refuse(Diagnostic { file: "a.toml".into(), line: 1, message: "cannot read the file".into() });
        set.add("b.toml", "not = [toml");
        set.add("c.toml", SMALL);
        let diagnostics = set.finish().unwrap_err();
        assert_eq!(diagnostics[0].file, "a.toml");
        assert!(diagnostics.len() >= 2, "b.toml's problem follows: {diagnostics:?}");
        assert!(diagnostics[1..].iter().all(|d| d.file == "b.toml"), "{diagnostics:?}");
    }
}
