//! Checks and loads the instrument files of a folder such as `surveys/`.

use std::collections::HashMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use super::check::check_with_id_line;
use super::diagnostic::Diagnostic;
use super::key::InstrumentKey;
use super::model::Instrument;

/// The `.toml` files directly inside `dir`, sorted by name, for [`load_files`].
pub fn instrument_files(dir: &Path) -> io::Result<Vec<PathBuf>> {
    let mut paths = Vec::new();
    for entry in fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_file() && path.extension().is_some_and(|extension| extension == "toml") {
            paths.push(path);
        }
    }
    paths.sort();
    Ok(paths)
}

/// Loads every file in `paths`, or reports every problem in all of them: unreadable
/// files, problems inside each file, and an (id, version) pair defined twice.
pub fn load_files(paths: &[PathBuf]) -> Result<Vec<Instrument>, Vec<Diagnostic>> {
    let mut instruments = Vec::new();
    let mut diagnostics = Vec::new();
    let mut defined_in: HashMap<InstrumentKey, String> = HashMap::new();
    for path in paths {
        let file = path.display().to_string();
        let source = match fs::read_to_string(path) {
            Ok(source) => source,
            Err(error) => {
                diagnostics.push(Diagnostic { file, line: 1, message: format!("cannot read the file: {error}") });
                continue;
            }
        };
        match check_with_id_line(&file, &source) {
            Err(mut found) => diagnostics.append(&mut found),
            Ok((instrument, id_line)) => {
                let key = instrument.key();
                if let Some(earlier) = defined_in.get(&key) {
                    let message = format!(
                        "instrument `{}` version {} is already defined in {earlier}; \
                         a changed instrument needs a new version",
                        key.code(),
                        key.version()
                    );
                    diagnostics.push(Diagnostic { file, line: id_line, message });
                } else {
                    defined_in.insert(key, file);
                }
                instruments.push(instrument);
            }
        }
    }
    if diagnostics.is_empty() { Ok(instruments) } else { Err(diagnostics) }
}

/// Every problem in the files at `paths` (empty when all of them are valid and no
/// two define the same instrument version); for CI and the admin's upload check.
pub fn check_files(paths: &[PathBuf]) -> Vec<Diagnostic> {
    load_files(paths).err().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::super::fixture::SMALL;
    use super::*;

    /// The repository's `surveys/` folder, found from this source file's path so the
    /// test works wherever the crate is built from.
    fn surveys_dir() -> PathBuf {
        // `file!()` is relative to the package in the main crate and absolute when a
        // scratch crate includes this module by path; `join` handles both.
        #[allow(clippy::join_absolute_paths)]
        let this_file = Path::new(env!("CARGO_MANIFEST_DIR")).join(file!());
        let root = this_file.ancestors().nth(4).expect("src/domain/instrument/files.rs");
        root.join("surveys")
    }

    /// A fresh scratch folder for one test.
    fn scratch_dir(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("ahual-instrument-{}-{name}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).expect("temporary folder");
        dir
    }

    #[test]
    fn every_file_in_surveys_validates() {
        let paths = instrument_files(&surveys_dir()).expect("surveys/ is readable");
        assert!(paths.len() >= 2, "expected the default instruments in {paths:?}");
        let diagnostics: Vec<String> = check_files(&paths).iter().map(ToString::to_string).collect();
        assert!(diagnostics.is_empty(), "{}", diagnostics.join("\n"));
    }

    #[test]
    fn unreadable_files_are_reported() {
        let missing = scratch_dir("unreadable").join("missing.toml");
        let diagnostics = check_files(std::slice::from_ref(&missing));
        assert_eq!(diagnostics.len(), 1);
        assert_eq!(diagnostics[0].file, missing.display().to_string());
        assert!(diagnostics[0].message.starts_with("cannot read the file"));
    }

    #[test]
    fn one_instrument_version_in_two_files_is_reported_at_the_second_id() {
        let dir = scratch_dir("duplicate");
        let first = dir.join("a.toml");
        let second = dir.join("b.toml");
        fs::write(&first, SMALL).expect("temporary file");
        fs::write(&second, SMALL).expect("temporary file");
        let diagnostics = check_files(&[first.clone(), second.clone()]);
        let expected = Diagnostic {
            file: second.display().to_string(),
            line: 2,
            message: format!(
                "instrument `small` version 1 is already defined in {}; a changed instrument needs a new version",
                first.display()
            ),
        };
        assert_eq!(diagnostics, [expected]);
        fs::write(&second, SMALL.replace("version = 1", "version = 2")).expect("temporary file");
        let loaded = load_files(&[first, second]).expect("two versions of one instrument");
        assert_eq!(loaded.iter().map(Instrument::version).collect::<Vec<_>>(), [1, 2]);
        let _ = fs::remove_dir_all(dir);
    }

    #[test]
    fn only_toml_files_are_listed_in_name_order() {
        let dir = scratch_dir("listing");
        for name in ["b.toml", "a.toml", "README.md"] {
            fs::write(dir.join(name), "").expect("temporary file");
        }
        let names: Vec<PathBuf> = instrument_files(&dir).expect("temporary folder");
        assert_eq!(names, [dir.join("a.toml"), dir.join("b.toml")]);
        let _ = fs::remove_dir_all(dir);
    }
}
