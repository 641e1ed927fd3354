//! The folder reading of [`super`]: listing, unreadable files, duplicates across files, and every
//! file of the repository's `surveys/` folder.

use std::fs;
use std::path::{Path, PathBuf};

use super::*;
use crate::domain::instrument::InstrumentKey;

/// The repository's `surveys/` folder.
fn surveys_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("surveys")
}

#[test]
fn every_file_in_surveys_validates() {
    let paths = instrument_files(&surveys_dir()).expect("surveys/ is readable");
    assert!(paths.len() >= 2, "expected the default instruments in {paths:?}");
    let diagnostics: Vec<String> = check_files(&paths).iter().map(ToString::to_string).collect();
    assert!(diagnostics.is_empty(), "{}", diagnostics.join("\n"));
}

#[test]
fn the_shipped_folder_loads_every_version() {
    let catalog = load_catalog(&surveys_dir()).expect("surveys/ loads");
    for (code, version) in [("school-climate", 1), ("school-climate", 2), ("express", 1), ("express", 2)] {
        assert!(catalog.get(&InstrumentKey::new(code, version)).is_some(), "{code} v{version}");
    }
}

#[test]
fn the_domain_tests_are_fed_every_file_of_the_folder() {
    let on_disk: Vec<(String, String)> = instrument_files(&surveys_dir())
        .expect("surveys/ is readable")
        .iter()
        .map(|p| {
            let name = p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            (name, fs::read_to_string(p).expect("readable"))
        })
        .collect();
    let compiled_in: Vec<(String, String)> = crate::domain::instrument::shipped::SHIPPED
        .iter()
        .map(|(name, text)| ((*name).to_owned(), (*text).to_owned()))
        .collect();
    assert_eq!(on_disk, compiled_in, "add the new file to domain/instrument/shipped.rs");
}

#[test]
fn unreadable_files_are_reported() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let missing = dir.path().join("missing.toml");
    let diagnostics = check_files(std::slice::from_ref(&missing));
    assert_eq!(diagnostics.len(), 1);
    assert_eq!(diagnostics[0].file, missing.display().to_string());
    assert!(diagnostics[0].message.starts_with("cannot read the file"));
}

#[test]
fn one_instrument_version_in_two_files_is_reported_at_the_second_file() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let (first, second) = (dir.path().join("a.toml"), dir.path().join("b.toml"));
    let source = crate::domain::instrument::shipped::SHIPPED[0].1;
    fs::write(&first, source).expect("temporary file");
    fs::write(&second, source).expect("temporary file");
    let diagnostics = check_files(&[first.clone(), second.clone()]);
    assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
    assert_eq!(diagnostics[0].file, second.display().to_string());
    assert!(diagnostics[0].message.contains(&format!("is already defined in {}", first.display())));
}

#[test]
fn only_toml_files_are_listed_in_name_order() {
    let dir = tempfile::tempdir().expect("temporary folder");
    for name in ["b.toml", "a.toml", "README.md"] {
        fs::write(dir.path().join(name), "").expect("temporary file");
    }
    let names: Vec<PathBuf> = instrument_files(dir.path()).expect("temporary folder");
    assert_eq!(names, [dir.path().join("a.toml"), dir.path().join("b.toml")]);
}

#[test]
fn an_empty_or_missing_folder_is_refused_with_its_name() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let errors = load_catalog(dir.path()).unwrap_err();
    assert!(errors[0].message.contains("no instrument files"));
    let errors = load_catalog(&dir.path().join("missing")).unwrap_err();
    assert!(errors[0].to_string().contains("missing"));
}
