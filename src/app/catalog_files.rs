//! Reads the questionnaire folder (`surveys/`) into a checked [`Catalog`], and checks the files
//! `ahual survey check` is given. The only code that reads instrument files from disk: the domain
//! checks the texts it is handed ([`SourceSet`]) and reads nothing itself.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::domain::instrument::{Diagnostic, Instrument, SourceSet};
use crate::domain::survey::catalog::Catalog;

/// The `.toml` files directly inside `dir`, sorted by name, so the files load in the same order on
/// every machine and a duplicate version is always reported at the same file.
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

/// Loads every file in `paths`, or reports every problem in all of them, in file order: unreadable
/// files, problems inside each file, and an (id, version) pair defined twice.
pub fn load_files(paths: &[PathBuf]) -> Result<Vec<Instrument>, Vec<Diagnostic>> {
    let mut set = SourceSet::default();
    for path in paths {
        let file = path.display().to_string();
        match fs::read_to_string(path) {
            Ok(source) => set.add(&file, &source),
            Err(error) => {
                set.refuse(Diagnostic { file, line: 1, message: format!("cannot read the file: {error}") });
            }
        }
    }
    set.finish()
}

/// Every problem in the files at `paths` (empty when all of them are valid and no two define the
/// same instrument version); for CI and `ahual survey check`.
pub fn check_files(paths: &[PathBuf]) -> Vec<Diagnostic> {
    load_files(paths).err().unwrap_or_default()
}

/// Loads every `*.toml` of `dir` into a catalogue; a folder that cannot be read or holds no
/// instrument file, or any invalid file, refuses the whole catalogue with its diagnostics, so a
/// server never starts with part of its questionnaires.
pub fn load_catalog(dir: &Path) -> Result<Catalog, Vec<Diagnostic>> {
    let folder_problem = |message: String| vec![Diagnostic { file: dir.display().to_string(), line: 1, message }];
    let paths = instrument_files(dir).map_err(|e| folder_problem(format!("cannot read the folder: {e}")))?;
    if paths.is_empty() {
        return Err(folder_problem("no instrument files (*.toml) found".into()));
    }
    Ok(Catalog::from_instruments(load_files(&paths)?))
}

#[cfg(test)]
mod tests;
