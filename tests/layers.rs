//! The layers hold: every `crate::…` path in `src/` points down the stack
//! (`domain` ← `db`/`i18n` ← `notify` ← `config` ← `app` ← `demo` ← `synth` ← `web` ← `startup` ← `cli`), the
//! domain reads no files, and `web` reaches the database only through the files still listed below,
//! a list that may only shrink. The picture of the arrows in `docs/architecture.md` is generated here:
//! `AHUAL_WRITE_LAYERS=1 cargo test --test integration layers::` rewrites it, and this test fails while it is stale.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

/// The layers, lowest first: a module may use only modules of a lower rank.
const LAYERS: &[(&str, u8)] = &[
    ("domain", 0),
    ("i18n", 1),
    ("db", 1),
    ("notify", 2),
    ("config", 3),
    ("app", 4),
    ("demo", 5),
    ("synth", 6),
    ("web", 7),
    ("startup", 8),
    ("cli", 9),
];

/// Arrows that run the wrong way today, each with the files that still draw it and why. A file may
/// leave this list (fix it, then delete its line); none may join it.
const KNOWN_BACK_ARROWS: &[(&str, &str, &str, &str)] = &[
    // Empty: the last ones (db → config for `DatabaseUrl`) went when the type moved into `db`.
];

/// Files of `web` that still query the database themselves instead of calling a use case of `app`
/// (`web` is HTTP only: parse, call a use case, show its result). May only shrink.
const WEB_FILES_USING_DB: &[&str] = &[
    // `AppError::Db` carries a `DbError` and maps its `NotFound` to a 404: the edge between the two.
    "src/web/errors.rs",
    // Holds the pool and runs use cases on it (`AppState::use_case`), and the noise key read at start.
    "src/web/state.rs",
];

/// Files that read the disk although they sit in `domain`: none. The questionnaire folder is read by
/// `app::catalog_files`, which hands the texts to the domain. Kept (empty) so a new reader is named.
const DOMAIN_FILE_READERS: &[&str] = &[];

fn rank(module: &str) -> Option<u8> {
    LAYERS.iter().find(|(name, _)| *name == module).map(|(_, rank)| *rank)
}

fn source_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            source_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Each source file of a layer (relative to the crate), with the layers its code names.
fn arrows() -> BTreeMap<String, (String, BTreeSet<String>)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    source_files(&root.join("src"), &mut files);
    let mut found = BTreeMap::new();
    for path in files {
        let relative = path.strip_prefix(root).unwrap().to_string_lossy().replace('\\', "/");
        let Some(module) = relative
            .strip_prefix("src/")
            .and_then(|r| r.split('/').next())
            .map(|m| m.trim_end_matches(".rs").to_owned())
        else {
            continue;
        };
        if rank(&module).is_none() {
            continue; // lib.rs, main.rs, build.rs: the crate's root wires every layer.
        }
        let text = fs::read_to_string(&path).unwrap();
        let mut targets = BTreeSet::new();
        for line in text.lines().filter(|l| !l.trim_start().starts_with("//")) {
            for (at, _) in line.match_indices("crate::") {
                let before = line[..at].chars().next_back();
                if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '$') {
                    continue;
                }
                let name: String = line[at + 7..].chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
                if name != module && rank(&name).is_some() {
                    targets.insert(name);
                }
            }
        }
        found.insert(relative, (module, targets));
    }
    found
}

#[test]
fn every_arrow_points_down_the_layers_but_the_known_ones() {
    let mut wrong = Vec::new();
    let mut still_drawn = BTreeSet::new();
    for (file, (module, targets)) in arrows() {
        for target in targets {
            if rank(&target) < rank(&module) {
                continue;
            }
            let known = KNOWN_BACK_ARROWS.iter().any(|(from, to, f, _)| *from == module && *to == target && *f == file);
            if known {
                still_drawn.insert(file.clone());
            } else {
                wrong.push(format!("{file}: {module} → {target}"));
            }
        }
    }
    assert!(wrong.is_empty(), "arrows that run back up the layers:\n{}", wrong.join("\n"));
    let gone: Vec<&str> =
        KNOWN_BACK_ARROWS.iter().map(|(_, _, f, _)| *f).filter(|f| !still_drawn.contains(*f)).collect();
    assert!(gone.is_empty(), "fixed (delete them from KNOWN_BACK_ARROWS): {gone:?}");
}

#[test]
fn web_reaches_the_database_only_from_the_files_still_listed() {
    let using: Vec<String> = arrows()
        .into_iter()
        .filter(|(_, (module, targets))| module == "web" && targets.contains("db"))
        .map(|(file, _)| file)
        .collect();
    let listed: Vec<String> = WEB_FILES_USING_DB.iter().map(|f| (*f).to_owned()).collect();
    let new: Vec<&String> = using.iter().filter(|f| !listed.contains(f)).collect();
    let moved: Vec<&String> = listed.iter().filter(|f| !using.contains(f)).collect();
    assert!(new.is_empty(), "web code that queries the database must call a use case of app instead: {new:?}");
    assert!(moved.is_empty(), "no longer using db (delete them from WEB_FILES_USING_DB): {moved:?}");
}

#[test]
fn the_domain_reads_no_files() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    source_files(&root.join("src/domain"), &mut files);
    let mut readers = Vec::new();
    for path in files {
        let text = fs::read_to_string(&path).unwrap();
        let production = text.split("#[cfg(test)]").next().unwrap_or_default();
        if production.contains("std::fs") || production.contains("File::open") {
            readers.push(path.strip_prefix(root).unwrap().to_string_lossy().into_owned());
        }
    }
    assert_eq!(readers, DOMAIN_FILE_READERS, "the domain reads files only where listed (and should nowhere)");
}

/// The arrows between layers as a Mermaid graph, each labelled with how many files draw it.
fn picture() -> String {
    let mut edges: BTreeMap<(String, String), usize> = BTreeMap::new();
    for (module, targets) in arrows().into_values() {
        for target in targets {
            *edges.entry((module.clone(), target)).or_default() += 1;
        }
    }
    let mut text = String::from("```mermaid\nflowchart TD\n");
    for ((from, to), files) in edges {
        let style = if rank(&to) >= rank(&from) { "-. back .->" } else { "-->" };
        text.push_str(&format!("    {from} {style}|{files}| {to}\n"));
    }
    text.push_str("```\n");
    text
}

#[test]
fn the_architecture_picture_is_current() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/architecture.md");
    let doc = fs::read_to_string(&path).unwrap();
    let (begin, end) = ("<!-- layers:begin -->\n", "<!-- layers:end -->");
    let start = doc.find(begin).expect("docs/architecture.md has a <!-- layers:begin --> marker") + begin.len();
    let stop = doc[start..].find(end).expect("and a <!-- layers:end --> marker") + start;
    let fresh = picture();
    if std::env::var_os("AHUAL_WRITE_LAYERS").is_some() {
        fs::write(&path, format!("{}{}{}", &doc[..start], fresh, &doc[stop..])).unwrap();
        return;
    }
    assert_eq!(&doc[start..stop], fresh, "stale: run AHUAL_WRITE_LAYERS=1 cargo test --test integration layers::");
}
