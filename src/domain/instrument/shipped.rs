//! The questionnaires shipped in `surveys/`, compiled in as text for the domain's own tests: the
//! domain reads no files, so its tests are fed the same texts the loader reads at start
//! (`app::catalog_files`, whose test also checks that every file of the folder is among these).

use super::sources::load_sources;
use super::{Instrument, check_source};

/// `(file name, text)` of every file in `surveys/`.
pub(crate) const SHIPPED: [(&str, &str); 4] = [
    ("express-v1.toml", include_str!("../../../surveys/express-v1.toml")),
    ("express-v2.toml", include_str!("../../../surveys/express-v2.toml")),
    ("school-climate-v1.toml", include_str!("../../../surveys/school-climate-v1.toml")),
    ("school-climate-v2.toml", include_str!("../../../surveys/school-climate-v2.toml")),
];

/// Every shipped instrument, checked; a test fails with every problem when one is invalid.
pub(crate) fn shipped_instruments() -> Vec<Instrument> {
    load_sources(SHIPPED).unwrap_or_else(|diagnostics| {
        let lines: Vec<String> = diagnostics.iter().map(ToString::to_string).collect();
        panic!("{}", lines.join("\n"))
    })
}

/// One shipped file, checked on its own.
pub(crate) fn shipped(file: &str) -> Instrument {
    let (name, text) = SHIPPED.iter().find(|(name, _)| *name == file).copied().unwrap_or((file, ""));
    check_source(name, text).unwrap_or_else(|diagnostics| {
        let lines: Vec<String> = diagnostics.iter().map(ToString::to_string).collect();
        panic!("{file}: {}", lines.join("\n"))
    })
}
