//! The benches' command line: every option is `--flag VALUE`; `cargo bench` adds a bare `--bench`.

use anyhow::Context;

/// The `(flag, value)` pairs after the program name, without `cargo bench`'s `--bench`.
pub fn flag_values() -> anyhow::Result<Vec<(String, String)>> {
    let mut pairs = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        if flag == "--bench" {
            continue;
        }
        let value = args.next().with_context(|| format!("{flag} needs a value"))?;
        pairs.push((flag, value));
    }
    Ok(pairs)
}
